// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/currentaddress.h"

#include <cmath>

namespace bv::geo {

namespace {

int precisionRank(const QString &precision)
{
    if (precision == QLatin1String("uprn"))
        return 0;
    if (precision == QLatin1String("postcode_unit"))
        return 1;
    return 2;
}

bool later(const AddressRow &a, const AddressRow &b)
{
    if (a.effectiveDate() != b.effectiveDate())
        return a.effectiveDate() > b.effectiveDate();
    if (precisionRank(a.precision) != precisionRank(b.precision))
        return precisionRank(a.precision) < precisionRank(b.precision);
    return a.receivedAt > b.receivedAt;
}

} // namespace

std::optional<AddressRow> currentAddress(const std::vector<AddressRow> &rows, const QString &day)
{
    const AddressRow *best = nullptr;
    for (const AddressRow &row : rows) {
        if (!row.visible || !row.currentOn(day))
            continue;
        if (!best || later(row, *best))
            best = &row;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

bool protectedOn(const std::vector<AddressRow> &rows, const QString &day)
{
    for (const AddressRow &row : rows) {
        if (row.isProtected && (row.toDate.isEmpty() || row.toDate >= day))
            return true;
    }
    return false;
}

LonLat coarsened(LonLat position)
{
    constexpr double kLatStep = 0.02; // about 2.2 km
    constexpr double kLonStep = 0.03; // about 2 km at 52.6 degrees north
    return {(std::floor(position.lon / kLonStep) + 0.5) * kLonStep,
            (std::floor(position.lat / kLatStep) + 0.5) * kLatStep};
}

} // namespace bv::geo
