// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"
#include "store/storefiles.h"

namespace bv::store {

// A backup is the store's files under another name: an encrypted copy of the database with
// the same key and salt (so the key file applies unchanged), the key file and the audit
// mirror. The copy is one read transaction (sqlite3_backup in a single step), so it is
// consistent while other connections keep writing; it is written under a temporary name
// and renamed only when complete.
struct BackupCopy
{
    qint64 pages = 0;
    qint64 auditHeadSeq = 0; // the copy's audit_head, for its mirror
    QByteArray auditHeadHash;
};

class StoreBackup
{
public:
    // Writes the store and key file; the caller writes the mirror from the returned head
    // (access::Session::backupTo), since the mirror's MAC is the audit's business.
    [[nodiscard]] static Result<BackupCopy> write(Database &live, const KeyFile &keyFile,
                                                  const SecretBytes &rawKey,
                                                  const StorePaths &target);
    // Copies a verified backup's files to `target`, which must not exist yet.
    [[nodiscard]] static Result<void> restore(const StorePaths &backup, const StorePaths &target);
    // StoreExists if any of `target`'s files exists: write and restore never overwrite, and
    // commands ask this first, before they unlock (and audit) anything.
    [[nodiscard]] static Result<void> refuseExisting(const StorePaths &target);
};

} // namespace bv::store
