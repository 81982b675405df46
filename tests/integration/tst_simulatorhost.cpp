// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "simulatorhost.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bv;
using namespace bv::feedsim;

namespace {

constexpr quint64 kSeed = 20250101;
constexpr quint32 kPersons = 400;
constexpr int kWaitMs = 10000;

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

Reply send(QNetworkAccessManager &network, const QNetworkRequest &request,
           const QByteArray &method = QByteArrayLiteral("GET"), const QByteArray &body = {})
{
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(kWaitMs);
    Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                 reply->readAll(), reply->error()};
    reply->deleteLater();
    return result;
}

} // namespace

// SimulatorHost: the whole simulator on its own thread, as the app's demo runs it.
class tst_SimulatorHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listensOnLoopbackWithSevenFeeds();
    void writesSecretsOwnerOnlyAndTruthFiles();
    void servesAFeedPageWithTheSecret();
    void ticksAndChangesFaults();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();
    void busyPortIsAnIoError();
    void stopClosesThePort();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimulatorHost> m_host;
    QNetworkAccessManager m_network;
};

void tst_SimulatorHost::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);
    SimulatorOptions options;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.persons = kPersons;
    options.seed = kSeed;
    options.secretsOut = m_dir.filePath(QStringLiteral("secrets.json"));
    options.sourceTruthOut = m_dir.filePath(QStringLiteral("source-truth.csv"));
    options.countyTruthOut = m_dir.filePath(QStringLiteral("county-truth.csv"));
    auto host = SimulatorHost::start(options);
    QVERIFY_RESULT(host);
    m_host = std::move(host.value());
}

void tst_SimulatorHost::cleanupTestCase()
{
    m_host.reset();
}

void tst_SimulatorHost::listensOnLoopbackWithSevenFeeds()
{
    QVERIFY(m_host->port() > 0);
    QCOMPARE(m_host->origin().toString(),
             QStringLiteral("http://127.0.0.1:%1").arg(m_host->port()));
    QVERIFY(m_host->adminToken().size() >= 32);
    QStringList feeds = m_host->feedIds();
    feeds.sort();
    QCOMPARE(feeds,
             (QStringList{QStringLiteral("asc"), QStringLiteral("csc"), QStringLiteral("education"),
                          QStringLiteral("fire"), QStringLiteral("health"),
                          QStringLiteral("housing"), QStringLiteral("police")}));
    QCOMPARE(SimulatorHost::clientId(QStringLiteral("fire")), QStringLiteral("broadview-fire"));
    QCOMPARE(m_host->clientSecret(QStringLiteral("fire")).size(), 32);
    QVERIFY(m_host->clientSecret(QStringLiteral("fire"))
            != m_host->clientSecret(QStringLiteral("police")));
}

void tst_SimulatorHost::writesSecretsOwnerOnlyAndTruthFiles()
{
    const QString secretsPath = m_dir.filePath(QStringLiteral("secrets.json"));
    QCOMPARE(QFileInfo(secretsPath).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    const QJsonObject secrets = QJsonDocument::fromJson(test::readFile(secretsPath)).object();
    QCOMPARE(secrets.size(), 7);
    for (const QString &feed : m_host->feedIds()) {
        const QJsonObject entry = secrets.value(feed).toObject();
        QCOMPARE(entry.value(QStringLiteral("client_id")).toString(),
                 SimulatorHost::clientId(feed));
        QCOMPARE(entry.value(QStringLiteral("client_secret")).toString(),
                 m_host->clientSecret(feed));
    }
    const QByteArray county = test::readFile(m_dir.filePath(QStringLiteral("county-truth.csv")));
    QCOMPARE(county.count('\n'), qsizetype(kPersons) + 1);
    const QByteArray source = test::readFile(m_dir.filePath(QStringLiteral("source-truth.csv")));
    QVERIFY(source.startsWith("feed,kind,external_id,person_id"));
    QVERIFY(source.count('\n') > qsizetype(kPersons));
}

void tst_SimulatorHost::servesAFeedPageWithTheSecret()
{
    QNetworkRequest tokenRequest(
        QUrl(m_host->origin().toString() + QStringLiteral("/oauth/token")));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray form = "grant_type=client_credentials&scope=health&client_id=broadview-health"
                            "&client_secret="
                            + m_host->clientSecret(QStringLiteral("health")).toLatin1();
    const Reply token = send(m_network, tokenRequest, "POST", form);
    QCOMPARE(token.status, 200);
    const QByteArray accessToken = QJsonDocument::fromJson(token.body)
                                       .object()
                                       .value(QStringLiteral("access_token"))
                                       .toString()
                                       .toLatin1();
    QNetworkRequest page(
        QUrl(m_host->origin().toString() + QStringLiteral("/health/fhir/Patient?_count=5")));
    page.setRawHeader("Authorization", "Bearer " + accessToken);
    const Reply bundle = send(m_network, page);
    QCOMPARE(bundle.status, 200);
    QCOMPARE(QJsonDocument::fromJson(bundle.body).object().value(QStringLiteral("resourceType")),
             QJsonValue(QStringLiteral("Bundle")));
}

void tst_SimulatorHost::ticksAndChangesFaults()
{
    QVERIFY_RESULT(m_host->tick(2));
    QVERIFY(!m_host->tick(0).ok());

    SimFaults faults;
    faults.transport.errorRate = 1.0;
    QVERIFY_RESULT(m_host->setFaults(faults));
    QNetworkRequest request(QUrl(m_host->origin().toString() + QStringLiteral("/admin/faults")));
    request.setRawHeader("Authorization", "Bearer " + m_host->adminToken().toLatin1());
    const Reply reply = send(m_network, request);
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object(), faults.toJson());

    faults.transport.errorRate = 2.0;
    const auto refused = m_host->setFaults(faults);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Usage);
    QVERIFY_RESULT(m_host->setFaults(SimFaults()));
}

void tst_SimulatorHost::badOptionsAreRefused_data()
{
    QTest::addColumn<quint32>("persons");
    QTest::addColumn<QString>("dataDir");
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<int>("code");

    const QString data = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    QTest::newRow("no persons") << 0u << data << QString() << int(ErrorCode::Usage);
    QTest::newRow("too many persons") << 1000001u << data << QString() << int(ErrorCode::Usage);
    QTest::newRow("no reference data")
        << 10u << m_dir.filePath(QStringLiteral("nowhere")) << QString() << int(ErrorCode::Io);
    QTest::newRow("missing certificate")
        << 10u << data << m_dir.filePath(QStringLiteral("missing.pem")) << int(ErrorCode::Io);
}

void tst_SimulatorHost::badOptionsAreRefused()
{
    QFETCH(quint32, persons);
    QFETCH(QString, dataDir);
    QFETCH(QString, certificate);
    QFETCH(int, code);

    SimulatorOptions options;
    options.persons = persons;
    options.dataDir = dataDir;
    options.tls.certificate = certificate;
    options.tls.privateKey = certificate;
    const auto host = SimulatorHost::start(options);
    QVERIFY(!host.ok());
    QCOMPARE(int(host.error().code), code);
}

void tst_SimulatorHost::busyPortIsAnIoError()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));
    SimulatorOptions options;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.persons = 10;
    options.port = squatter.serverPort();
    const auto host = SimulatorHost::start(options);
    QVERIFY(!host.ok());
    QCOMPARE(host.error().code, ErrorCode::Io);
    QVERIFY(host.error().message.contains(QString::number(squatter.serverPort())));
}

void tst_SimulatorHost::stopClosesThePort()
{
    const quint16 port = m_host->port();
    m_host->stop();
    m_host->stop(); // idempotent
    QVERIFY(!m_host->tick(1).ok());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(2000));
}

BV_TEST_MAIN(tst_SimulatorHost)
#include "tst_simulatorhost.moc"
