// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace bv::feedsim {

struct LatLon
{
    double lat = 0.0;
    double lon = 0.0;
};

// British National Grid metres to WGS84 degrees: the OS inverse Transverse Mercator on the
// Airy 1830 ellipsoid, then the OSGB36 -> WGS84 Helmert transform (a few metres' error,
// plenty for police locations; the engine has its own converter to check against).
LatLon gridToWgs84(double easting, double northing);

} // namespace bv::feedsim
