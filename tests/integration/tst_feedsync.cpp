// SPDX-License-Identifier: GPL-3.0-or-later
// End to end against the real simulator on loopback, over TLS, as the demo runs it: a full
// sync ends with exactly what the agencies hold; after simulated days pass an incremental
// sync brings exactly the changes; faults of the feeds lose and duplicate nothing; a
// certificate from the wrong authority is refused.
#include "access/session.h"
#include "cli/demofeeds.h"
#include "common/testsupport.h"
#include "feeds/syncengine.h"
#include "loopbackcertificates.h"
#include "simulatorhost.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storeinspector.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace bv;

namespace {

constexpr quint32 kPersons = 400;
constexpr quint64 kSeed = 11;

feeds::RetryPolicy fastRetries()
{
    feeds::RetryPolicy policy;
    policy.maxAttempts = 12;
    policy.base = std::chrono::milliseconds(5);
    policy.cap = std::chrono::milliseconds(40);
    policy.retryAfterCap = std::chrono::milliseconds(40);
    policy.jitterSeed = 5;
    return policy;
}

// Counts per kind of record, keyed "feed/kind".
using Counts = QMap<QString, qint64>;

const QStringList &countedKinds()
{
    static const QStringList kinds{QStringLiteral("person"), QStringLiteral("event"),
                                   QStringLiteral("flag")};
    return kinds;
}

} // namespace

class TestFeedSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void fullSyncMatchesTheAgencies();
    void incrementalSyncBringsExactlyTheChanges();
    void faultsLoseAndDuplicateNothing_data();
    void faultsLoseAndDuplicateNothing();
    void malformedRecordsAreQuarantinedAndTheRestKept();
    void certificateOfAnotherAuthorityIsRefused();

private:
    Counts simulatorCounts();
    Counts storeCounts();
    std::vector<feeds::FeedSyncSummary> syncAll();
    void setFaults(const QJsonObject &faults);
    qint64 storeCount(const char *sql);

    QTemporaryDir m_work;
    std::unique_ptr<cli::DemoFeeds> m_feeds;
    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
};

void TestFeedSync::initTestCase()
{
    QVERIFY(m_work.isValid());
    cli::DemoFeedOptions options;
    options.persons = kPersons;
    options.seed = kSeed;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.workDir = m_work.filePath(QStringLiteral("feeds"));
    auto feeds = cli::DemoFeeds::start(options);
    QVERIFY_RESULT(feeds);
    m_feeds = std::move(feeds.value());
}

void TestFeedSync::cleanupTestCase()
{
    m_feeds.reset();
}

void TestFeedSync::init()
{
    // Every case starts with the county as it was generated and no faults.
    QVERIFY_RESULT(m_feeds->simulator().setFaults({}));
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    QVERIFY_RESULT(m_feeds->storeSecrets(m_session->database(), QStringLiteral("2026-01-01")));
}

void TestFeedSync::cleanup()
{
    m_session.reset();
    m_fixture.reset();
}

std::vector<feeds::FeedSyncSummary> TestFeedSync::syncAll()
{
    feeds::SyncEngine engine(m_session->database(), feeds::storeSecretLookup(m_session->database()),
                             m_fixture->clock(), fastRetries());
    return engine.syncAll(m_feeds->feedsFile().feeds);
}

Counts TestFeedSync::simulatorCounts()
{
    QNetworkAccessManager network;
    QNetworkRequest request(
        m_feeds->simulator().origin().resolved(QUrl(QStringLiteral("/admin/stats"))));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_feeds->feedsFile().feeds.front().tls.caFile));
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + m_feeds->simulator().adminToken().toUtf8());
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QEventLoop loop;
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError)
        qFatal("GET /admin/stats failed: %s", qPrintable(reply->errorString()));
    const QJsonObject feeds = QJsonDocument::fromJson(reply->readAll())
                                  .object()
                                  .value(QLatin1String("feeds"))
                                  .toObject();
    Counts counts;
    for (auto feed = feeds.begin(); feed != feeds.end(); ++feed) {
        const QJsonObject kinds = feed.value().toObject();
        for (const QString &kind : countedKinds()) {
            if (kinds.contains(kind))
                counts.insert(
                    feed.key() + QLatin1Char('/') + kind,
                    kinds.value(kind).toObject().value(QLatin1String("current")).toInteger());
        }
    }
    return counts;
}

Counts TestFeedSync::storeCounts()
{
    Counts counts;
    const std::pair<QString, const char *> queries[] = {
        {QStringLiteral("person"),
         "SELECT s.code, count(sp.id) FROM source s LEFT JOIN source_person sp "
         "ON sp.source_id = s.id GROUP BY s.code"},
        {QStringLiteral("event"),
         "SELECT s.code, count(e.id) FROM source s LEFT JOIN event e ON e.source_id = s.id "
         "GROUP BY s.code"},
        {QStringLiteral("flag"),
         "SELECT s.code, count(f.id) FROM source s LEFT JOIN flag f ON f.source_id = s.id "
         "GROUP BY s.code"},
    };
    for (const auto &[kind, sql] : queries) {
        auto select = m_session->database().prepare(sql);
        if (!select.ok())
            qFatal("%s", qPrintable(select.error().message));
        while (select->step().value())
            counts.insert(select->text(0) + QLatin1Char('/') + kind, select->int64(1));
    }
    return counts;
}

qint64 TestFeedSync::storeCount(const char *sql)
{
    auto value = m_session->database().queryInt(sql);
    return value.ok() ? value.value() : -1;
}

void TestFeedSync::setFaults(const QJsonObject &faults)
{
    auto updated = feedsim::SimFaults{}.updated(faults);
    QVERIFY_RESULT(updated);
    QVERIFY_RESULT(m_feeds->simulator().setFaults(updated.value()));
}

namespace {

// The simulator's counts restricted to what the store holds kinds of; a kind the simulator
// does not list for a feed must be empty in the store.
void compareCounts(const Counts &simulator, const Counts &store)
{
    for (auto it = store.begin(); it != store.end(); ++it) {
        const qint64 expected = simulator.value(it.key(), 0);
        if (it.value() != expected)
            QFAIL(qPrintable(QStringLiteral("%1: the store holds %2, the agency %3")
                                 .arg(it.key())
                                 .arg(it.value())
                                 .arg(expected)));
    }
    for (auto it = simulator.begin(); it != simulator.end(); ++it)
        QVERIFY2(store.contains(it.key()),
                 qPrintable(it.key() + QStringLiteral(" was never synced")));
}

void verifyAllCompleted(const std::vector<feeds::FeedSyncSummary> &summaries)
{
    QCOMPARE(summaries.size(), std::size_t(7));
    for (const auto &summary : summaries)
        QVERIFY2(summary.ok(), qPrintable(summary.feedId + QStringLiteral(": ")
                                          + (summary.error ? summary.error->message : QString())));
}

} // namespace

void TestFeedSync::fullSyncMatchesTheAgencies()
{
    const auto summaries = syncAll();
    verifyAllCompleted(summaries);
    compareCounts(simulatorCounts(), storeCounts());
    QCOMPARE(storeCount("SELECT count(*) FROM quarantine"), 0);
    QCOMPARE(storeCount("SELECT count(*) FROM source_person WHERE updated_at IS NULL"), 0);
    auto integrity = store::StoreInspector::checkIntegrity(m_session->database());
    QVERIFY_RESULT(integrity);
    QVERIFY2(integrity->problems.isEmpty(), qPrintable(integrity->problems.join(QLatin1Char(';'))));

    // Nothing new: a second sync writes nothing and leaves the content as it was.
    const QByteArray hash = store::StoreInspector::contentHash(m_session->database()).value();
    const auto again = syncAll();
    verifyAllCompleted(again);
    for (const auto &summary : again)
        QCOMPARE(summary.written, 0);
    QCOMPARE(store::StoreInspector::contentHash(m_session->database()).value(), hash);
}

void TestFeedSync::incrementalSyncBringsExactlyTheChanges()
{
    const auto full = syncAll();
    verifyAllCompleted(full);
    qsizetype readInFull = 0;
    for (const auto &summary : full)
        readInFull += summary.records;
    QVERIFY_RESULT(m_feeds->simulator().tick(3));
    const auto incremental = syncAll();
    verifyAllCompleted(incremental);
    compareCounts(simulatorCounts(), storeCounts());
    // Changed and withdrawn events took their full-text entries with them.
    auto integrity = store::StoreInspector::checkIntegrity(m_session->database());
    QVERIFY_RESULT(integrity);
    QVERIFY2(integrity->problems.isEmpty(), qPrintable(integrity->problems.join(QLatin1Char(';'))));
    qsizetype changed = 0;
    qsizetype read = 0;
    for (const auto &summary : incremental) {
        changed += summary.written + summary.removed;
        read += summary.records;
    }
    QVERIFY(changed > 0);
    // Incremental: only what changed, and the records that share the high-water second.
    QVERIFY2(read < readInFull,
             qPrintable(QStringLiteral("read %1 of %2 records").arg(read).arg(readInFull)));

    // The same store synced from nothing to the same simulated day ends identical.
    const QByteArray incrementalHash
        = store::StoreInspector::contentHash(m_session->database()).value();
    cleanup();
    init();
    verifyAllCompleted(syncAll());
    QCOMPARE(store::StoreInspector::contentHash(m_session->database()).value(), incrementalHash);
}

void TestFeedSync::faultsLoseAndDuplicateNothing_data()
{
    QTest::addColumn<QJsonObject>("faults");
    QTest::newRow("5xx answers") << QJsonObject{{QStringLiteral("error_rate"), 0.2}};
    QTest::newRow("connections dropped mid-body")
        << QJsonObject{{QStringLiteral("drop_rate"), 0.2}};
    QTest::newRow("repeated pages") << QJsonObject{{QStringLiteral("repeat_rate"), 0.3}};
    QTest::newRow("slow responses") << QJsonObject{{QStringLiteral("slow_ms"), 20}};
    QTest::newRow("all at once") << QJsonObject{{QStringLiteral("error_rate"), 0.1},
                                                {QStringLiteral("drop_rate"), 0.1},
                                                {QStringLiteral("repeat_rate"), 0.2},
                                                {QStringLiteral("slow_ms"), 5}};
}

void TestFeedSync::faultsLoseAndDuplicateNothing()
{
    QFETCH(QJsonObject, faults);
    setFaults(faults);
    const auto summaries = syncAll();
    verifyAllCompleted(summaries);
    compareCounts(simulatorCounts(), storeCounts());
    QCOMPARE(storeCount("SELECT count(*) FROM quarantine"), 0);
    int retries = 0;
    qsizetype unchanged = 0;
    for (const auto &summary : summaries) {
        retries += summary.retries;
        unchanged += summary.unchanged;
    }
    if (faults.contains(QLatin1String("error_rate")) || faults.contains(QLatin1String("drop_rate")))
        QVERIFY2(retries > 0, "the faults were never met");
    if (faults.contains(QLatin1String("repeat_rate")))
        QVERIFY2(unchanged > 0, "no page was repeated");
}

void TestFeedSync::malformedRecordsAreQuarantinedAndTheRestKept()
{
    setFaults({{QStringLiteral("malformed_rate"), 0.03}});
    verifyAllCompleted(syncAll());
    const qint64 quarantined = storeCount("SELECT count(*) FROM quarantine");
    QVERIFY(quarantined > 0);
    // Every record is either stored or quarantined: the stored ones fall short of the
    // agencies' counts by at most what was quarantined, and not by nothing.
    const Counts simulator = simulatorCounts();
    const Counts store = storeCounts();
    qint64 missing = 0;
    for (auto it = simulator.begin(); it != simulator.end(); ++it) {
        QVERIFY2(store.value(it.key()) <= it.value(), qPrintable(it.key()));
        missing += it.value() - store.value(it.key());
    }
    QVERIFY(missing > 0);
    QVERIFY2(
        missing <= quarantined * 20,
        qPrintable(QStringLiteral("%1 missing, %2 quarantined").arg(missing).arg(quarantined)));
    auto select = m_session->database().prepare("SELECT count(*) FROM quarantine WHERE reason = '' "
                                                "OR location = '' OR length(payload) = 0");
    QVERIFY_RESULT(select);
    QVERIFY(select->step().value());
    QCOMPARE(select->int64(0), 0);
}

void TestFeedSync::certificateOfAnotherAuthorityIsRefused()
{
    auto stranger = feedsim::LoopbackCertificates::create(m_work.filePath(QStringLiteral("other")));
    QVERIFY_RESULT(stranger);
    feeds::FeedConfig feed = m_feeds->feedsFile().feeds.front();
    feed.tls.caFile = stranger->caCertificate;
    feeds::SyncEngine engine(m_session->database(), feeds::storeSecretLookup(m_session->database()),
                             m_fixture->clock(), fastRetries());
    const feeds::FeedSyncSummary summary = engine.syncFeed(feed);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error->code, ErrorCode::TlsRefused);
    QVERIFY2(summary.error->message.contains(QLatin1String("certificate")),
             qPrintable(summary.error->message));
    QCOMPARE(summary.pages, 0);
    QCOMPARE(storeCount("SELECT count(*) FROM source_person"), 0);
}

BV_TEST_MAIN(TestFeedSync)
#include "tst_feedsync.moc"
