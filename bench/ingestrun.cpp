// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestrun.h"

#include "ingestdata.h"
#include "store/database.h"
#include "store/eventtextindex.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>
#include <numeric>
#include <sqlite3.h>

namespace bv::bench {

namespace {

using Clock = std::chrono::steady_clock;

// One prepared INSERT, reused for every row, and the row's full-text entry: what the sync
// engine does.
constexpr std::string_view kInsertEvent
    = "INSERT INTO event(source_id, external_id, source_person_id, occurred_at, occurred_date, "
      "period_end_date, category, title, summary, outcome, significance, sensitivity, "
      "place_text, lat, lon, place_precision, agency_contact, received_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19)";

double seconds(Clock::duration elapsed)
{
    return std::chrono::duration<double>(elapsed).count();
}

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Bytes this process has passed to write(2) so far (Linux /proc/self/io "wchar"), which
// counts WAL frames and checkpoint copies alike; -1 where the file cannot be read.
qint64 bytesWrittenByProcess()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("wchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

// A pager counter since the last reset, and resets it.
qint64 takeDbStatus(sqlite3 *db, int counter)
{
    int current = 0;
    int highwater = 0;
    sqlite3_db_status(db, counter, &current, &highwater, 1);
    return current;
}

// What the connection says its settings are (not what we asked for), as one token: the
// parent compares them across (a), (b) and (c), since a fair comparison needs them equal.
Result<QString> effectivePragmas(store::Database &db)
{
    QStringList settings;
    for (const char *name :
         {"page_size", "cache_size", "journal_mode", "synchronous", "temp_store", "secure_delete",
          "wal_autocheckpoint", "auto_vacuum", "foreign_keys", "mmap_size", "locking_mode"}) {
        auto value = db.queryText(std::string("PRAGMA ") + name);
        BV_TRY(value);
        settings << QString::fromLatin1(name) + QLatin1Char(':') + value.value();
    }
    return settings.join(QLatin1Char(','));
}

// The scratch store for one run, and whatever must outlive the connection's opening.
struct OpenedStore
{
    std::unique_ptr<store::Database> db;
    QString path;
};

Result<OpenedStore> createStore(const IngestConfig &config, const QString &path)
{
#ifdef BROADVIEW_SQLCIPHER
    if (config.engine == Engine::Encrypted) {
        // The real path of `broadview init`: a random raw key, wrapped in a key file (minimum
        // KDF cost, since creation is not what is timed), the salt chosen by us.
        const SecretBytes passphrase = SecretBytes::fromView("bench passphrase");
        auto created = store::StoreFiles::create(store::StorePaths::forStore(path), passphrase,
                                                 store::KdfParams::minimum(), config.pragmas);
        BV_TRY(created);
        return OpenedStore{std::move(created.value().opened.db), path};
    }
#endif
    store::Database::OpenOptions options;
    options.create = true;
    options.pragmas = config.pragmas;
    auto db = store::Database::open(path, options);
    BV_TRY(db);
    BV_TRY(store::Schema::migrate(*db.value()));
    return OpenedStore{std::move(db.value()), path};
}

// The sources and source_person rows the events reference (foreign keys are on), loaded
// before the clock starts.
Result<void> loadReferenceRows(store::Database &db, const SyntheticCounty &county)
{
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    auto source = db.prepare("INSERT INTO source(id, code, agency, format, endpoint) "
                             "VALUES (?, ?, ?, ?, ?)");
    BV_TRY(source);
    for (std::size_t i = 0; i < feeds().size(); ++i) {
        const FeedSpec &feed = feeds()[i];
        source->bind(1, static_cast<qint64>(i + 1))
            .bind(2, QString::fromLatin1(feed.code))
            .bind(3, QString::fromLatin1(feed.agency))
            .bind(4, QString::fromLatin1(feed.format))
            .bind(5, QString(QStringLiteral("https://127.0.0.1:8443/") + QLatin1String(feed.code)));
        BV_TRY(source->run());
    }
    auto person = db.prepare(
        "INSERT INTO source_person(source_id, external_id, given_name, family_name, given_norm, "
        "family_norm, birth_date, sex, nhs_number, nhs_number_valid, postcode, address, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BV_TRY(person);
    for (const PersonRow &row : county.persons()) {
        person->bind(1, static_cast<qint64>(row.sourceIndex + 1))
            .bind(2, row.externalId)
            .bind(3, row.givenName)
            .bind(4, row.familyName)
            .bind(5, row.givenNorm)
            .bind(6, row.familyNorm)
            .bind(7, row.birthDate)
            .bind(8, row.sex)
            .bind(9, row.nhsNumber)
            .bind(10, row.nhsNumber.isNull() ? 0 : 1)
            .bind(11, row.postcode)
            .bind(12, row.address)
            .bind(13, row.receivedAt);
        BV_TRY(person->run());
    }
    return tx->commit();
}

Result<void> insertEvent(store::Database &db, store::Statement &insert, store::EventTextIndex &text,
                         const EventRow &row)
{
    insert.bind(1, row.sourceId)
        .bind(2, row.externalId)
        .bind(3, row.sourcePersonId)
        .bind(4, row.occurredAt)
        .bind(5, row.occurredDate)
        .bind(6, row.periodEndDate)
        .bind(7, row.category)
        .bind(8, row.title)
        .bind(9, row.summary)
        .bind(10, row.outcome)
        .bind(11, row.significance)
        .bind(12, row.sensitivity)
        .bind(13, row.placeText)
        .bind(14, row.lat)
        .bind(15, row.lon)
        .bind(16, row.placePrecision)
        .bind(17, row.agencyContact)
        .bind(18, row.receivedAt)
        .bind(19, row.updatedAt);
    BV_TRY(insert.run());
    return text.add(db.lastInsertRowId(), row.title, row.summary, row.outcome);
}

// The order to insert a page in. Sorting by event_person_time's key makes that index's
// inserts walk forward through its leaves instead of jumping about.
std::vector<std::size_t> insertOrder(const std::vector<EventRow> &page, InsertOrder order)
{
    std::vector<std::size_t> indexes(page.size());
    std::iota(indexes.begin(), indexes.end(), std::size_t{0});
    if (order == InsertOrder::IndexKey) {
        std::sort(indexes.begin(), indexes.end(), [&page](std::size_t l, std::size_t r) {
            const EventRow &a = page[l];
            const EventRow &b = page[r];
            if (a.sourcePersonId != b.sourcePersonId)
                return a.sourcePersonId < b.sourcePersonId;
            if (const int c = a.occurredDate.compare(b.occurredDate); c != 0)
                return c < 0;
            return a.occurredAt < b.occurredAt;
        });
    }
    return indexes;
}

// Feeds every page through one transaction each, timing only the database work (and the
// sort that IndexKey order costs); the rows are generated outside the timed span.
Result<void> ingestPages(store::Database &db, SyntheticCounty &county, const IngestConfig &config,
                         IngestResult &result)
{
    auto insert = db.prepare(kInsertEvent);
    BV_TRY(insert);
    auto text = store::EventTextIndex::prepare(db);
    BV_TRY(text);
    std::vector<EventRow> page;
    result.digest = kDigestStart;
    Clock::duration busy{};
    Clock::duration committing{};
    double cpu = 0;
    for (;;) {
        county.nextPage(config.batch, page);
        if (page.empty())
            break;
        for (const EventRow &row : page) {
            result.payloadBytes += row.payloadBytes();
            row.addToDigest(result.digest);
        }
        const double cpuStart = processCpuSeconds();
        const auto start = Clock::now();
        const std::vector<std::size_t> order = insertOrder(page, config.order);
        auto tx = store::Transaction::begin(db);
        BV_TRY(tx);
        for (std::size_t i : order)
            BV_TRY(insertEvent(db, insert.value(), text.value(), page[i]));
        const auto commitStart = Clock::now();
        BV_TRY(tx->commit());
        const auto end = Clock::now();
        busy += end - start;
        committing += end - commitStart;
        cpu += processCpuSeconds() - cpuStart;
        result.rows += static_cast<qint64>(page.size());
    }

    // The WAL frames not yet copied back are work the ingest caused: count them, so that a
    // lazier checkpoint policy cannot look faster merely by leaving work for later.
    const double cpuStart = processCpuSeconds();
    const auto start = Clock::now();
    BV_TRY(db.exec("PRAGMA wal_checkpoint(PASSIVE)"));
    const auto end = Clock::now();
    busy += end - start;
    committing += end - start;
    cpu += processCpuSeconds() - cpuStart;

    result.seconds = seconds(busy);
    result.commitSeconds = seconds(committing);
    result.cpuSeconds = cpu;
    return {};
}

} // namespace

QString engineName(Engine engine)
{
    switch (engine) {
    case Engine::Encrypted:
        return QStringLiteral("store");
    case Engine::Unkeyed:
        return QStringLiteral("unkeyed");
    case Engine::Sqlite340:
        return QStringLiteral("sqlite340");
    }
    return {};
}

double IngestResult::pageAmplification() const
{
    return payloadBytes > 0
               ? static_cast<double>(pagesWritten) * pageSize / static_cast<double>(payloadBytes)
               : 0;
}

double IngestResult::fileAmplification() const
{
    return payloadBytes > 0 && bytesWritten >= 0
               ? static_cast<double>(bytesWritten) / static_cast<double>(payloadBytes)
               : 0;
}

QString IngestResult::serialise() const
{
    return QStringLiteral("result engine=%1 rows=%2 seconds=%3 commit_seconds=%4 cpu_seconds=%5 "
                          "payload_bytes=%6 page_size=%7 pages_written=%8 pages_read=%9 "
                          "bytes_written=%10 store_bytes=%11 digest=%12 pragmas=%13")
        .arg(engine)
        .arg(rows)
        .arg(seconds, 0, 'g', 9)
        .arg(commitSeconds, 0, 'g', 9)
        .arg(cpuSeconds, 0, 'g', 9)
        .arg(payloadBytes)
        .arg(pageSize)
        .arg(pagesWritten)
        .arg(pagesRead)
        .arg(bytesWritten)
        .arg(storeBytes)
        .arg(digest, 16, 16, QLatin1Char('0'))
        .arg(pragmas);
}

std::optional<IngestResult> IngestResult::parse(const QString &line)
{
    if (!line.startsWith(QLatin1String("result ")))
        return std::nullopt;
    IngestResult r;
    int fields = 0;
    for (const QString &pair : line.mid(7).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        const QString value = pair.section(QLatin1Char('='), 1);
        ++fields;
        if (key == QLatin1String("engine"))
            r.engine = value;
        else if (key == QLatin1String("rows"))
            r.rows = value.toLongLong();
        else if (key == QLatin1String("seconds"))
            r.seconds = value.toDouble();
        else if (key == QLatin1String("commit_seconds"))
            r.commitSeconds = value.toDouble();
        else if (key == QLatin1String("cpu_seconds"))
            r.cpuSeconds = value.toDouble();
        else if (key == QLatin1String("payload_bytes"))
            r.payloadBytes = value.toLongLong();
        else if (key == QLatin1String("page_size"))
            r.pageSize = value.toInt();
        else if (key == QLatin1String("pages_written"))
            r.pagesWritten = value.toLongLong();
        else if (key == QLatin1String("pages_read"))
            r.pagesRead = value.toLongLong();
        else if (key == QLatin1String("bytes_written"))
            r.bytesWritten = value.toLongLong();
        else if (key == QLatin1String("store_bytes"))
            r.storeBytes = value.toLongLong();
        else if (key == QLatin1String("digest"))
            r.digest = value.toULongLong(nullptr, 16);
        else if (key == QLatin1String("pragmas"))
            r.pragmas = value;
        else
            --fields;
    }
    if (fields != 13 || r.rows <= 0)
        return std::nullopt;
    return r;
}

Result<IngestResult> runIngest(const IngestConfig &config)
{
    QTemporaryDir dir(config.directory.isEmpty()
                          ? QDir::tempPath() + QStringLiteral("/bench_store_ingest-XXXXXX")
                          : config.directory + QStringLiteral("/bench_store_ingest-XXXXXX"));
    if (!dir.isValid())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("Cannot make a scratch directory: %1").arg(dir.errorString()));
    auto opened = createStore(config, dir.filePath(QStringLiteral("ingest.db")));
    BV_TRY(opened);
    store::Database &db = *opened->db;

    SyntheticCounty county(config.seed, config.rows);
    BV_TRY(loadReferenceRows(db, county));
    // Start from an empty WAL and zeroed counters, so that only the events are measured.
    BV_TRY(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    takeDbStatus(db.handle(), SQLITE_DBSTATUS_CACHE_WRITE);
    takeDbStatus(db.handle(), SQLITE_DBSTATUS_CACHE_MISS);

    IngestResult result;
    result.engine = engineName(config.engine);
    auto pageSize = db.queryInt("PRAGMA page_size");
    BV_TRY(pageSize);
    result.pageSize = static_cast<int>(pageSize.value());
    const qint64 writtenBefore = bytesWrittenByProcess();
    BV_TRY(ingestPages(db, county, config, result));
    const qint64 writtenAfter = bytesWrittenByProcess();
    result.bytesWritten
        = writtenBefore >= 0 && writtenAfter >= 0 ? writtenAfter - writtenBefore : -1;
    result.pagesWritten = takeDbStatus(db.handle(), SQLITE_DBSTATUS_CACHE_WRITE);
    result.pagesRead = takeDbStatus(db.handle(), SQLITE_DBSTATUS_CACHE_MISS);
    result.storeBytes = fileSize(opened->path);
    auto pragmas = effectivePragmas(db);
    BV_TRY(pragmas);
    result.pragmas = pragmas.value();

    auto stored = db.queryInt("SELECT count(*) FROM event");
    BV_TRY(stored);
    if (stored.value() != result.rows)
        return makeError(ErrorCode::Failure, QStringLiteral("%1 rows inserted, %2 in the table")
                                                 .arg(result.rows)
                                                 .arg(stored.value()));
    return result;
}

QStringList pragmaArguments(const store::StorePragmas &p)
{
    return {QStringLiteral("--page-size"),
            QString::number(p.cipherPageSize),
            QStringLiteral("--cache-kib"),
            QString::number(p.cacheKiB),
            QStringLiteral("--journal"),
            p.wal ? QStringLiteral("wal") : QStringLiteral("delete"),
            QStringLiteral("--synchronous"),
            p.synchronousNormal ? QStringLiteral("normal") : QStringLiteral("full"),
            QStringLiteral("--temp-store"),
            p.tempStoreMemory ? QStringLiteral("memory") : QStringLiteral("default"),
            QStringLiteral("--secure-delete"),
            p.secureDelete ? QStringLiteral("on") : QStringLiteral("off"),
            QStringLiteral("--autocheckpoint"),
            QString::number(p.walAutoCheckpointPages)};
}

QString describePragmas(const store::StorePragmas &p)
{
    return QStringLiteral("page size %1, cache %2 KiB, journal %3, synchronous %4, temp_store %5, "
                          "secure_delete %6, wal_autocheckpoint %7")
        .arg(p.cipherPageSize)
        .arg(p.cacheKiB)
        .arg(p.wal ? QStringLiteral("WAL") : QStringLiteral("DELETE"))
        .arg(p.synchronousNormal ? QStringLiteral("NORMAL") : QStringLiteral("FULL"))
        .arg(p.tempStoreMemory ? QStringLiteral("MEMORY") : QStringLiteral("DEFAULT"))
        .arg(p.secureDelete ? QStringLiteral("ON") : QStringLiteral("OFF"))
        .arg(p.walAutoCheckpointPages);
}

} // namespace bv::bench
