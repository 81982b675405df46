// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/guitestmain.h"
#include "common/syncedcounty.h"
#include "feeds/feedconfig.h"
#include "models/feedstatusmodel.h"
#include "models/synccontroller.h"
#include "search/personsearch.h"
#include "store/database.h"
#include "ui/sourcespanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;
using State = models::FeedStatusModel::State;

Q_DECLARE_METATYPE(bv::models::Connectivity::State)

// The sources panel against the real feed simulator on loopback, with its own sync thread.
class tst_SourcesPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void connectivityFromTheStore_data();
    void connectivityFromTheStore();
    void syncNowBringsEveryFeedInAndLinks();
    void cancelStopsTheFeedsAndLinksWhatCameIn();
    void unreachableFeedsSayOffline();
    void aFailingServerIsNotUnreachable();
    void aWrongFeedsFileChangesNothing();
    void lockStopsTheSync();
    void lockInTheMiddleOfAFeed();

private:
    // Sync and wait for the outcome.
    sync::RefreshOutcome syncAndWait();
    QList<State> states() const;
    qint64 count(const char *sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::SyncedCounty> m_county;
    std::unique_ptr<ui::SourcesPanel> m_panel;
};

void tst_SourcesPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto county = test::SyncedCounty::start(200, 5, m_dir->path(), false);
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    m_panel = std::make_unique<ui::SourcesPanel>(m_county->clock());
    // Retries in milliseconds, so an unreachable feed fails at once.
    feeds::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.base = std::chrono::milliseconds(1);
    fast.cap = std::chrono::milliseconds(5);
    m_panel->controller()->setRetryPolicy(fast);
    m_panel->setSession(&m_county->session(), m_county->feedsFile());
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void tst_SourcesPanel::cleanup()
{
    m_panel.reset();
    m_county.reset();
    m_dir.reset();
}

sync::RefreshOutcome tst_SourcesPanel::syncAndWait()
{
    QSignalSpy finished(m_panel.get(), &ui::SourcesPanel::syncFinished);
    m_panel->syncButton()->click();
    if (!finished.wait(60000))
        return {};
    return finished.takeFirst().at(0).value<sync::RefreshOutcome>();
}

QList<State> tst_SourcesPanel::states() const
{
    QList<State> list;
    const QAbstractItemModel *model = m_panel->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        list << State(model->index(row, 0).data(models::FeedStatusModel::StateRole).toInt());
    return list;
}

qint64 tst_SourcesPanel::count(const char *sql)
{
    auto rows = m_county->db().queryInt(sql);
    return rows.ok() ? rows.value() : -1;
}

void tst_SourcesPanel::connectivityFromTheStore_data()
{
    QTest::addColumn<QStringList>("synced"); // each feed's last sync, "" for none
    QTest::addColumn<QStringList>("errors"); // each feed's last error, "" for none
    QTest::addColumn<models::Connectivity::State>("state");
    QTest::addColumn<QString>("since");

    const QString early = QStringLiteral("2026-11-20T09:00:00.000Z");
    const QString late = QStringLiteral("2026-11-21T09:00:00.000Z");
    using S = models::Connectivity::State;
    QTest::newRow("nothing tried")
        << QStringList{{}, {}} << QStringList{{}, {}} << S::NotSynced << QString();
    QTest::newRow("all synced: as of the oldest")
        << QStringList{early, late} << QStringList{{}, {}} << S::Online << early;
    QTest::newRow("one failing") << QStringList{early, late}
                                 << QStringList{QStringLiteral("refused"), {}} << S::Partial
                                 << early;
    QTest::newRow("all failing: offline since the newest")
        << QStringList{early, late}
        << QStringList{QStringLiteral("refused"), QStringLiteral("refused")} << S::Offline << late;
    QTest::newRow("a feed no longer in use is left out")
        << QStringList{early, late, early} << QStringList{{}, {}, QStringLiteral("refused")}
        << S::Online << early;
    QTest::newRow("never reached")
        << QStringList{{}, {}} << QStringList{QStringLiteral("refused"), QStringLiteral("refused")}
        << S::Offline << QString();
}

void tst_SourcesPanel::connectivityFromTheStore()
{
    QFETCH(QStringList, synced);
    QFETCH(QStringList, errors);
    QFETCH(models::Connectivity::State, state);
    QFETCH(QString, since);
    QList<store::SourceCount> sources;
    for (int i = 0; i < synced.size(); ++i) {
        store::SourceCount source;
        source.code = QStringLiteral("feed%1").arg(i);
        source.lastSyncAt = synced.at(i);
        source.lastError = errors.at(i);
        sources << source;
    }
    // Feeds in use: the first two (a third, when there is one, was taken out of the file).
    const QStringList inUse{QStringLiteral("feed0"), QStringLiteral("feed1")};
    const auto connectivity = models::Connectivity::of(sources, &inUse);
    QCOMPARE(connectivity.state, state);
    QCOMPARE(connectivity.since,
             since.isEmpty() ? QDateTime() : QDateTime::fromString(since, Qt::ISODateWithMs));
}

void tst_SourcesPanel::syncNowBringsEveryFeedInAndLinks()
{
    QAbstractItemModelTester tester(m_panel->view()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(states(), QList<State>(7, State::NotSynced));
    QCOMPARE(m_panel->connectivity().state, models::Connectivity::State::NotSynced);
    QVERIFY(m_panel->syncButton()->isEnabled());
    QVERIFY(!m_panel->cancelButton()->isEnabled());

    QSignalSpy progress(m_panel->controller(), &models::SyncController::progressed);
    const auto outcome = syncAndWait();
    QCOMPARE(outcome.feeds.size(), std::size_t(7));
    QCOMPARE(outcome.failedFeeds(), 0);
    QVERIFY(outcome.changed() > 0);
    QVERIFY(outcome.link.has_value());
    QVERIFY(outcome.link->persons > 0);
    QVERIFY(!progress.isEmpty());

    QCOMPARE(states(), QList<State>(7, State::UpToDate));
    QCOMPARE(m_panel->connectivity().state, models::Connectivity::State::Online);
    QVERIFY(m_panel->syncButton()->isEnabled());
    QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("Synced")));
    // What came in is in the store, linked and findable, and the sync and the link are audited.
    QVERIFY(count("SELECT count(*) FROM source_person") > 200);
    QCOMPARE(count("SELECT count(*) FROM person"), outcome.link->persons);
    QCOMPARE(count("SELECT count(*) FROM audit WHERE action = 'feeds.sync'"), 1);
    QCOMPARE(count("SELECT count(*) FROM audit WHERE action IN ('persons.link', "
                   "'persons.link_estimate')"),
             1);
    auto found = search::PersonSearch(m_county->db())
                     .search(m_county->session().context(),
                             search::SearchQuery::parse(QStringLiteral("a")), QDate(2026, 11, 25));
    QVERIFY_RESULT(found);

    // A second sync finds nothing new.
    const auto again = syncAndWait();
    QCOMPARE(again.changed(), 0);
    QCOMPARE(count("SELECT count(*) FROM audit WHERE action = 'feeds.sync'"), 2);
}

void tst_SourcesPanel::cancelStopsTheFeedsAndLinksWhatCameIn()
{
    // Slow pages, so the sync is still on its first feeds when Cancel arrives.
    QVERIFY_RESULT(m_county->setTransportFaults(150));
    QSignalSpy finished(m_panel.get(), &ui::SourcesPanel::syncFinished);
    // Cancel as soon as the first page is in.
    connect(m_panel->controller(), &models::SyncController::progressed, this,
            [this](const sync::RefreshProgress &progress) {
                if (progress.feed.pages > 0 && m_panel->cancelButton()->isEnabled())
                    m_panel->cancelButton()->click();
            });
    m_panel->syncButton()->click();
    QVERIFY(m_panel->cancelButton()->isEnabled());
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<sync::RefreshOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.feeds.size() < 7);
    QVERIFY(outcome.link.has_value()); // what came in is linked
    QCOMPARE(count("SELECT count(*) FROM source_person sp WHERE NOT EXISTS "
                   "(SELECT 1 FROM person_link l WHERE l.source_person_id = sp.id)"),
             0);
    QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("cancelled")));
    QVERIFY(states().contains(State::NotSynced)); // the feeds never reached
    QVERIFY(m_panel->syncButton()->isEnabled());
}

void tst_SourcesPanel::unreachableFeedsSayOffline()
{
    QCOMPARE(syncAndWait().failedFeeds(), 0);
    const auto syncedAt
        = models::Connectivity::of(m_panel->findChild<models::FeedStatusModel *>()->sources())
              .since;
    QVERIFY(syncedAt.isValid());

    m_county->stopServing(); // the network goes away
    QElapsedTimer timer;
    timer.start();
    const auto outcome = syncAndWait();
    QCOMPARE(outcome.failedFeeds(), 7);
    for (const auto &feed : outcome.feeds)
        QCOMPARE(feed.error->code, ErrorCode::Unreachable);
    // One feed waited out its retries; the others, at the same address, were not tried.
    QCOMPARE(std::count_if(outcome.feeds.cbegin(), outcome.feeds.cend(),
                           [](const feeds::FeedSyncSummary &feed) {
                               return feed.error->message.startsWith(QStringLiteral("Not tried"));
                           }),
             6);
    QVERIFY2(timer.elapsed() < 30000, "an unreachable feed should fail fast");
    QCOMPARE(states(), QList<State>(7, State::Failed));
    const auto connectivity = m_panel->connectivity();
    QCOMPARE(connectivity.state, models::Connectivity::State::Offline);
    QCOMPARE(connectivity.since, syncedAt.toUTC());
    QVERIFY(ui::connectivityText(connectivity, m_county->clock().nowUtc())
                .startsWith(QStringLiteral("Offline since")));
    // The error is shown per feed, and the records from before are all still there.
    const QModelIndex problem
        = m_panel->view()->model()->index(0, models::FeedStatusModel::ProblemColumn);
    QVERIFY(!problem.data().toString().isEmpty());
    QVERIFY(count("SELECT count(*) FROM source_person") > 200);
}

void tst_SourcesPanel::aFailingServerIsNotUnreachable()
{
    // A server that answers, if only with 503s, is reached: every feed is still tried.
    QVERIFY_RESULT(m_county->setTransportFaults(0, 1.0));
    const auto outcome = syncAndWait();
    QCOMPARE(outcome.failedFeeds(), 7);
    for (const auto &feed : outcome.feeds) {
        QCOMPARE(feed.error->code, ErrorCode::Network);
        QVERIFY(!feed.error->message.startsWith(QStringLiteral("Not tried")));
    }
    QCOMPARE(m_panel->connectivity().state, models::Connectivity::State::Offline);
}

void tst_SourcesPanel::aWrongFeedsFileChangesNothing()
{
    QFile broken(m_dir->filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"feeds\": [{\"id\": \"health\", \"agency\": \"nowhere\"}]}");
    broken.close();
    const auto used = m_panel->useFeedsFile(broken.fileName());
    QVERIFY(!used.ok());
    QVERIFY2(used.error().message.contains(QStringLiteral("broken.json")),
             qPrintable(used.error().message));
    QCOMPARE(m_panel->view()->model()->rowCount(), 7); // the feeds in use stay
    QVERIFY(m_panel->syncButton()->isEnabled());
}

void tst_SourcesPanel::lockStopsTheSync()
{
    m_panel->syncButton()->click();
    QVERIFY(m_panel->isSyncing());
    m_panel->clearSession(); // waits for the worker, which stops at the next page
    QVERIFY(!m_panel->isSyncing());
    QCOMPARE(m_panel->view()->model()->rowCount(), 0);
    QVERIFY(!m_panel->syncButton()->isEnabled());
}

void tst_SourcesPanel::lockInTheMiddleOfAFeed()
{
    // The worker waits for slow pages in a nested event loop when the lock comes.
    QVERIFY_RESULT(m_county->setTransportFaults(300));
    QSignalSpy finished(m_panel.get(), &ui::SourcesPanel::syncFinished);
    QSignalSpy progress(m_panel->controller(), &models::SyncController::progressed);
    m_panel->syncButton()->click();
    QVERIFY(progress.wait(20000));
    m_panel->clearSession();
    QVERIFY(!m_panel->isSyncing());
    QTest::qWait(200); // what the stopped run had queued is delivered, and must be dropped
    QCOMPARE(finished.size(), 0);
    QVERIFY(m_panel->statusLabel()->text().isEmpty());
    // The same panel syncs again once a store is set.
    QVERIFY_RESULT(m_county->setTransportFaults(0));
    m_panel->setSession(&m_county->session(), m_county->feedsFile());
    QCOMPARE(syncAndWait().failedFeeds(), 0);
}

BV_GUI_TEST_MAIN(tst_SourcesPanel)
#include "tst_sourcespanel.moc"
