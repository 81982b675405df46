// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/faultvfs.h"

#include <QObject>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sqlite3.h>
#include <unistd.h>

namespace bv::test {

namespace {

// SQLite's WAL-index lock slots (wal.c): 0 is the writer's, 1 the checkpointer's.
constexpr int kWalCheckpointLock = 1;

const char *fileKindName(StoreFileKind kind)
{
    switch (kind) {
    case StoreFileKind::Database:
        return "db";
    case StoreFileKind::Wal:
        return "wal";
    case StoreFileKind::Journal:
        return "journal";
    }
    return "?";
}

const char *opName(StoreWriteOp op)
{
    switch (op) {
    case StoreWriteOp::Write:
        return "write";
    case StoreWriteOp::Sync:
        return "sync";
    case StoreWriteOp::Truncate:
        return "truncate";
    }
    return "?";
}

bool startsWithWord(const char *sql, const char *word)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t')
        ++sql;
    return strncasecmp(sql, word, std::strlen(word)) == 0;
}

quint64 environmentNumber(const char *name)
{
    bool ok = false;
    const quint64 value = qEnvironmentVariable(name).toULongLong(&ok);
    return ok ? value : 0;
}

} // namespace

const char *writeSiteName(WriteSite site)
{
    switch (site) {
    case WriteSite::WalInTransaction:
        return "wal-in-transaction";
    case WriteSite::WalCursorUpdate:
        return "wal-cursor-update";
    case WriteSite::WalCommit:
        return "wal-commit";
    case WriteSite::WalSync:
        return "wal-sync";
    case WriteSite::WalOther:
        return "wal-other";
    case WriteSite::Checkpoint:
        return "checkpoint";
    case WriteSite::Journal:
        return "journal";
    case WriteSite::DatabaseOther:
        return "database-other";
    case WriteSite::CursorUpdateStart:
        return "cursor-update-start";
    }
    return "?";
}

FaultVfsOptions FaultVfsOptions::fromEnvironment()
{
    FaultVfsOptions options;
    options.crashAtWrite = environmentNumber("BV_FAULTVFS_CRASH_AT");
    options.crashAtCursorUpdate = environmentNumber("BV_FAULTVFS_CRASH_AT_CURSOR");
    if (qEnvironmentVariable("BV_FAULTVFS_ACTION") == QLatin1String("abort"))
        options.action = Action::Abort;
    options.writeLog = qEnvironmentVariable("BV_FAULTVFS_LOG");
    return options;
}

// The wrapped file: our header, then the default VFS's own file object.
struct FaultVfs::File
{
    sqlite3_file base; // first: SQLite sees this
    FaultVfs *owner;
    StoreFileKind kind;
    bool counted;
    sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};

// The io_methods and VFS methods: each forwards to the default VFS, the writes after
// FaultVfs::beforeWrite has counted them (and perhaps ended the process).
struct FaultVfs::Methods
{
    static File *file(sqlite3_file *f) { return reinterpret_cast<File *>(f); }
    static sqlite3_file *real(sqlite3_file *f) { return file(f)->real(); }
    static FaultVfs *owner(sqlite3_vfs *vfs)
    {
        // A VFS that wraps the default one may copy our methods into its own struct and point
        // its pAppData at ours (PROJ does, for proj.db): find ours through it.
        if (std::strcmp(vfs->zName, kName) != 0 && vfs->pAppData)
            vfs = static_cast<sqlite3_vfs *>(vfs->pAppData);
        if (std::strcmp(vfs->zName, kName) != 0) {
            static const char message[] = "faultvfs: called through an unknown VFS\n";
            (void)!::write(STDERR_FILENO, message, sizeof message - 1);
            std::abort();
        }
        return static_cast<FaultVfs *>(vfs->pAppData);
    }
    static bool isMain(sqlite3_file *f)
    {
        return file(f)->counted && file(f)->kind == StoreFileKind::Database;
    }
    static void count(sqlite3_file *f, StoreWriteOp op)
    {
        if (file(f)->counted)
            file(f)->owner->beforeWrite(file(f)->kind, op);
    }

    static int close(sqlite3_file *f)
    {
        const int rc = real(f)->pMethods->xClose(real(f));
        f->pMethods = nullptr;
        return rc;
    }
    static int read(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
    {
        return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
    }
    static int write(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
    {
        count(f, StoreWriteOp::Write);
        return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
    }
    static int truncate(sqlite3_file *f, sqlite3_int64 size)
    {
        count(f, StoreWriteOp::Truncate);
        return real(f)->pMethods->xTruncate(real(f), size);
    }
    static int sync(sqlite3_file *f, int flags)
    {
        count(f, StoreWriteOp::Sync);
        return real(f)->pMethods->xSync(real(f), flags);
    }
    static int fileSize(sqlite3_file *f, sqlite3_int64 *size)
    {
        return real(f)->pMethods->xFileSize(real(f), size);
    }
    static int lock(sqlite3_file *f, int level)
    {
        const int rc = real(f)->pMethods->xLock(real(f), level);
        // In WAL mode only closing (its final checkpoint) locks the main file exclusively.
        if (rc == SQLITE_OK && isMain(f) && level >= SQLITE_LOCK_EXCLUSIVE)
            file(f)->owner->m_exclusiveFile.store(true);
        return rc;
    }
    static int unlock(sqlite3_file *f, int level)
    {
        if (isMain(f) && level < SQLITE_LOCK_EXCLUSIVE)
            file(f)->owner->m_exclusiveFile.store(false);
        return real(f)->pMethods->xUnlock(real(f), level);
    }
    static int checkReservedLock(sqlite3_file *f, int *result)
    {
        return real(f)->pMethods->xCheckReservedLock(real(f), result);
    }
    static int fileControl(sqlite3_file *f, int op, void *argument)
    {
        return real(f)->pMethods->xFileControl(real(f), op, argument);
    }
    static int sectorSize(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }
    static int deviceCharacteristics(sqlite3_file *f)
    {
        return real(f)->pMethods->xDeviceCharacteristics(real(f));
    }
    static int shmMap(sqlite3_file *f, int page, int pageSize, int extend, void volatile **memory)
    {
        return real(f)->pMethods->xShmMap(real(f), page, pageSize, extend, memory);
    }
    static int shmLock(sqlite3_file *f, int offset, int n, int flags)
    {
        const int rc = real(f)->pMethods->xShmLock(real(f), offset, n, flags);
        if (rc == SQLITE_OK && isMain(f) && offset <= kWalCheckpointLock
            && kWalCheckpointLock < offset + n) {
            const bool held = (flags & SQLITE_SHM_LOCK) && (flags & SQLITE_SHM_EXCLUSIVE);
            file(f)->owner->m_checkpointLock.store(held);
        }
        return rc;
    }
    static void shmBarrier(sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); }
    static int shmUnmap(sqlite3_file *f, int deleteFlag)
    {
        return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
    }
    static int fetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **pointer)
    {
        return real(f)->pMethods->xFetch(real(f), offset, amount, pointer);
    }
    static int unfetch(sqlite3_file *f, sqlite3_int64 offset, void *pointer)
    {
        return real(f)->pMethods->xUnfetch(real(f), offset, pointer);
    }

    // One table per io_methods version, so SQLite calls only what the real file has.
    static constexpr sqlite3_io_methods table(int version)
    {
        return {version,
                close,
                read,
                write,
                truncate,
                sync,
                fileSize,
                lock,
                unlock,
                checkReservedLock,
                fileControl,
                sectorSize,
                deviceCharacteristics,
                shmMap,
                shmLock,
                shmBarrier,
                shmUnmap,
                fetch,
                unfetch};
    }
    static const sqlite3_io_methods *tableFor(int version)
    {
        static constexpr sqlite3_io_methods v1 = table(1);
        static constexpr sqlite3_io_methods v2 = table(2);
        static constexpr sqlite3_io_methods v3 = table(3);
        return version >= 3 ? &v3 : version == 2 ? &v2 : &v1;
    }

    static int open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *outFlags)
    {
        FaultVfs *self = owner(vfs);
        File *wrapped = file(f);
        wrapped->owner = self;
        // Read-only files (PROJ's proj.db) are never written: neither counted nor followed.
        wrapped->counted = (flags & SQLITE_OPEN_READWRITE) != 0;
        if (flags & SQLITE_OPEN_MAIN_DB) {
            wrapped->kind = StoreFileKind::Database;
        } else if (flags & SQLITE_OPEN_WAL) {
            wrapped->kind = StoreFileKind::Wal;
        } else if (flags & SQLITE_OPEN_MAIN_JOURNAL) {
            wrapped->kind = StoreFileKind::Journal;
        } else {
            wrapped->kind = StoreFileKind::Journal;
            wrapped->counted = false; // temp files, statement and super journals
        }
        if (wrapped->kind == StoreFileKind::Wal && wrapped->counted)
            self->m_walOpened.store(true);
        const int rc = self->m_base->xOpen(self->m_base, name, wrapped->real(), flags, outFlags);
        // SQLite closes a file whose pMethods is set even when the open failed.
        f->pMethods
            = wrapped->real()->pMethods ? tableFor(wrapped->real()->pMethods->iVersion) : nullptr;
        return rc;
    }
    static int remove(sqlite3_vfs *vfs, const char *name, int syncDir)
    {
        return owner(vfs)->m_base->xDelete(owner(vfs)->m_base, name, syncDir);
    }
    static int access(sqlite3_vfs *vfs, const char *name, int flags, int *result)
    {
        return owner(vfs)->m_base->xAccess(owner(vfs)->m_base, name, flags, result);
    }
    static int fullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out)
    {
        return owner(vfs)->m_base->xFullPathname(owner(vfs)->m_base, name, size, out);
    }
    static void *dlOpen(sqlite3_vfs *vfs, const char *name)
    {
        return owner(vfs)->m_base->xDlOpen(owner(vfs)->m_base, name);
    }
    static void dlError(sqlite3_vfs *vfs, int size, char *message)
    {
        owner(vfs)->m_base->xDlError(owner(vfs)->m_base, size, message);
    }
    static void (*dlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void)
    {
        return owner(vfs)->m_base->xDlSym(owner(vfs)->m_base, handle, symbol);
    }
    static void dlClose(sqlite3_vfs *vfs, void *handle)
    {
        owner(vfs)->m_base->xDlClose(owner(vfs)->m_base, handle);
    }
    static int randomness(sqlite3_vfs *vfs, int size, char *out)
    {
        return owner(vfs)->m_base->xRandomness(owner(vfs)->m_base, size, out);
    }
    static int sleep(sqlite3_vfs *vfs, int microseconds)
    {
        return owner(vfs)->m_base->xSleep(owner(vfs)->m_base, microseconds);
    }
    static int currentTime(sqlite3_vfs *vfs, double *now)
    {
        return owner(vfs)->m_base->xCurrentTime(owner(vfs)->m_base, now);
    }
    static int lastError(sqlite3_vfs *vfs, int size, char *message)
    {
        return owner(vfs)->m_base->xGetLastError(owner(vfs)->m_base, size, message);
    }
    static int currentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now)
    {
        return owner(vfs)->m_base->xCurrentTimeInt64(owner(vfs)->m_base, now);
    }
    static int setSystemCall(sqlite3_vfs *vfs, const char *name, sqlite3_syscall_ptr call)
    {
        return owner(vfs)->m_base->xSetSystemCall(owner(vfs)->m_base, name, call);
    }
    static sqlite3_syscall_ptr systemCall(sqlite3_vfs *vfs, const char *name)
    {
        return owner(vfs)->m_base->xGetSystemCall(owner(vfs)->m_base, name);
    }
    static const char *nextSystemCall(sqlite3_vfs *vfs, const char *name)
    {
        return owner(vfs)->m_base->xNextSystemCall(owner(vfs)->m_base, name);
    }

    static int trace(unsigned type, void *context, void *, void *sql)
    {
        if (type == SQLITE_TRACE_STMT && sql)
            static_cast<FaultVfs *>(context)->onStatement(static_cast<const char *>(sql));
        return 0;
    }
};

FaultVfs::FaultVfs(const FaultVfsOptions &options, sqlite3_vfs *base)
    : m_vfs(std::make_unique<sqlite3_vfs>())
    , m_base(base)
    , m_action(options.action)
    , m_crashAtWrite(options.crashAtWrite)
    , m_crashAtCursorUpdate(options.crashAtCursorUpdate)
{
    sqlite3_vfs &vfs = *m_vfs;
    vfs.iVersion = std::min(base->iVersion, 3);
    vfs.szOsFile = static_cast<int>(sizeof(File)) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.pNext = nullptr;
    vfs.zName = kName;
    vfs.pAppData = this;
    vfs.xOpen = Methods::open;
    vfs.xDelete = Methods::remove;
    vfs.xAccess = Methods::access;
    vfs.xFullPathname = Methods::fullPathname;
    vfs.xDlOpen = Methods::dlOpen;
    vfs.xDlError = Methods::dlError;
    vfs.xDlSym = Methods::dlSym;
    vfs.xDlClose = Methods::dlClose;
    vfs.xRandomness = Methods::randomness;
    vfs.xSleep = Methods::sleep;
    vfs.xCurrentTime = Methods::currentTime;
    vfs.xGetLastError = Methods::lastError;
    vfs.xCurrentTimeInt64 = Methods::currentTimeInt64;
    vfs.xSetSystemCall = Methods::setSystemCall;
    vfs.xGetSystemCall = Methods::systemCall;
    vfs.xNextSystemCall = Methods::nextSystemCall;
}

Result<std::unique_ptr<FaultVfs>> FaultVfs::install(const FaultVfsOptions &options)
{
    if (sqlite3_vfs_find(kName))
        return makeError(ErrorCode::Failure,
                         QStringLiteral("The fault VFS is already installed in this process."));
    sqlite3_vfs *base = sqlite3_vfs_find(nullptr);
    if (!base)
        return makeError(ErrorCode::Failure, QStringLiteral("SQLite has no default VFS."));
    std::unique_ptr<FaultVfs> vfs(new FaultVfs(options, base));
    if (!options.writeLog.isEmpty()) {
        vfs->m_log = std::fopen(options.writeLog.toLocal8Bit().constData(), "w");
        if (!vfs->m_log)
            return makeError(ErrorCode::Io,
                             QStringLiteral("Cannot write %1.").arg(options.writeLog));
    }
    if (sqlite3_vfs_register(vfs->m_vfs.get(), 1) != SQLITE_OK)
        return makeError(ErrorCode::Failure, QStringLiteral("Cannot register the fault VFS."));
    return vfs;
}

FaultVfs::~FaultVfs()
{
    // The default VFS becomes the default again (it is next in SQLite's list).
    sqlite3_vfs_unregister(m_vfs.get());
    if (m_log)
        std::fclose(m_log);
}

void FaultVfs::watchStatements(sqlite3 *db)
{
    m_phase.store(Phase::Autocommit);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, Methods::trace, this);
}

void FaultVfs::onStatement(const char *sql)
{
    if (std::strncmp(sql, "--", 2) == 0)
        return; // a trigger's program runs within its statement
    const Phase previous = m_phase.load();
    const bool inTransaction = previous == Phase::InTransaction || previous == Phase::CursorUpdate;
    Phase next = inTransaction ? Phase::InTransaction : Phase::Autocommit;
    if (startsWithWord(sql, "BEGIN")) {
        next = Phase::InTransaction;
    } else if (startsWithWord(sql, "SAVEPOINT")) {
        m_savepointTransaction.store(!inTransaction || m_savepointTransaction.load());
        next = Phase::InTransaction;
    } else if (startsWithWord(sql, "COMMIT") || startsWithWord(sql, "END")) {
        next = Phase::Commit;
    } else if (startsWithWord(sql, "RELEASE")) {
        next = m_savepointTransaction.exchange(false) ? Phase::Commit : Phase::InTransaction;
    } else if (startsWithWord(sql, "ROLLBACK")) {
        next = Phase::Autocommit;
    } else if (inTransaction && startsWithWord(sql, "INSERT")
               && std::strstr(sql, "INTO sync_stream")) {
        const quint64 k = ++m_cursorUpdates;
        if (k == m_crashAtCursorUpdate.load())
            crash(m_total.load(), WriteSite::CursorUpdateStart, StoreFileKind::Wal,
                  StoreWriteOp::Write);
        next = Phase::CursorUpdate;
    }
    m_phase.store(next);
}

WriteSite FaultVfs::siteOf(StoreFileKind kind, StoreWriteOp op) const
{
    switch (kind) {
    case StoreFileKind::Journal:
        return WriteSite::Journal;
    case StoreFileKind::Database:
        return m_walOpened.load() ? WriteSite::Checkpoint : WriteSite::DatabaseOther;
    case StoreFileKind::Wal:
        break;
    }
    if (m_checkpointLock.load() || m_exclusiveFile.load())
        return WriteSite::Checkpoint;
    if (op == StoreWriteOp::Truncate)
        return WriteSite::WalOther;
    if (op == StoreWriteOp::Sync)
        return WriteSite::WalSync;
    switch (m_phase.load()) {
    case Phase::Unwatched:
        return WriteSite::WalOther;
    case Phase::Autocommit:
    case Phase::Commit:
        return WriteSite::WalCommit;
    case Phase::InTransaction:
        return WriteSite::WalInTransaction;
    case Phase::CursorUpdate:
        return WriteSite::WalCursorUpdate;
    }
    return WriteSite::WalOther;
}

void FaultVfs::beforeWrite(StoreFileKind kind, StoreWriteOp op)
{
    const quint64 n = ++m_total;
    ++m_counts[static_cast<int>(kind)][static_cast<int>(op)];
    const WriteSite site = siteOf(kind, op);
    if (m_log)
        std::fprintf(m_log, "%llu %s\n", static_cast<unsigned long long>(n), writeSiteName(site));
    if (n == m_crashAtWrite.load())
        crash(n, site, kind, op);
}

void FaultVfs::crash(quint64 count, WriteSite site, StoreFileKind kind, StoreWriteOp op)
{
    // No stdio, no destructors, no flush: only what the kernel already has survives.
    char line[200];
    const int length = std::snprintf(
        line, sizeof line,
        "faultvfs: crash write=%llu site=%s file=%s op=%s checkpoint=%s action=%s\n",
        static_cast<unsigned long long>(count), writeSiteName(site),
        site == WriteSite::CursorUpdateStart ? "-" : fileKindName(kind),
        site == WriteSite::CursorUpdateStart ? "-" : opName(op),
        site == WriteSite::Checkpoint ? "yes" : "no",
        m_action == FaultVfsOptions::Action::Abort ? "abort" : "exit");
    if (length > 0)
        (void)!::write(STDERR_FILENO, line, static_cast<size_t>(length));
    if (m_action == FaultVfsOptions::Action::Abort) {
        std::signal(SIGABRT, SIG_DFL);
        std::abort();
    }
    ::_exit(kCrashExitCode);
}

void FaultVfs::flushLog()
{
    if (m_log)
        std::fflush(m_log);
}

StoreWriteCounts FaultVfs::counts() const
{
    StoreWriteCounts counts;
    for (std::size_t kind = 0; kind < counts.byKind.size(); ++kind) {
        for (std::size_t op = 0; op < counts.byKind[kind].size(); ++op)
            counts.byKind[kind][op] = m_counts[kind][op].load();
    }
    counts.total = m_total.load();
    counts.cursorUpdates = m_cursorUpdates.load();
    return counts;
}

QByteArray FaultVfs::totalsLine() const
{
    const StoreWriteCounts c = counts();
    QByteArray line = "faultvfs: totals writes=" + QByteArray::number(c.total);
    for (StoreFileKind kind :
         {StoreFileKind::Database, StoreFileKind::Wal, StoreFileKind::Journal}) {
        const auto &ops = c.byKind[static_cast<int>(kind)];
        line += ' ' + QByteArray(fileKindName(kind)) + '=' + QByteArray::number(ops[0]) + '/'
                + QByteArray::number(ops[1]) + '/' + QByteArray::number(ops[2]);
    }
    line += " cursor-updates=" + QByteArray::number(c.cursorUpdates);
    return line;
}

} // namespace bv::test
