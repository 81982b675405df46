// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_linkage: the identity-resolution linker (linkage::link) at scale, on the records a full
// sync of the seven simulated agencies would leave in the store: the feed simulator's county
// and its noise, rendered in-process and read by Broadview's own adapters (no HTTP, no store:
// the sync runs at a few thousand events/s, and a million records would take it an hour).
// Prints records/s, comparisons, the peak memory of the link and how well it linked against
// the simulator's truth; then the same link on one thread as the baseline, which must give
// the very same pairs (a checksum of the output is compared). Never fails on time; fails
// only when the input cannot be made or the link fails.

#include "benchoutput.h"
#include "linkage/blocking.h"
#include "linkage/linker.h"
#include "linkagedata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <malloc.h>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>

namespace {

using bv::bench::complain;
using bv::bench::count;
using bv::bench::fixed;
using bv::bench::rate;
using bv::bench::say;

namespace linkage = bv::linkage;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr qsizetype kDefaultRecords = 100000;
constexpr qsizetype kMaxRecords = 1800000; // about what a 1,000,000-person county gives

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
// Memory and CPU of this process

struct Memory
{
    double rssMiB = 0;  // resident now
    double peakMiB = 0; // VmHWM: the most resident since start or the last resetPeak()
};

Memory memory()
{
    Memory result;
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return result;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const auto kib = [&line] {
            return line.mid(line.indexOf(':') + 1).trimmed().split(' ').value(0).toDouble()
                   / 1024.0;
        };
        if (line.startsWith("VmRSS:"))
            result.rssMiB = kib();
        else if (line.startsWith("VmHWM:"))
            result.peakMiB = kib();
    }
    return result;
}

// VmHWM back to what is resident now, so the next reading is the peak of what follows.
bool resetPeak()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

double cpuSeconds()
{
    rusage use{};
    getrusage(RUSAGE_SELF, &use);
    return double(use.ru_utime.tv_sec + use.ru_stime.tv_sec)
           + double(use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e6;
}

// ---------------------------------------------------------------------------------------
// Options

struct Options
{
    qsizetype records = kDefaultRecords;
    quint64 seed = 1;
    int threads = 0; // 0: one per core
    bool baseline = true;
    QString cacheFile;
    QString dataDir = QStringLiteral(BROADVIEW_BENCH_SHARED_DATA_DIR);
    QString feedsFile = QStringLiteral(BROADVIEW_BENCH_SOURCE_DIR "/resources/feeds/feeds.json");
};

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Links the source records of the seven simulated feeds (in-process, no store) and "
        "prints records/s, comparisons, peak memory and pairwise precision and recall; then "
        "the same link on one thread as the baseline, which must give the same pairs."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("records"),
         QStringLiteral("Source records to link (%1; up to %2).")
             .arg(kDefaultRecords)
             .arg(kMaxRecords),
         QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the county and of link() (1)."),
         QStringLiteral("S")},
        {QStringLiteral("threads"), QStringLiteral("Threads of the measured link (one per core)."),
         QStringLiteral("N")},
        {QStringLiteral("no-baseline"),
         QStringLiteral("Skip the one-thread baseline (halves the run or more).")},
        {QStringLiteral("cache"),
         QStringLiteral("Keep the generated records in FILE and read them from it on later runs "
                        "with the same --records and --seed (for changes to the linker only: "
                        "a file from before a change to the simulator keeps the old records)."),
         QStringLiteral("FILE")},
        {QStringLiteral("data"), QStringLiteral("The simulator's reference data (shared/data)."),
         QStringLiteral("DIR")},
        {QStringLiteral("feeds-file"),
         QStringLiteral("feeds.json with the shipped mappings (resources/feeds/feeds.json)."),
         QStringLiteral("FILE")},
    });
    parser.process(app);
    Options options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("records"))) {
        const qint64 records = parser.value(QStringLiteral("records")).toLongLong(&ok);
        if (!ok || records < 100 || records > kMaxRecords)
            return std::nullopt;
        options.records = qsizetype(records);
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("threads"))) {
        options.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 256)
            return std::nullopt;
    }
    options.baseline = !parser.isSet(QStringLiteral("no-baseline"));
    options.cacheFile = parser.value(QStringLiteral("cache"));
    if (parser.isSet(QStringLiteral("data")))
        options.dataDir = parser.value(QStringLiteral("data"));
    if (parser.isSet(QStringLiteral("feeds-file")))
        options.feedsFile = parser.value(QStringLiteral("feeds-file"));
    return options;
}

// ---------------------------------------------------------------------------------------
// One link, timed

// FNV-1a over 64-bit words.
class Checksum
{
public:
    void add(std::uint64_t value)
    {
        for (int i = 0; i < 8; ++i) {
            m_hash ^= (value >> (8 * i)) & 0xffU;
            m_hash *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

// The output as pairs and persons (what decides the store's rows), and the same with each
// pair's weight and vector, bit for bit (what the explanations show).
struct Checksums
{
    std::uint64_t pairs = 0;
    std::uint64_t weights = 0;
    bool operator==(const Checksums &) const = default;
};

Checksums checksums(const linkage::LinkResult &result)
{
    Checksum pairs;
    Checksum weights;
    const auto addPairs = [&](const std::vector<linkage::ScoredPair> &list) {
        pairs.add(list.size());
        weights.add(list.size());
        for (const linkage::ScoredPair &pair : list) {
            const std::uint64_t key = linkage::packPair(pair.a, pair.b);
            pairs.add(key);
            pairs.add(std::uint64_t(pair.reason));
            weights.add(key);
            weights.add(std::bit_cast<std::uint64_t>(pair.weight));
            weights.add(std::bit_cast<std::uint64_t>(pair.probability));
            weights.add(pair.vector.packed());
        }
    };
    addPairs(result.linked);
    addPairs(result.review);
    for (const std::uint32_t label : result.person)
        pairs.add(label);
    return {pairs.value(), weights.value()};
}

struct Run
{
    int threads = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    Memory before;
    double peakMiB = 0; // during the link
    linkage::LinkStatistics statistics;
    qsizetype linked = 0;
    qsizetype review = 0;
    Checksums sums;
    std::vector<std::uint32_t> person;
};

std::optional<Run> runLink(const std::vector<linkage::LinkRecord> &records, int threads,
                           quint64 seed)
{
    Run run;
    run.threads = threads;
    linkage::LinkOptions options;
    options.threads = threads;
    options.seed = seed;
    run.before = memory();
    const bool reset = resetPeak();
    const double cpu = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    auto result = linkage::link(records, options);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.cpuSeconds = cpuSeconds() - cpu;
    run.peakMiB = reset ? memory().peakMiB : 0;
    if (!result) {
        complain(QStringLiteral("link failed: %1").arg(result.error().message));
        return std::nullopt;
    }
    run.statistics = result->statistics;
    run.linked = qsizetype(result->linked.size());
    run.review = qsizetype(result->review.size());
    run.sums = checksums(result.value());
    run.person = std::move(result->person);
    return run;
}

void printRun(const QString &name, const Run &run)
{
    const linkage::LinkStatistics &s = run.statistics;
    say(QStringLiteral("%1 (%2 thread%3): %4 s, %5 records/s, %6 comparisons/s; CPU %7 s")
            .arg(name)
            .arg(run.threads)
            .arg(run.threads == 1 ? QString() : QStringLiteral("s"))
            .arg(fixed(run.seconds, 2), count(qint64(rate(double(s.records), run.seconds))),
                 count(qint64(rate(double(s.comparisons), run.seconds))),
                 fixed(run.cpuSeconds, 1)));
    say(QStringLiteral("  candidate pairs %1, comparisons %2 (with the random pairs for u), "
                       "oversized blocks %3, patterns %4, EM %5 iterations%6")
            .arg(count(qint64(s.candidatePairs)), count(qint64(s.comparisons)),
                 count(qint64(s.oversizedBlocks)), count(qint64(s.patterns)))
            .arg(s.emIterations)
            .arg(s.emConverged ? QString() : QStringLiteral(" (not converged)")));
    say(QStringLiteral("  persons %1, linked pairs %2, review pairs %3")
            .arg(count(qint64(s.persons)), count(run.linked), count(run.review)));
    say(QStringLiteral("  memory: %1 MiB resident before, peak %2 MiB during the link (+%3)")
            .arg(fixed(run.before.rssMiB, 1), fixed(run.peakMiB, 1),
                 fixed(run.peakMiB - run.before.rssMiB, 1)));
    say(QStringLiteral("  output checksum: pairs %1, weights %2")
            .arg(run.sums.pairs, 16, 16, QLatin1Char('0'))
            .arg(run.sums.weights, 16, 16, QLatin1Char('0')));
}

// ---------------------------------------------------------------------------------------
// Quality against the simulator's truth

struct Quality
{
    double truePairs = 0; // pairs of records of one county person
    double predictedPairs = 0;
    double agreeing = 0; // in one person both ways
    double precision() const { return predictedPairs > 0 ? agreeing / predictedPairs : 1; }
    double recall() const { return truePairs > 0 ? agreeing / truePairs : 1; }
    double f1() const
    {
        const double p = precision();
        const double r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
};

double pairsOf(double n)
{
    return n * (n - 1) / 2;
}

// Pairwise, over every pair of records (not only candidates): the sizes of the groups.
Quality quality(const std::vector<std::uint32_t> &person, const std::vector<quint32> &truth)
{
    Quality q;
    std::unordered_map<std::uint32_t, double> predicted;
    std::unordered_map<std::uint32_t, double> actual;
    std::unordered_map<std::uint64_t, double> both;
    for (std::size_t i = 0; i < person.size(); ++i) {
        predicted[person[i]] += 1;
        actual[truth[i]] += 1;
        both[(std::uint64_t(person[i]) << 32) | truth[i]] += 1;
    }
    for (const auto &[key, n] : predicted)
        q.predictedPairs += pairsOf(n);
    for (const auto &[key, n] : actual)
        q.truePairs += pairsOf(n);
    for (const auto &[key, n] : both)
        q.agreeing += pairsOf(n);
    return q;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> parsed = parseOptions(app);
    if (!parsed) {
        complain(QStringLiteral("bench_linkage: bad option value (see --help)"));
        return kExitUsage;
    }
    const Options &options = *parsed;
    const int cores = std::max(1, int(std::thread::hardware_concurrency()));
    const int threads = options.threads > 0 ? options.threads : cores;

    say(QStringLiteral("bench_linkage: %1 source records wanted, seed %2, %3 cores, load %4")
            .arg(count(options.records))
            .arg(options.seed)
            .arg(cores)
            .arg(loadAverage()));

    bv::bench::LinkageInputOptions inputOptions;
    inputOptions.records = options.records;
    inputOptions.seed = options.seed;
    inputOptions.dataDir = options.dataDir;
    inputOptions.feedsFile = options.feedsFile;
    inputOptions.cacheFile = options.cacheFile;
    auto made = bv::bench::makeLinkageInput(inputOptions);
    if (!made) {
        complain(
            QStringLiteral("bench_linkage: cannot make the records: %1").arg(made.error().message));
        return kExitFailure;
    }
    const bv::bench::LinkageInput &input = made.value();
    // The county and the pages are gone: hand their memory back, so what stays resident is the
    // records and the link's own memory is what the peak adds to it.
    malloc_trim(0);
    const auto records = qint64(input.records.size());
    if (input.fromCache)
        say(QStringLiteral("input: read from %1 (made by an earlier run)").arg(options.cacheFile));
    say(QStringLiteral("input: county of %1 persons (%2 s), feeds read in-process (%3 s): %4 "
                       "source person records, %5 kept; %6 persons seen, %7 records per person")
            .arg(count(input.countyPersons), fixed(input.countySeconds, 1),
                 fixed(input.feedSeconds, 1), count(input.recordsRead), count(records),
                 count(input.personsSeen),
                 fixed(input.personsSeen > 0 ? double(records) / input.personsSeen : 0, 2)));
    QStringList perFeed;
    for (const bv::bench::FeedRecordCount &feed : input.perFeed)
        perFeed << QStringLiteral("%1 %2").arg(feed.feed, count(feed.records));
    say(QStringLiteral("  per feed: %1").arg(perFeed.join(QStringLiteral(", "))));
    qint64 withNhs = 0;
    for (const linkage::LinkRecord &record : input.records)
        withNhs += record.nhsNumber != 0 ? 1 : 0;
    say(QStringLiteral("  prepared in %1 s; %2% with a valid NHS number; %3 MiB resident")
            .arg(fixed(input.prepareSeconds, 1),
                 fixed(100.0 * double(withNhs) / double(records), 1), fixed(memory().rssMiB, 1)));

    // Blocking alone, the part link() runs on one thread before comparing.
    {
        QElapsedTimer timer;
        timer.start();
        linkage::BlockingStatistics blocking;
        const std::vector<std::uint64_t> pairs
            = linkage::candidatePairs(input.records, linkage::BlockingOptions{}, &blocking);
        say(QStringLiteral("blocking alone: %1 s, %2 candidate pairs (%3 before deduplication, "
                           "%4 per record)")
                .arg(fixed(double(timer.nsecsElapsed()) / 1e9, 2), count(qint64(pairs.size())),
                     count(qint64(blocking.pairsBeforeDeduplication)),
                     fixed(double(pairs.size()) / double(records), 1)));
    }

    const std::optional<Run> ours = runLink(input.records, threads, options.seed);
    if (!ours)
        return kExitFailure;
    printRun(QStringLiteral("link"), *ours);
    const Quality q = quality(ours->person, input.truePerson);
    say(QStringLiteral("  against the truth: pairwise precision %1, recall %2, F1 %3 (%4 true "
                       "pairs, %5 predicted)")
            .arg(fixed(q.precision(), 4), fixed(q.recall(), 4), fixed(q.f1(), 4),
                 count(qint64(q.truePairs)), count(qint64(q.predictedPairs))));

    std::optional<Run> baseline;
    if (options.baseline && threads > 1) {
        baseline = runLink(input.records, 1, options.seed);
        if (!baseline)
            return kExitFailure;
        printRun(QStringLiteral("baseline"), *baseline);
        say(QStringLiteral("speed-up on %1 threads: %2x; same output as on one thread: %3")
                .arg(threads)
                .arg(fixed(baseline->seconds / ours->seconds, 2),
                     baseline->sums == ours->sums ? QStringLiteral("yes")
                                                  : QStringLiteral("NO (WARNING)")));
    }

    say(QStringLiteral("figure link_records %1 records").arg(records));
    say(QStringLiteral("figure link_records_per_person %1 records")
            .arg(fixed(input.personsSeen > 0 ? double(records) / input.personsSeen : 0, 2)));
    say(QStringLiteral("figure link_candidate_pairs %1 pairs")
            .arg(ours->statistics.candidatePairs));
    say(QStringLiteral("figure link_comparisons %1 comparisons").arg(ours->statistics.comparisons));
    say(QStringLiteral("figure link_precision %1 ratio").arg(fixed(q.precision(), 4)));
    say(QStringLiteral("figure link_recall %1 ratio").arg(fixed(q.recall(), 4)));
    if (baseline) {
        say(QStringLiteral("figure link_one_thread_seconds %1 s").arg(fixed(baseline->seconds, 2)));
        say(QStringLiteral("figure link_speedup %1 ratio")
                .arg(fixed(baseline->seconds / ours->seconds, 2)));
    }
    say(QStringLiteral("figure link_peak_rss_mb %1 MiB").arg(fixed(ours->peakMiB, 1)));
    say(QStringLiteral("figure link_records_per_s %1 records/s")
            .arg(fixed(rate(double(records), ours->seconds), 0)));
    say(QStringLiteral("figure link_seconds %1 s").arg(fixed(ours->seconds, 2)));
    return kExitOk;
}
