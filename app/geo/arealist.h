// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/areaquery.h"
#include "report/protectivemarking.h"

#include <QByteArray>

namespace bv::geo {

// The area query's list as files: a protected address is "inside, address protected" with the
// contact route, never the address or a point, in each of them. Each row (or feature) carries
// the protective marking, so a row copied out of the file keeps it.

// CSV (RFC 4180): a header row, then one person a row with why they are listed.
[[nodiscard]] QByteArray areaListCsv(const AreaQueryResult &result,
                                     const report::DocumentProvenance &provenance);

// GeoJSON FeatureCollection of points (WGS84), for the GIS tools fire and police use; a
// protected address is a feature with no geometry.
[[nodiscard]] QByteArray areaListGeoJson(const AreaQueryResult &result,
                                         const report::DocumentProvenance &provenance);

} // namespace bv::geo
