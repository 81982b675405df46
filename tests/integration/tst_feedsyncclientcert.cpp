// SPDX-License-Identifier: GPL-3.0-or-later
// Mutual TLS through the sync engine, against the real simulator on loopback: the simulator
// requires a client certificate from the demo's CA, as an agency with mutual TLS would. With
// that certificate (its key a secret in the store) every feed syncs; without one, or with one
// from another authority, the feed stops at once with its error recorded, saying which side
// refused what, and nothing is written.
#include "access/session.h"
#include "cli/demofeeds.h"
#include "common/testsupport.h"
#include "feeds/syncengine.h"
#include "feeds/tlsprobe.h"
#include "loopbackcertificates.h"
#include "simulatorhost.h"
#include "store/database.h"
#include "store/statement.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

using namespace bv;

namespace {

constexpr quint32 kPersons = 200;
constexpr quint64 kSeed = 17;

feeds::RetryPolicy fastRetries()
{
    feeds::RetryPolicy policy;
    policy.maxAttempts = 4;
    policy.base = std::chrono::milliseconds(5);
    policy.cap = std::chrono::milliseconds(20);
    policy.retryAfterCap = std::chrono::milliseconds(20);
    policy.jitterSeed = 3;
    return policy;
}

} // namespace

class tst_FeedSyncClientCert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void syncWithTheClientCertificateCompletes();
    void syncWithoutAnAcceptedCertificateFails_data();
    void syncWithoutAnAcceptedCertificateFails();
    void probeTellsRefusalFromAcceptance_data();
    void probeTellsRefusalFromAcceptance();

private:
    feeds::SyncEngine engine();
    qint64 storeCount(const char *sql);
    void putSecret(const QString &name, const QByteArray &value);

    QTemporaryDir m_work;
    std::unique_ptr<cli::DemoFeeds> m_feeds;
    std::optional<feedsim::LoopbackCertificates> m_stranger; // another CA and its client
    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
};

void tst_FeedSyncClientCert::initTestCase()
{
    QVERIFY(m_work.isValid());
    cli::DemoFeedOptions options;
    options.persons = kPersons;
    options.seed = kSeed;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.workDir = m_work.filePath(QStringLiteral("feeds"));
    options.requireClientCertificate = true;
    auto feeds = cli::DemoFeeds::start(options);
    QVERIFY_RESULT(feeds);
    m_feeds = std::move(feeds.value());
    for (const feeds::FeedConfig &feed : m_feeds->feedsFile().feeds) {
        QVERIFY(!feed.tls.clientCertFile.isEmpty());
        QCOMPARE(feed.tls.clientKeyRef, QStringLiteral("feed.%1.tls_key").arg(feed.id));
    }
    auto stranger
        = feedsim::LoopbackCertificates::create(m_work.filePath(QStringLiteral("stranger")));
    QVERIFY_RESULT(stranger);
    m_stranger = stranger.value();
}

void tst_FeedSyncClientCert::cleanupTestCase()
{
    m_feeds.reset();
}

void tst_FeedSyncClientCert::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    QVERIFY_RESULT(m_feeds->storeSecrets(m_session->database(), QStringLiteral("2026-01-01")));
}

void tst_FeedSyncClientCert::cleanup()
{
    m_session.reset();
    m_fixture.reset();
}

feeds::SyncEngine tst_FeedSyncClientCert::engine()
{
    return feeds::SyncEngine(m_session->database(), feeds::storeSecretLookup(m_session->database()),
                             m_fixture->clock(), fastRetries());
}

qint64 tst_FeedSyncClientCert::storeCount(const char *sql)
{
    auto value = m_session->database().queryInt(sql);
    return value.ok() ? value.value() : -1;
}

void tst_FeedSyncClientCert::putSecret(const QString &name, const QByteArray &value)
{
    auto put = m_session->database().prepare(
        "INSERT OR REPLACE INTO secret(name, value, updated_at) VALUES (?1, ?2, ?3)");
    QVERIFY_RESULT(put);
    put->bind(1, name).bindBlob(2, value).bind(3, QStringLiteral("2026-01-01"));
    QVERIFY_RESULT(put->run());
}

void tst_FeedSyncClientCert::syncWithTheClientCertificateCompletes()
{
    feeds::SyncEngine sync = engine();
    const auto summaries = sync.syncAll(m_feeds->feedsFile().feeds);
    QCOMPARE(summaries.size(), std::size_t(7));
    for (const auto &summary : summaries) {
        QVERIFY2(summary.ok(), qPrintable(summary.feedId + QStringLiteral(": ")
                                          + (summary.error ? summary.error->message : QString())));
        QVERIFY2(summary.written > 0, qPrintable(summary.feedId));
    }
    QVERIFY(storeCount("SELECT count(*) FROM source_person") > 0);
    QCOMPARE(storeCount("SELECT count(*) FROM source WHERE last_error IS NOT NULL"), 0);
}

void tst_FeedSyncClientCert::syncWithoutAnAcceptedCertificateFails_data()
{
    QTest::addColumn<bool>("stranger"); // false: no client certificate at all
    QTest::addColumn<QString>("said");  // what the message must say
    QTest::newRow("no client certificate") << false << QStringLiteral("no client certificate");
    QTest::newRow("certificate of another authority")
        << true << QStringLiteral("did not accept the client certificate");
}

void tst_FeedSyncClientCert::syncWithoutAnAcceptedCertificateFails()
{
    QFETCH(bool, stranger);
    QFETCH(QString, said);
    feeds::FeedConfig feed = m_feeds->feedsFile().feeds.front();
    if (stranger) {
        QFile key(m_stranger->clientKey);
        QVERIFY(key.open(QIODevice::ReadOnly));
        feed.tls.clientCertFile = m_stranger->clientCertificate;
        feed.tls.clientKeyRef = QStringLiteral("feed.%1.stranger_tls_key").arg(feed.id);
        putSecret(feed.tls.clientKeyRef, key.readAll());
    } else {
        feed.tls.clientCertFile.clear();
        feed.tls.clientKeyRef.clear();
    }
    feeds::SyncEngine sync = engine();
    const feeds::FeedSyncSummary summary = sync.syncFeed(feed);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error->code, ErrorCode::TlsRefused);
    const QString message = summary.error->message;
    QVERIFY2(message.contains(said), qPrintable(message));
    QVERIFY2(message.contains(feed.id), qPrintable(message));
    if (stranger) // which certificate was sent: its file, never its key
        QVERIFY2(message.contains(feed.tls.clientCertFile), qPrintable(message));
    // A refused certificate is not retried: another attempt would meet the same refusal.
    QCOMPARE(summary.retries, 0);
    QCOMPARE(summary.pages, 0);
    QCOMPARE(summary.written, 0);
    QCOMPARE(storeCount("SELECT count(*) FROM source_person"), 0);
    QCOMPARE(storeCount("SELECT count(*) FROM event"), 0);

    // The feed's error is recorded where the app shows it, and holds no key material.
    auto select = m_session->database().prepare("SELECT last_error FROM source WHERE code = ?1");
    QVERIFY_RESULT(select);
    select->bind(1, feed.id);
    auto row = select->step();
    QVERIFY_RESULT(row);
    QVERIFY(row.value());
    QCOMPARE(select->text(0), message);
    QVERIFY(!message.contains(QLatin1String("PRIVATE KEY")));
}

void tst_FeedSyncClientCert::probeTellsRefusalFromAcceptance_data()
{
    QTest::addColumn<QString>("certificate"); // "ours", "none" or "stranger"
    QTest::addColumn<bool>("refused");
    QTest::newRow("the demo CA's client certificate") << QStringLiteral("ours") << false;
    QTest::newRow("no client certificate") << QStringLiteral("none") << true;
    QTest::newRow("another CA's client certificate") << QStringLiteral("stranger") << true;
}

// The probe the feed client runs after a connection ends with no HTTP answer: it hears a
// refusal, and a server that accepts ends the wait (with its session ticket, or a second
// after the handshake at most), well before the probe's limit.
void tst_FeedSyncClientCert::probeTellsRefusalFromAcceptance()
{
    QFETCH(QString, certificate);
    QFETCH(bool, refused);
    const feeds::FeedConfig &feed = m_feeds->feedsFile().feeds.front();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(feed.tls.caFile));
    if (certificate != QLatin1String("none")) {
        const bool ours = certificate == QLatin1String("ours");
        const QString certificateFile
            = ours ? feed.tls.clientCertFile : m_stranger->clientCertificate;
        QFile key(
            ours ? QFileInfo(feed.tls.clientCertFile).dir().filePath(QStringLiteral("client.key"))
                 : m_stranger->clientKey);
        QVERIFY(key.open(QIODevice::ReadOnly));
        const auto certificates = QSslCertificate::fromPath(certificateFile);
        QCOMPARE(certificates.size(), 1);
        tls.setLocalCertificate(certificates.first());
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    }
    QElapsedTimer timer;
    timer.start();
    const auto refusal
        = feeds::probeTlsRefusal(feed.baseUrl, tls, std::chrono::milliseconds(20000));
    QCOMPARE(refusal.has_value(), refused);
    if (refusal)
        QCOMPARE(refusal->kind, feeds::TlsRefusal::Kind::ClosedAfterHandshake);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

BV_TEST_MAIN(tst_FeedSyncClientCert)
#include "tst_feedsyncclientcert.moc"
