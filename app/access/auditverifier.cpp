// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/auditverifier.h"

#include "access/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QFile>
#include <QObject>

#include <algorithm>
#include <optional>
#include <sodium.h>

namespace bv::access {

namespace {

using Kind = AuditFinding::Kind;

// Does `row`'s content verify at another position near its own? Then it was moved there.
std::optional<qint64> movedFrom(AuditRow row, qint64 lastSeq)
{
    constexpr qint64 kWindow = 64;
    const qint64 own = row.seq;
    for (qint64 seq = std::max<qint64>(1, own - kWindow); seq <= std::min(lastSeq, own + kWindow);
         ++seq) {
        if (seq == own)
            continue;
        row.seq = seq;
        if (AuditLog::entryHash(row) == row.hash)
            return seq;
    }
    return std::nullopt;
}

// After a reordering, the entry that follows a moved one still names it as its predecessor:
// if the entry its link names sits elsewhere in the table and verifies at the position just
// before it, the link is intact and the move is reported where that entry now sits.
Result<bool> followsMovedEntry(store::Database &db, const AuditRow &row)
{
    auto moved = db.prepare("SELECT seq, at, user, role, action, purpose, subject, detail, "
                            "prev_hash, hash FROM audit WHERE hash = ? AND seq <> ?");
    BV_TRY(moved);
    moved->bindBlob(1, row.prevHash).bind(2, row.seq - 1);
    for (;;) {
        auto step = moved->step();
        BV_TRY(step);
        if (!step.value())
            return false;
        AuditRow candidate{row.seq - 1,    moved->text(1), moved->text(2), moved->text(3),
                           moved->text(4), moved->text(5), moved->text(6), moved->text(7),
                           moved->blob(8), moved->blob(9)};
        if (AuditLog::entryHash(candidate) == candidate.hash)
            return true;
    }
}

} // namespace

bool AuditReport::intact() const
{
    return std::none_of(findings.begin(), findings.end(),
                        [](const AuditFinding &f) { return f.tampering; });
}

Result<AuditReport> AuditVerifier::verify(store::Database &db, const QString &mirrorPath,
                                          const SecretBytes &storeKey)
{
    AuditReport report;
    // The mirror first: it is written only after a commit, so read before the snapshot it
    // cannot appear ahead of it. Then one read transaction, so that an append committing
    // meanwhile cannot make the maximum, the rows and the head disagree.
    const bool mirrorPresent = QFile::exists(mirrorPath);
    const std::optional<AuditMirror> mirror = AuditLog::readMirror(mirrorPath);
    std::optional<store::Transaction> snapshot;
    if (!db.inTransaction()) {
        auto tx = store::Transaction::begin(db, store::Transaction::Mode::Deferred);
        BV_TRY(tx);
        snapshot.emplace(std::move(tx.value()));
    }
    auto maxSeq = db.queryInt("SELECT coalesce(max(seq), 0) FROM audit");
    BV_TRY(maxSeq);
    report.lastSeq = maxSeq.value();

    auto rows = db.prepare("SELECT seq, at, user, role, action, purpose, subject, detail, "
                           "prev_hash, hash FROM audit ORDER BY seq");
    BV_TRY(rows);
    qint64 expected = 1;
    QByteArray previousHash = AuditLog::genesisHash();
    QByteArray hashAtMirror;

    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        AuditRow row{rows->int64(0), rows->text(1), rows->text(2), rows->text(3), rows->text(4),
                     rows->text(5),  rows->text(6), rows->text(7), rows->blob(8), rows->blob(9)};
        ++report.entries;
        if (row.seq > expected) {
            report.findings.append({Kind::Missing, expected,
                                    row.seq - expected == 1
                                        ? QObject::tr("Entry %1 was deleted.").arg(expected)
                                        : QObject::tr("Entries %1 to %2 were deleted.")
                                              .arg(expected)
                                              .arg(row.seq - 1)});
        }
        const bool selfConsistent = AuditLog::entryHash(row) == row.hash;
        if (!selfConsistent) {
            if (auto origin = movedFrom(row, report.lastSeq)) {
                report.findings.append({Kind::Reordered, row.seq,
                                        QObject::tr("Entry %1 holds the content of entry %2: the "
                                                    "chain was reordered.")
                                            .arg(row.seq)
                                            .arg(*origin)});
            } else {
                report.findings.append({Kind::Edited, row.seq,
                                        QObject::tr("Entry %1 was edited: its fields no longer "
                                                    "match its hash.")
                                            .arg(row.seq)});
            }
        } else if (row.seq == expected && row.prevHash != previousHash) {
            auto moved = followsMovedEntry(db, row);
            BV_TRY(moved);
            if (!moved.value())
                report.findings.append(
                    {Kind::BrokenLink, row.seq,
                     QObject::tr("Entry %1 does not follow entry %2: one of them "
                                 "was replaced.")
                         .arg(row.seq)
                         .arg(row.seq - 1)});
        }
        if (mirror && row.seq == mirror->head.seq)
            hashAtMirror = row.hash;
        previousHash = row.hash;
        expected = row.seq + 1;
    }

    auto head = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    BV_TRY(head);
    auto headRow = head->step();
    BV_TRY(headRow);
    const qint64 headSeq = headRow.value() ? head->int64(0) : 0;
    const QByteArray headHash = headRow.value() ? head->blob(1) : AuditLog::genesisHash();
    if (headSeq > report.lastSeq) {
        report.findings.append({Kind::Truncated, report.lastSeq + 1,
                                QObject::tr("Entries %1 to %2 were removed from the end (the "
                                            "store's head names entry %2).")
                                    .arg(report.lastSeq + 1)
                                    .arg(headSeq)});
    } else if (headSeq != report.lastSeq || headHash != previousHash) {
        report.findings.append({Kind::HeadMismatch, headSeq,
                                QObject::tr("The store's head (entry %1) does not match the last "
                                            "entry (%2).")
                                    .arg(headSeq)
                                    .arg(report.lastSeq)});
    }

    if (!mirrorPresent) {
        report.findings.append({Kind::MirrorMissing, 0,
                                QObject::tr("The mirror file %1 is missing, so entries removed "
                                            "from the end together with the head cannot be "
                                            "detected.")
                                    .arg(mirrorPath)});
    } else if (!mirror
               || mirror->mac != AuditLog::mirrorMac(AuditLog::mirrorKey(storeKey), mirror->head)) {
        report.findings.append({Kind::MirrorInvalid, 0,
                                QObject::tr("The mirror file %1 is not valid for this store: it "
                                            "was edited or copied from elsewhere.")
                                    .arg(mirrorPath)});
    } else if (mirror->head.seq > report.lastSeq) {
        if (headSeq <= report.lastSeq) {
            report.findings.append({Kind::Truncated, report.lastSeq + 1,
                                    QObject::tr("Entries %1 to %2 were removed from the end "
                                                "(the mirror names entry %2).")
                                        .arg(report.lastSeq + 1)
                                        .arg(mirror->head.seq)});
        }
    } else if (hashAtMirror != mirror->head.hash) {
        report.findings.append({Kind::Edited, mirror->head.seq,
                                QObject::tr("Entry %1 differs from the one the mirror recorded.")
                                    .arg(mirror->head.seq)});
    } else if (mirror->head.seq < report.lastSeq) {
        report.findings.append({Kind::MirrorBehind, mirror->head.seq + 1,
                                QObject::tr("The mirror names entry %1, the chain ends at %2: "
                                            "the mirror was not updated after the last commit "
                                            "(an interrupted write); entries after %1 are "
                                            "checked by the chain only.")
                                    .arg(mirror->head.seq)
                                    .arg(report.lastSeq),
                                false});
    }
    return report;
}

QString AuditVerifier::limitations()
{
    return QObject::tr(
        "What verification cannot detect: someone who holds the store key can rewrite the whole "
        "chain, its head and the mirror consistently, and the result verifies; the defence "
        "against that is the copy of the chain held outside this machine. Deleting the mirror "
        "file as well as the last entries and the head is reported as a missing mirror, not as "
        "truncation. Actions that were never audited (a crash before the entry committed) leave "
        "no trace to find. Putting back an older backup (its store, key file and mirror "
        "together) removes every later entry and still verifies, without any key: the copy of "
        "the chain held outside this machine is the defence against that too.");
}

} // namespace bv::access
