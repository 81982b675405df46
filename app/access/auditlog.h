// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/secretbytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace bv::store {
class Database;
}

namespace bv::access {

// What happened, with no personal data: ids and counts, never names or free text.
struct AuditEvent
{
    QString action;  // e.g. "person.read", "store.unlock"
    QString subject; // e.g. "person:42", "store"
    QString detail;  // e.g. "records=3"
};

struct AuditRow
{
    qint64 seq = 0;
    QString at;
    QString user;
    QString role;
    QString action;
    QString purpose;
    QString subject;
    QString detail;
    QByteArray prevHash;
    QByteArray hash;
};

struct AuditHead
{
    qint64 seq = 0;
    QByteArray hash;
};

struct AuditMirror
{
    AuditHead head;
    QByteArray mac;
};

// The append-only audit chain. Each entry's hash covers the previous entry's hash and all
// its own fields (BLAKE2b-256), so an edit, a deletion or a reordering breaks the chain.
// The head is kept in audit_head in the same transaction and, after commit, mirrored in a
// file outside the store with a MAC under a key derived from the store key: deleting the
// last entries and the head row together still leaves the mirror ahead.
// Against someone who holds the store key and rewrites the whole chain and mirror, the
// defence is the copy uploaded to each agency (a later issue), not this chain.
class AuditLog
{
public:
    // `db` must outlive the log.
    AuditLog(store::Database &db, QString mirrorPath, const SecretBytes &storeKey,
             const Clock &clock);

    [[nodiscard]] Result<qint64> append(const AccessContext &context, const AuditEvent &event);
    // An administrator's answer to a missing, invalid or stale mirror (after audit verify has
    // reported it): appends an audit.mirror_reset entry that records what the old mirror
    // said, then writes the mirror anew. Until then appends leave the evidence alone.
    [[nodiscard]] Result<qint64> resetMirror(const AccessContext &context);
    [[nodiscard]] Result<AuditHead> head() const;

    static QByteArray genesisHash();
    static QByteArray entryHash(const AuditRow &row);
    static SecretBytes mirrorKey(const SecretBytes &storeKey);
    static QByteArray mirrorMac(const SecretBytes &mirrorKey, const AuditHead &head);

    // The mirror file: a marker line, then seq, hash and MAC. Never moved backwards.
    static std::optional<AuditMirror> readMirror(const QString &path);
    [[nodiscard]] static Result<void> writeMirror(const QString &path, const SecretBytes &mirrorKey,
                                                  const AuditHead &head);

private:
    enum class MirrorPolicy { KeepEvidence, Reset };
    [[nodiscard]] Result<qint64> appendInTransaction(const AccessContext &context,
                                                     const AuditEvent &event, MirrorPolicy policy);

    store::Database &m_db;
    QString m_mirrorPath;
    SecretBytes m_mirrorKey;
    const Clock &m_clock;
};

} // namespace bv::access
