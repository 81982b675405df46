// SPDX-License-Identifier: GPL-3.0-or-later
#include "gridconvert.h"

#include <cmath>

namespace bv::feedsim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;

// Airy 1830 and the National Grid projection.
constexpr double kAiryA = 6377563.396;
constexpr double kAiryB = 6356256.909;
constexpr double kScale = 0.9996012717;
constexpr double kLat0 = 49.0 * kDegree;
constexpr double kLon0 = -2.0 * kDegree;
constexpr double kEast0 = 400000.0;
constexpr double kNorth0 = -100000.0;

// GRS80/WGS84 and the OSGB36 -> WGS84 Helmert parameters (OS guide, table of 7 parameters).
constexpr double kWgsA = 6378137.0;
constexpr double kWgsB = 6356752.3141;
constexpr double kTx = 446.448;
constexpr double kTy = -125.157;
constexpr double kTz = 542.060;
constexpr double kScalePpm = -20.4894;
constexpr double kRx = 0.1502 / 3600.0 * kDegree;
constexpr double kRy = 0.2470 / 3600.0 * kDegree;
constexpr double kRz = 0.8421 / 3600.0 * kDegree;

struct Cartesian
{
    double x, y, z;
};

Cartesian toCartesian(double lat, double lon, double a, double b)
{
    const double e2 = 1.0 - (b * b) / (a * a);
    const double nu = a / std::sqrt(1.0 - e2 * std::sin(lat) * std::sin(lat));
    return {nu * std::cos(lat) * std::cos(lon), nu * std::cos(lat) * std::sin(lon),
            nu * (1.0 - e2) * std::sin(lat)};
}

LatLon fromCartesian(const Cartesian &c, double a, double b)
{
    const double e2 = 1.0 - (b * b) / (a * a);
    const double p = std::sqrt(c.x * c.x + c.y * c.y);
    double lat = std::atan2(c.z, p * (1.0 - e2));
    for (int i = 0; i < 10; ++i) {
        const double nu = a / std::sqrt(1.0 - e2 * std::sin(lat) * std::sin(lat));
        lat = std::atan2(c.z + e2 * nu * std::sin(lat), p);
    }
    return {lat / kDegree, std::atan2(c.y, c.x) / kDegree};
}

} // namespace

LatLon gridToWgs84(double easting, double northing)
{
    const double a = kAiryA;
    const double b = kAiryB;
    const double e2 = 1.0 - (b * b) / (a * a);
    const double n = (a - b) / (a + b);
    const double n2 = n * n;
    const double n3 = n2 * n;

    double lat = kLat0;
    double meridian = 0.0;
    do {
        lat = (northing - kNorth0 - meridian) / (a * kScale) + lat;
        const double dl = lat - kLat0;
        const double sl = lat + kLat0;
        meridian = b * kScale
                   * ((1 + n + 1.25 * n2 + 1.25 * n3) * dl
                      - (3 * n + 3 * n2 + 2.625 * n3) * std::sin(dl) * std::cos(sl)
                      + (1.875 * n2 + 1.875 * n3) * std::sin(2 * dl) * std::cos(2 * sl)
                      - (35.0 / 24.0) * n3 * std::sin(3 * dl) * std::cos(3 * sl));
    } while (std::abs(northing - kNorth0 - meridian) >= 0.00001);

    const double sinLat = std::sin(lat);
    const double cosLat = std::cos(lat);
    const double nu = a * kScale / std::sqrt(1 - e2 * sinLat * sinLat);
    const double rho = a * kScale * (1 - e2) / std::pow(1 - e2 * sinLat * sinLat, 1.5);
    const double eta2 = nu / rho - 1;
    const double tanLat = std::tan(lat);
    const double t2 = tanLat * tanLat;
    const double t4 = t2 * t2;
    const double secLat = 1 / cosLat;
    const double vii = tanLat / (2 * rho * nu);
    const double viii = tanLat / (24 * rho * nu * nu * nu) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2);
    const double ix = tanLat / (720 * rho * std::pow(nu, 5)) * (61 + 90 * t2 + 45 * t4);
    const double x = secLat / nu;
    const double xi = secLat / (6 * nu * nu * nu) * (nu / rho + 2 * t2);
    const double xii = secLat / (120 * std::pow(nu, 5)) * (5 + 28 * t2 + 24 * t4);
    const double xiia
        = secLat / (5040 * std::pow(nu, 7)) * (61 + 662 * t2 + 1320 * t4 + 720 * t4 * t2);
    const double de = easting - kEast0;
    const double osgbLat = lat - vii * de * de + viii * std::pow(de, 4) - ix * std::pow(de, 6);
    const double osgbLon
        = kLon0 + x * de - xi * std::pow(de, 3) + xii * std::pow(de, 5) - xiia * std::pow(de, 7);

    const Cartesian c = toCartesian(osgbLat, osgbLon, kAiryA, kAiryB);
    const double s = 1 + kScalePpm * 1e-6;
    const Cartesian w{kTx + s * c.x - kRz * c.y + kRy * c.z, kTy + kRz * c.x + s * c.y - kRx * c.z,
                      kTz - kRy * c.x + kRx * c.y + s * c.z};
    return fromCartesian(w, kWgsA, kWgsB);
}

} // namespace bv::feedsim
