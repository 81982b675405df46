// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_sync: the whole sync, end to end, at scale: the seven simulated agencies serve a
// county of --persons people over TLS on loopback (broadview-feedsim in a child process), and
// SyncEngine brings every feed into a new encrypted store, as `broadview sync` does. Prints,
// per feed and per format and all together, events/s and records/s, and the memory the sync
// held after each feed. Then a baseline on the same pages in a second store: each step alone
// (fetch, parse, write), so the ratios say where the time goes. Never fails on time; fails
// only when a feed's sync stops. A store that does not end with what the agencies hold is
// said in a WARNING line, and the rates count what it holds.

#include "access/accesscontext.h"
#include "access/session.h"
#include "benchoutput.h"
#include "feeds/syncengine.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/sqlitelibrary.h"
#include "store/statement.h"
#include "syncsimulator.h"
#include "syncstages.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <vector>

namespace {

using bv::bench::complain;
using bv::bench::count;
using bv::bench::fixed;
using bv::bench::rate;
using bv::bench::say;

using bv::bench::ProcessUse;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr quint32 kDefaultPersons = 100000;
constexpr int kMaxPageSize = 5000;       // the simulator serves larger pages as 5,000
constexpr quint32 kMaxPersons = 1000000; // the simulator's largest county

// SQLite's heap (the page cache above all), which the store's cache_size bounds.
double sqliteMiB()
{
    return double(sqlite3_memory_used()) / (1 << 20);
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QList<QByteArray> parts = file.readAll().split(' ');
    return parts.size() >= 3 ? QString::fromLatin1(parts[0] + ' ' + parts[1] + ' ' + parts[2])
                             : QStringLiteral("unknown");
}

// ---------------------------------------------------------------------------------------
// Options

struct Options
{
    quint32 persons = kDefaultPersons;
    quint64 seed = 1;
    int pageSize = 0; // 0: feeds.json's
    QString keepDir;
    QString simulator;
    QStringList feeds; // empty: all seven
    bool baseline = true;
};

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Syncs every simulated feed end to end into a new encrypted store and prints events/s "
        "and records/s per feed, per format and all together, with the memory held; then the "
        "same pages one step at a time (fetch, parse, write) as the baseline."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("persons"),
         QStringLiteral("People in the county (%1; up to %2).")
             .arg(kDefaultPersons)
             .arg(kMaxPersons),
         QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the county (1)."), QStringLiteral("S")},
        {QStringLiteral("page-size"),
         QStringLiteral("Records per page for every feed (feeds.json's, 500; up to %1).")
             .arg(kMaxPageSize),
         QStringLiteral("N")},
        {QStringLiteral("keep"),
         QStringLiteral("Work in DIR and keep it (the stores, feeds.json, the CA) instead of a "
                        "temporary folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("feeds"),
         QStringLiteral("Sync only these feeds, comma separated (all seven)."),
         QStringLiteral("LIST")},
        {QStringLiteral("no-baseline"),
         QStringLiteral("Skip the step-by-step baseline (halves the run).")},
        {QStringLiteral("simulator"),
         QStringLiteral("The broadview-feedsim executable (the one built with this bench)."),
         QStringLiteral("PATH")},
    });
    parser.process(app);
    Options options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("persons"))) {
        const qint64 persons = parser.value(QStringLiteral("persons")).toLongLong(&ok);
        if (!ok || persons < 1 || persons > kMaxPersons)
            return std::nullopt;
        options.persons = quint32(persons);
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("page-size"))) {
        options.pageSize = parser.value(QStringLiteral("page-size")).toInt(&ok);
        if (!ok || options.pageSize < 1 || options.pageSize > kMaxPageSize)
            return std::nullopt;
    }
    options.keepDir = parser.value(QStringLiteral("keep"));
    if (parser.isSet(QStringLiteral("feeds")))
        options.feeds
            = parser.value(QStringLiteral("feeds")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.baseline = !parser.isSet(QStringLiteral("no-baseline"));
    options.simulator = parser.isSet(QStringLiteral("simulator"))
                            ? parser.value(QStringLiteral("simulator"))
                            : QStringLiteral(BROADVIEW_FEEDSIM_EXECUTABLE);
    return options;
}

// ---------------------------------------------------------------------------------------
// The store

struct Counts
{
    qint64 persons = 0; // source records
    qint64 events = 0;
    qint64 flags = 0;
    qint64 addresses = 0;
    qint64 relationships = 0;

    bool operator==(const Counts &) const = default;
};

bv::Result<Counts> storeCounts(bv::store::Database &db, const QString &feedId)
{
    auto select = db.prepare("SELECT (SELECT count(*) FROM source_person WHERE source_id = s.id), "
                             "(SELECT count(*) FROM event WHERE source_id = s.id), "
                             "(SELECT count(*) FROM flag WHERE source_id = s.id), "
                             "(SELECT count(*) FROM address_period WHERE source_id = s.id), "
                             "(SELECT count(*) FROM relationship WHERE source_id = s.id) "
                             "FROM source s WHERE s.code = ?1");
    BV_TRY(select);
    select->bind(1, feedId);
    auto row = select->step();
    BV_TRY(row);
    if (!row.value())
        return Counts{};
    return Counts{select->int64(0), select->int64(1), select->int64(2), select->int64(3),
                  select->int64(4)};
}

// What the simulator says a complete sync of the feed must end with.
Counts agencyCounts(const QJsonObject &stats, const QString &feedId)
{
    const QJsonObject kinds = stats.value(feedId).toObject();
    const auto current = [&kinds](const char *kind) {
        return kinds.value(QLatin1String(kind))
            .toObject()
            .value(QLatin1String("current"))
            .toInteger();
    };
    return Counts{current("person"), current("event"), current("flag"), current("address"),
                  current("relationship")};
}

qint64 storeBytes(const QString &storePath)
{
    qint64 bytes = 0;
    for (const char *suffix : {"", "-wal", "-shm"})
        bytes += QFileInfo(storePath + QLatin1String(suffix)).size();
    return bytes;
}

struct Store
{
    QString path;
    std::unique_ptr<bv::access::Session> session;
};

bv::Result<Store> createStore(const QString &path, const bv::Clock &clock,
                              const bv::bench::SimulatorProcess &simulator)
{
    // The production pragmas (StorePragmas); only the KDF is cheap, which the sync never meets.
    for (const char *suffix : {"", "-wal", "-shm", ".key", ".audit-head"})
        QFile::remove(path + QLatin1String(suffix));
    auto created = bv::access::Session::create(
        bv::store::StorePaths::forStore(path), bv::SecretBytes::fromView("bench_sync passphrase"),
        bv::store::KdfParams::minimum(),
        bv::access::AccessContext::administrator(QStringLiteral("bench"),
                                                 QStringLiteral("benchmark")),
        clock);
    BV_TRY(created);
    BV_TRY(simulator.storeSecrets(created->session->database()));
    return Store{path, std::move(created->session)};
}

QString describeStore(bv::store::Database &db)
{
    const auto text = [&db](const char *pragma) {
        auto value = db.queryText(pragma);
        return value.ok() ? value.value() : QStringLiteral("?");
    };
    return QStringLiteral("cipher_page_size %1, cache_size %2, journal_mode %3, synchronous %4, "
                          "wal_autocheckpoint %5")
        .arg(text("PRAGMA cipher_page_size"), text("PRAGMA cache_size"),
             text("PRAGMA journal_mode"), text("PRAGMA synchronous"),
             text("PRAGMA wal_autocheckpoint"));
}

// ---------------------------------------------------------------------------------------
// The end-to-end sync

struct FeedRun
{
    QString feedId;
    QString format;
    bv::feeds::FeedSyncSummary summary;
    Counts counts;
    double seconds = 0;
    double cpuSeconds = 0;          // this process, every thread
    double simulatorCpuSeconds = 0; // the child serving the pages
    double rssAfterMiB = 0;
    double sqliteAfterMiB = 0;
    double peakMiB = 0; // during this feed (or since start, where the peak cannot be reset)
};

QString runHeader()
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13")
        .arg(QStringLiteral("feed"), -10)
        .arg(QStringLiteral("format"), -8)
        .arg(QStringLiteral("pages"), 6)
        .arg(QStringLiteral("records"), 10)
        .arg(QStringLiteral("src recs"), 9)
        .arg(QStringLiteral("events"), 10)
        .arg(QStringLiteral("s"), 7)
        .arg(QStringLiteral("events/s"), 9)
        .arg(QStringLiteral("records/s"), 9)
        .arg(QStringLiteral("cpu s (sim)"), 13)
        .arg(QStringLiteral("RSS MiB"), 8)
        .arg(QStringLiteral("sqlite"), 7)
        .arg(QStringLiteral("peak MiB"), 8);
}

QString runLine(const QString &label, const QString &format, qint64 pages, qint64 records,
                const Counts &counts, double seconds, double cpu, double simCpu, double rss,
                double sqlite, double peak)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13")
        .arg(label, -10)
        .arg(format, -8)
        .arg(pages, 6)
        .arg(count(records), 10)
        .arg(count(counts.persons), 9)
        .arg(count(counts.events), 10)
        .arg(fixed(seconds, 2), 7)
        .arg(fixed(rate(counts.events, seconds)), 9)
        .arg(fixed(rate(records, seconds)), 9)
        .arg(QStringLiteral("%1 (%2)").arg(fixed(cpu, 1), fixed(simCpu, 1)), 13)
        .arg(rss > 0 ? fixed(rss, 1) : QString(), 8)
        .arg(sqlite > 0 ? fixed(sqlite, 1) : QString(), 7)
        .arg(peak > 0 ? fixed(peak, 1) : QString(), 8);
}

Counts &operator+=(Counts &a, const Counts &b)
{
    a.persons += b.persons;
    a.events += b.events;
    a.flags += b.flags;
    a.addresses += b.addresses;
    a.relationships += b.relationships;
    return a;
}

struct Totals
{
    qint64 pages = 0;
    qint64 records = 0;
    Counts counts;
    double seconds = 0;
    double cpu = 0;
    double simCpu = 0;
    double peak = 0;

    void add(const FeedRun &run)
    {
        pages += run.summary.pages;
        records += run.summary.records;
        counts += run.counts;
        seconds += run.seconds;
        cpu += run.cpuSeconds;
        simCpu += run.simulatorCpuSeconds;
        peak = std::max(peak, run.peakMiB);
    }
};

std::optional<std::vector<FeedRun>> syncEndToEnd(Store &store,
                                                 const std::vector<bv::feeds::FeedConfig> &feeds,
                                                 const bv::bench::SimulatorProcess &simulator,
                                                 const bv::Clock &clock, bool peakResets)
{
    bv::store::Database &db = store.session->database();
    bv::feeds::SyncEngine engine(db, bv::feeds::storeSecretLookup(db), clock);
    std::vector<FeedRun> runs;
    for (const bv::feeds::FeedConfig &feed : feeds) {
        if (peakResets)
            bv::bench::resetPeak();
        const ProcessUse before = bv::bench::processUse(0);
        const ProcessUse simBefore = bv::bench::processUse(simulator.pid());
        QElapsedTimer timer;
        timer.start();
        FeedRun run;
        run.feedId = feed.id;
        run.format = feed.format;
        run.summary = engine.syncFeed(feed);
        run.seconds = double(timer.nsecsElapsed()) / 1e9;
        const ProcessUse after = bv::bench::processUse(0);
        run.cpuSeconds = after.cpuSeconds - before.cpuSeconds;
        run.simulatorCpuSeconds
            = bv::bench::processUse(simulator.pid()).cpuSeconds - simBefore.cpuSeconds;
        run.rssAfterMiB = after.rssMiB;
        run.sqliteAfterMiB = sqliteMiB();
        run.peakMiB = after.peakMiB;
        if (!run.summary.ok()) {
            complain(QStringLiteral("%1: the sync stopped: %2")
                         .arg(feed.id, run.summary.error->message));
            return std::nullopt;
        }
        auto counts = storeCounts(db, feed.id);
        if (!counts.ok()) {
            complain(counts.error().message);
            return std::nullopt;
        }
        run.counts = counts.value();
        say(runLine(run.feedId, run.format, run.summary.pages, run.summary.records, run.counts,
                    run.seconds, run.cpuSeconds, run.simulatorCpuSeconds, run.rssAfterMiB,
                    run.sqliteAfterMiB, run.peakMiB));
        runs.push_back(run);
    }
    return runs;
}

// Per format (fhir-r4, json, csv, xml), in the order the feeds came.
std::vector<std::pair<QString, Totals>> byFormat(const std::vector<FeedRun> &runs)
{
    std::vector<std::pair<QString, Totals>> formats;
    for (const FeedRun &run : runs) {
        auto it = std::find_if(formats.begin(), formats.end(),
                               [&run](const auto &entry) { return entry.first == run.format; });
        if (it == formats.end()) {
            formats.emplace_back(run.format, Totals{});
            it = formats.end() - 1;
        }
        it->second.add(run);
    }
    return formats;
}

bool matchesAgencies(const std::vector<FeedRun> &runs, const QJsonObject &stats)
{
    bool all = true;
    for (const FeedRun &run : runs) {
        const Counts expected = agencyCounts(stats, run.feedId);
        // Kinds a feed does not serve are absent from its stats and must be empty here.
        if (run.counts.persons != expected.persons || run.counts.events != expected.events
            || run.counts.flags != expected.flags) {
            say(QStringLiteral(
                    "WARNING %1: the store holds %2 source records, %3 events, %4 flags; "
                    "the agency %5, %6, %7 (the sync read %8 records: %9 "
                    "written, %10 unchanged, %11 removed, %12 quarantined)")
                    .arg(run.feedId)
                    .arg(run.counts.persons)
                    .arg(run.counts.events)
                    .arg(run.counts.flags)
                    .arg(expected.persons)
                    .arg(expected.events)
                    .arg(expected.flags)
                    .arg(run.summary.records)
                    .arg(run.summary.written)
                    .arg(run.summary.unchanged)
                    .arg(run.summary.removed)
                    .arg(run.summary.rejected));
            all = false;
        }
    }
    return all;
}

// ---------------------------------------------------------------------------------------
// The baseline: the same pages, one step at a time

struct StagedRun
{
    QString feedId;
    bv::bench::StagedFeed staged;
};

std::optional<std::vector<StagedRun>>
syncStaged(Store &store, const std::vector<bv::feeds::FeedConfig> &feeds, const bv::Clock &clock)
{
    bv::store::Database &db = store.session->database();
    const bv::feeds::SecretLookup secrets = bv::feeds::storeSecretLookup(db);
    say(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
            .arg(QStringLiteral("feed"), -10)
            .arg(QStringLiteral("pages"), 6)
            .arg(QStringLiteral("body MiB"), 9)
            .arg(QStringLiteral("fetch s (cpu)"), 14)
            .arg(QStringLiteral("parse s (cpu)"), 14)
            .arg(QStringLiteral("write s (cpu)"), 14)
            .arg(QStringLiteral("sum s"), 8)
            .arg(QStringLiteral("fetch+parse ev/s"), 16)
            .arg(QStringLiteral("write ev/s"), 10));
    std::vector<StagedRun> runs;
    for (const bv::feeds::FeedConfig &feed : feeds) {
        auto staged = bv::bench::runStaged(db, feed, secrets, clock);
        if (!staged.ok()) {
            complain(QStringLiteral("%1: the baseline stopped: %2")
                         .arg(feed.id, staged.error().message));
            return std::nullopt;
        }
        const bv::bench::StagedFeed &s = staged.value();
        say(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                .arg(feed.id, -10)
                .arg(s.pages, 6)
                .arg(fixed(double(s.bodyBytes) / (1 << 20), 1), 9)
                .arg(QStringLiteral("%1 (%2)").arg(fixed(s.fetchSeconds, 2),
                                                   fixed(s.fetchCpuSeconds, 2)),
                     14)
                .arg(QStringLiteral("%1 (%2)").arg(fixed(s.parseSeconds, 2),
                                                   fixed(s.parseCpuSeconds, 2)),
                     14)
                .arg(QStringLiteral("%1 (%2)").arg(fixed(s.writeSeconds, 2),
                                                   fixed(s.writeCpuSeconds, 2)),
                     14)
                .arg(fixed(s.totalSeconds(), 2), 8)
                .arg(fixed(rate(s.events, s.fetchSeconds + s.parseSeconds)), 16)
                .arg(fixed(rate(s.events, s.writeSeconds)), 10));
        runs.push_back({feed.id, s});
    }
    return runs;
}

QString figure(const QString &name, double value, const QString &unit, int decimals)
{
    return QStringLiteral("figure %1 %2 %3").arg(name, fixed(value, decimals), unit);
}

QString figureKey(QString format)
{
    return format.replace(QLatin1Char('-'), QLatin1Char('_'));
}

// ---------------------------------------------------------------------------------------

int run(const Options &options)
{
    std::unique_ptr<QTemporaryDir> temporary;
    QString workDir = options.keepDir;
    if (workDir.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>(
            QDir::temp().filePath(QStringLiteral("bench_sync-XXXXXX")));
        if (!temporary->isValid()) {
            complain(QStringLiteral("No temporary folder: %1").arg(temporary->errorString()));
            return kExitFailure;
        }
        workDir = temporary->path();
    }
    const bv::store::SqliteLibraryInfo library = bv::store::sqliteLibraryInfo();
    say(QStringLiteral("bench_sync: feeds end to end (simulator over TLS on loopback -> "
                       "FeedClient -> adapters -> PageWriter -> encrypted store)"));
    say(QStringLiteral("persons %1 (seed %2); page size %3; work folder %4%5")
            .arg(count(options.persons))
            .arg(options.seed)
            .arg(options.pageSize > 0 ? QString::number(options.pageSize)
                                      : QStringLiteral("as feeds.json (500)"))
            .arg(workDir, options.keepDir.isEmpty() ? QStringLiteral(" (removed at the end)")
                                                    : QStringLiteral(" (kept)")));
    say(QStringLiteral("machine: %1 cores, load average %2 at start; SQLite %3 with SQLCipher %4")
            .arg(QThread::idealThreadCount())
            .arg(loadAverage(), library.libraryVersion, library.cipherVersion));

    // The county: generated by the simulator before it listens; not part of any sync figure.
    bv::bench::SimulatorStart start;
    start.executable = options.simulator;
    start.workDir = workDir;
    start.persons = options.persons;
    start.seed = options.seed;
    start.pageSize = options.pageSize;
    auto simulator = bv::bench::SimulatorProcess::start(start);
    if (!simulator.ok()) {
        complain(simulator.error().message);
        return kExitFailure;
    }
    bv::bench::SimulatorProcess &sim = *simulator.value();
    const ProcessUse simAtStart = bv::bench::processUse(sim.pid());
    say(QStringLiteral("county: generated and serving in %1 s (broadview-feedsim, %2 s cpu, "
                       "%3 MiB resident)")
            .arg(fixed(sim.startSeconds(), 2), fixed(simAtStart.cpuSeconds, 1),
                 fixed(simAtStart.rssMiB, 0)));

    std::vector<bv::feeds::FeedConfig> feeds;
    for (const bv::feeds::FeedConfig &feed : sim.feedsFile().feeds) {
        if (options.feeds.isEmpty() || options.feeds.contains(feed.id))
            feeds.push_back(feed);
    }
    if (feeds.empty()) {
        complain(QStringLiteral("No feed matches --feeds."));
        return kExitUsage;
    }
    auto stats = sim.feedCounts();
    if (!stats.ok()) {
        complain(stats.error().message);
        return kExitFailure;
    }
    Counts agencies;
    Counts selected;
    for (const bv::feeds::FeedConfig &feed : sim.feedsFile().feeds) {
        const Counts counts = agencyCounts(stats.value(), feed.id);
        agencies += counts;
        if (options.feeds.isEmpty() || options.feeds.contains(feed.id))
            selected += counts;
    }
    const auto describeCounts = [](const Counts &c) {
        return QStringLiteral("%1 source records, %2 events, %3 flags, %4 address periods, %5 "
                              "relationships")
            .arg(count(c.persons), count(c.events), count(c.flags), count(c.addresses),
                 count(c.relationships));
    };
    say(QStringLiteral("the agencies hold: %1 (seven feeds)").arg(describeCounts(agencies)));
    if (!options.feeds.isEmpty())
        say(QStringLiteral("synced here: %1 (%2)")
                .arg(describeCounts(selected), options.feeds.join(QLatin1Char(','))));

    const bv::SystemClock clock;
    auto syncStore
        = createStore(QDir(workDir).filePath(QStringLiteral("sync.bvstore")), clock, sim);
    if (!syncStore.ok()) {
        complain(syncStore.error().message);
        return kExitFailure;
    }
    say(QStringLiteral("store: %1").arg(describeStore(syncStore->session->database())));

    // The peak of each feed alone, where the kernel lets a process reset its own.
    const bool peakResets = bv::bench::resetPeak();
    const ProcessUse beforeSync = bv::bench::processUse(0);
    say(QStringLiteral("before the sync: RSS %1 MiB (peak %2 MiB); peaks below are %3")
            .arg(fixed(beforeSync.rssMiB, 1), fixed(beforeSync.peakMiB, 1),
                 peakResets ? QStringLiteral("per feed (VmHWM reset before each)")
                            : QStringLiteral("since start (VmHWM cannot be reset here)")));
    say(QString());
    say(QStringLiteral("sync (SyncEngine::syncFeed, one feed after another, pages prefetched):"));
    say(runHeader());
    const auto runs = syncEndToEnd(syncStore.value(), feeds, sim, clock, peakResets);
    if (!runs)
        return kExitFailure;
    Totals total;
    for (const FeedRun &feedRun : *runs)
        total.add(feedRun);
    const ProcessUse afterSync = bv::bench::processUse(0);
    const double syncPeak = std::max(total.peak, afterSync.peakMiB);
    for (const auto &[format, totals] : byFormat(*runs))
        say(runLine(QStringLiteral("(format)"), format, totals.pages, totals.records, totals.counts,
                    totals.seconds, totals.cpu, totals.simCpu, 0, 0, totals.peak));
    say(runLine(QStringLiteral("all"), QString(), total.pages, total.records, total.counts,
                total.seconds, total.cpu, total.simCpu, afterSync.rssMiB, sqliteMiB(), syncPeak));
    const qint64 bytes = storeBytes(syncStore->path);
    say(QStringLiteral("store after the sync: %1 MiB, %2 B per record read; load average %3")
            .arg(fixed(double(bytes) / (1 << 20), 1),
                 fixed(total.records > 0 ? double(bytes) / double(total.records) : 0, 0),
                 loadAverage()));
    say(QStringLiteral("memory: RSS %1 MiB before the sync, %2 MiB after; peak %3 MiB while "
                       "syncing (+%4 MiB over before), of which SQLite's heap %5 MiB at the end "
                       "(its page cache is bounded by cache_size)")
            .arg(fixed(beforeSync.rssMiB, 1), fixed(afterSync.rssMiB, 1), fixed(syncPeak, 1),
                 fixed(syncPeak - beforeSync.rssMiB, 1), fixed(sqliteMiB(), 1)));
    // Rates count what the store holds; a shortfall is said, not hidden, but the sync's speed
    // is still measured (tst_feedsync is where exactness is asserted).
    if (matchesAgencies(*runs, stats.value()))
        say(QStringLiteral("the store holds exactly what the agencies hold (source records, "
                           "events, flags per feed)"));
    else
        say(QStringLiteral("WARNING: the store does not hold exactly what the agencies hold "
                           "(see above); the rates count what it holds"));
    syncStore->session.reset(); // closes the store: the baseline gets the disk to itself

    // The baseline, in a second store from nothing.
    std::optional<std::vector<StagedRun>> staged;
    if (options.baseline) {
        say(QString());
        say(QStringLiteral("baseline (the same feeds into a second new store, one step at a "
                           "time, nothing overlapped):"));
        auto stagedStore
            = createStore(QDir(workDir).filePath(QStringLiteral("staged.bvstore")), clock, sim);
        if (!stagedStore.ok()) {
            complain(stagedStore.error().message);
            return kExitFailure;
        }
        staged = syncStaged(stagedStore.value(), feeds, clock);
        if (!staged)
            return kExitFailure;
        for (std::size_t i = 0; i < staged->size(); ++i) {
            auto counts = storeCounts(stagedStore->session->database(), (*staged)[i].feedId);
            if (!counts.ok() || !(counts.value() == (*runs)[i].counts)) {
                complain(QStringLiteral("%1: the baseline's store differs from the sync's.")
                             .arg((*staged)[i].feedId));
                return kExitFailure;
            }
        }
    }

    say(QString());
    const ProcessUse simAtEnd = bv::bench::processUse(sim.pid());
    say(QStringLiteral("county generation: %1 s (not in any rate); simulator peak RSS %2 MiB")
            .arg(fixed(sim.startSeconds(), 2), fixed(simAtEnd.peakMiB, 0)));
    const double syncRate = rate(total.counts.events, total.seconds);
    say(QStringLiteral("sync: %1 events and %2 records (%3 source records) in %4 s: %5 events/s, "
                       "%6 records/s; cpu %7 s here, %8 s in the simulator")
            .arg(count(total.counts.events), count(total.records), count(total.counts.persons),
                 fixed(total.seconds, 1), fixed(syncRate),
                 fixed(rate(total.records, total.seconds)), fixed(total.cpu, 1),
                 fixed(total.simCpu, 1)));
    double fetchParseRate = 0;
    double writeRate = 0;
    if (staged) {
        double fetch = 0;
        double parse = 0;
        double write = 0;
        double fetchCpu = 0;
        double parseCpu = 0;
        double writeCpu = 0;
        qint64 events = 0;
        qint64 pages = 0;
        for (const StagedRun &s : *staged) {
            fetch += s.staged.fetchSeconds;
            parse += s.staged.parseSeconds;
            write += s.staged.writeSeconds;
            fetchCpu += s.staged.fetchCpuSeconds;
            parseCpu += s.staged.parseCpuSeconds;
            writeCpu += s.staged.writeCpuSeconds;
            events += s.staged.events;
            pages += s.staged.pages;
        }
        const double sum = fetch + parse + write;
        fetchParseRate = rate(events, fetch + parse);
        writeRate = rate(events, write);
        say(QStringLiteral("baseline: fetch %1 s (%2%), parse %3 s (%4%), write %5 s (%6%); "
                           "%7 s in all")
                .arg(fixed(fetch, 1), fixed(100 * fetch / sum), fixed(parse, 1),
                     fixed(100 * parse / sum), fixed(write, 1), fixed(100 * write / sum),
                     fixed(sum, 1)));
        say(QStringLiteral("baseline cpu: fetch %1 s, parse %2 s, write %3 s; per page: write %4 "
                           "ms wall, %5 ms cpu")
                .arg(fixed(fetchCpu, 1), fixed(parseCpu, 1), fixed(writeCpu, 1),
                     fixed(pages > 0 ? 1000 * write / double(pages) : 0, 1),
                     fixed(pages > 0 ? 1000 * writeCpu / double(pages) : 0, 1)));
        say(QStringLiteral("network+parse only: %1 events/s; write only (PageWriter, no HTTP, "
                           "no parsing): %2 events/s")
                .arg(fixed(fetchParseRate), fixed(writeRate)));
        say(QStringLiteral("ratio sync / write only %1; sync / network+parse only %2; steps one "
                           "at a time / sync %3 (what prefetching the next page buys)")
                .arg(fixed(syncRate / writeRate, 3), fixed(syncRate / fetchParseRate, 3),
                     fixed(sum / total.seconds, 3)));
    }

    // The headline figures, last; sync_events_per_s and peak_rss_mb the very last.
    say(figure(QStringLiteral("county_generation_s"), sim.startSeconds(), QStringLiteral("s"), 2));
    say(figure(QStringLiteral("sync_source_records"), double(total.counts.persons),
               QStringLiteral("source-records"), 0));
    say(figure(QStringLiteral("sync_events"), double(total.counts.events), QStringLiteral("events"),
               0));
    for (const auto &[format, totals] : byFormat(*runs))
        say(figure(QStringLiteral("sync_events_per_s_") + figureKey(format),
                   rate(totals.counts.events, totals.seconds), QStringLiteral("events/s"), 0));
    say(figure(QStringLiteral("sync_records_per_s"), rate(total.records, total.seconds),
               QStringLiteral("records/s"), 0));
    if (staged) {
        say(figure(QStringLiteral("fetch_parse_events_per_s"), fetchParseRate,
                   QStringLiteral("events/s"), 0));
        say(figure(QStringLiteral("write_only_events_per_s"), writeRate, QStringLiteral("events/s"),
                   0));
        say(figure(QStringLiteral("sync_vs_write_only"), syncRate / writeRate,
                   QStringLiteral("ratio"), 3));
    }
    say(figure(QStringLiteral("sync_events_per_s"), syncRate, QStringLiteral("events/s"), 0));
    say(figure(QStringLiteral("peak_rss_mb"), syncPeak, QStringLiteral("MiB"), 1));
    return kExitOk;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        complain(QStringLiteral("Bad arguments; see --help."));
        return kExitUsage;
    }
    // The engine's per-feed lines would interleave with ours; warnings still show.
    spdlog::set_level(spdlog::level::warn);
    if (auto library = bv::store::verifySqliteLibrary(); !library.ok()) {
        complain(library.error().message);
        return kExitFailure;
    }
    if (auto crypto = bv::store::initialiseCrypto(); !crypto.ok()) {
        complain(crypto.error().message);
        return kExitFailure;
    }
    return run(*options);
}
