// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <optional>
#include <vector>

// Ground truth for scoring a linker: which record ids belong to the same entity.
namespace bv::linkage {

// Which pairs of records the task compares, so which pairs can be true or predicted.
enum class LinkageTask {
    Deduplication, // one set of records: any two records may be a pair
    Linkage,       // two files (sides 0 and 1): only pairs across the files count
};

// The records of a test set, each with its entity. Records are numbered 0..size()-1 in the
// order they were added, and entities in the order they were first seen, so every count and
// cluster built from a truth is the same on every run.
class GroundTruth
{
public:
    enum class AddOutcome {
        Added,
        AlreadyKnown, // the same id with the same entity and side: nothing changed
        Conflict,     // the id is known with another entity or side: nothing changed
    };

    explicit GroundTruth(LinkageTask task = LinkageTask::Deduplication);

    [[nodiscard]] LinkageTask task() const { return m_task; }
    // side is 0 or 1, and only matters for LinkageTask::Linkage.
    AddOutcome add(const QString &id, const QString &entity, int side = 0);

    [[nodiscard]] qsizetype size() const { return qsizetype(m_entityOf.size()); }
    [[nodiscard]] std::optional<int> indexOf(const QString &id) const;
    [[nodiscard]] int entityOf(int record) const { return m_entityOf[std::size_t(record)]; }
    [[nodiscard]] int sideOf(int record) const { return m_sideOf[std::size_t(record)]; }
    [[nodiscard]] qsizetype entityCount() const { return qsizetype(m_entitySizes.size()); }
    // Records of each entity, over both sides.
    [[nodiscard]] int entitySize(int entity) const { return m_entitySizes[std::size_t(entity)]; }

    // Whether the task compares the two records at all (in linkage, only across the files).
    [[nodiscard]] bool comparable(int a, int b) const;
    // Pairs of comparable records that share an entity.
    [[nodiscard]] qint64 truePairCount() const;

private:
    LinkageTask m_task;
    QHash<QString, int> m_index;
    QHash<QString, int> m_entityIndex;
    std::vector<int> m_entityOf;
    std::vector<int> m_sideOf;
    std::vector<int> m_entitySizes;
    std::vector<std::array<int, 2>> m_entitySideSizes;
};

// Reads the ground truth files the evaluation knows. Each error names the file and the line.
class TruthReader
{
public:
    // The feed simulator's source truth: header `feed,kind,external_id,person_id` (any order,
    // more columns allowed); the record id is `<feed>/<external_id>`, the entity the person_id.
    [[nodiscard]] static Result<GroundTruth> sourceTruth(const QString &path);
    [[nodiscard]] static Result<GroundTruth> parseSourceTruth(QStringView text,
                                                              const QString &name);

    // FEBRL benchmark files (rec_id, given_name, ...; fields separated by ", "). One file is a
    // deduplication task, two a linkage task. The record id is the rec_id, `rec-<n>-org` or
    // `rec-<n>-dup-<k>`, and <n> the entity.
    [[nodiscard]] static Result<GroundTruth> febrl(const QStringList &paths);
    // Adds the records of one file's text as the given side of truth.
    [[nodiscard]] static Result<void> parseFebrl(QStringView text, const QString &name, int side,
                                                 GroundTruth &truth);
};

} // namespace bv::linkage
