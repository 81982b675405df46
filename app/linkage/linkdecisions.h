// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/clock.h"
#include "common/result.h"
#include "linkage/storelinker.h"

#include <QString>

#include <optional>
#include <vector>

namespace bv::store {
class Database;
}
namespace bv::access {
class AuditLog;
}

namespace bv::linkage {

enum class DecisionAction : std::uint8_t {
    Merge, // two persons are one
    Split, // some records of a person are someone else
    Apart, // two persons are not one (a review pair answered "no")
};

struct LinkDecision
{
    qint64 id = 0;
    DecisionAction action = DecisionAction::Merge;
    QString decidedBy;
    QString decidedAt;
    QString reason;
    QString revokedBy; // empty while it stands
    QString revokedAt;
    QString revokeReason;
    qint64 records = 0; // records it still names (a withdrawn record drops out)
};

struct DecisionOutcome
{
    qint64 decisionId = 0;
    // The persons the decision's records belong to afterwards.
    std::vector<qint64> persons;
    StoreLinkOutcome link;
};

// People's decisions about who is whom. Each is kept as record pairs the linker must keep
// together or apart, so it holds across later syncs and relinks, whatever the model says; each
// is audited (who, and the ids involved; the reason stays in the store, not the audit, since
// it is free text) and relinks what it touches in the same transaction; each can be undone,
// which keeps it on record as revoked. A decision that contradicts one still standing is
// refused, naming it: undo that one first.
class LinkDecisions
{
public:
    // All three must outlive this.
    LinkDecisions(store::Database &db, access::AuditLog &audit, const Clock &clock);

    [[nodiscard]] Result<DecisionOutcome> merge(const access::AccessContext &context,
                                                qint64 personA, qint64 personB,
                                                const QString &reason);
    // `records` (source_person ids) leave the person and become one person of their own.
    [[nodiscard]] Result<DecisionOutcome> split(const access::AccessContext &context, qint64 person,
                                                const std::vector<qint64> &records,
                                                const QString &reason);
    [[nodiscard]] Result<DecisionOutcome> keepApart(const access::AccessContext &context,
                                                    qint64 personA, qint64 personB,
                                                    const QString &reason);
    [[nodiscard]] Result<DecisionOutcome> revoke(const access::AccessContext &context,
                                                 qint64 decisionId, const QString &reason);

    [[nodiscard]] Result<std::vector<LinkDecision>> list(bool includeRevoked) const;

    static QString actionKey(DecisionAction action);

private:
    struct Constraint
    {
        qint64 a = 0; // source_person ids
        qint64 b = 0;
        bool together = true;
    };
    [[nodiscard]] Result<DecisionOutcome> decide(const access::AccessContext &context,
                                                 DecisionAction action,
                                                 const std::vector<qint64> &persons,
                                                 const std::vector<Constraint> &constraints,
                                                 const QString &reason);
    [[nodiscard]] Result<std::vector<qint64>> recordsOf(qint64 person) const;
    [[nodiscard]] Result<void>
    checkNoContradiction(const std::vector<Constraint> &constraints) const;
    [[nodiscard]] Result<std::vector<qint64>> personsOf(const std::vector<qint64> &records) const;

    store::Database &m_db;
    access::AuditLog &m_audit;
    const Clock &m_clock;
};

} // namespace bv::linkage
