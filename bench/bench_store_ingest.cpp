// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_store_ingest: the same synthetic event rows inserted through the store layer into
//   (a) our encrypted store (SQLCipher, keyed),
//   (b) the same SQLCipher library unkeyed: (a) over (b) is the cost of encryption alone,
//   (c) Debian's SQLite 3.40: what a user would pick instead.
// (c) cannot share a process with SQLCipher (both export sqlite3_*), so this file is built
// twice: as bench_store_ingest (SQLCipher; runs a and b, spawns the sibling for c) and, with
// BROADVIEW_BENCH_SQLITE340, as bench_store_ingest_sqlite340 (plain SQLite 3.40; runs c).
// Repetitions are interleaved a, b, c, a, b, c... and medians reported. Never fails on time.

#include "benchoutput.h"
#include "ingestrun.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <sqlite3.h>
#include <vector>

#ifndef BROADVIEW_BENCH_SQLITE340
#include "store/crypto.h"
#include "store/sqlitelibrary.h"
#endif

namespace {

using bv::bench::complain;
using bv::bench::count;
using bv::bench::fixed;
using bv::bench::rate;
using bv::bench::say;

using bv::bench::Engine;
using bv::bench::IngestConfig;
using bv::bench::IngestResult;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct Options
{
    IngestConfig config; // engine aside, what every run uses
    int repeat = 3;
    bool pragmaStudy = false;
    std::vector<Engine> engines{Engine::Encrypted, Engine::Unkeyed, Engine::Sqlite340};
};

// ---------------------------------------------------------------------------------------
// Options

struct ParsedNumber
{
    qint64 value = 0;
    bool ok = false;
};

ParsedNumber number(const QCommandLineParser &parser, const QString &name, qint64 fallback,
                    qint64 minimum, qint64 maximum)
{
    if (!parser.isSet(name))
        return {fallback, true};
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    return {value, ok && value >= minimum && value <= maximum};
}

// Reads a two-way switch such as "--journal wal|delete"; false on any other value.
bool choice(const QCommandLineParser &parser, const QString &name, const QString &yes,
            const QString &no, bool &value)
{
    if (!parser.isSet(name))
        return true;
    const QString given = parser.value(name).toLower();
    if (given != yes && given != no)
        return false;
    value = given == yes;
    return true;
}

void addOptions(QCommandLineParser &parser)
{
    const IngestConfig defaults;
    const bv::store::StorePragmas &p = defaults.pragmas; // the store's own
    parser.setApplicationDescription(QStringLiteral(
        "Inserts the same synthetic event rows through the store layer into the encrypted "
        "store, the same SQLCipher unkeyed and Debian's SQLite 3.40, and prints rows/s and "
        "the ratios. Pragmas default to the store's own (StorePragmas), and every "
        "configuration gets the same."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("rows"), QStringLiteral("Event rows per run (%1).").arg(defaults.rows),
         QStringLiteral("N")},
        {QStringLiteral("batch"),
         QStringLiteral("Rows per page transaction (%1).").arg(defaults.batch),
         QStringLiteral("N")},
        {QStringLiteral("repeat"),
         QStringLiteral("Interleaved repetitions (%1).").arg(Options{}.repeat),
         QStringLiteral("K")},
        {QStringLiteral("seed"),
         QStringLiteral("Seed of the synthetic county (%1).").arg(defaults.seed),
         QStringLiteral("S")},
        {QStringLiteral("order"),
         QStringLiteral("Insert order within a page: feed (as delivered) or index (sorted by "
                        "event_person_time's key). Default: feed."),
         QStringLiteral("feed|index")},
        {QStringLiteral("dir"), QStringLiteral("Directory for the scratch stores (temp)."),
         QStringLiteral("PATH")},
        {QStringLiteral("page-size"),
         QStringLiteral("Page size; cipher_page_size when keyed (%1).").arg(p.cipherPageSize),
         QStringLiteral("BYTES")},
        {QStringLiteral("cache-kib"), QStringLiteral("Page cache in KiB (%1).").arg(p.cacheKiB),
         QStringLiteral("KiB")},
        {QStringLiteral("journal"),
         QStringLiteral("Journal mode (%1).").arg(p.wal ? u"wal" : u"delete"),
         QStringLiteral("wal|delete")},
        {QStringLiteral("synchronous"),
         QStringLiteral("Synchronous (%1).").arg(p.synchronousNormal ? u"normal" : u"full"),
         QStringLiteral("normal|full")},
        {QStringLiteral("temp-store"),
         QStringLiteral("temp_store (%1).").arg(p.tempStoreMemory ? u"memory" : u"default"),
         QStringLiteral("memory|default")},
        {QStringLiteral("secure-delete"),
         QStringLiteral("secure_delete (%1).").arg(p.secureDelete ? u"on" : u"off"),
         QStringLiteral("on|off")},
        {QStringLiteral("autocheckpoint"),
         QStringLiteral("wal_autocheckpoint in pages (%1).").arg(p.walAutoCheckpointPages),
         QStringLiteral("PAGES")},
#ifndef BROADVIEW_BENCH_SQLITE340
        {QStringLiteral("configs"),
         QStringLiteral("Which of store,unkeyed,sqlite340 to run (all three)."),
         QStringLiteral("LIST")},
        {QStringLiteral("pragma-study"),
         QStringLiteral("Run the encrypted store with each pragma switched back to SQLite's "
                        "default in turn, and print what each one buys.")},
#endif
    });
}

bool readPragmas(const QCommandLineParser &parser, bv::store::StorePragmas &p)
{
    const ParsedNumber pageSize
        = number(parser, QStringLiteral("page-size"), p.cipherPageSize, 512, 65536);
    const ParsedNumber cache = number(parser, QStringLiteral("cache-kib"), p.cacheKiB, 0, 1 << 24);
    const ParsedNumber checkpoint
        = number(parser, QStringLiteral("autocheckpoint"), p.walAutoCheckpointPages, 0, 1 << 30);
    if (!pageSize.ok || (pageSize.value & (pageSize.value - 1)) != 0 || !cache.ok || !checkpoint.ok)
        return false;
    p.cipherPageSize = static_cast<int>(pageSize.value);
    p.cacheKiB = static_cast<int>(cache.value);
    p.walAutoCheckpointPages = static_cast<int>(checkpoint.value);
    return choice(parser, QStringLiteral("journal"), QStringLiteral("wal"),
                  QStringLiteral("delete"), p.wal)
           && choice(parser, QStringLiteral("synchronous"), QStringLiteral("normal"),
                     QStringLiteral("full"), p.synchronousNormal)
           && choice(parser, QStringLiteral("temp-store"), QStringLiteral("memory"),
                     QStringLiteral("default"), p.tempStoreMemory)
           && choice(parser, QStringLiteral("secure-delete"), QStringLiteral("on"),
                     QStringLiteral("off"), p.secureDelete);
}

#ifndef BROADVIEW_BENCH_SQLITE340
bool readEngines(const QCommandLineParser &parser, std::vector<Engine> &engines)
{
    if (!parser.isSet(QStringLiteral("configs")))
        return true;
    engines.clear();
    for (const QString &name : parser.value(QStringLiteral("configs")).split(QLatin1Char(','))) {
        bool known = false;
        for (Engine engine : {Engine::Encrypted, Engine::Unkeyed, Engine::Sqlite340}) {
            if (name.trimmed() == bv::bench::engineName(engine)) {
                engines.push_back(engine);
                known = true;
            }
        }
        if (!known)
            return false;
    }
    return !engines.empty();
}
#endif

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app); // exits with a message on unknown options and --help
    Options options;
    IngestConfig &config = options.config;
    const ParsedNumber rows = number(parser, QStringLiteral("rows"), config.rows, 1, 1LL << 40);
    const ParsedNumber batch = number(parser, QStringLiteral("batch"), config.batch, 1, 1 << 30);
    const ParsedNumber repeat = number(parser, QStringLiteral("repeat"), options.repeat, 1, 1000);
    bool seedOk = true;
    if (parser.isSet(QStringLiteral("seed")))
        config.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    bool byIndex = config.order == bv::bench::InsertOrder::IndexKey;
    if (!rows.ok || !batch.ok || !repeat.ok || !seedOk
        || !choice(parser, QStringLiteral("order"), QStringLiteral("index"), QStringLiteral("feed"),
                   byIndex)
        || !readPragmas(parser, config.pragmas))
        return std::nullopt;
    config.rows = rows.value;
    config.batch = static_cast<int>(batch.value);
    config.order = byIndex ? bv::bench::InsertOrder::IndexKey : bv::bench::InsertOrder::Feed;
    config.directory = parser.value(QStringLiteral("dir"));
    options.repeat = static_cast<int>(repeat.value);
#ifndef BROADVIEW_BENCH_SQLITE340
    options.pragmaStudy = parser.isSet(QStringLiteral("pragma-study"));
    if (!readEngines(parser, options.engines))
        return std::nullopt;
#endif
    return options;
}

// ---------------------------------------------------------------------------------------
// Reporting

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

std::vector<double> collect(const std::vector<IngestResult> &runs,
                            const std::function<double(const IngestResult &)> &field)
{
    std::vector<double> values;
    for (const IngestResult &run : runs)
        values.push_back(field(run));
    return values;
}

QString runLine(const QString &label, const IngestResult &r)
{
    return QStringLiteral("%1 %2 rows/s  %3 s (commit %4 s, cpu %5 s)  page B/row B %6  "
                          "file B/row B %7  pages read %8  store %9 MiB  row %10 B")
        .arg(label, -24)
        .arg(r.rowsPerSecond(), 8, 'f', 0)
        .arg(r.seconds, 0, 'f', 3)
        .arg(r.commitSeconds, 0, 'f', 3)
        .arg(r.cpuSeconds, 0, 'f', 3)
        .arg(r.pageAmplification(), 0, 'f', 2)
        .arg(r.fileAmplification(), 0, 'f', 2)
        .arg(r.pagesRead)
        .arg(static_cast<double>(r.storeBytes) / (1 << 20), 0, 'f', 1)
        .arg(static_cast<double>(r.payloadBytes) / static_cast<double>(r.rows), 0, 'f', 0);
}

QString figure(const QString &name, double value, const QString &unit, int decimals)
{
    return QStringLiteral("figure %1 %2 %3").arg(name).arg(value, 0, 'f', decimals).arg(unit);
}

#ifdef BROADVIEW_BENCH_SQLITE340
// ---------------------------------------------------------------------------------------
// The baseline executable: plain SQLite 3.40, run (c) only.

// The opposite of the store's start-up check: this process must NOT be SQLCipher, and must
// be the 3.40 the comparison is about, or its figure means something else.
bv::Result<void> verifyPlainSqlite340()
{
    const QString version = QString::fromLatin1(sqlite3_libversion());
    if (!version.startsWith(QLatin1String("3.40.")))
        return bv::makeError(
            bv::ErrorCode::WrongLibrary,
            QStringLiteral("The baseline bound SQLite %1, not 3.40.x.").arg(version));
    bv::store::Database::OpenOptions options;
    options.create = true;
    auto db = bv::store::Database::open(QStringLiteral(":memory:"), options);
    BV_TRY(db);
    auto cipher = db.value()->queryText("PRAGMA cipher_version");
    BV_TRY(cipher);
    if (!cipher.value().isEmpty())
        return bv::makeError(bv::ErrorCode::WrongLibrary,
                             QStringLiteral("The baseline answers PRAGMA cipher_version (%1): it "
                                            "is SQLCipher, not Debian's plain SQLite.")
                                 .arg(cipher.value()));
    return {};
}

int runBaseline(const Options &options)
{
    if (auto plain = verifyPlainSqlite340(); !plain.ok()) {
        complain(plain.error().message);
        return kExitFailure;
    }
    IngestConfig config = options.config;
    config.engine = Engine::Sqlite340;
    std::vector<IngestResult> runs;
    for (int i = 0; i < options.repeat; ++i) {
        auto run = bv::bench::runIngest(config);
        if (!run.ok()) {
            complain(run.error().message);
            return kExitFailure;
        }
        say(runLine(QStringLiteral("sqlite340 %1").arg(QString::fromLatin1(sqlite3_libversion())),
                    run.value()));
        say(run.value().serialise()); // what the parent reads
        runs.push_back(run.value());
    }
    say(figure(QStringLiteral("ingest_rows_per_s_sqlite340"),
               median(collect(runs, &IngestResult::rowsPerSecond)), QStringLiteral("rows/s"), 0));
    return kExitOk;
}

#else
// ---------------------------------------------------------------------------------------
// The main executable: SQLCipher in-process for (a) and (b), the sibling for (c).

struct Summary
{
    double median = 0;
    double min = 0;
    double max = 0;
};

Summary summarise(const std::vector<double> &values)
{
    if (values.empty())
        return {};
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return {median(values), *lo, *hi};
}

QStringList runArguments(const IngestConfig &config)
{
    QStringList arguments{QStringLiteral("--rows"),
                          QString::number(config.rows),
                          QStringLiteral("--batch"),
                          QString::number(config.batch),
                          QStringLiteral("--seed"),
                          QString::number(config.seed),
                          QStringLiteral("--order"),
                          config.order == bv::bench::InsertOrder::IndexKey
                              ? QStringLiteral("index")
                              : QStringLiteral("feed")};
    if (!config.directory.isEmpty())
        arguments << QStringLiteral("--dir") << config.directory;
    return arguments + bv::bench::pragmaArguments(config.pragmas);
}

double cpuRowsPerSecond(const IngestResult &r)
{
    return r.cpuSeconds > 0 ? static_cast<double>(r.rows) / r.cpuSeconds : 0;
}

QString seriesLine(const QString &label, const std::vector<IngestResult> &runs)
{
    const Summary rate = summarise(collect(runs, &IngestResult::rowsPerSecond));
    return QStringLiteral("%1 median %2 rows/s (%3-%4)  cpu-only %5 rows/s  commit %6 s  "
                          "page B/row B %7  file B/row B %8")
        .arg(label, -24)
        .arg(rate.median, 0, 'f', 0)
        .arg(rate.min, 0, 'f', 0)
        .arg(rate.max, 0, 'f', 0)
        .arg(median(collect(runs, cpuRowsPerSecond)), 0, 'f', 0)
        .arg(median(collect(runs, [](const IngestResult &r) { return r.commitSeconds; })), 0, 'f',
             3)
        .arg(median(collect(runs, &IngestResult::pageAmplification)), 0, 'f', 2)
        .arg(median(collect(runs, &IngestResult::fileAmplification)), 0, 'f', 2);
}

QString baselineExecutable()
{
    return QDir(QCoreApplication::applicationDirPath())
        .filePath(QStringLiteral("bench_store_ingest_sqlite340"));
}

bv::Result<IngestResult> runBaselineChild(const IngestConfig &config)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its complaints, as they come
    child.start(baselineExecutable(), runArguments(config)
                                          << QStringLiteral("--repeat") << QStringLiteral("1"));
    if (!child.waitForStarted(-1) || !child.waitForFinished(-1))
        return bv::makeError(
            bv::ErrorCode::Failure,
            QStringLiteral("Cannot run %1: %2").arg(baselineExecutable(), child.errorString()));
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        return bv::makeError(
            bv::ErrorCode::Failure,
            QStringLiteral("%1 failed (exit %2).").arg(baselineExecutable()).arg(child.exitCode()));
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        if (auto result = IngestResult::parse(line))
            return *result;
    }
    return bv::makeError(bv::ErrorCode::Failure,
                         QStringLiteral("No result line from %1.").arg(baselineExecutable()));
}

bv::Result<IngestResult> runOnce(Engine engine, const IngestConfig &base)
{
    IngestConfig config = base;
    config.engine = engine;
    if (engine == Engine::Sqlite340)
        return runBaselineChild(config);
    return bv::bench::runIngest(config);
}

void printHeader(const Options &options, const QString &what)
{
    const IngestConfig &c = options.config;
    const bv::store::SqliteLibraryInfo library = bv::store::sqliteLibraryInfo();
    say(QStringLiteral("bench_store_ingest: %1").arg(what));
    say(QStringLiteral("rows %1 (seed %2), pages of %3 rows in %4 order, %5 repetitions "
                       "interleaved")
            .arg(c.rows)
            .arg(c.seed)
            .arg(c.batch)
            .arg(c.order == bv::bench::InsertOrder::IndexKey ? QStringLiteral("index-key")
                                                             : QStringLiteral("feed"))
            .arg(options.repeat));
    say(QStringLiteral("engine SQLite %1 with SQLCipher %2; baseline %3")
            .arg(library.libraryVersion, library.cipherVersion, baselineExecutable()));
    say(QStringLiteral("%1: %2").arg(options.pragmaStudy
                                         ? QStringLiteral("pragmas (each variant changes one)")
                                         : QStringLiteral("pragmas (every configuration)"),
                                     bv::bench::describePragmas(c.pragmas)));
}

// Every run must have inserted the same rows with the same settings, or the comparison
// compares nothing. Says what differs.
bool alike(const std::vector<std::vector<IngestResult>> &series)
{
    const IngestResult *first = nullptr;
    for (const auto &runs : series) {
        for (const IngestResult &run : runs) {
            if (!first) {
                first = &run;
            } else if (run.digest != first->digest || run.rows != first->rows) {
                complain(QStringLiteral("The runs did not insert the same rows (digests "
                                        "differ): %1 vs %2.")
                             .arg(first->engine, run.engine));
                return false;
            } else if (run.pragmas != first->pragmas) {
                complain(QStringLiteral("The runs had different settings:\n  %1: %2\n  %3: %4")
                             .arg(first->engine, first->pragmas, run.engine, run.pragmas));
                return false;
            }
        }
    }
    if (first)
        say(QStringLiteral("every run: same rows (digest %1), same settings (%2)")
                .arg(first->digest, 16, 16, QLatin1Char('0'))
                .arg(first->pragmas));
    return true;
}

// Median of per-repetition ratios: each pair ran back to back, so slow drift in the
// machine's load cancels; the min-max shows the spread.
Summary pairedRatio(const std::vector<IngestResult> &ours, const std::vector<IngestResult> &base)
{
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(ours.size(), base.size()); ++i)
        ratios.push_back(ours[i].rowsPerSecond() / base[i].rowsPerSecond());
    return summarise(ratios);
}

void printRatio(const QString &label, const std::vector<IngestResult> &ours,
                const std::vector<IngestResult> &base)
{
    const double rowsRatio = median(collect(ours, &IngestResult::rowsPerSecond))
                             / median(collect(base, &IngestResult::rowsPerSecond));
    const Summary paired = pairedRatio(ours, base);
    const double cpuRatio = median(collect(base, &IngestResult::cpuSeconds))
                            / median(collect(ours, &IngestResult::cpuSeconds));
    say(QStringLiteral("%1 %2 (paired runs: median %3, %4-%5; cpu-only %6)")
            .arg(label, -24)
            .arg(rowsRatio, 0, 'f', 3)
            .arg(paired.median, 0, 'f', 3)
            .arg(paired.min, 0, 'f', 3)
            .arg(paired.max, 0, 'f', 3)
            .arg(cpuRatio, 0, 'f', 3));
}

// Rows are encrypted only as pages are written, and with a cache larger than the store that
// happens only in COMMIT: the paired difference of commit times is what encryption costs.
void printEncryptionShare(const std::vector<IngestResult> &ours,
                          const std::vector<IngestResult> &base)
{
    std::vector<double> extra;
    std::vector<double> share;
    for (std::size_t i = 0; i < std::min(ours.size(), base.size()); ++i) {
        extra.push_back(ours[i].commitSeconds - base[i].commitSeconds);
        share.push_back(extra.back() / ours[i].seconds);
    }
    const double pageBytes = median(collect(ours, [](const IngestResult &r) {
        return static_cast<double>(r.pagesWritten) * r.pageSize;
    }));
    say(QStringLiteral("%1 %2 s per run (%3% of (a)), %4 ns per byte of pages written")
            .arg(QStringLiteral("encryption (commit a-b)"), -24)
            .arg(median(extra), 0, 'f', 3)
            .arg(100 * median(share), 0, 'f', 1)
            .arg(pageBytes > 0 ? 1e9 * median(extra) / pageBytes : 0, 0, 'f', 2));
}

int runComparison(Options options)
{
    printHeader(options, QStringLiteral("encrypted store vs unkeyed SQLCipher vs SQLite 3.40"));
    // Built only where Debian's sqlite3 was found (see bench/CMakeLists.txt).
    if (!QFileInfo::exists(baselineExecutable())) {
        say(QStringLiteral("no %1: (c) skipped").arg(baselineExecutable()));
        std::erase(options.engines, Engine::Sqlite340);
    }
    std::vector<std::vector<IngestResult>> series(3);
    for (int rep = 1; rep <= options.repeat; ++rep) {
        for (Engine engine : options.engines) {
            auto run = runOnce(engine, options.config);
            if (!run.ok()) {
                complain(run.error().message);
                return kExitFailure;
            }
            say(runLine(QStringLiteral("run %1/%2 %3")
                            .arg(rep)
                            .arg(options.repeat)
                            .arg(bv::bench::engineName(engine)),
                        run.value()));
            series[static_cast<std::size_t>(engine)].push_back(run.value());
        }
    }
    if (!alike(series))
        return kExitFailure;
    const auto &a = series[0];
    const auto &b = series[1];
    const auto &c = series[2];
    say(QString());
    const char *labels[] = {"(a) store", "(b) unkeyed SQLCipher", "(c) SQLite 3.40"};
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!series[i].empty())
            say(seriesLine(QString::fromLatin1(labels[i]), series[i]));
    }
    if (!a.empty() && !b.empty())
        printRatio(QStringLiteral("ratio a/b"), a, b);
    if (!a.empty() && !c.empty())
        printRatio(QStringLiteral("ratio a/c"), a, c);
    if (!a.empty() && !b.empty())
        printEncryptionShare(a, b);

    // The headline figures, last.
    if (!a.empty()) {
        say(figure(QStringLiteral("ingest_rows_per_s"),
                   median(collect(a, &IngestResult::rowsPerSecond)), QStringLiteral("rows/s"), 0));
        say(figure(QStringLiteral("ingest_page_bytes_per_row_byte"),
                   median(collect(a, &IngestResult::pageAmplification)), QStringLiteral("B/B"), 2));
    }
    if (!a.empty() && !b.empty())
        say(figure(QStringLiteral("ingest_ratio"),
                   median(collect(a, &IngestResult::rowsPerSecond))
                       / median(collect(b, &IngestResult::rowsPerSecond)),
                   QStringLiteral("ratio"), 3));
    if (!a.empty() && !c.empty())
        say(figure(QStringLiteral("ingest_ratio_sqlite340"),
                   median(collect(a, &IngestResult::rowsPerSecond))
                       / median(collect(c, &IngestResult::rowsPerSecond)),
                   QStringLiteral("ratio"), 3));
    return kExitOk;
}

// One pragma switched from the store's setting back to SQLite's (or SQLCipher 3's) default.
struct Variant
{
    QString key; // for the figure name
    QString description;
    bv::store::StorePragmas pragmas;
};

std::vector<Variant> pragmaVariants(const bv::store::StorePragmas &store)
{
    std::vector<Variant> variants{
        {QStringLiteral("defaults"), QStringLiteral("the store's pragmas"), store}};
    // The store's pragmas under a new name, for the caller to change one of them.
    const auto add = [&variants, &store](const char *key,
                                         const QString &description) -> bv::store::StorePragmas & {
        variants.push_back({QString::fromLatin1(key), description, store});
        return variants.back().pragmas;
    };
    add("page_size", QStringLiteral("cipher_page_size 1024 (SQLCipher 3)")).cipherPageSize = 1024;
    // Not a default but the next candidate: fewer pages, so fewer per-page cipher set-ups.
    bv::store::StorePragmas &larger
        = add("page_size_larger",
              QStringLiteral("cipher_page_size %1 (candidate)").arg(2 * store.cipherPageSize));
    larger.cipherPageSize *= 2;
    add("cache", QStringLiteral("cache_size -2000 (2000 KiB)")).cacheKiB = 2000;
    add("wal", QStringLiteral("journal_mode DELETE")).wal = false;
    add("synchronous", store.synchronousNormal ? QStringLiteral("synchronous FULL")
                                               : QStringLiteral("synchronous NORMAL"))
        .synchronousNormal
        = !store.synchronousNormal;
    // SQLCipher's build has TEMP_STORE=2, so DEFAULT already means memory there: the store
    // says MEMORY so that no build can put plaintext in a temp file.
    add("temp_store", QStringLiteral("temp_store DEFAULT")).tempStoreMemory = false;
    add("secure_delete", QStringLiteral("secure_delete OFF")).secureDelete = false;
    add("autocheckpoint", QStringLiteral("wal_autocheckpoint 1000")).walAutoCheckpointPages = 1000;
    return variants;
}

QString studyHeader()
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6")
        .arg(QStringLiteral("variant"), -40)
        .arg(QStringLiteral("rows/s median (min-max)"), -26)
        .arg(QStringLiteral("setting buys (cpu)"), -19)
        .arg(QStringLiteral("commit s"), -9)
        .arg(QStringLiteral("page B/row B"), -13)
        .arg(QStringLiteral("file B/row B"));
}

// "Buys" is the store's setting over this variant: above 1, the store's setting is faster.
QString studyRow(const QString &description, const std::vector<IngestResult> &runs, double base,
                 double baseCpu)
{
    const Summary rate = summarise(collect(runs, &IngestResult::rowsPerSecond));
    const QString rates = QStringLiteral("%1 (%2-%3)")
                              .arg(rate.median, 0, 'f', 0)
                              .arg(rate.min, 0, 'f', 0)
                              .arg(rate.max, 0, 'f', 0);
    const QString buys = QStringLiteral("x%1 (x%2)")
                             .arg(base / rate.median, 0, 'f', 3)
                             .arg(baseCpu / median(collect(runs, cpuRowsPerSecond)), 0, 'f', 3);
    return QStringLiteral("%1 %2 %3 %4 %5 %6")
        .arg(description, -40)
        .arg(rates, -26)
        .arg(buys, -19)
        .arg(median(collect(runs, [](const IngestResult &r) { return r.commitSeconds; })), -9, 'f',
             3)
        .arg(median(collect(runs, &IngestResult::pageAmplification)), -13, 'f', 2)
        .arg(median(collect(runs, &IngestResult::fileAmplification)), 0, 'f', 2);
}

int runPragmaStudy(const Options &options)
{
    printHeader(options, QStringLiteral("pragma study of the encrypted store"));
    const std::vector<Variant> variants = pragmaVariants(options.config.pragmas);
    std::vector<std::vector<IngestResult>> series(variants.size());
    for (int rep = 1; rep <= options.repeat; ++rep) {
        for (std::size_t v = 0; v < variants.size(); ++v) {
            IngestConfig config = options.config;
            config.pragmas = variants[v].pragmas;
            auto run = runOnce(Engine::Encrypted, config);
            if (!run.ok()) {
                complain(run.error().message);
                return kExitFailure;
            }
            say(runLine(
                QStringLiteral("run %1/%2 %3").arg(rep).arg(options.repeat).arg(variants[v].key),
                run.value()));
            series[v].push_back(run.value());
        }
    }
    say(QString());
    say(studyHeader());
    const double base = median(collect(series[0], &IngestResult::rowsPerSecond));
    const double baseCpu = median(collect(series[0], cpuRowsPerSecond));
    std::vector<double> buys;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        buys.push_back(base / median(collect(series[v], &IngestResult::rowsPerSecond)));
        say(studyRow(variants[v].description, series[v], base, baseCpu));
    }
    for (std::size_t v = 1; v < variants.size(); ++v)
        say(figure(QStringLiteral("pragma_buys_") + variants[v].key, buys[v],
                   QStringLiteral("ratio"), 3));
    return kExitOk;
}
#endif

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        complain(QStringLiteral("Bad arguments; see --help."));
        return kExitUsage;
    }
#ifdef BROADVIEW_BENCH_SQLITE340
    return runBaseline(*options);
#else
    // The store's start-up check, as in every executable: SQLCipher must have won the symbols.
    if (auto library = bv::store::verifySqliteLibrary(); !library.ok()) {
        complain(library.error().message);
        return kExitFailure;
    }
    if (auto crypto = bv::store::initialiseCrypto(); !crypto.ok()) {
        complain(crypto.error().message);
        return kExitFailure;
    }
    return options->pragmaStudy ? runPragmaStudy(*options) : runComparison(*options);
#endif
}
