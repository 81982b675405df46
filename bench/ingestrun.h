// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "store/database.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

// One timed ingest of synthetic event rows through the store layer (Database, Statement,
// Transaction, Schema::migrate) into a fresh store. Compiled into both executables: against
// SQLCipher (bench_store_ingest) and against Debian's SQLite 3.40 (its baseline sibling).
namespace bv::bench {

enum class Engine {
    Encrypted, // (a) our store: SQLCipher, keyed, made by StoreFiles::create
    Unkeyed,   // (b) the same SQLCipher library without a key: the cost of encryption alone
    Sqlite340, // (c) Debian's SQLite 3.40, in the sibling executable
};

QString engineName(Engine engine);

// The order rows go into the table within each page transaction.
enum class InsertOrder {
    Feed,     // as the feed delivered them (ascending update time)
    IndexKey, // sorted by event_person_time's key first, so index inserts walk forward
};

struct IngestConfig
{
    Engine engine = Engine::Encrypted;
    store::StorePragmas pragmas;
    qint64 rows = 200000;
    int batch = 5000;
    std::uint64_t seed = 20260301;
    InsertOrder order = InsertOrder::Feed;
    QString directory; // where the scratch store goes; empty: the system temp directory
};

struct IngestResult
{
    QString engine;
    qint64 rows = 0;
    double seconds = 0;       // wall time of the page transactions and the final checkpoint
    double commitSeconds = 0; // of which COMMITs and the final checkpoint: WAL frames
                              // (encrypted when keyed) and checkpoint copies
    double cpuSeconds = 0;    // process CPU time over the same span
    qint64 payloadBytes = 0;  // bytes of the bound values
    int pageSize = 0;
    qint64 pagesWritten = 0;  // by the pager (WAL frames): each one encrypted when keyed
    qint64 pagesRead = 0;     // cache misses: each one decrypted when keyed
    qint64 bytesWritten = -1; // write() bytes to any file (WAL, checkpoints); -1 if unknown
    qint64 storeBytes = 0;    // the database file after the ingest and final checkpoint
    QString pragmas;          // as the connection reports them, to prove the runs were alike
    std::uint64_t digest = 0; // of the rows inserted, to prove both processes inserted the same

    double rowsPerSecond() const { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }
    // Bytes of pages the pager wrote per byte of row payload: what encryption has to process.
    double pageAmplification() const;
    // Bytes written to files per byte of row payload, checkpoint copies included.
    double fileAmplification() const;

    // One line of key=value pairs, for the child process's stdout.
    QString serialise() const;
    static std::optional<IngestResult> parse(const QString &line);
};

[[nodiscard]] Result<IngestResult> runIngest(const IngestConfig &config);

// Command-line spellings of the pragmas, so the parent can hand the child exactly its own.
QStringList pragmaArguments(const store::StorePragmas &pragmas);
QString describePragmas(const store::StorePragmas &pragmas);

} // namespace bv::bench
