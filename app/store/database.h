// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"

#include <QString>

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

struct sqlite3;

namespace bv::store {

class Statement;

// Connection settings chosen for ingest and safety; each is measured by bench_store_ingest.
struct StorePragmas
{
    // 8 KiB: each commit re-encrypts every page it touched, and encryption costs about 4 us a
    // page plus 1.25 ns a byte here, so larger pages cut its cost by a quarter against 4 KiB
    // and ingest ran 8-14% faster; cold reads of a person cost slightly more
    // (bench/store_ingest.md).
    int cipherPageSize = 8192;
    int cacheKiB = 128 * 1024; // keeps hot index pages decrypted in memory
    bool wal = true;           // appends instead of rewriting pages through a rollback journal
    // FULL: with WAL, NORMAL leaves the last commits undurable until a checkpoint, so a
    // power cut could drop an audit entry (a record viewed, unaudited) while the fsynced
    // audit mirror already names it, reading later as tampering. FULL cost 2% of ingest here.
    bool synchronousNormal = false;
    bool tempStoreMemory = true;       // no plaintext temp files (sorts, temp indexes)
    bool secureDelete = true;          // freed pages are zeroed before they are encrypted
    int walAutoCheckpointPages = 4000; // fewer, larger checkpoints than the default 1000
};

// An owned SQLite connection (SQLCipher when keyed). Not thread-safe: one per thread.
class Database
{
public:
    struct OpenOptions
    {
        bool create = false;
        bool readOnly = false;
        // Read the main file as it is: no locks, no -wal or -shm created (SQLite's
        // immutable URI). For probing a store that must not be touched; implies readOnly.
        bool immutable = false;
        // The SQLCipher key in its raw form, `x'<64 hex>'` or `x'<64 hex key><32 hex salt>'`.
        // Null opens an unkeyed database (tests and benchmarks only).
        const SecretBytes *keySpec = nullptr;
        StorePragmas pragmas;
    };

    static Result<std::unique_ptr<Database>> open(const QString &path, const OpenOptions &options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] Result<void> exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    [[nodiscard]] Result<qint64> queryInt(std::string_view sql);
    [[nodiscard]] Result<QString> queryText(std::string_view sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;
    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    // Runs `action` once the current transaction commits (at once when none is open);
    // dropped if it rolls back. Used for effects outside the file, such as the audit mirror.
    void runAfterCommit(std::function<void()> action);

    // An Error carrying SQLite's message and the statement that failed.
    Error sqlError(int rc, std::string_view sql) const;

private:
    friend class Transaction;
    Database(sqlite3 *db, QString path);
    [[nodiscard]] Result<void> applyPragmas(const OpenOptions &options);
    void committed();
    void rolledBack();

    sqlite3 *m_db = nullptr;
    QString m_path;
    std::vector<std::function<void()>> m_afterCommit;
};

// Maps an SQLite result code to ours: corruption and "not a database" mean a damaged store.
ErrorCode errorCodeForSqlite(int rc);

} // namespace bv::store
