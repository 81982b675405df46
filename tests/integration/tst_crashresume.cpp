// SPDX-License-Identifier: GPL-3.0-or-later
// A sync crashed at chosen store writes resumes to the store a clean sync makes. A child
// process (crashsync_child) syncs a copy of a fresh store through the fault VFS, which ends
// it at the Nth write, sync or truncate of the database, its WAL or its journal; the test
// then resumes with a normal sync in this process, checks the store's integrity and
// compares its counts and content hash with a clean sync's. The crash points are seeded and
// spread over the whole write sequence (measured first by a child that is never crashed),
// with at least one in each place a crash can fall: a frame spilled inside a page's
// transaction, a commit (frame or fsync), a checkpoint, and the stream position's update.
#include "access/session.h"
#include "common/faultvfs.h"
#include "common/testsupport.h"
#include "feeds/feedconfig.h"
#include "feeds/syncengine.h"
#include "simulatorhost.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storeinspector.h"
#include "syntheticfeed.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

#include <functional>
#include <set>

using namespace bv;

namespace {

// Crashes at the Nth write, one per stratum of the write sequence, and at the Kth update of
// a stream position: the real feeds get the full set, the synthetic feed (which only proves
// the store layer apart from the feeds) a few.
constexpr int kFeedCrashPoints = 20;
constexpr int kFeedCursorCrashes = 3;
constexpr int kSyntheticCrashPoints = 8;
constexpr int kSyntheticCursorCrashes = 2;
constexpr int kChildTimeoutMs = 60000;
constexpr int kSyntheticPages = 12;
constexpr quint32 kSimulatedPersons = 400;
constexpr int kFeedPageSize = 50; // smaller than the shipped 500: more pages, more commits

// The counted tables that a sync fills; the audit table grows with every unlock instead.
constexpr const char *kFeedTables[]
    = {"source",     "source_person",  "person",      "person_link",       "event",
       "annotation", "address_period", "flag",        "relationship",      "place",
       "quarantine", "place_rtree",    "sync_stream", "source_person_name"};

// What a store holds after a sync, without the parts that depend on when it ran.
struct StoreState
{
    QMap<QString, qint64> counts;
    // Source, stream and read position, one line each. Not the pages read: a pass that ended
    // before the crash is read again, from its high-water mark, by the resuming sync.
    QStringList streams;
    QByteArray contentHash;
};

Result<StoreState> stateOf(store::Database &db)
{
    StoreState state;
    for (const char *table : kFeedTables) {
        auto rows = db.queryInt(std::string("SELECT count(*) FROM ") + table);
        BV_TRY(rows);
        state.counts.insert(QString::fromLatin1(table), rows.value());
    }
    auto streams = db.prepare(
        "SELECT s.code || ' ' || st.stream || ' next=' || coalesce(st.next_url, '') || "
        "' cursor=' || coalesce(st.cursor, '') || ' since=' || coalesce(st.since, '') "
        "FROM sync_stream st JOIN source s ON s.id = st.source_id "
        "ORDER BY 1");
    BV_TRY(streams);
    for (;;) {
        auto step = streams->step();
        BV_TRY(step);
        if (!step.value())
            break;
        state.streams.append(streams->text(0));
    }
    auto hash = store::StoreInspector::contentHash(db);
    BV_TRY(hash);
    state.contentHash = hash.value();
    return state;
}

// QVERIFY2 evaluates its message even when the check passes.
template<typename T>
QString failureOf(const QString &where, const Result<T> &result)
{
    return result.ok() ? QString() : where + QStringLiteral(": ") + result.error().message;
}

// How the child is run and how this process resumes after it.
struct Scenario
{
    QStringList childArguments;
    std::function<Result<void>(access::Session &, const Clock &)> sync;
    int crashPoints = 0;
    int cursorCrashes = 0;
    quint64 seed = 0;
};

struct ChildRun
{
    bool started = false;
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exitCode = -1;
    QString out;
    QString err;

    bool crashedByFault() const
    {
        return status == QProcess::NormalExit ? exitCode == test::FaultVfs::kCrashExitCode
                                              : err.contains(QLatin1String("faultvfs: crash"))
                                                    && err.contains(QLatin1String("action=abort"));
    }
    QString crashSite() const
    {
        static const QRegularExpression line(
            QStringLiteral("faultvfs: crash write=\\d+ site=(\\S+)"));
        return line.match(err).captured(1);
    }
    QString describe() const
    {
        return QStringLiteral("status %1 code %2; stderr: %3")
            .arg(status == QProcess::NormalExit ? QStringLiteral("exit") : QStringLiteral("crash"))
            .arg(exitCode)
            .arg(err.right(600));
    }
};

ChildRun runChild(const QStringList &arguments, const QMap<QString, QString> &environment)
{
    QProcess child;
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        variables.insert(it.key(), it.value());
    child.setProcessEnvironment(variables);
    child.start(QStringLiteral(BROADVIEW_CRASHSYNC_CHILD), arguments);
    ChildRun run;
    run.started = child.waitForStarted();
    if (!run.started || !child.waitForFinished(kChildTimeoutMs)) {
        child.kill();
        child.waitForFinished();
        run.err = QStringLiteral("did not start or finish");
        return run;
    }
    run.status = child.exitStatus();
    run.exitCode = child.exitCode();
    run.out = QString::fromUtf8(child.readAllStandardOutput());
    run.err = QString::fromUtf8(child.readAllStandardError());
    return run;
}

// Every file of the store (database, key file, audit mirror; WAL and shm if any).
bool copyStoreFiles(const QString &fromDir, const QString &toDir)
{
    QDir(toDir).removeRecursively();
    if (!QDir().mkpath(toDir))
        return false;
    const QDir from(fromDir);
    for (const QString &name : from.entryList(QDir::Files | QDir::Hidden)) {
        if (!QFile::copy(from.filePath(name), QDir(toDir).filePath(name)))
            return false;
    }
    return true;
}

} // namespace

class TestCrashResume : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syntheticSyncResumesAfterCrashes();
    void feedSyncResumesAfterCrashes();

private:
    void crashAndResume(const Scenario &scenario);
    QString storePath(const QString &dir) const
    {
        return QDir(dir).filePath(QFileInfo(m_fixture.paths().store).fileName());
    }
    // A copy of the fresh template store in a directory of its own.
    QString freshCopy(const QString &name);
    QStringList childArguments(const QString &dir) const
    {
        return {QStringLiteral("--store"), storePath(dir), QStringLiteral("--passphrase-file"),
                m_passphraseFile};
    }

    test::StoreFixture m_fixture;
    QTemporaryDir m_work;
    QString m_passphraseFile;
};

void TestCrashResume::initTestCase()
{
    QVERIFY(m_fixture.isValid());
    QVERIFY(m_work.isValid());
    auto session = m_fixture.create();
    QVERIFY_RESULT(session);
    session.value().reset();
    m_passphraseFile = m_work.filePath(QStringLiteral("passphrase"));
    QFile file(m_passphraseFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_fixture.passphrase() + '\n');
}

QString TestCrashResume::freshCopy(const QString &name)
{
    const QString dir = m_work.filePath(name);
    if (!copyStoreFiles(m_fixture.dir(), dir))
        return {};
    return dir;
}

void TestCrashResume::crashAndResume(const Scenario &scenario)
{
    FixedClock clock(test::testEpoch());
    const auto unlock = [this, &clock](const QString &dir, access::UnlockOptions options = {}) {
        return access::Session::unlock(store::StorePaths::forStore(storePath(dir)),
                                       SecretBytes::fromView(m_fixture.passphrase()),
                                       test::adminContext(), clock, options);
    };

    // The reference: a clean sync in this process.
    StoreState reference;
    {
        const QString dir = freshCopy(QStringLiteral("reference"));
        QVERIFY(!dir.isEmpty());
        auto session = unlock(dir);
        QVERIFY_RESULT(session);
        QVERIFY_RESULT(scenario.sync(*session.value(), clock));
        auto state = stateOf(session.value()->database());
        QVERIFY_RESULT(state);
        reference = state.value();
    }
    QVERIFY(reference.counts.value(QStringLiteral("source_person")) > 0);

    // The write sequence of an uncrashed child, with the site of every write.
    QStringList sites; // sites[n - 1]: the site of write n
    quint64 cursorUpdates = 0;
    {
        const QString dir = freshCopy(QStringLiteral("measure"));
        const QString log = m_work.filePath(QStringLiteral("writes.log"));
        const ChildRun run = runChild(scenario.childArguments + childArguments(dir),
                                      {{QStringLiteral("BV_FAULTVFS_LOG"), log}});
        QVERIFY2(run.status == QProcess::NormalExit && run.exitCode == 0,
                 qPrintable(run.describe()));
        static const QRegularExpression totals(
            QStringLiteral("faultvfs: totals writes=(\\d+) .* cursor-updates=(\\d+)"));
        const auto match = totals.match(run.out);
        QVERIFY2(match.hasMatch(), qPrintable(run.out));
        cursorUpdates = match.captured(2).toULongLong();
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                sites.append(QString::fromLatin1(line.mid(line.indexOf(' ') + 1)));
        }
        QCOMPARE(quint64(sites.size()), match.captured(1).toULongLong());
        auto session = unlock(dir);
        QVERIFY_RESULT(session);
        auto state = stateOf(session.value()->database());
        QVERIFY_RESULT(state);
        QCOMPARE(state->contentHash.toHex(), reference.contentHash.toHex());
    }
    const qsizetype total = sites.size();
    {
        QMap<QString, int> histogram;
        for (const QString &site : std::as_const(sites))
            ++histogram[site];
        QStringList parts;
        for (auto it = histogram.cbegin(); it != histogram.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        qInfo("clean child: %lld writes (%s), %llu cursor updates", qint64(total),
              qPrintable(parts.join(QStringLiteral(", "))), cursorUpdates);
    }
    const int strata = scenario.crashPoints;
    QVERIFY(total >= strata);
    QVERIFY(cursorUpdates >= quint64(scenario.cursorCrashes));

    // One seeded point per stratum of the sequence, then one more for each required site
    // that no stratum hit.
    QRandomGenerator random(scenario.seed);
    std::set<quint64> points;
    for (int i = 0; i < strata; ++i) {
        const qsizetype begin = total * i / strata;
        const qsizetype end = total * (i + 1) / strata;
        points.insert(quint64(begin + random.bounded(qint64(end - begin))) + 1);
    }
    const QList<QStringList> required{
        {QStringLiteral("wal-in-transaction"), QStringLiteral("wal-cursor-update")},
        {QStringLiteral("wal-commit")},
        {QStringLiteral("wal-sync")},
        {QStringLiteral("checkpoint")}};
    for (const QStringList &kinds : required) {
        const bool hit = std::any_of(points.begin(), points.end(), [&](quint64 n) {
            return kinds.contains(sites.at(qsizetype(n) - 1));
        });
        if (hit)
            continue;
        QList<quint64> candidates;
        for (qsizetype n = 1; n <= total; ++n) {
            if (kinds.contains(sites.at(n - 1)))
                candidates.append(quint64(n));
        }
        QVERIFY2(!candidates.isEmpty(),
                 qPrintable(kinds.join(QLatin1Char('/')) + QStringLiteral(" never happens")));
        points.insert(candidates.at(random.bounded(candidates.size())));
    }
    struct CrashPoint
    {
        QString variable;
        quint64 value;
    };
    QList<CrashPoint> crashes;
    for (quint64 n : points)
        crashes.append({QStringLiteral("BV_FAULTVFS_CRASH_AT"), n});
    for (int i = 0; i < scenario.cursorCrashes; ++i) {
        const quint64 k = 1
                          + (cursorUpdates * quint64(i) + random.bounded(cursorUpdates))
                                / quint64(scenario.cursorCrashes);
        crashes.append({QStringLiteral("BV_FAULTVFS_CRASH_AT_CURSOR"), k});
    }

    QMap<QString, int> hitSites;
    QElapsedTimer timer;
    qint64 childMs = 0;
    qint64 resumeMs = 0;
    QStringList unexpectedSites;
    int round = 0;
    for (const CrashPoint &crash : crashes) {
        ++round;
        const QString dir = freshCopy(QStringLiteral("crash-%1").arg(round));
        QVERIFY(!dir.isEmpty());
        QMap<QString, QString> environment{{crash.variable, QString::number(crash.value)}};
        if (round % 3 == 0)
            environment.insert(QStringLiteral("BV_FAULTVFS_ACTION"), QStringLiteral("abort"));
        timer.start();
        const ChildRun run = runChild(scenario.childArguments + childArguments(dir), environment);
        childMs += timer.restart();
        const QString where = QStringLiteral("%1=%2").arg(crash.variable).arg(crash.value);
        QVERIFY2(run.crashedByFault(), qPrintable(where + QStringLiteral(": ") + run.describe()));
        const QString site = run.crashSite();
        QVERIFY2(!site.isEmpty(), qPrintable(where + QStringLiteral(": ") + run.err));
        ++hitSites[site];
        // The same write the clean child's log named: the write sequence is reproducible.
        const bool byWrite = crash.variable == QLatin1String("BV_FAULTVFS_CRASH_AT");
        if (byWrite && site != sites.at(qsizetype(crash.value) - 1))
            unexpectedSites.append(QStringLiteral("%1 %2 (log: %3)")
                                       .arg(where, site, sites.at(qsizetype(crash.value) - 1)));

        // Resume: the store as the crash left it must open, verify and check clean.
        access::UnlockOptions options;
        options.verifyAuditFirst = true;
        options.checkIntegrityFirst = true;
        auto session = unlock(dir, options);
        QVERIFY2(session.ok(), qPrintable(failureOf(where, session)));
        QVERIFY2(session.value()->integrityAtUnlock()->problems.isEmpty(),
                 qPrintable(
                     where + QStringLiteral(": ")
                     + session.value()->integrityAtUnlock()->problems.join(QStringLiteral("; "))));
        QVERIFY2(session.value()->auditAtUnlock()->intact(), qPrintable(where));
        auto synced = scenario.sync(*session.value(), clock);
        QVERIFY2(synced.ok(), qPrintable(failureOf(where, synced)));

        store::Database &db = session.value()->database();
        auto integrity = store::StoreInspector::checkIntegrity(db);
        QVERIFY_RESULT(integrity);
        QVERIFY2(integrity->problems.isEmpty(),
                 qPrintable(where + QStringLiteral(": ")
                            + integrity->problems.join(QStringLiteral("; "))));
        auto quick = db.queryText("PRAGMA quick_check");
        QVERIFY_RESULT(quick);
        QCOMPARE(quick.value(), QStringLiteral("ok"));
        auto state = stateOf(db);
        QVERIFY_RESULT(state);
        QVERIFY2(state->counts == reference.counts, qPrintable(where));
        QCOMPARE(state->streams, reference.streams);
        QVERIFY2(state->contentHash == reference.contentHash, qPrintable(where));
        session.value().reset();
        resumeMs += timer.elapsed();
        QDir(dir).removeRecursively();
    }

    QStringList summary;
    for (auto it = hitSites.cbegin(); it != hitSites.cend(); ++it)
        summary.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
    qInfo("%lld writes, %lld crashes resumed equal to the reference: %s (children %lld ms, "
          "resumes and checks %lld ms)",
          qint64(total), qint64(crashes.size()), qPrintable(summary.join(QStringLiteral(", "))),
          childMs, resumeMs);
    QVERIFY2(unexpectedSites.isEmpty(), qPrintable(unexpectedSites.join(QStringLiteral("; "))));
    QVERIFY(hitSites.value(QStringLiteral("wal-in-transaction"))
                + hitSites.value(QStringLiteral("wal-cursor-update"))
            > 0);
    QVERIFY(hitSites.value(QStringLiteral("wal-commit")) > 0);
    QVERIFY(hitSites.value(QStringLiteral("wal-sync")) > 0);
    QVERIFY(hitSites.value(QStringLiteral("checkpoint")) > 0);
    QVERIFY(hitSites.value(QStringLiteral("cursor-update-start")) > 0);
}

void TestCrashResume::syntheticSyncResumesAfterCrashes()
{
    Scenario scenario;
    scenario.childArguments = {QStringLiteral("--synthetic"), QString::number(kSyntheticPages)};
    scenario.sync = [](access::Session &session, const Clock &clock) {
        return test::syncSyntheticFeed(session.database(), clock, kSyntheticPages);
    };
    scenario.crashPoints = kSyntheticCrashPoints;
    scenario.cursorCrashes = kSyntheticCursorCrashes;
    scenario.seed = 20260301;
    crashAndResume(scenario);
}

void TestCrashResume::feedSyncResumesAfterCrashes()
{
    feedsim::SimulatorOptions options;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.persons = kSimulatedPersons;
    options.seed = 11;
    auto host = feedsim::SimulatorHost::start(options);
    QVERIFY_RESULT(host);

    // The shipped feeds.json pointed at the simulator, over plain HTTP (loopback only).
    QFile shipped(QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/feeds/feeds.json"));
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(shipped.readAll()).object();
    root.insert(QStringLiteral("origin"), host.value()->origin().toString());
    QJsonArray list = root.value(QLatin1String("feeds")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        QJsonObject feed = list.at(i).toObject();
        const QString mapping = QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/feeds/")
                                + feed.value(QLatin1String("mapping")).toString();
        feed.insert(QStringLiteral("mapping"), mapping);
        feed.insert(QStringLiteral("pageSize"), kFeedPageSize);
        feed.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("allowPlainHttp"), true}});
        list.replace(i, feed);
    }
    root.insert(QStringLiteral("feeds"), list);
    const QString feedsPath = m_work.filePath(QStringLiteral("feeds.json"));
    {
        QFile file(feedsPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(root).toJson());
    }
    auto loaded = feeds::loadFeedsFile(feedsPath);
    QVERIFY_RESULT(loaded);
    const std::vector<feeds::FeedConfig> feedList = loaded->feeds;
    QCOMPARE(feedList.size(), std::size_t(7));

    // The empty store the crashes start from holds the feeds' client secrets.
    {
        auto session = m_fixture.unlock();
        QVERIFY_RESULT(session);
        auto put = session.value()->database().prepare(
            "INSERT OR REPLACE INTO secret(name, value, updated_at) VALUES (?1, ?2, ?3)");
        QVERIFY_RESULT(put);
        for (const feeds::FeedConfig &feed : feedList) {
            put->bind(1, feed.auth.secretRef)
                .bindBlob(2, host.value()->clientSecret(feed.id).toUtf8())
                .bind(3, test::testEpoch().toString(Qt::ISODate));
            QVERIFY_RESULT(put->run());
        }
    }

    Scenario scenario;
    scenario.childArguments = {QStringLiteral("--feeds"), feedsPath};
    scenario.sync = [feedList](access::Session &session, const Clock &clock) -> Result<void> {
        feeds::SyncEngine engine(session.database(), feeds::storeSecretLookup(session.database()),
                                 clock);
        for (const feeds::FeedSyncSummary &summary : engine.syncAll(feedList)) {
            if (!summary.ok())
                return *summary.error;
        }
        return {};
    };
    scenario.crashPoints = kFeedCrashPoints;
    scenario.cursorCrashes = kFeedCursorCrashes;
    scenario.seed = 20261124;
    crashAndResume(scenario);
}

BV_TEST_MAIN(TestCrashResume)
#include "tst_crashresume.moc"
