// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/clustering.h"
#include "linkage/linkmodel.h"
#include "linkage/linkrecord.h"

#include <QHash>

#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::linkage {

class RecordPreparer;

// A store's source records as the linker sees them, in one order that does not depend on the
// order they arrived in (by feed, then external id): ties between equally strong pairs are
// broken by this order, so it must be the same however the store was filled.
struct StoredRecords
{
    std::vector<LinkRecord> records;      // id `<feed>/<external id>`
    std::vector<qint64> rowIds;           // source_person.id, per record
    std::vector<std::uint64_t> hashes;    // of the fields linking reads, per record
    QHash<qint64, std::uint32_t> indexOf; // source_person.id -> record index
    // Pairs of the records read that an agency recorded as related people
    // (LinkConstraints::related). Each record's hash covers its relationships, and the other's
    // date of birth, which may bound its own (ComparableRecord::bornBy, bornAfter), so a
    // change to either makes the record relink.
    std::vector<RecordPair> related;

    [[nodiscard]] std::optional<std::uint32_t> index(qint64 rowId) const
    {
        const auto found = indexOf.constFind(rowId);
        return found == indexOf.cend() ? std::nullopt : std::optional(found.value());
    }
};

// where: an SQL condition on `sp` (source_person) to read only some records, or empty for all.
[[nodiscard]] Result<StoredRecords>
readStoredRecords(store::Database &db, const RecordPreparer &preparer, std::string_view where = {});

// A source record named as `<feed>/<external id>` (as link-eval and pairs files name them) or
// by its number (source_person.id).
[[nodiscard]] Result<qint64> findSourceRecord(store::Database &db, const QString &name);

// The model frozen in the store, or nothing before the first estimation.
[[nodiscard]] Result<std::optional<LinkModel>> loadLinkModel(store::Database &db);
[[nodiscard]] Result<void> saveLinkModel(store::Database &db, const LinkModel &model,
                                         const QString &estimatedAt, const QString &estimatedBy);

} // namespace bv::linkage
