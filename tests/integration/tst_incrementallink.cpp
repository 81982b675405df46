// SPDX-License-Identifier: GPL-3.0-or-later
// Linking records as they arrive, under a frozen model, ends where linking them all at once
// does, whatever order the feeds bring them in; and changes and withdrawals from a later sync
// relink only what they touch, keeping person ids and never reusing one.
#include "access/session.h"
#include "cli/demofeeds.h"
#include "common/testsupport.h"
#include "feeds/syncengine.h"
#include "linkage/storedrecords.h"
#include "linkage/storelinker.h"
#include "simulatorhost.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace bv;

namespace {

using Partition = std::set<std::vector<QString>>; // each person as its sorted record ids
using ReviewQueue = std::set<QString>;            // "a|b|reason"

struct LinkedState
{
    Partition partition;
    ReviewQueue review;
    std::map<std::vector<QString>, qint64> idOf; // each person's records -> its id
};

Result<LinkedState> readState(store::Database &db)
{
    LinkedState state;
    auto links
        = db.prepare("SELECT l.person_id, s.code || '/' || sp.external_id FROM person_link l "
                     "JOIN source_person sp ON sp.id = l.source_person_id "
                     "JOIN source s ON s.id = sp.source_id");
    BV_TRY(links);
    std::map<qint64, std::vector<QString>> persons;
    for (;;) {
        auto row = links->step();
        BV_TRY(row);
        if (!row.value())
            break;
        persons[links->int64(0)].push_back(links->text(1));
    }
    for (auto &[id, records] : persons) {
        std::sort(records.begin(), records.end());
        state.partition.insert(records);
        state.idOf[records] = id;
    }
    auto review = db.prepare(
        "SELECT sa.code || '/' || a.external_id, sb.code || '/' || b.external_id, r.reason "
        "FROM link_review r JOIN source_person a ON a.id = r.source_person_a "
        "JOIN source sa ON sa.id = a.source_id JOIN source_person b ON b.id = r.source_person_b "
        "JOIN source sb ON sb.id = b.source_id");
    BV_TRY(review);
    for (;;) {
        auto row = review->step();
        BV_TRY(row);
        if (!row.value())
            break;
        const QString a = review->text(0);
        const QString b = review->text(1);
        state.review.insert(std::min(a, b) + QLatin1Char('|') + std::max(a, b) + QLatin1Char('|')
                            + review->text(2));
    }
    return state;
}

} // namespace

class TestIncrementalLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void arrivalOrderDoesNotMatter_data();
    void arrivalOrderDoesNotMatter();
    void nothingChangedRelinksNothing();
    void changesAndWithdrawalsRelinkWhatTheyTouch();

private:
    struct Store
    {
        std::unique_ptr<test::StoreFixture> fixture;
        std::unique_ptr<access::Session> session;
        store::Database &db() { return session->database(); }
    };
    // A new store holding the feeds' secrets and the reference model, frozen.
    Store newStore();
    Result<linkage::StoreLinkOutcome> link(Store &store, linkage::LinkMode mode);

    QTemporaryDir m_work;
    std::unique_ptr<cli::DemoFeeds> m_feeds;
    linkage::LinkModel m_model;
};

void TestIncrementalLink::initTestCase()
{
    QVERIFY(m_work.isValid());
    cli::DemoFeedOptions options;
    options.persons = 500;
    options.seed = 11;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.workDir = m_work.filePath(QStringLiteral("feeds"));
    auto feeds = cli::DemoFeeds::start(options);
    QVERIFY_RESULT(feeds);
    m_feeds = std::move(feeds.value());

    // The model every store below links under: estimated once, from everything.
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    QVERIFY_RESULT(
        m_feeds->storeSecrets(session.value()->database(), QStringLiteral("2026-01-01")));
    feeds::SyncEngine engine(session.value()->database(),
                             feeds::storeSecretLookup(session.value()->database()),
                             fixture.clock());
    for (const auto &summary : engine.syncAll(m_feeds->feedsFile().feeds))
        QVERIFY2(summary.ok(), qPrintable(summary.feedId));
    linkage::StoreLinkRequest request;
    auto estimated
        = linkage::StoreLinker::link(session.value()->database(), fixture.clock(), request);
    QVERIFY_RESULT(estimated);
    QVERIFY(estimated->estimated);
    auto model = linkage::loadLinkModel(session.value()->database());
    QVERIFY_RESULT(model);
    QVERIFY(model->has_value());
    m_model = std::move(*model.value());
}

void TestIncrementalLink::cleanupTestCase()
{
    m_feeds.reset();
}

TestIncrementalLink::Store TestIncrementalLink::newStore()
{
    Store store;
    store.fixture = std::make_unique<test::StoreFixture>();
    auto session = store.fixture->create();
    if (!session.ok())
        qFatal("cannot create a store");
    store.session = std::move(session.value());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction.ok() || !m_feeds->storeSecrets(store.db(), QStringLiteral("2026-01-01")).ok()
        || !linkage::saveLinkModel(store.db(), m_model, QStringLiteral("2026-01-01"),
                                   QStringLiteral("test"))
                .ok()
        || !transaction->commit().ok())
        qFatal("cannot prepare a store");
    return store;
}

Result<linkage::StoreLinkOutcome> TestIncrementalLink::link(Store &store, linkage::LinkMode mode)
{
    linkage::StoreLinkRequest request;
    request.mode = mode;
    return linkage::StoreLinker::link(store.db(), store.fixture->clock(), request);
}

void TestIncrementalLink::arrivalOrderDoesNotMatter_data()
{
    QTest::addColumn<unsigned>("orderSeed");
    QTest::newRow("order 1") << 1U;
    QTest::newRow("order 2") << 2U;
    QTest::newRow("order 3") << 3U;
}

void TestIncrementalLink::arrivalOrderDoesNotMatter()
{
    QFETCH(unsigned, orderSeed);
    Store store = newStore();
    std::vector<feeds::FeedConfig> order = m_feeds->feedsFile().feeds;
    std::mt19937 random(orderSeed);
    std::shuffle(order.begin(), order.end(), random);
    feeds::SyncEngine engine(store.db(), feeds::storeSecretLookup(store.db()),
                             store.fixture->clock());
    for (const feeds::FeedConfig &feed : order) {
        const feeds::FeedSyncSummary summary = engine.syncFeed(feed);
        QVERIFY2(summary.ok(), qPrintable(feed.id));
        auto linked = link(store, linkage::LinkMode::Incremental);
        QVERIFY_RESULT(linked);
        QVERIFY(!linked->estimated);
    }
    auto incremental = readState(store.db());
    QVERIFY_RESULT(incremental);

    auto full = link(store, linkage::LinkMode::Full);
    QVERIFY_RESULT(full);
    QCOMPARE(full->newPersons, qint64(0));
    auto relinked = readState(store.db());
    QVERIFY_RESULT(relinked);
    QVERIFY(incremental->partition.size() > 100);
    QVERIFY(incremental->partition == relinked->partition);
    QVERIFY(incremental->review == relinked->review);
    // Relinking everything moved no record, so every person kept its id.
    QVERIFY(incremental->idOf == relinked->idOf);
}

void TestIncrementalLink::nothingChangedRelinksNothing()
{
    Store store = newStore();
    feeds::SyncEngine engine(store.db(), feeds::storeSecretLookup(store.db()),
                             store.fixture->clock());
    for (const auto &summary : engine.syncAll(m_feeds->feedsFile().feeds))
        QVERIFY2(summary.ok(), qPrintable(summary.feedId));
    auto first = link(store, linkage::LinkMode::Incremental);
    QVERIFY_RESULT(first);
    QCOMPARE(first->relinked, qint64(first->statistics.records));
    auto again = link(store, linkage::LinkMode::Incremental);
    QVERIFY_RESULT(again);
    QCOMPARE(again->relinked, qint64(0));
    QCOMPARE(again->statistics.comparisons, std::uint64_t(0));
    QCOMPARE(again->persons, first->persons);
}

void TestIncrementalLink::changesAndWithdrawalsRelinkWhatTheyTouch()
{
    Store store = newStore();
    feeds::SyncEngine engine(store.db(), feeds::storeSecretLookup(store.db()),
                             store.fixture->clock());
    for (const auto &summary : engine.syncAll(m_feeds->feedsFile().feeds))
        QVERIFY2(summary.ok(), qPrintable(summary.feedId));
    QVERIFY_RESULT(link(store, linkage::LinkMode::Incremental));
    auto before = readState(store.db());
    QVERIFY_RESULT(before);
    const qint64 maxIdBefore = store.db().queryInt("SELECT max(id) FROM person").value();
    const qint64 rowsBefore = store.db().queryInt("SELECT count(*) FROM person").value();

    // A week of the county: new people, changed details, withdrawn records.
    QVERIFY_RESULT(m_feeds->simulator().tick(7));
    for (const auto &summary : engine.syncAll(m_feeds->feedsFile().feeds))
        QVERIFY2(summary.ok(), qPrintable(summary.feedId));
    auto incremental = link(store, linkage::LinkMode::Incremental);
    QVERIFY_RESULT(incremental);
    QVERIFY(incremental->relinked > 0);
    QVERIFY(incremental->relinked < qint64(incremental->statistics.records) / 2);
    auto after = readState(store.db());
    QVERIFY_RESULT(after);

    // A person whose records are exactly as before keeps its id; new persons take new ids;
    // no person row is ever deleted, so no id can come back for someone else.
    int kept = 0;
    for (const auto &[records, id] : after->idOf) {
        const auto previous = before->idOf.find(records);
        if (previous != before->idOf.end()) {
            QCOMPARE(id, previous->second);
            ++kept;
        }
    }
    QVERIFY(kept > int(before->idOf.size()) * 3 / 4);
    QVERIFY(store.db().queryInt("SELECT count(*) FROM person").value() >= rowsBefore);
    QCOMPARE(
        store.db()
            .queryInt(QStringLiteral("SELECT count(*) FROM person WHERE created_at > '' AND "
                                     "id > %1 AND id NOT IN (SELECT person_id FROM person_link)")
                          .arg(maxIdBefore)
                          .toStdString())
            .value(),
        qint64(0));
    QCOMPARE(store.db()
                 .queryInt("SELECT count(*) FROM person WHERE retired_at IS NULL AND id NOT IN "
                           "(SELECT person_id FROM person_link)")
                 .value(),
             qint64(0));

    auto full = link(store, linkage::LinkMode::Full);
    QVERIFY_RESULT(full);
    auto relinked = readState(store.db());
    QVERIFY_RESULT(relinked);
    QVERIFY(after->partition == relinked->partition);
    QVERIFY(after->review == relinked->review);
}

BV_TEST_MAIN(TestIncrementalLink)
#include "tst_incrementallink.moc"
