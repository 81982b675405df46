// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"
#include "geo/area.h"

#include <vector>

namespace bv::store {
class Database;
}

namespace bv::geo {

// Where everyone in the store lives now, for the map's markers: one point per person, their
// latest current address the reader may see, located by UPRN or postcode. People at a
// protected address are left out (never drawn precisely, not even as a cluster's part), and
// so are those known only to a district.
struct PersonLocations
{
    std::vector<qint64> personIds;
    std::vector<LonLat> positions;
    qint64 leftOutProtected = 0;

    [[nodiscard]] static Result<PersonLocations> load(store::Database &db,
                                                      const access::AccessContext &context);
};

} // namespace bv::geo
