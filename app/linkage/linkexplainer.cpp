// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/linkexplainer.h"

#include "linkage/comparison.h"
#include "linkage/linker.h"
#include "linkage/nicknames.h"
#include "linkage/storedrecords.h"
#include "store/database.h"
#include "store/statement.h"

#include <QObject>
#include <QStringList>

#include <algorithm>

namespace bv::linkage {

LinkExplainer::LinkExplainer(store::Database &db)
    : m_db(db)
{}

Result<std::vector<PairExplanation>>
LinkExplainer::explainWith(qint64 record, const std::vector<qint64> &others) const
{
    auto model = loadLinkModel(m_db);
    BV_TRY(model);
    const std::optional<LinkModel> &frozen = model.value();
    if (!frozen)
        return makeError(ErrorCode::NotFound,
                         QObject::tr("The store has not been linked yet: run `broadview link`."));
    auto nicknames = NicknameTable::loadShipped();
    BV_TRY(nicknames);
    const RecordPreparer preparer(nicknames.value());
    QStringList ids{QString::number(record)};
    for (const qint64 other : others)
        ids << QString::number(other);
    // Ids are numbers we formatted, so the list is safe to put in the statement.
    auto stored = readStoredRecords(
        m_db, preparer, QString(u"sp.id IN (" + ids.join(QLatin1Char(',')) + u")").toStdString());
    BV_TRY(stored);
    const auto self = stored->index(record);
    if (!self)
        return makeError(ErrorCode::NotFound,
                         QObject::tr("There is no source record %1.").arg(record));
    auto fellegiSunter = FellegiSunterModel::create(frozen->parameters);
    BV_TRY(fellegiSunter);
    const PairScorer scorer(fellegiSunter.value(), stored->records, frozen->givenNames,
                            frozen->familyNames);
    auto decided
        = m_db.prepare("SELECT c.decision_id FROM link_constraint c JOIN link_decision d ON d.id = "
                       "c.decision_id WHERE d.revoked_at IS NULL AND c.source_person_a = ?1 AND "
                       "c.source_person_b = ?2 ORDER BY c.decision_id DESC LIMIT 1");
    BV_TRY(decided);
    std::vector<PairExplanation> explanations;
    for (const qint64 other : others) {
        const auto index = stored->index(other);
        if (!index)
            return makeError(ErrorCode::NotFound,
                             QObject::tr("There is no source record %1.").arg(other));
        const LinkRecord &a = stored->records[*self];
        const LinkRecord &b = stored->records[*index];
        // In index order, as the linker compares them.
        const std::uint32_t first = std::min(*self, *index);
        const std::uint32_t second = std::max(*self, *index);
        const ComparisonVector vector
            = compare(stored->records[first].fields, stored->records[second].fields);
        PairExplanation explanation;
        explanation.recordA = record;
        explanation.recordB = other;
        explanation.idA = a.id;
        explanation.idB = b.id;
        explanation.sameNhsNumber = a.nhsNumber != 0 && a.nhsNumber == b.nhsNumber;
        explanation.differentNhsNumbers
            = a.nhsNumber != 0 && b.nhsNumber != 0 && a.nhsNumber != b.nhsNumber;
        explanation.match = explainMatch(fellegiSunter.value(), vector,
                                         scorer.fieldWeights(first, second, vector));
        decided->bind(1, std::min(record, other)).bind(2, std::max(record, other));
        auto row = decided->step();
        BV_TRY(row);
        if (row.value())
            explanation.decision = decided->int64(0);
        decided->reset();
        explanations.push_back(std::move(explanation));
    }
    return explanations;
}

Result<PairExplanation> LinkExplainer::explainPair(qint64 recordA, qint64 recordB) const
{
    if (recordA == recordB)
        return makeError(ErrorCode::Usage, QObject::tr("Name two different records."));
    auto explained = explainWith(recordA, {recordB});
    BV_TRY(explained);
    return std::move(explained->front());
}

Result<RecordExplanation> LinkExplainer::explainRecord(qint64 record) const
{
    auto link = m_db.prepare("SELECT person_id, coalesce(reason, ''), decided_by FROM person_link "
                             "WHERE source_person_id = ?1");
    BV_TRY(link);
    link->bind(1, record);
    auto found = link->step();
    BV_TRY(found);
    if (!found.value())
        return makeError(ErrorCode::NotFound,
                         QObject::tr("Source record %1 is not linked to a person: run `broadview "
                                     "link`, or check the id.")
                             .arg(record));
    RecordExplanation explanation;
    explanation.record = record;
    explanation.person = link->int64(0);
    explanation.reason = link->text(1);
    explanation.decidedBy = link->text(2);
    auto mates = m_db.prepare("SELECT source_person_id FROM person_link WHERE person_id = ?1 AND "
                              "source_person_id <> ?2 ORDER BY source_person_id");
    BV_TRY(mates);
    mates->bind(1, explanation.person).bind(2, record);
    std::vector<qint64> others;
    for (;;) {
        auto row = mates->step();
        BV_TRY(row);
        if (!row.value())
            break;
        others.push_back(mates->int64(0));
    }
    if (others.empty())
        return explanation;
    auto pairs = explainWith(record, others);
    BV_TRY(pairs);
    // The same NHS number first, as the linker joins them first; then the heaviest evidence.
    const auto stronger = [](const PairExplanation &x, const PairExplanation &y) {
        if (x.sameNhsNumber != y.sameNhsNumber)
            return x.sameNhsNumber;
        return x.match.matchWeight > y.match.matchWeight;
    };
    explanation.strongest = *std::min_element(pairs->begin(), pairs->end(), stronger);
    return explanation;
}

} // namespace bv::linkage
