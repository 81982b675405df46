// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storeinspector.h"

#include "store/database.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <sodium.h>
#include <sqlite3.h>
#include <string_view>
#include <vector>

namespace bv::store {

namespace {

constexpr std::array kCountedTables = {
    "source",         "source_person", "person",       "person_link", "event",      "annotation",
    "address_period", "flag",          "relationship", "place",       "quarantine", "audit",
};

// Each feed-derived table as canonical rows: joins replace row ids by source codes and
// external ids; columns that depend on when or how a sync ran are left out.
constexpr std::array<std::string_view, 8> kContentQueries = {
    "SELECT 'source_person', s.code, sp.external_id, sp.given_name, sp.middle_names, "
    "sp.family_name, sp.birth_date, sp.sex, sp.nhs_number, sp.postcode, sp.uprn, sp.address, "
    "sp.phone, sp.sensitivity, sp.withdrawn, sp.updated_at FROM source_person sp "
    "JOIN source s ON s.id = sp.source_id",
    "SELECT 'event', s.code, e.external_id, sp.external_id, e.occurred_at, e.occurred_date, "
    "e.period_end_date, e.category, e.title, e.summary, e.outcome, e.significance, "
    "e.sensitivity, e.place_text, e.lat, e.lon, e.place_precision, e.agency_contact, "
    "e.withdrawn, e.updated_at, e.location_ref FROM event e JOIN source s ON s.id = e.source_id "
    "LEFT JOIN source_person sp ON sp.id = e.source_person_id",
    "SELECT 'address_period', s.code, a.external_id, sp.external_id, a.address, a.postcode, "
    "a.uprn, a.lat, a.lon, a.precision, a.from_date, a.to_date, a.protected, a.sensitivity, "
    "a.updated_at, a.location_ref FROM address_period a JOIN source s ON s.id = a.source_id "
    "JOIN source_person sp ON sp.id = a.source_person_id",
    "SELECT 'flag', s.code, f.external_id, sp.external_id, f.kind, f.detail, f.from_date, "
    "f.to_date, f.active, f.sensitivity, f.updated_at FROM flag f "
    "JOIN source s ON s.id = f.source_id JOIN source_person sp ON sp.id = f.source_person_id",
    "SELECT 'relationship', s.code, sp.external_id, r.related_external_id, r.kind, "
    "r.from_date, r.to_date, r.updated_at FROM relationship r "
    "JOIN source s ON s.id = r.source_id JOIN source_person sp ON sp.id = r.source_person_id",
    "SELECT 'source_location', s.code, l.external_id, l.address, l.postcode, l.uprn, l.lat, "
    "l.lon, l.precision, l.updated_at FROM source_location l JOIN source s ON s.id = l.source_id",
    "SELECT 'source_person_name', s.code, sp.external_id, n.use, n.given_name, n.middle_names, "
    "n.family_name FROM source_person_name n JOIN source_person sp ON sp.id = n.source_person_id "
    "JOIN source s ON s.id = sp.source_id",
    // Where in a page a record was is left out: page boundaries may move between two syncs.
    "SELECT 'quarantine', s.code, q.external_id, q.reason, hex(q.payload_hash) "
    "FROM quarantine q LEFT JOIN source s ON s.id = q.source_id",
};

using Digest = std::array<std::uint8_t, 32>;

Digest rowDigest(const Statement &row)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    for (int column = 0; column < row.columnCount(); ++column) {
        // A type tag and a length prefix per field: NULL, '' and "a","bc" vs "ab","c" differ.
        const QByteArray value = row.isNull(column) ? QByteArray() : row.text(column).toUtf8();
        const std::uint8_t tag = row.isNull(column) ? 0 : 1;
        const quint32 length = qToLittleEndian(static_cast<quint32>(value.size()));
        crypto_generichash_update(&state, &tag, 1);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(&length),
                                  sizeof length);
        crypto_generichash_update(&state,
                                  reinterpret_cast<const unsigned char *>(value.constData()),
                                  static_cast<unsigned long long>(value.size()));
    }
    Digest digest;
    crypto_generichash_final(&state, digest.data(), digest.size());
    return digest;
}

} // namespace

Result<QByteArray> StoreInspector::contentHash(Database &db)
{
    std::vector<Digest> digests;
    for (std::string_view sql : kContentQueries) {
        auto rows = db.prepare(sql);
        BV_TRY(rows);
        for (;;) {
            auto step = rows->step();
            BV_TRY(step);
            if (!step.value())
                break;
            digests.push_back(rowDigest(rows.value()));
        }
    }
    // Sorting the row digests makes the result independent of row order.
    std::sort(digests.begin(), digests.end());
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    for (const Digest &digest : digests)
        crypto_generichash_update(&state, digest.data(), digest.size());
    QByteArray hash(32, '\0');
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(hash.data()), 32);
    return hash;
}

Result<QList<SourceCount>> StoreInspector::sources(Database &db)
{
    QList<SourceCount> list;
    auto sources = db.prepare(
        "SELECT s.code, s.agency, "
        "(SELECT count(*) FROM source_person sp WHERE sp.source_id = s.id), "
        "(SELECT count(*) FROM event e WHERE e.source_id = s.id), "
        "(SELECT count(*) FROM flag f WHERE f.source_id = s.id), "
        "(SELECT count(*) FROM address_period a WHERE a.source_id = s.id), "
        "(SELECT count(*) FROM relationship r WHERE r.source_id = s.id), "
        "(SELECT count(*) FROM quarantine q WHERE q.source_id = s.id AND q.resolved_at IS NULL), "
        "coalesce(s.last_sync_at, ''), coalesce(s.last_error, '') "
        "FROM source s ORDER BY s.code");
    BV_TRY(sources);
    for (;;) {
        auto step = sources->step();
        BV_TRY(step);
        if (!step.value())
            break;
        list.append({sources->text(0), sources->text(1), sources->int64(2), sources->int64(3),
                     sources->int64(4), sources->int64(5), sources->int64(6), sources->int64(7),
                     sources->text(8), sources->text(9)});
    }
    return list;
}

Result<StoreSummary> StoreInspector::summarize(Database &db, const access::AccessContext &context,
                                               bool withContentHash)
{
    Q_UNUSED(context); // aggregates are visible to every role; the parameter keeps the rule
    StoreSummary summary;
    auto version = Schema::currentVersion(db);
    BV_TRY(version);
    summary.schemaVersion = version.value();
    auto created = db.queryText("SELECT value FROM store_meta WHERE key = 'created_at'");
    BV_TRY(created);
    summary.createdAt = created.value();
    for (const char *table : kCountedTables) {
        auto rows = db.queryInt(std::string("SELECT count(*) FROM ") + table);
        BV_TRY(rows);
        summary.tables.append({QString::fromLatin1(table), rows.value()});
    }
    auto retired = db.queryInt("SELECT count(*) FROM person WHERE retired_at IS NOT NULL");
    BV_TRY(retired);
    summary.retiredPersons = retired.value();
    auto sources = StoreInspector::sources(db);
    BV_TRY(sources);
    summary.sources = std::move(sources.value());
    if (!withContentHash)
        return summary;
    auto hash = contentHash(db);
    BV_TRY(hash);
    summary.contentHash = hash.value();
    return summary;
}

Result<IntegrityReport> StoreInspector::checkIntegrity(Database &db)
{
    IntegrityReport report;
    auto pageSize = db.queryInt("PRAGMA page_size");
    BV_TRY(pageSize);
    report.pageSize = pageSize.value();

    // Every page goes through SQLCipher's codec (decrypt + HMAC check) on its way into a
    // throwaway copy encrypted under a random key; the copy is deleted at once.
    const QString directory = QFileInfo(db.path()).absolutePath();
    QTemporaryFile scratch(directory + QStringLiteral("/.broadview-check-XXXXXX"));
    if (!scratch.open())
        return makeError(ErrorCode::Io, QObject::tr("Cannot create a scratch file in %1: %2")
                                            .arg(directory, scratch.errorString()));
    scratch.close();
    const QString scratchPath = scratch.fileName();
    {
        const SecretBytes throwaway = SecretBytes::random(32);
        const SecretBytes spec = StoreFiles::keySpec(throwaway);
        Database::OpenOptions options;
        options.create = true;
        options.keySpec = &spec;
        options.pragmas.wal = false;
        options.pragmas.cacheKiB = 2048;
        options.pragmas.cipherPageSize = static_cast<int>(report.pageSize);
        QFile::remove(scratchPath); // SQLite must create it to set the page size
        auto copy = Database::open(scratchPath, options);
        BV_TRY(copy);
        sqlite3_backup *backup
            = sqlite3_backup_init(copy.value()->handle(), "main", db.handle(), "main");
        if (!backup) {
            const Error error = copy.value()->sqlError(sqlite3_errcode(copy.value()->handle()),
                                                       "sqlite3_backup_init");
            QFile::remove(scratchPath);
            return error;
        }
        int rc = SQLITE_OK;
        do {
            rc = sqlite3_backup_step(backup, 256);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        const qint64 total = sqlite3_backup_pagecount(backup);
        report.pagesRead = total - sqlite3_backup_remaining(backup);
        // SQLCipher 3.4.1 reports a page that fails to decrypt by putting the source pager in
        // an error state that only the next read sees: when that page is the last one, the
        // backup ends with SQLITE_DONE and only the source's error code tells.
        const int sourceError = sqlite3_errcode(db.handle());
        sqlite3_backup_finish(backup);
        if (rc == SQLITE_DONE && sourceError != SQLITE_OK) {
            report.problems.append(QObject::tr("A page did not decrypt while every page was read "
                                               "(%1 pages): %2")
                                       .arg(total)
                                       .arg(QString::fromUtf8(sqlite3_errstr(sourceError))));
        }
        if (rc != SQLITE_DONE) {
            report.problems.append(QObject::tr("Reading every page failed after %1 of %2 pages: %3")
                                       .arg(report.pagesRead)
                                       .arg(total)
                                       .arg(QString::fromUtf8(sqlite3_errstr(rc))));
        }
    }
    QFile::remove(scratchPath);
    QFile::remove(scratchPath + QStringLiteral("-journal"));

    auto integrity = db.prepare("PRAGMA integrity_check");
    BV_TRY(integrity);
    for (;;) {
        auto step = integrity->step();
        if (!step.ok()) {
            report.problems.append(step.error().message);
            break;
        }
        if (!step.value())
            break;
        const QString line = integrity->text(0);
        if (line != QLatin1String("ok"))
            report.problems.append(line);
    }
    // integrity_check cannot see inside FTS4: every event must have its full-text entry and
    // every entry its event. Read from FTS4's per-document table, so the check stays read-only
    // (FTS4's own 'integrity-check' is an INSERT, which a read-only store would refuse).
    auto unindexed = db.queryInt(
        "SELECT (SELECT count(*) FROM event WHERE id NOT IN (SELECT docid FROM event_fts_docsize)) "
        "+ (SELECT count(*) FROM event_fts_docsize WHERE docid NOT IN (SELECT id FROM event))");
    if (!unindexed.ok()) {
        report.problems.append(unindexed.error().message);
    } else if (unindexed.value() != 0) {
        report.problems.append(
            QObject::tr("The full-text index of events does not match the events: %n event(s) "
                        "without an entry or entries without an event.",
                        nullptr, static_cast<int>(unindexed.value())));
    }
    auto foreignKeys = db.prepare("PRAGMA foreign_key_check");
    BV_TRY(foreignKeys);
    for (;;) {
        // A damaged page is a finding of the check, not a failure to run it.
        auto step = foreignKeys->step();
        if (!step.ok()) {
            report.problems.append(step.error().message);
            break;
        }
        if (!step.value())
            break;
        report.problems.append(QObject::tr("Row %1 of %2 refers to a missing row of %3.")
                                   .arg(foreignKeys->int64(1))
                                   .arg(foreignKeys->text(0), foreignKeys->text(2)));
    }
    return report;
}

} // namespace bv::store
