// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The broadview-feedsim executable: its one start-up line, its files, its exit codes.
class tst_FeedsimCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesUntilSigterm();
    void usageErrorsExitWithTwo_data();
    void usageErrorsExitWithTwo();
    void missingDataExitsWithOne();
};

namespace {

constexpr int kWaitMs = 20000;

QString binary()
{
    return QStringLiteral(BROADVIEW_FEEDSIM_BINARY);
}

} // namespace

void tst_FeedsimCli::servesUntilSigterm()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString secrets = dir.filePath(QStringLiteral("secrets.json"));
    QProcess feedsim;
    feedsim.setProcessChannelMode(QProcess::SeparateChannels);
    feedsim.start(binary(),
                  {QStringLiteral("--persons"), QStringLiteral("300"), QStringLiteral("--seed"),
                   QStringLiteral("9"), QStringLiteral("--secrets-out"), secrets,
                   QStringLiteral("--slow-ms"), QStringLiteral("1")});
    QVERIFY(feedsim.waitForStarted(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(feedsim.canReadLine() || feedsim.state() == QProcess::NotRunning,
                             kWaitMs);
    const QString line = QString::fromUtf8(feedsim.readLine()).trimmed();
    const QRegularExpression format(
        QStringLiteral("^broadview-feedsim listening on (http://127\\.0\\.0\\.1:\\d+) admin-token "
                       "([A-Za-z0-9_-]{32,})$"));
    const QRegularExpressionMatch match = format.match(line);
    QVERIFY2(match.hasMatch(),
             qPrintable(line + QString::fromUtf8(feedsim.readAllStandardError())));
    QCOMPARE(QFileInfo(secrets).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(QJsonDocument::fromJson(bv::test::readFile(secrets)).object().size(), 7);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(match.captured(1) + QStringLiteral("/admin/stats")));
    request.setRawHeader("Authorization", "Bearer " + match.captured(2).toLatin1());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(QJsonDocument::fromJson(reply->readAll()).isObject());
    delete reply;

    feedsim.terminate(); // SIGTERM
    QVERIFY(feedsim.waitForFinished(kWaitMs));
    QCOMPARE(feedsim.exitStatus(), QProcess::NormalExit);
    QCOMPARE(feedsim.exitCode(), 0);
    QVERIFY(feedsim.readAllStandardOutput().isEmpty()); // exactly one line
}

void tst_FeedsimCli::usageErrorsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
    QTest::newRow("zero persons") << QStringList{QStringLiteral("--persons"), QStringLiteral("0")};
    QTest::newRow("too many persons")
        << QStringList{QStringLiteral("--persons"), QStringLiteral("1000001")};
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
    QTest::newRow("rate above one")
        << QStringList{QStringLiteral("--error-rate"), QStringLiteral("1.5")};
    QTest::newRow("--tls without a key")
        << QStringList{QStringLiteral("--tls"), QStringLiteral("c.pem")};
    QTest::newRow("--client-ca without --tls")
        << QStringList{QStringLiteral("--client-ca"), QStringLiteral("ca.pem")};
    QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")};
}

void tst_FeedsimCli::usageErrorsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QProcess feedsim;
    feedsim.start(binary(), arguments);
    QVERIFY(feedsim.waitForFinished(kWaitMs));
    QCOMPARE(feedsim.exitCode(), 2);
    QVERIFY(feedsim.readAllStandardOutput().isEmpty());
    QVERIFY(!feedsim.readAllStandardError().isEmpty());
}

void tst_FeedsimCli::missingDataExitsWithOne()
{
    QTemporaryDir dir;
    QProcess feedsim;
    feedsim.start(binary(), {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("none"))});
    QVERIFY(feedsim.waitForFinished(kWaitMs));
    QCOMPARE(feedsim.exitCode(), 1);
    QVERIFY(feedsim.readAllStandardOutput().isEmpty());
}

BV_TEST_MAIN(tst_FeedsimCli)
#include "tst_feedsimcli.moc"
