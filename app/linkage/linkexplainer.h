// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/explanation.h"

#include <QString>

#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::linkage {

struct PairExplanation
{
    qint64 recordA = 0; // source_person ids
    qint64 recordB = 0;
    QString idA; // `<feed>/<external id>`
    QString idB;
    bool sameNhsNumber = false;       // linked on that alone, whatever the weights say
    bool differentNhsNumbers = false; // never linked automatically
    std::optional<qint64> decision;   // a standing decision about this very pair
    MatchExplanation match;           // under the store's frozen model
};

struct RecordExplanation
{
    qint64 record = 0;
    qint64 person = 0;
    QString reason; // person_link.reason: nhs_number, match_weight, decision, no_match
    QString decidedBy;
    // The record's strongest pair with another record of its person; none when it is alone.
    std::optional<PairExplanation> strongest;
};

// Why records are (or are not) one person, under the model the store links with: field by
// field, ready for a waterfall chart. Reads only; the caller audits what it shows.
class LinkExplainer
{
public:
    explicit LinkExplainer(store::Database &db);

    [[nodiscard]] Result<PairExplanation> explainPair(qint64 recordA, qint64 recordB) const;
    [[nodiscard]] Result<RecordExplanation> explainRecord(qint64 record) const;

private:
    [[nodiscard]] Result<std::vector<PairExplanation>>
    explainWith(qint64 record, const std::vector<qint64> &others) const;

    store::Database &m_db;
};

} // namespace bv::linkage
