// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"
#include "geo/area.h"

#include <QDate>
#include <QStringList>

#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::geo {

// Where everyone in the store lives on a day, for the map's markers: one point per person,
// their current address as the area query chooses it (geo::currentAddress), located by UPRN
// or postcode. People with any protected address or an active protected-address flag are left
// out (never drawn, not even as part of a cluster), and so is whoever would show where they
// live (geo::ProtectedNeighbourhood); and those known only to a district.
struct PersonLocations
{
    std::vector<qint64> personIds;
    std::vector<LonLat> positions;
    // Per person, for the map's filter: bit i of `flags` is flagKinds()[i] (active on the day,
    // and the reader may see it); bit i of `agencies` is agencyOrder()[i] (the agencies whose
    // records of them the reader may see).
    std::vector<quint32> flags;
    std::vector<quint32> agencies;
    qint64 leftOutProtected = 0; // at or near protected addresses

    static const QStringList &flagKinds();
    // Where a person is, or nothing when they are not drawn (protected, not placed, unknown).
    std::optional<LonLat> positionOf(qint64 personId) const;

    [[nodiscard]] static Result<PersonLocations>
    load(store::Database &db, const access::AccessContext &context, QDate today);
};

} // namespace bv::geo
