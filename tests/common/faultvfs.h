// SPDX-License-Identifier: GPL-3.0-or-later
// A crash at a chosen store write, for the crash-resume tests only: an SQLite VFS that wraps
// the default one, counts every write, sync and truncate of the main database, its WAL and
// its rollback journal, and ends the process at the Nth without flushing anything.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <atomic>
#include <cstdio>
#include <memory>

struct sqlite3;
struct sqlite3_vfs;

namespace bv::test {

enum class StoreFileKind { Database, Wal, Journal };
enum class StoreWriteOp { Write, Sync, Truncate };

// Where a counted write fell in the store's work. WAL frames are written when a transaction
// spills its cache (inside the page's transaction) or at its commit; the main database file
// is written only by checkpoints while the store is in WAL mode. The statement kinds
// (in-transaction, cursor update, commit) are known only on a connection passed to
// FaultVfs::watchStatements.
enum class WriteSite {
    WalInTransaction, // a frame spilled while a page's records were being written
    WalCursorUpdate,  // a frame spilled during the stream position's update
    WalCommit,        // a frame written by a commit
    WalSync,          // the WAL's fsync that makes a commit durable
    WalOther,         // a WAL truncate, or a frame on an unwatched connection
    Checkpoint,       // the main file written or synced by a checkpoint (WAL synced by one)
    Journal,          // the rollback journal (a store not in WAL mode)
    DatabaseOther,    // the main file outside a checkpoint (a store not in WAL mode)
    CursorUpdateStart // not a write: the crash armed by crashAtCursorUpdate
};

// "wal-in-transaction", "checkpoint", ...: the names in the VFS's stderr lines.
const char *writeSiteName(WriteSite site);

struct FaultVfsOptions
{
    enum class Action { Exit, Abort };
    quint64 crashAtWrite = 0;        // 1-based over every counted write; 0: never
    quint64 crashAtCursorUpdate = 0; // at the start of the Kth stream position update; 0: never
    Action action = Action::Exit;    // _exit(kCrashExitCode), or abort() (SIGABRT)
    QString writeLog;                // when set, one line per counted write: "N site"

    // BV_FAULTVFS_CRASH_AT, BV_FAULTVFS_CRASH_AT_CURSOR, BV_FAULTVFS_ACTION (exit|abort),
    // BV_FAULTVFS_LOG.
    static FaultVfsOptions fromEnvironment();
};

struct StoreWriteCounts
{
    // [file kind][op]
    std::array<std::array<quint64, 3>, 3> byKind{};
    quint64 total = 0;
    quint64 cursorUpdates = 0;
};

// Registered as the default VFS while it lives, so every connection opened after install()
// goes through it (open the store after installing, close it before destroying). The crash
// happens before the write it counts: the process dies with what it had handed to the
// kernel, as a kill -9 would leave it. SQLCipher encrypts above the VFS, so every byte seen
// here is ciphertext. One instance per process: a VFS is process-wide by SQLite's design.
// Another VFS may wrap this one while it is the default (PROJ's, for proj.db, does) and keep
// using it until exit: a process that loaded PROJ ends with _exit() instead of destroying it.
class FaultVfs
{
public:
    static constexpr int kCrashExitCode = 86;
    static constexpr const char *kName = "broadview-fault";

    [[nodiscard]] static Result<std::unique_ptr<FaultVfs>> install(const FaultVfsOptions &options);
    ~FaultVfs();
    FaultVfs(const FaultVfs &) = delete;
    FaultVfs &operator=(const FaultVfs &) = delete;

    void setCrashAtWrite(quint64 n) { m_crashAtWrite.store(n); }
    void setCrashAtCursorUpdate(quint64 k) { m_crashAtCursorUpdate.store(k); }

    // Follows the statements of db (SQLite's statement trace) to tell a spill inside a
    // page's transaction from a cursor update and a commit.
    void watchStatements(sqlite3 *db);

    // Writes out the write log; call before ending the process without destructors.
    void flushLog();

    StoreWriteCounts counts() const;
    // "faultvfs: totals writes=T db=W/S/T wal=W/S/T journal=W/S/T cursor-updates=K"
    QByteArray totalsLine() const;

private:
    enum class Phase { Unwatched, Autocommit, InTransaction, CursorUpdate, Commit };
    struct File;
    struct Methods;

    explicit FaultVfs(const FaultVfsOptions &options, sqlite3_vfs *base);

    // Called by the file shim before it forwards a write, sync or truncate.
    void beforeWrite(StoreFileKind kind, StoreWriteOp op);
    WriteSite siteOf(StoreFileKind kind, StoreWriteOp op) const;
    void onStatement(const char *sql);
    [[noreturn]] void crash(quint64 count, WriteSite site, StoreFileKind kind, StoreWriteOp op);

    std::unique_ptr<sqlite3_vfs> m_vfs;
    sqlite3_vfs *m_base = nullptr;
    FaultVfsOptions::Action m_action;
    std::atomic<quint64> m_crashAtWrite;
    std::atomic<quint64> m_crashAtCursorUpdate;
    std::atomic<quint64> m_total{0};
    std::atomic<quint64> m_cursorUpdates{0};
    std::array<std::array<std::atomic<quint64>, 3>, 3> m_counts{};
    // What the watched connection is doing; SQLite calls the VFS on that connection's thread.
    std::atomic<Phase> m_phase{Phase::Unwatched};
    std::atomic<bool> m_savepointTransaction{false}; // a SAVEPOINT began the transaction
    std::atomic<bool> m_walOpened{false};
    std::atomic<bool> m_checkpointLock{false}; // the WAL's checkpointer lock is held
    std::atomic<bool> m_exclusiveFile{false};  // the main file is locked exclusively (close)
    std::FILE *m_log = nullptr;
};

} // namespace bv::test
