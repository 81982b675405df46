// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"
#include "geo/area.h"

#include <QDate>

#include <vector>

namespace bv::store {
class Database;
}

namespace bv::geo {

// Where everyone in the store lives on a day, for the map's markers: one point per person,
// their current address as the area query chooses it (geo::currentAddress), located by UPRN
// or postcode. People with any protected address or an active protected-address flag are left
// out (never drawn, not even as part of a cluster), and so are those known only to a district.
struct PersonLocations
{
    std::vector<qint64> personIds;
    std::vector<LonLat> positions;
    qint64 leftOutProtected = 0;

    [[nodiscard]] static Result<PersonLocations>
    load(store::Database &db, const access::AccessContext &context, QDate today);
};

} // namespace bv::geo
