// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "access/auditlog.h"
#include "access/auditverifier.h"
#include "common/clock.h"
#include "common/result.h"
#include "store/storefiles.h"
#include "store/storeinspector.h"

#include <memory>
#include <optional>

namespace bv::access {

struct CreatedSession;

struct UnlockOptions
{
    // Verify the audit chain before the unlock entry is appended, so the report describes
    // the chain exactly as it was found (audit verify, check).
    bool verifyAuditFirst = false;
    // Read every page first (check, restore). A damaged store is opened without writing to
    // it, not even the unlock entry, so a failing check leaves its files as they were.
    bool checkIntegrityFirst = false;
};

// An unlocked store for one user: the connection, the key that opened it and the audit
// log. Creating, unlocking, passphrase changes and recovery are audited here, in one place.
// Locking wipes the key and closes the connection.
class Session
{
public:
    [[nodiscard]] static Result<CreatedSession>
    create(const store::StorePaths &paths, const SecretBytes &passphrase,
           const store::KdfParams &kdf, const AccessContext &context, const Clock &clock);
    [[nodiscard]] static Result<std::unique_ptr<Session>>
    unlock(const store::StorePaths &paths, const SecretBytes &passphrase,
           const AccessContext &context, const Clock &clock, UnlockOptions options = {});
    // Opens with the recovery key and sets a new passphrase; the recovery key stays valid.
    [[nodiscard]] static Result<std::unique_ptr<Session>>
    recover(const store::StorePaths &paths, const SecretBytes &recoveryKeyText,
            const SecretBytes &newPassphrase, const store::KdfParams &kdf,
            const AccessContext &context, const Clock &clock);

    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // A consistent encrypted copy (store.backup audited first, so the copy records its own
    // making), its key file, and a mirror made from the copy's own audit head.
    [[nodiscard]] Result<qint64> backupTo(const store::StorePaths &target);

    // Rewraps the store key under a new passphrase; the store itself is not re-encrypted.
    [[nodiscard]] Result<void> changePassphrase(const SecretBytes &newPassphrase,
                                                const store::KdfParams &kdf);

    store::Database &database() { return *m_opened.db; }
    AuditLog &audit() { return *m_audit; }
    const AccessContext &context() const { return m_context; }
    const store::StorePaths &paths() const { return m_paths; }
    const store::KeyFile &keyFile() const { return m_opened.keyFile; }
    // The raw key, for the backup and audit verification that need it; never log it.
    const SecretBytes &storeKey() const { return m_opened.rawKey; }
    // The verification made at unlock, when UnlockOptions asked for one.
    const std::optional<AuditReport> &auditAtUnlock() const { return m_auditAtUnlock; }
    // The integrity check made at unlock, when UnlockOptions asked for one.
    const std::optional<store::IntegrityReport> &integrityAtUnlock() const
    {
        return m_integrityAtUnlock;
    }

private:
    Session(store::StorePaths paths, store::OpenedStore opened, AccessContext context,
            const Clock &clock);
    [[nodiscard]] Result<void> rewrapPassphrase(const SecretBytes &newPassphrase,
                                                const store::KdfParams &kdf,
                                                const AuditEvent &event);

    store::StorePaths m_paths;
    store::OpenedStore m_opened;
    AccessContext m_context;
    const Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
    std::optional<AuditReport> m_auditAtUnlock;
    std::optional<store::IntegrityReport> m_integrityAtUnlock;
};

struct CreatedSession
{
    std::unique_ptr<Session> session;
    SecretBytes recoveryKeyText; // show once, then let it go
};

} // namespace bv::access
