// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

namespace bv::store {
class Database;
}

namespace bv::geo {

// Gives the addresses a store holds with a postcode and no position the postcode's position
// (and a place on the map), as sync now does when it writes them: once per store, for stores
// synced before it did. Returns how many addresses were placed; 0 when it has been done.
[[nodiscard]] Result<qint64> placeAddressesByPostcode(store::Database &db);

} // namespace bv::geo
