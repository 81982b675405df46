// SPDX-License-Identifier: GPL-3.0-or-later
// `broadview sync`, `quarantine` and `secret` as a user runs them, against the simulator on
// loopback over TLS.
#include "cli/demofeeds.h"
#include "cli/exitcodes.h"
#include "clitestsupport.h"
#include "simulatorhost.h"

#include <QJsonArray>
#include <QTest>

using namespace bv;
using namespace bv::test;

class tst_CliSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void syncReportsEveryFeed();
    void missingSecretIsNamed();
    void unknownFeedIsAUsageError();
    void brokenFeedsFileIsNamed();
    void quarantineListsRejectedInputWithReasons();

private:
    void storeSecrets();
    CliRun sync(const QStringList &extra = {});

    QTemporaryDir m_work;
    std::unique_ptr<cli::DemoFeeds> m_feeds;
    std::unique_ptr<CliWorkspace> m_workspace;
};

void tst_CliSync::initTestCase()
{
    cli::DemoFeedOptions options;
    options.persons = 200;
    options.seed = 3;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.workDir = m_work.filePath(QStringLiteral("feeds"));
    auto feeds = cli::DemoFeeds::start(options);
    QVERIFY_RESULT(feeds);
    m_feeds = std::move(feeds.value());
}

void tst_CliSync::cleanupTestCase()
{
    m_feeds.reset();
}

void tst_CliSync::init()
{
    QVERIFY_RESULT(m_feeds->simulator().setFaults({}));
    m_workspace = std::make_unique<CliWorkspace>();
    QVERIFY(!m_workspace->initStore().isEmpty());
}

void tst_CliSync::cleanup()
{
    m_workspace.reset();
}

void tst_CliSync::storeSecrets()
{
    for (const auto &feed : m_feeds->feedsFile().feeds) {
        const QString file
            = m_workspace->input(QStringLiteral("secret-") + feed.id,
                                 m_feeds->simulator().clientSecret(feed.id).toUtf8() + '\n');
        const CliRun run = runCli(m_workspace->withPassphrase(
            words("secret set --store")
                << m_workspace->store() << QStringLiteral("--name") << feed.auth.secretRef
                << QStringLiteral("--value-file") << file,
            kCliPassphrase));
        QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
    }
}

CliRun tst_CliSync::sync(const QStringList &extra)
{
    return runCli(m_workspace->withPassphrase(
        words("sync --store") << m_workspace->store() << QStringLiteral("--feeds")
                              << m_feeds->feedsFile().path << extra,
        kCliPassphrase));
}

void tst_CliSync::syncReportsEveryFeed()
{
    storeSecrets();
    const CliRun run = sync({QStringLiteral("--json")});
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err + run.out));
    const QJsonArray feeds = parseJson(run.out).value(QLatin1String("feeds")).toArray();
    QCOMPARE(feeds.size(), 7);
    for (const auto &value : feeds) {
        const QJsonObject feed = value.toObject();
        QVERIFY2(feed.value(QLatin1String("ok")).toBool(), qPrintable(run.out));
        QVERIFY(feed.value(QLatin1String("written")).toInteger() > 0);
    }

    const CliRun check = runCli(m_workspace->withPassphrase(
        words("check --json --store") << m_workspace->store(), kCliPassphrase));
    QCOMPARE(check.code, int(cli::ExitOk));
    const QJsonArray sources = parseJson(check.out).value(QLatin1String("sources")).toArray();
    QCOMPARE(sources.size(), 7);
    for (const auto &value : sources) {
        const QJsonObject source = value.toObject();
        QVERIFY(source.value(QLatin1String("persons")).toInteger() > 0);
        QVERIFY(!source.value(QLatin1String("last_sync_at")).toString().isEmpty());
        QVERIFY(!source.contains(QLatin1String("last_error")));
    }

    // A text summary names each feed once.
    const CliRun text = sync();
    QCOMPARE(text.code, int(cli::ExitOk));
    for (const auto &feed : m_feeds->feedsFile().feeds)
        QVERIFY2(text.out.contains(feed.id + QStringLiteral(": pages")), qPrintable(text.out));
}

void tst_CliSync::missingSecretIsNamed()
{
    const CliRun run = sync({QStringLiteral("--feed"), QStringLiteral("health")});
    QCOMPARE(run.code, int(cli::ExitFeedConfig));
    QVERIFY2(run.out.contains(QLatin1String("feed.health.client_secret")), qPrintable(run.out));
}

void tst_CliSync::unknownFeedIsAUsageError()
{
    const CliRun run = sync({QStringLiteral("--feed"), QStringLiteral("nosuch")});
    QCOMPARE(run.code, int(cli::ExitUsage));
    QVERIFY2(run.err.contains(QLatin1String("nosuch")), qPrintable(run.err));
}

void tst_CliSync::brokenFeedsFileIsNamed()
{
    const QString broken = m_workspace->input(QStringLiteral("feeds.json"),
                                              QByteArrayLiteral("{\"feeds\": [{\"id\": 7}]}"));
    const CliRun run = runCli(m_workspace->withPassphrase(
        words("sync --store") << m_workspace->store() << QStringLiteral("--feeds") << broken,
        kCliPassphrase));
    QCOMPARE(run.code, int(cli::ExitFeedConfig));
    QVERIFY2(run.err.contains(QLatin1String("feeds.json")), qPrintable(run.err));
}

void tst_CliSync::quarantineListsRejectedInputWithReasons()
{
    storeSecrets();
    auto faults = feedsim::SimFaults{}.updated({{QStringLiteral("malformed_rate"), 0.05}});
    QVERIFY_RESULT(faults);
    QVERIFY_RESULT(m_feeds->simulator().setFaults(faults.value()));
    QCOMPARE(sync().code, int(cli::ExitOk));

    const CliRun list = runCli(m_workspace->withPassphrase(
        words("quarantine --json --store") << m_workspace->store(), kCliPassphrase));
    QCOMPARE(list.code, int(cli::ExitOk));
    const QJsonArray entries = parseJson(list.out).value(QLatin1String("entries")).toArray();
    QVERIFY(!entries.isEmpty());
    for (const auto &value : entries) {
        const QJsonObject entry = value.toObject();
        QVERIFY(!entry.value(QLatin1String("reason")).toString().isEmpty());
        QVERIFY(!entry.value(QLatin1String("location")).toString().isEmpty());
        QVERIFY(!entry.value(QLatin1String("feed")).toString().isEmpty());
    }
    const QString first
        = QString::number(entries.first().toObject().value(QLatin1String("id")).toInteger());
    const CliRun payload = runCli(m_workspace->withPassphrase(
        words("quarantine --store") << m_workspace->store() << QStringLiteral("--payload") << first,
        kCliPassphrase));
    QCOMPARE(payload.code, int(cli::ExitOk));
    QVERIFY(!payload.out.trimmed().isEmpty());

    const CliRun missing = runCli(m_workspace->withPassphrase(
        words("quarantine --store")
            << m_workspace->store() << QStringLiteral("--payload") << QStringLiteral("999999"),
        kCliPassphrase));
    QCOMPARE(missing.code, int(cli::ExitFailure));
    QVERIFY2(missing.err.contains(QLatin1String("999999")), qPrintable(missing.err));
}

BV_TEST_MAIN(tst_CliSync)
#include "tst_clisync.moc"
