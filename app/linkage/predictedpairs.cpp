// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/predictedpairs.h"

#include "linkage/evaluationcsv.h"

#include <QObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>

namespace bv::linkage {

namespace {

// The index of an optional column, or nullopt when the header does not have it.
std::optional<int> optionalColumn(const EvaluationCsv &csv, const QString &name)
{
    auto column = csv.column(name);
    return column.ok() ? std::optional(column.value()) : std::nullopt;
}

Result<void> checkNumber(const EvaluationCsv &csv, const EvaluationCsvRow &row,
                         std::optional<int> column, const QString &name, bool probability)
{
    if (!column)
        return {};
    bool ok = false;
    const double value = row.fields.at(*column).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return makeError(ErrorCode::Failure,
                         csv.where(row.line, QObject::tr("%1 is not a number.").arg(name)));
    if (probability && (value < 0.0 || value > 1.0))
        return makeError(ErrorCode::Failure,
                         csv.where(row.line, QObject::tr("probability is not between 0 and 1.")));
    return {};
}

} // namespace

Result<PredictedPairs> PredictedPairsReader::read(const QString &path, const GroundTruth &truth)
{
    auto text = readEvaluationFile(path);
    BV_TRY(text);
    return parse(text.value(), path, truth);
}

Result<PredictedPairs> PredictedPairsReader::parse(QStringView text, const QString &name,
                                                   const GroundTruth &truth)
{
    auto csv = EvaluationCsv::open(text, name);
    BV_TRY(csv);
    const auto idA = csv->column(QStringLiteral("id_a"));
    BV_TRY(idA);
    const auto idB = csv->column(QStringLiteral("id_b"));
    BV_TRY(idB);
    const auto weight = optionalColumn(csv.value(), QStringLiteral("weight"));
    const auto probability = optionalColumn(csv.value(), QStringLiteral("probability"));

    PredictedPairs result;
    QSet<QString> unknownIds;
    for (;;) {
        auto next = csv->next();
        BV_TRY(next);
        if (!next.value())
            break;
        const EvaluationCsvRow &row = *next.value();
        ++result.rows;
        const QString &a = row.fields.at(idA.value());
        const QString &b = row.fields.at(idB.value());
        if (a.isEmpty() || b.isEmpty())
            return makeError(ErrorCode::Failure,
                             csv->where(row.line, QObject::tr("an id is empty.")));
        BV_TRY(checkNumber(csv.value(), row, weight, QStringLiteral("weight"), false));
        BV_TRY(checkNumber(csv.value(), row, probability, QStringLiteral("probability"), true));

        if (a == b) {
            ++result.selfPairs;
            continue;
        }
        const auto first = truth.indexOf(a);
        const auto second = truth.indexOf(b);
        if (!first || !second) {
            if (result.unknownPairs++ == 0)
                result.firstUnknownLine = row.line;
            if (!first)
                unknownIds.insert(a);
            if (!second)
                unknownIds.insert(b);
            continue;
        }
        if (!truth.comparable(*first, *second)) {
            ++result.withinOneFile;
            continue;
        }
        result.pairs.emplace_back(std::min(*first, *second), std::max(*first, *second));
    }
    std::sort(result.pairs.begin(), result.pairs.end());
    const auto end = std::unique(result.pairs.begin(), result.pairs.end());
    result.duplicates = qint64(std::distance(end, result.pairs.end()));
    result.pairs.erase(end, result.pairs.end());
    result.unknownIds = unknownIds.size();
    return result;
}

} // namespace bv::linkage
