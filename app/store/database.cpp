// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"

#include "store/statement.h"

#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>
#include <string>
#include <utility>

namespace bv::store {

namespace {

QString sqlText(std::string_view sql)
{
    // Statements are ours, never user data, so they may appear in messages and logs.
    constexpr std::size_t kMaxShown = 160;
    QString text
        = QString::fromUtf8(sql.data(), static_cast<qsizetype>(std::min(sql.size(), kMaxShown)));
    if (sql.size() > kMaxShown)
        text += QStringLiteral("...");
    return text.simplified();
}

} // namespace

ErrorCode errorCodeForSqlite(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
        return ErrorCode::StoreDamaged;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
        return ErrorCode::Io;
    default:
        return ErrorCode::Sql;
    }
}

Database::Database(sqlite3 *db, QString path)
    : m_db(db)
    , m_path(std::move(path))
{}

Database::~Database()
{
    // close_v2 defers the close until every statement is finalised, so an outstanding
    // Statement cannot leave a dangling handle.
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const OpenOptions &options)
{
    if (!options.create && path != QLatin1String(":memory:") && !QFileInfo::exists(path))
        return makeError(ErrorCode::StoreMissing, QObject::tr("No store at %1.").arg(path));

    int flags = SQLITE_OPEN_FULLMUTEX;
    const bool readOnly = options.readOnly || options.immutable;
    flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create)
        flags |= SQLITE_OPEN_CREATE;

    sqlite3 *raw = nullptr;
    QByteArray utf8Path = path.toUtf8();
    if (options.immutable) {
        flags |= SQLITE_OPEN_URI;
        utf8Path = "file:" + QUrl::toPercentEncoding(path, "/") + "?immutable=1";
    }
    const int rc = sqlite3_open_v2(utf8Path.constData(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK) {
        return makeError(
            errorCodeForSqlite(rc),
            QObject::tr("Cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errstr(rc))));
    }
    sqlite3_extended_result_codes(raw, 1);
    // Before the first read: another process's checkpoint or recovery must read as busy-wait,
    // not as a store that fails to decrypt.
    sqlite3_busy_timeout(raw, 10000);

    if (options.keySpec) {
#ifdef BROADVIEW_SQLCIPHER
        if (sqlite3_key(raw, options.keySpec->data(), static_cast<int>(options.keySpec->size()))
            != SQLITE_OK)
            return db->sqlError(sqlite3_errcode(raw), "sqlite3_key");
#else
        return makeError(ErrorCode::WrongLibrary,
                         QObject::tr("This build has no SQLCipher and cannot open a keyed store."));
#endif
    }
    BV_TRY(db->applyPragmas(options));
    return db;
}

Result<void> Database::applyPragmas(const OpenOptions &options)
{
    const StorePragmas &p = options.pragmas;
#ifdef BROADVIEW_SQLCIPHER
    if (options.keySpec)
        BV_TRY(exec("PRAGMA cipher_page_size = " + std::to_string(p.cipherPageSize)));
    else
#endif
        BV_TRY(exec("PRAGMA page_size = " + std::to_string(p.cipherPageSize)));

    // The first read decrypts page 1: a wrong key or a damaged header fails here, not later.
    auto schemaRead = queryInt("SELECT count(*) FROM sqlite_master");
    if (!schemaRead.ok()) {
        Error error = schemaRead.error();
        if (error.code == ErrorCode::StoreDamaged) {
            error.message = QObject::tr("The store %1 cannot be read: it does not decrypt with its "
                                        "key, or its first page is damaged (%2).")
                                .arg(m_path, error.message);
        }
        return error;
    }

    BV_TRY(exec("PRAGMA cache_size = -" + std::to_string(p.cacheKiB)));
    BV_TRY(exec(p.tempStoreMemory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT"));
    BV_TRY(exec(p.secureDelete ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF"));
    BV_TRY(exec("PRAGMA foreign_keys = ON"));
    // The rows that INSERT OR REPLACE deletes fire DELETE triggers only with this on; without
    // it, a REPLACE would slip past the audit's append-only triggers.
    BV_TRY(exec("PRAGMA recursive_triggers = ON"));
    BV_TRY(exec("PRAGMA busy_timeout = 10000"));
    if (!options.readOnly && !options.immutable) {
        BV_TRY(queryText(p.wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE"));
        BV_TRY(exec(p.synchronousNormal ? "PRAGMA synchronous = NORMAL"
                                        : "PRAGMA synchronous = FULL"));
        BV_TRY(exec("PRAGMA wal_autocheckpoint = " + std::to_string(p.walAutoCheckpointPages)));
    }
    return {};
}

Result<void> Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    const QString detail
        = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    return makeError(errorCodeForSqlite(rc),
                     QObject::tr("SQLite error %1 (%2) in: %3").arg(rc).arg(detail, sqlText(sql)));
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc
        = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return sqlError(rc, sql);
    }
    return Statement(m_db, stmt, sql);
}

Result<qint64> Database::queryInt(std::string_view sql)
{
    auto stmt = prepare(sql);
    BV_TRY(stmt);
    auto row = stmt->step();
    BV_TRY(row);
    if (!row.value())
        return makeError(ErrorCode::Sql, QObject::tr("No row from: %1").arg(sqlText(sql)));
    return stmt->int64(0);
}

Result<QString> Database::queryText(std::string_view sql)
{
    auto stmt = prepare(sql);
    BV_TRY(stmt);
    auto row = stmt->step();
    BV_TRY(row);
    if (!row.value())
        return QString();
    return stmt->text(0);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

void Database::runAfterCommit(std::function<void()> action)
{
    if (inTransaction())
        m_afterCommit.push_back(std::move(action));
    else
        action();
}

void Database::committed()
{
    auto actions = std::exchange(m_afterCommit, {});
    for (auto &action : actions)
        action();
}

void Database::rolledBack()
{
    m_afterCommit.clear();
}

Error Database::sqlError(int rc, std::string_view sql) const
{
    const QString message
        = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    return makeError(errorCodeForSqlite(rc),
                     QObject::tr("SQLite error %1 (%2) in: %3").arg(rc).arg(message, sqlText(sql)));
}

} // namespace bv::store
