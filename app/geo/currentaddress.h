// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/area.h"

#include <QString>

#include <optional>
#include <vector>

namespace bv::geo {

// One address row of a person, as the area query and the map weigh it.
struct AddressRow
{
    std::optional<LonLat> position;
    QString address;
    QString precision;  // "uprn", "postcode_unit", "district"
    QString fromDate;   // ISO date or empty
    QString toDate;     // ISO date or empty
    QString receivedAt; // when the agency sent it
    QString agency;
    QString reference; // the record's id at the agency
    bool isProtected = false;
    bool visible = true; // the reader may see it

    // The day it counts from: its from date, else the day the agency sent it.
    QString effectiveDate() const { return fromDate.isEmpty() ? receivedAt.left(10) : fromDate; }
    // Begun by the day (an undated one from when it was sent) and not ended before it.
    bool currentOn(const QString &day) const
    {
        return effectiveDate() <= day && (toDate.isEmpty() || toDate >= day);
    }
};

// Where the person lived on a day: of the rows the reader may see that are current then, the
// latest (by effectiveDate), the most precise of equals, the latest sent of those. Chosen
// whether it has a position or not: a newer address that could not be placed is still where
// they live, and their old one is not.
std::optional<AddressRow> currentAddress(const std::vector<AddressRow> &rows, const QString &day);

// Whether any address of theirs not ended by the day is protected, whoever may see it and
// whether or not it has a position: one agency's protection covers every copy of the address.
bool protectedOn(const std::vector<AddressRow> &rows, const QString &day);

// A protected person's location for deciding whether they are in an area: the centre of a grid
// cell of about 2 km, so that no sequence of queries can narrow it down to the building.
LonLat coarsened(LonLat position);
inline constexpr double kProtectedUncertaintyMetres = 2500.0;

} // namespace bv::geo
