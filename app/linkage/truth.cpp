// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/truth.h"

#include "linkage/evaluationcsv.h"

#include <QObject>
#include <QRegularExpression>

namespace bv::linkage {

GroundTruth::GroundTruth(LinkageTask task)
    : m_task(task)
{}

GroundTruth::AddOutcome GroundTruth::add(const QString &id, const QString &entity, int side)
{
    const int sideIndex = m_task == LinkageTask::Linkage && side == 1 ? 1 : 0;
    const auto known = m_index.constFind(id);
    const auto knownEntity = m_entityIndex.constFind(entity);
    if (known != m_index.cend()) {
        const int record = known.value();
        const bool same = knownEntity != m_entityIndex.cend()
                          && m_entityOf[std::size_t(record)] == knownEntity.value()
                          && m_sideOf[std::size_t(record)] == sideIndex;
        return same ? AddOutcome::AlreadyKnown : AddOutcome::Conflict;
    }
    int entityIndex = 0;
    if (knownEntity != m_entityIndex.cend()) {
        entityIndex = knownEntity.value();
    } else {
        entityIndex = int(m_entitySizes.size());
        m_entityIndex.insert(entity, entityIndex);
        m_entitySizes.push_back(0);
        m_entitySideSizes.push_back({0, 0});
    }
    m_index.insert(id, int(m_entityOf.size()));
    m_entityOf.push_back(entityIndex);
    m_sideOf.push_back(sideIndex);
    ++m_entitySizes[std::size_t(entityIndex)];
    ++m_entitySideSizes[std::size_t(entityIndex)][std::size_t(sideIndex)];
    return AddOutcome::Added;
}

std::optional<int> GroundTruth::indexOf(const QString &id) const
{
    const auto it = m_index.constFind(id);
    if (it == m_index.cend())
        return std::nullopt;
    return it.value();
}

bool GroundTruth::comparable(int a, int b) const
{
    if (a == b)
        return false;
    return m_task == LinkageTask::Deduplication || sideOf(a) != sideOf(b);
}

qint64 GroundTruth::truePairCount() const
{
    qint64 pairs = 0;
    for (std::size_t entity = 0; entity < m_entitySizes.size(); ++entity) {
        if (m_task == LinkageTask::Linkage) {
            pairs += qint64(m_entitySideSizes[entity][0]) * m_entitySideSizes[entity][1];
        } else {
            const qint64 size = m_entitySizes[entity];
            pairs += size * (size - 1) / 2;
        }
    }
    return pairs;
}

namespace {

// Adds one record, turning a conflict into an error that names where.
Result<void> addRecord(GroundTruth &truth, const EvaluationCsv &csv, qsizetype line,
                       const QString &id, const QString &entity, int side)
{
    if (truth.add(id, entity, side) == GroundTruth::AddOutcome::Conflict) {
        return makeError(ErrorCode::Failure,
                         csv.where(line, QObject::tr("record \"%1\" is already in the truth "
                                                     "with another entity or file.")
                                             .arg(id)));
    }
    return {};
}

} // namespace

Result<GroundTruth> TruthReader::sourceTruth(const QString &path)
{
    auto text = readEvaluationFile(path);
    BV_TRY(text);
    return parseSourceTruth(text.value(), path);
}

Result<GroundTruth> TruthReader::parseSourceTruth(QStringView text, const QString &name)
{
    auto csv = EvaluationCsv::open(text, name);
    BV_TRY(csv);
    const auto feed = csv->column(QStringLiteral("feed"));
    BV_TRY(feed);
    const auto externalId = csv->column(QStringLiteral("external_id"));
    BV_TRY(externalId);
    const auto person = csv->column(QStringLiteral("person_id"));
    BV_TRY(person);

    GroundTruth truth(LinkageTask::Deduplication);
    for (;;) {
        auto row = csv->next();
        BV_TRY(row);
        if (!row.value())
            break;
        const QStringList &fields = row.value()->fields;
        const qsizetype line = row.value()->line;
        const std::pair<int, const char *> required[] = {{feed.value(), "feed"},
                                                         {externalId.value(), "external_id"},
                                                         {person.value(), "person_id"}};
        for (const auto &[column, columnName] : required) {
            if (fields.at(column).isEmpty())
                return makeError(
                    ErrorCode::Failure,
                    csv->where(line, QObject::tr("%1 is empty.").arg(QLatin1String(columnName))));
        }
        // The id the linker gives a source record: the feed and the feed's own id.
        const QString id
            = fields.at(feed.value()) + QLatin1Char('/') + fields.at(externalId.value());
        BV_TRY(addRecord(truth, csv.value(), line, id, fields.at(person.value()), 0));
    }
    return truth;
}

Result<GroundTruth> TruthReader::febrl(const QStringList &paths)
{
    if (paths.isEmpty() || paths.size() > 2)
        return makeError(ErrorCode::Usage,
                         QObject::tr("FEBRL truth takes one file (deduplication) or two "
                                     "(linkage), not %1.")
                             .arg(paths.size()));
    GroundTruth truth(paths.size() == 2 ? LinkageTask::Linkage : LinkageTask::Deduplication);
    for (int side = 0; side < paths.size(); ++side) {
        auto text = readEvaluationFile(paths.at(side));
        BV_TRY(text);
        BV_TRY(parseFebrl(text.value(), paths.at(side), side, truth));
    }
    return truth;
}

Result<void> TruthReader::parseFebrl(QStringView text, const QString &name, int side,
                                     GroundTruth &truth)
{
    static const QRegularExpression recId(QStringLiteral("^rec-(\\d+)-(?:org|dup-\\d+)$"));
    auto csv = EvaluationCsv::open(text, name);
    BV_TRY(csv);
    const auto idColumn = csv->column(QStringLiteral("rec_id"));
    BV_TRY(idColumn);
    for (;;) {
        auto row = csv->next();
        BV_TRY(row);
        if (!row.value())
            break;
        const QString &id = row.value()->fields.at(idColumn.value());
        const auto match = recId.match(id);
        if (!match.hasMatch())
            return makeError(
                ErrorCode::Failure,
                csv->where(row.value()->line, QObject::tr("rec_id \"%1\" is not rec-<n>-org or "
                                                          "rec-<n>-dup-<k>.")
                                                  .arg(id)));
        // Leading zeros would otherwise make one entity look like two.
        QString entity = match.captured(1);
        while (entity.size() > 1 && entity.startsWith(QLatin1Char('0')))
            entity.remove(0, 1);
        BV_TRY(addRecord(truth, csv.value(), row.value()->line, id, entity, side));
    }
    return {};
}

} // namespace bv::linkage
