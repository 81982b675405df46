// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/auditlog.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace bv::access {

namespace {

constexpr std::size_t kHashBytes = 32;

void feed(crypto_generichash_state &state, QByteArrayView bytes)
{
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(bytes.data()),
                              static_cast<unsigned long long>(bytes.size()));
}

void feedField(crypto_generichash_state &state, const QString &text)
{
    // Length-prefixed, so ("ab","c") and ("a","bc") hash differently.
    const QByteArray utf8 = text.toUtf8();
    const quint32 length = qToLittleEndian(static_cast<quint32>(utf8.size()));
    feed(state, QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
    feed(state, utf8);
}

// Whether the mirror may move on to the new head. It is evidence, kept as it is, when it
// names an entry the chain no longer holds (a rewritten or removed tail; writeMirror already
// keeps one that is ahead), or when it is missing or invalid although the chain has entries
// (deleted or forged). Moving it on would cover exactly what audit verify should report;
// only an audited reset (AuditLog::resetMirror) replaces it.
Result<QString> mirrorEvidence(store::Database &db, const QString &path,
                               const SecretBytes &mirrorKey, qint64 chainSeq)
{
    if (chainSeq <= 0)
        return QString(); // a new chain: nothing to keep
    if (!QFile::exists(path))
        return QStringLiteral("missing");
    const auto mirror = AuditLog::readMirror(path);
    if (!mirror || mirror->mac != AuditLog::mirrorMac(mirrorKey, mirror->head))
        return QStringLiteral("invalid");
    if (mirror->head.seq <= 0 || mirror->head.seq > chainSeq)
        return QString(); // ahead: writeMirror refuses to move it back
    auto entry = db.prepare("SELECT hash FROM audit WHERE seq = ?");
    BV_TRY(entry);
    entry->bind(1, mirror->head.seq);
    auto found = entry->step();
    BV_TRY(found);
    if (!found.value() || entry->blob(0) != mirror->head.hash)
        return QStringLiteral("names entry %1, which the chain no longer holds")
            .arg(mirror->head.seq);
    return QString();
}

} // namespace

AuditLog::AuditLog(store::Database &db, QString mirrorPath, const SecretBytes &storeKey,
                   const Clock &clock)
    : m_db(db)
    , m_mirrorPath(std::move(mirrorPath))
    , m_mirrorKey(mirrorKey(storeKey))
    , m_clock(clock)
{}

QByteArray AuditLog::genesisHash()
{
    return QByteArray(kHashBytes, '\0');
}

QByteArray AuditLog::entryHash(const AuditRow &row)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kHashBytes);
    feed(state, "broadview audit v1");
    feed(state, row.prevHash);
    const qint64 seq = qToLittleEndian(row.seq);
    feed(state, QByteArrayView(reinterpret_cast<const char *>(&seq), sizeof seq));
    for (const QString *field :
         {&row.at, &row.user, &row.role, &row.action, &row.purpose, &row.subject, &row.detail})
        feedField(state, *field);
    QByteArray hash(kHashBytes, '\0');
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(hash.data()), kHashBytes);
    return hash;
}

SecretBytes AuditLog::mirrorKey(const SecretBytes &storeKey)
{
    SecretBytes key(crypto_generichash_KEYBYTES);
    static constexpr char kContext[] = "broadview audit mirror v1";
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char *>(kContext),
                       sizeof kContext - 1, storeKey.data(), storeKey.size());
    return key;
}

QByteArray AuditLog::mirrorMac(const SecretBytes &mirrorKey, const AuditHead &head)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, mirrorKey.data(), mirrorKey.size(), kHashBytes);
    const qint64 seq = qToLittleEndian(head.seq);
    feed(state, QByteArrayView(reinterpret_cast<const char *>(&seq), sizeof seq));
    feed(state, head.hash);
    QByteArray mac(kHashBytes, '\0');
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(mac.data()), kHashBytes);
    return mac;
}

Result<void> AuditLog::writeMirror(const QString &path, const SecretBytes &mirrorKey,
                                   const AuditHead &head)
{
    // A valid mirror at or beyond this entry means entries were removed from the end of the
    // chain: keep it as evidence rather than cover the gap (audit verify reports it).
    const auto existing = readMirror(path);
    if (existing && existing->mac == mirrorMac(mirrorKey, existing->head)
        && (existing->head.seq > head.seq
            || (existing->head.seq == head.seq && existing->head.hash != head.hash))) {
        return makeError(ErrorCode::AuditTampered,
                         QObject::tr("The audit mirror names entry %1, at or beyond the new entry "
                                     "%2: entries were removed from the end of the chain. The "
                                     "mirror is kept as evidence; run audit verify.")
                             .arg(existing->head.seq)
                             .arg(head.seq));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot write the audit mirror %1: %2").arg(path, file.errorString()));
    const QByteArray text = "broadview-audit-head 1\nseq " + QByteArray::number(head.seq)
                            + "\nhash " + head.hash.toHex() + "\nmac "
                            + mirrorMac(mirrorKey, head).toHex() + '\n';
    if (file.write(text) != text.size() || !file.commit())
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot write the audit mirror %1: %2").arg(path, file.errorString()));
    return {};
}

std::optional<AuditMirror> AuditLog::readMirror(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = file.read(4096).split('\n');
    if (lines.size() < 4 || lines[0] != "broadview-audit-head 1" || !lines[1].startsWith("seq ")
        || !lines[2].startsWith("hash ") || !lines[3].startsWith("mac "))
        return std::nullopt;
    AuditMirror mirror;
    bool numeric = false;
    mirror.head.seq = lines[1].mid(4).toLongLong(&numeric);
    mirror.head.hash = QByteArray::fromHex(lines[2].mid(5));
    mirror.mac = QByteArray::fromHex(lines[3].mid(4));
    if (!numeric)
        return std::nullopt;
    return mirror;
}

Result<AuditHead> AuditLog::head() const
{
    auto stmt = m_db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    BV_TRY(stmt);
    auto row = stmt->step();
    BV_TRY(row);
    if (!row.value())
        return AuditHead{0, genesisHash()};
    return AuditHead{stmt->int64(0), stmt->blob(1)};
}

Result<qint64> AuditLog::append(const AccessContext &context, const AuditEvent &event)
{
    // Inside a caller's transaction the entry commits or rolls back with the audited work;
    // otherwise it gets a transaction of its own.
    if (m_db.inTransaction()) {
        BV_TRY(m_db.exec("SAVEPOINT audit_append"));
        auto seq = appendInTransaction(context, event, MirrorPolicy::KeepEvidence);
        if (!seq.ok()) {
            (void)m_db.exec("ROLLBACK TO audit_append");
            (void)m_db.exec("RELEASE audit_append");
            return seq;
        }
        BV_TRY(m_db.exec("RELEASE audit_append"));
        return seq;
    }
    auto tx = store::Transaction::begin(m_db);
    BV_TRY(tx);
    auto seq = appendInTransaction(context, event, MirrorPolicy::KeepEvidence);
    BV_TRY(seq);
    BV_TRY(tx->commit());
    return seq;
}

Result<qint64> AuditLog::resetMirror(const AccessContext &context)
{
    // The chain itself records what the mirror said, so resetting it loses no evidence.
    QString before = QStringLiteral("previous mirror: missing");
    if (QFile::exists(m_mirrorPath)) {
        const auto mirror = readMirror(m_mirrorPath);
        if (!mirror || mirror->mac != mirrorMac(m_mirrorKey, mirror->head))
            before = QStringLiteral("previous mirror: invalid");
        else
            before = QStringLiteral("previous mirror: seq=%1 hash=%2")
                         .arg(mirror->head.seq)
                         .arg(QString::fromLatin1(mirror->head.hash.toHex()));
    }
    auto tx = store::Transaction::begin(m_db);
    BV_TRY(tx);
    auto seq = appendInTransaction(
        context, {QStringLiteral("audit.mirror_reset"), QStringLiteral("audit"), before},
        MirrorPolicy::Reset);
    BV_TRY(seq);
    BV_TRY(tx->commit());
    return seq;
}

Result<qint64> AuditLog::appendInTransaction(const AccessContext &context, const AuditEvent &event,
                                             MirrorPolicy policy)
{
    auto previous = head();
    BV_TRY(previous);
    AuditRow row;
    row.seq = previous->seq + 1;
    row.at = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    // NOT NULL columns: a missing value is stored, and hashed, as an empty string.
    auto text = [](const QString &value) {
        return value.isNull() ? QString(QLatin1String("")) : value;
    };
    row.user = text(context.user);
    row.role = roleName(context.role);
    row.action = text(event.action);
    row.purpose = text(context.purpose);
    row.subject = text(event.subject);
    row.detail = text(event.detail);
    row.prevHash = previous->hash;
    row.hash = entryHash(row);

    auto insert = m_db.prepare("INSERT INTO audit(seq, at, user, role, action, purpose, subject, "
                               "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)");
    BV_TRY(insert);
    insert->bind(1, row.seq)
        .bind(2, row.at)
        .bind(3, row.user)
        .bind(4, row.role)
        .bind(5, row.action)
        .bind(6, row.purpose)
        .bind(7, row.subject)
        .bind(8, row.detail)
        .bindBlob(9, row.prevHash)
        .bindBlob(10, row.hash);
    BV_TRY(insert->run());

    auto updateHead
        = m_db.prepare("INSERT OR REPLACE INTO audit_head(id, seq, hash) VALUES (1, ?, ?)");
    BV_TRY(updateHead);
    updateHead->bind(1, row.seq).bindBlob(2, row.hash);
    BV_TRY(updateHead->run());

    QString evidence;
    if (policy == MirrorPolicy::KeepEvidence) {
        auto kept = mirrorEvidence(m_db, m_mirrorPath, m_mirrorKey, previous->seq);
        BV_TRY(kept);
        evidence = kept.value();
    }
    const AuditHead newHead{row.seq, row.hash};
    m_db.runAfterCommit([path = m_mirrorPath, key = &m_mirrorKey, newHead, evidence, policy] {
        if (!evidence.isEmpty()) {
            spdlog::error("audit mirror not updated (seq {}): it is {}; kept as evidence, "
                          "run audit verify, then audit reset-mirror",
                          newHead.seq, evidence.toStdString());
            return;
        }
        if (policy == MirrorPolicy::Reset)
            QFile::remove(path); // writeMirror keeps a mirror that is ahead
        // After commit, never before: a mirror ahead of the table would read as truncation.
        auto written = writeMirror(path, *key, newHead);
        if (!written.ok() && written.error().code == ErrorCode::AuditTampered)
            // Another connection of this store (the app's sync thread, a CLI run) may have
            // committed and mirrored a later entry first; the mirror is never moved back, and
            // audit verify tells a late writer from a cut chain.
            spdlog::warn("audit mirror already names an entry after {}; left as it is",
                         newHead.seq);
        else if (!written.ok())
            spdlog::error("audit mirror not updated (seq {}): {}", newHead.seq,
                          written.error().message.toStdString());
    });
    return row.seq;
}

} // namespace bv::access
