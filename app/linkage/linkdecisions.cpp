// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/linkdecisions.h"

#include "access/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace bv::linkage {

namespace {

// Which set each record is in, joining records that decisions keep together.
class RecordSets
{
public:
    qint64 find(qint64 record)
    {
        auto [entry, inserted] = m_parent.try_emplace(record, record);
        if (inserted || entry->second == record)
            return record;
        const qint64 top = find(entry->second);
        m_parent[record] = top;
        return top;
    }
    void join(qint64 a, qint64 b) { m_parent[find(a)] = find(b); }

private:
    std::map<qint64, qint64> m_parent;
};

struct StoredConstraint
{
    qint64 decision = 0;
    qint64 a = 0;
    qint64 b = 0;
    bool together = true;
};

QString idList(const std::vector<qint64> &ids)
{
    QStringList parts;
    for (const qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

std::vector<qint64> unionOf(std::vector<qint64> a, const std::vector<qint64> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    return a;
}

} // namespace

LinkDecisions::LinkDecisions(store::Database &db, access::AuditLog &audit, const Clock &clock)
    : m_db(db)
    , m_audit(audit)
    , m_clock(clock)
{}

QString LinkDecisions::actionKey(DecisionAction action)
{
    switch (action) {
    case DecisionAction::Merge:
        return QStringLiteral("merge");
    case DecisionAction::Split:
        return QStringLiteral("split");
    case DecisionAction::Apart:
        return QStringLiteral("apart");
    }
    return {};
}

Result<std::vector<qint64>> LinkDecisions::recordsOf(qint64 person) const
{
    auto select = m_db.prepare("SELECT source_person_id FROM person_link WHERE person_id = ?1 "
                               "ORDER BY source_person_id");
    BV_TRY(select);
    select->bind(1, person);
    std::vector<qint64> records;
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        records.push_back(select->int64(0));
    }
    if (!records.empty())
        return records;
    auto merged = m_db.prepare("SELECT merged_into FROM person WHERE id = ?1");
    BV_TRY(merged);
    merged->bind(1, person);
    auto found = merged->step();
    BV_TRY(found);
    if (found.value() && !merged->isNull(0))
        return makeError(ErrorCode::NotFound,
                         QObject::tr("Person %1 has no records now: they went to person %2.")
                             .arg(person)
                             .arg(merged->int64(0)));
    return makeError(ErrorCode::NotFound, QObject::tr("There is no person %1 with records in this "
                                                      "store.")
                                              .arg(person));
}

Result<std::vector<qint64>> LinkDecisions::personsOf(const std::vector<qint64> &records) const
{
    auto select = m_db.prepare("SELECT person_id FROM person_link WHERE source_person_id = ?1");
    BV_TRY(select);
    std::set<qint64> persons;
    for (const qint64 record : records) {
        select->bind(1, record);
        auto row = select->step();
        BV_TRY(row);
        if (row.value())
            persons.insert(select->int64(0));
        select->reset();
    }
    return std::vector<qint64>(persons.begin(), persons.end());
}

Result<void> LinkDecisions::checkNoContradiction(const std::vector<Constraint> &constraints) const
{
    auto select = m_db.prepare(
        "SELECT c.decision_id, c.source_person_a, c.source_person_b, c.kind = 'together' "
        "FROM link_constraint c JOIN link_decision d ON d.id = c.decision_id "
        "WHERE d.revoked_at IS NULL ORDER BY c.decision_id");
    BV_TRY(select);
    std::vector<StoredConstraint> all;
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        all.push_back(
            {select->int64(0), select->int64(1), select->int64(2), select->int64(3) != 0});
    }
    for (const Constraint &constraint : constraints)
        all.push_back({0, constraint.a, constraint.b, constraint.together});
    RecordSets sets;
    for (const StoredConstraint &constraint : all) {
        if (constraint.together)
            sets.join(constraint.a, constraint.b);
    }
    for (const StoredConstraint &apart : all) {
        if (apart.together || sets.find(apart.a) != sets.find(apart.b))
            continue;
        // The standing decision on the other side of the contradiction.
        qint64 standing = apart.decision;
        if (standing == 0) {
            for (const StoredConstraint &together : all) {
                if (together.together && together.decision != 0
                    && sets.find(together.a) == sets.find(apart.a)) {
                    standing = together.decision;
                    break;
                }
            }
        }
        return makeError(ErrorCode::Conflict,
                         QObject::tr("This contradicts decision %1, which still stands. Nothing "
                                     "was changed: undo it first (`broadview decision undo --id "
                                     "%1`) if it was wrong.")
                             .arg(standing));
    }
    return {};
}

Result<DecisionOutcome> LinkDecisions::decide(const access::AccessContext &context,
                                              DecisionAction action,
                                              const std::vector<qint64> &persons,
                                              const std::vector<Constraint> &constraints,
                                              const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return makeError(ErrorCode::Usage,
                         QObject::tr("Say why: a decision about who is whom needs a reason."));
    auto transaction = store::Transaction::begin(m_db);
    BV_TRY(transaction);
    BV_TRY(checkNoContradiction(constraints));
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    auto insert = m_db.prepare("INSERT INTO link_decision(action, decided_by, decided_at, reason) "
                               "VALUES (?1, ?2, ?3, ?4)");
    BV_TRY(insert);
    BV_TRY(insert->bind(1, actionKey(action))
               .bind(2, context.user)
               .bind(3, now)
               .bind(4, reason.trimmed())
               .run());
    DecisionOutcome outcome;
    outcome.decisionId = m_db.lastInsertRowId();
    auto write = m_db.prepare("INSERT OR IGNORE INTO link_constraint(decision_id, source_person_a, "
                              "source_person_b, kind) VALUES (?1, ?2, ?3, ?4)");
    BV_TRY(write);
    std::vector<qint64> records;
    for (const Constraint &constraint : constraints) {
        BV_TRY(
            write->bind(1, outcome.decisionId)
                .bind(2, std::min(constraint.a, constraint.b))
                .bind(3, std::max(constraint.a, constraint.b))
                .bind(4, constraint.together ? QStringLiteral("together") : QStringLiteral("apart"))
                .run());
        records.push_back(constraint.a);
        records.push_back(constraint.b);
    }
    records = unionOf(records, {});
    StoreLinkRequest request;
    request.alsoRelink = records;
    auto linked = StoreLinker::linkInTransaction(m_db, m_clock, request);
    BV_TRY(linked);
    outcome.link = linked.value();
    auto after = personsOf(records);
    BV_TRY(after);
    outcome.persons = after.value();
    // Ids only: the reason is free text and stays in the store.
    auto audited = m_audit.append(context, {QStringLiteral("persons.decide"),
                                            QStringLiteral("decision:%1").arg(outcome.decisionId),
                                            QStringLiteral("action=%1 persons=%2 records=%3 now=%4")
                                                .arg(actionKey(action), idList(persons))
                                                .arg(records.size())
                                                .arg(idList(outcome.persons))});
    BV_TRY(audited);
    BV_TRY(transaction->commit());
    return outcome;
}

Result<DecisionOutcome> LinkDecisions::merge(const access::AccessContext &context, qint64 personA,
                                             qint64 personB, const QString &reason)
{
    if (personA == personB)
        return makeError(ErrorCode::Usage,
                         QObject::tr("Person %1 is already one person.").arg(personA));
    auto a = recordsOf(personA);
    BV_TRY(a);
    auto b = recordsOf(personB);
    BV_TRY(b);
    const std::vector<qint64> all = unionOf(a.value(), b.value());
    std::vector<Constraint> constraints;
    for (std::size_t i = 1; i < all.size(); ++i)
        constraints.push_back({all.front(), all[i], true});
    return decide(context, DecisionAction::Merge, {personA, personB}, constraints, reason);
}

Result<DecisionOutcome> LinkDecisions::split(const access::AccessContext &context, qint64 person,
                                             const std::vector<qint64> &records,
                                             const QString &reason)
{
    auto current = recordsOf(person);
    BV_TRY(current);
    const std::set<qint64> leaving(records.begin(), records.end());
    for (const qint64 record : leaving) {
        if (std::find(current->begin(), current->end(), record) == current->end())
            return makeError(
                ErrorCode::Usage,
                QObject::tr("Record %1 is not one of person %2's.").arg(record).arg(person));
    }
    if (leaving.empty() || leaving.size() == current->size())
        return makeError(
            ErrorCode::Usage,
            QObject::tr("Name some, not all, of person %1's records to split off.").arg(person));
    std::vector<qint64> staying;
    for (const qint64 record : current.value()) {
        if (!leaving.count(record))
            staying.push_back(record);
    }
    const std::vector<qint64> left(leaving.begin(), leaving.end());
    // Each side stays as the person saw it, and the two sides never meet again.
    std::vector<Constraint> constraints;
    for (const std::vector<qint64> *side :
         std::array<const std::vector<qint64> *, 2>{&left, &staying}) {
        for (std::size_t i = 1; i < side->size(); ++i)
            constraints.push_back({side->front(), (*side)[i], true});
    }
    for (const qint64 a : left) {
        for (const qint64 b : staying)
            constraints.push_back({a, b, false});
    }
    return decide(context, DecisionAction::Split, {person}, constraints, reason);
}

Result<DecisionOutcome> LinkDecisions::keepApart(const access::AccessContext &context,
                                                 qint64 personA, qint64 personB,
                                                 const QString &reason)
{
    if (personA == personB)
        return makeError(ErrorCode::Usage,
                         QObject::tr("To separate records of one person, split it."));
    auto a = recordsOf(personA);
    BV_TRY(a);
    auto b = recordsOf(personB);
    BV_TRY(b);
    std::vector<Constraint> constraints;
    for (const qint64 x : a.value()) {
        for (const qint64 y : b.value())
            constraints.push_back({x, y, false});
    }
    return decide(context, DecisionAction::Apart, {personA, personB}, constraints, reason);
}

Result<DecisionOutcome> LinkDecisions::revoke(const access::AccessContext &context,
                                              qint64 decisionId, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("Say why the decision is being undone."));
    auto transaction = store::Transaction::begin(m_db);
    BV_TRY(transaction);
    auto find = m_db.prepare("SELECT revoked_at IS NOT NULL FROM link_decision WHERE id = ?1");
    BV_TRY(find);
    find->bind(1, decisionId);
    auto found = find->step();
    BV_TRY(found);
    if (!found.value())
        return makeError(ErrorCode::NotFound,
                         QObject::tr("There is no decision %1.").arg(decisionId));
    if (find->int64(0) != 0)
        return makeError(ErrorCode::Usage,
                         QObject::tr("Decision %1 was already undone.").arg(decisionId));
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    auto update = m_db.prepare("UPDATE link_decision SET revoked_by = ?2, revoked_at = ?3, "
                               "revoke_reason = ?4 WHERE id = ?1");
    BV_TRY(update);
    BV_TRY(update->bind(1, decisionId)
               .bind(2, context.user)
               .bind(3, now)
               .bind(4, reason.trimmed())
               .run());
    auto named = m_db.prepare("SELECT source_person_a, source_person_b FROM link_constraint "
                              "WHERE decision_id = ?1");
    BV_TRY(named);
    named->bind(1, decisionId);
    std::vector<qint64> records;
    for (;;) {
        auto row = named->step();
        BV_TRY(row);
        if (!row.value())
            break;
        records.push_back(named->int64(0));
        records.push_back(named->int64(1));
    }
    records = unionOf(records, {});
    StoreLinkRequest request;
    request.alsoRelink = records;
    auto linked = StoreLinker::linkInTransaction(m_db, m_clock, request);
    BV_TRY(linked);
    DecisionOutcome outcome;
    outcome.decisionId = decisionId;
    outcome.link = linked.value();
    auto after = personsOf(records);
    BV_TRY(after);
    outcome.persons = after.value();
    auto audited = m_audit.append(
        context,
        {QStringLiteral("persons.decision_undo"), QStringLiteral("decision:%1").arg(decisionId),
         QStringLiteral("records=%1 now=%2").arg(records.size()).arg(idList(outcome.persons))});
    BV_TRY(audited);
    BV_TRY(transaction->commit());
    return outcome;
}

Result<std::vector<LinkDecision>> LinkDecisions::list(bool includeRevoked) const
{
    auto select = m_db.prepare(
        "SELECT d.id, d.action, d.decided_by, d.decided_at, d.reason, d.revoked_by, d.revoked_at, "
        "d.revoke_reason, (SELECT count(*) FROM (SELECT source_person_a FROM link_constraint "
        "WHERE decision_id = d.id UNION SELECT source_person_b FROM link_constraint WHERE "
        "decision_id = d.id)) FROM link_decision d WHERE ?1 OR d.revoked_at IS NULL ORDER BY d.id");
    BV_TRY(select);
    select->bind(1, qint64(includeRevoked ? 1 : 0));
    std::vector<LinkDecision> decisions;
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        LinkDecision decision;
        decision.id = select->int64(0);
        const QString action = select->text(1);
        decision.action = action == QLatin1String("merge")   ? DecisionAction::Merge
                          : action == QLatin1String("split") ? DecisionAction::Split
                                                             : DecisionAction::Apart;
        decision.decidedBy = select->text(2);
        decision.decidedAt = select->text(3);
        decision.reason = select->text(4);
        decision.revokedBy = select->text(5);
        decision.revokedAt = select->text(6);
        decision.revokeReason = select->text(7);
        decision.records = select->int64(8);
        decisions.push_back(std::move(decision));
    }
    return decisions;
}

} // namespace bv::linkage
