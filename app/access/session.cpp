// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"

#include "store/database.h"
#include "store/recoverykey.h"
#include "store/statement.h"
#include "store/storebackup.h"
#include "store/transaction.h"

#include <QUuid>

#include <spdlog/spdlog.h>

namespace bv::access {

using store::StorePaths;

Session::Session(StorePaths paths, store::OpenedStore opened, AccessContext context,
                 const Clock &clock)
    : m_paths(std::move(paths))
    , m_opened(std::move(opened))
    , m_context(std::move(context))
    , m_clock(clock)
    , m_audit(
          std::make_unique<AuditLog>(*m_opened.db, m_paths.auditMirror(), m_opened.rawKey, clock))
{}

Session::~Session()
{
    // The audit log refers to the connection; the key is wiped by SecretBytes.
    m_audit.reset();
    m_opened.db.reset();
}

Result<CreatedSession> Session::create(const StorePaths &paths, const SecretBytes &passphrase,
                                       const store::KdfParams &kdf, const AccessContext &context,
                                       const Clock &clock)
{
    auto created = store::StoreFiles::create(paths, passphrase, kdf);
    BV_TRY(created);
    std::unique_ptr<Session> session(
        new Session(paths, std::move(created->opened), context, clock));

    auto tx = store::Transaction::begin(session->database());
    BV_TRY(tx);
    auto meta = session->database().prepare(
        "INSERT INTO store_meta(key, value) VALUES ('store_id', ?), ('created_at', ?)");
    BV_TRY(meta);
    meta->bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
        .bind(2, clock.nowUtc().toString(Qt::ISODateWithMs));
    BV_TRY(meta->run());
    BV_TRY(
        session->audit().append(context, {QStringLiteral("store.create"), QStringLiteral("store"),
                                          QStringLiteral("schema=%1").arg(1)}));
    BV_TRY(tx->commit());
    spdlog::info("store created");
    return CreatedSession{std::move(session), std::move(created->recoveryKeyText)};
}

Result<std::unique_ptr<Session>> Session::unlock(const StorePaths &paths,
                                                 const SecretBytes &passphrase,
                                                 const AccessContext &context, const Clock &clock,
                                                 UnlockOptions options)
{
    auto opened = store::StoreFiles::open(paths, store::WrapKind::Passphrase, passphrase);
    if (!opened.ok()) {
        // Error messages name what and where, never a record's content.
        spdlog::warn("store unlock failed: {}", opened.error().message.toStdString());
        return opened.error();
    }
    std::unique_ptr<Session> session(new Session(paths, std::move(opened.value()), context, clock));
    if (options.checkIntegrityFirst) {
        auto integrity = store::StoreInspector::checkIntegrity(session->database());
        BV_TRY(integrity);
        session->m_integrityAtUnlock = std::move(integrity.value());
    }
    if (options.verifyAuditFirst) {
        auto report
            = AuditVerifier::verify(session->database(), paths.auditMirror(), session->storeKey());
        BV_TRY(report);
        session->m_auditAtUnlock = std::move(report.value());
    }
    if (session->m_integrityAtUnlock && !session->m_integrityAtUnlock->problems.isEmpty()) {
        spdlog::warn("store unlocked damaged ({} problems): nothing written, not even the "
                     "unlock entry",
                     session->m_integrityAtUnlock->problems.size());
        return session;
    }
    BV_TRY(session->audit().append(
        context, {QStringLiteral("store.unlock"), QStringLiteral("store"), QString()}));
    spdlog::info("store unlocked");
    return session;
}

Result<std::unique_ptr<Session>> Session::recover(const StorePaths &paths,
                                                  const SecretBytes &recoveryKeyText,
                                                  const SecretBytes &newPassphrase,
                                                  const store::KdfParams &kdf,
                                                  const AccessContext &context, const Clock &clock)
{
    if (newPassphrase.isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("The new passphrase is empty."));
    auto recoveryKey = store::RecoveryKey::parse(recoveryKeyText);
    BV_TRY(recoveryKey);
    auto opened = store::StoreFiles::open(paths, store::WrapKind::Recovery, recoveryKey.value());
    BV_TRY(opened);
    std::unique_ptr<Session> session(new Session(paths, std::move(opened.value()), context, clock));
    BV_TRY(session->rewrapPassphrase(newPassphrase, kdf,
                                     {QStringLiteral("store.recover"), QStringLiteral("store"),
                                      QStringLiteral("passphrase reset with the recovery key")}));
    spdlog::info("store recovered with the recovery key");
    return session;
}

Result<qint64> Session::backupTo(const StorePaths &target)
{
    BV_TRY(store::StoreBackup::refuseExisting(target));
    BV_TRY(audit().append(m_context,
                          {QStringLiteral("store.backup"), QStringLiteral("store"), QString()}));
    auto copy = store::StoreBackup::write(database(), keyFile(), storeKey(), target);
    BV_TRY(copy);
    if (copy->auditHeadSeq > 0) {
        BV_TRY(AuditLog::writeMirror(target.auditMirror(), AuditLog::mirrorKey(storeKey()),
                                     {copy->auditHeadSeq, copy->auditHeadHash}));
    }
    spdlog::info("store backed up: {} pages", copy->pages);
    return copy->pages;
}

Result<void> Session::changePassphrase(const SecretBytes &newPassphrase,
                                       const store::KdfParams &kdf)
{
    if (newPassphrase.isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("The new passphrase is empty."));
    BV_TRY(rewrapPassphrase(
        newPassphrase, kdf,
        {QStringLiteral("store.passphrase_change"), QStringLiteral("store"), QString()}));
    spdlog::info("store passphrase changed");
    return {};
}

Result<void> Session::rewrapPassphrase(const SecretBytes &newPassphrase,
                                       const store::KdfParams &kdf, const AuditEvent &event)
{
    store::KeyFile updated = m_opened.keyFile;
    auto wrap = updated.seal(m_opened.rawKey, store::WrapKind::Passphrase, newPassphrase, kdf);
    BV_TRY(wrap);
    updated.setWrap(wrap.value());

    // The audit entry and the key file change together: the entry is written first and only
    // committed once the new key file is in place, so neither exists without the other.
    auto tx = store::Transaction::begin(database());
    BV_TRY(tx);
    BV_TRY(audit().append(m_context, event));
    BV_TRY(updated.save(m_paths.keyFile()));
    auto committed = tx->commit();
    if (!committed.ok()) {
        // Put the old key file back, so the store and its audit stay in step.
        auto restored = m_opened.keyFile.save(m_paths.keyFile());
        if (!restored.ok())
            spdlog::error("key file could not be restored after a failed commit");
        return committed;
    }
    m_opened.keyFile = std::move(updated);
    return {};
}

} // namespace bv::access
