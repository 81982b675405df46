// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storebackup.h"

#include "store/database.h"
#include "store/statement.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <sqlite3.h>

namespace bv::store {

namespace {

Result<void> copyFile(const QString &from, const QString &to)
{
    const QString partial = to + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(from, partial))
        return makeError(ErrorCode::Io, QObject::tr("Cannot copy %1 to %2.").arg(from, partial));
    QFile::setPermissions(partial, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!QFile::rename(partial, to)) {
        QFile::remove(partial);
        return makeError(ErrorCode::Io, QObject::tr("Cannot rename %1 to %2.").arg(partial, to));
    }
    return {};
}

} // namespace

Result<void> StoreBackup::refuseExisting(const StorePaths &target)
{
    for (const QString &path : {target.store, target.keyFile(), target.auditMirror()}) {
        if (QFileInfo::exists(path))
            return makeError(ErrorCode::StoreExists,
                             QObject::tr("%1 already exists; refusing to overwrite it.").arg(path));
    }
    return {};
}

Result<BackupCopy> StoreBackup::write(Database &live, const KeyFile &keyFile,
                                      const SecretBytes &rawKey, const StorePaths &target)
{
    BV_TRY(refuseExisting(target));
    const QString partial = target.store + QStringLiteral(".partial");
    QFile::remove(partial);
    BackupCopy result;
    {
        const SecretBytes spec = StoreFiles::keySpec(rawKey, &keyFile.storeSalt);
        Database::OpenOptions options;
        options.create = true;
        options.keySpec = &spec;
        options.pragmas.wal = false; // the copy is one file until it is opened as a store
        options.pragmas.cacheKiB = 8 * 1024;
        options.pragmas.cipherPageSize = static_cast<int>(keyFile.cipherPageSize);
        auto copy = Database::open(partial, options);
        if (!copy.ok()) {
            QFile::remove(partial);
            return copy.error();
        }
        sqlite3_backup *backup
            = sqlite3_backup_init(copy.value()->handle(), "main", live.handle(), "main");
        if (!backup) {
            const Error error = copy.value()->sqlError(sqlite3_errcode(copy.value()->handle()),
                                                       "sqlite3_backup_init");
            copy.value().reset();
            QFile::remove(partial);
            return error;
        }
        // One step: a single read transaction on the live store gives a consistent snapshot.
        const int rc = sqlite3_backup_step(backup, -1);
        result.pages = sqlite3_backup_pagecount(backup);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            const Error error = makeError(errorCodeForSqlite(rc),
                                          QObject::tr("The backup copy failed: %1")
                                              .arg(QString::fromUtf8(sqlite3_errstr(rc))));
            copy.value().reset();
            QFile::remove(partial);
            return error;
        }
        // The copy's own audit head, read from the copy: the live mirror may already name a
        // later entry than the snapshot holds.
        auto head = copy.value()->prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
        BV_TRY(head);
        auto found = head->step();
        BV_TRY(found);
        if (found.value()) {
            result.auditHeadSeq = head->int64(0);
            result.auditHeadHash = head->blob(1);
        }
    }
    if (!QFile::rename(partial, target.store)) {
        QFile::remove(partial);
        return makeError(ErrorCode::Io,
                         QObject::tr("Cannot rename %1 to %2.").arg(partial, target.store));
    }
    QFile::setPermissions(target.store, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    BV_TRY(keyFile.save(target.keyFile()));
    return result;
}

Result<void> StoreBackup::restore(const StorePaths &backup, const StorePaths &target)
{
    BV_TRY(refuseExisting(target));
    for (const QString &path : {backup.store, backup.keyFile()}) {
        if (!QFileInfo::exists(path))
            return makeError(ErrorCode::StoreMissing,
                             QObject::tr("The backup lacks %1.").arg(path));
    }
    BV_TRY(copyFile(backup.keyFile(), target.keyFile()));
    if (QFileInfo::exists(backup.auditMirror()))
        BV_TRY(copyFile(backup.auditMirror(), target.auditMirror()));
    // The store last: until it exists, a half-restored target is just stray key files.
    BV_TRY(copyFile(backup.store, target.store));
    return {};
}

} // namespace bv::store
