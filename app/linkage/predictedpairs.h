// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/truth.h"

#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

// The pairs a linker linked, as the records of a ground truth, for scoring.
namespace bv::linkage {

struct PredictedPairs
{
    // Truth record numbers, first < second, sorted, each pair once.
    std::vector<std::pair<int, int>> pairs;
    qint64 rows = 0;          // data rows read
    qint64 duplicates = 0;    // rows naming a pair already read, in either order
    qint64 selfPairs = 0;     // rows linking a record to itself
    qint64 withinOneFile = 0; // linkage task: rows linking two records of the same file
    qint64 unknownPairs = 0;  // rows with an id the truth does not know
    qsizetype unknownIds = 0; // distinct such ids
    qsizetype firstUnknownLine = 0;
};

// Reads a linker's pairs file: header `id_a,id_b,weight,probability` (any order, more
// columns allowed; weight and probability may be left out, since scoring does not use
// them, but where present they must be numbers, and probability in [0, 1]). Every left-out
// row is counted in the result, never silently dropped.
class PredictedPairsReader
{
public:
    [[nodiscard]] static Result<PredictedPairs> read(const QString &path, const GroundTruth &truth);
    [[nodiscard]] static Result<PredictedPairs> parse(QStringView text, const QString &name,
                                                      const GroundTruth &truth);
};

} // namespace bv::linkage
