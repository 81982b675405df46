// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/webmercator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bv::geo::webmercator {

namespace {
constexpr double kPi = std::numbers::pi;
double radians(double degrees)
{
    return degrees * kPi / 180.0;
}
double degrees(double radians)
{
    return radians * 180.0 / kPi;
}
} // namespace

QPointF project(LonLat position)
{
    const double latitude = std::clamp(position.lat, -kMaxLatitude, kMaxLatitude);
    const double x = (position.lon + 180.0) / 360.0;
    const double y = (1.0 - std::log(std::tan(kPi / 4 + radians(latitude) / 2)) / kPi) / 2.0;
    return {x, y};
}

LonLat unproject(QPointF unit)
{
    const double lon = unit.x() * 360.0 - 180.0;
    const double lat = degrees(std::atan(std::sinh(kPi * (1.0 - 2.0 * unit.y()))));
    return {lon, lat};
}

double metresPerPixel(double latitude, double zoom)
{
    const double equator = 2 * kPi * kEarthRadius / kTileSize; // at zoom 0
    return equator * std::cos(radians(latitude)) / std::pow(2.0, zoom);
}

TileId tileAt(LonLat position, int zoom)
{
    const QPointF unit = project(position);
    const int tiles = 1 << zoom;
    const auto cell = [tiles](double value) {
        return std::clamp(int(std::floor(value * tiles)), 0, tiles - 1);
    };
    return {zoom, cell(unit.x()), cell(unit.y())};
}

int tmsRow(const TileId &tile)
{
    return (1 << tile.zoom) - 1 - tile.y;
}

QRectF tileBounds(const TileId &tile)
{
    const double tiles = double(1 << tile.zoom);
    const LonLat northWest = unproject({tile.x / tiles, tile.y / tiles});
    const LonLat southEast = unproject({(tile.x + 1) / tiles, (tile.y + 1) / tiles});
    return {QPointF(northWest.lon, northWest.lat),
            QSizeF(southEast.lon - northWest.lon, southEast.lat - northWest.lat)};
}

TileRange tilesCovering(double west, double south, double east, double north, int zoom)
{
    const TileId northWest = tileAt(LonLat{std::min(west, east), std::max(south, north)}, zoom);
    const TileId southEast = tileAt(LonLat{std::max(west, east), std::min(south, north)}, zoom);
    return {zoom, northWest.x, southEast.x, northWest.y, southEast.y};
}

} // namespace bv::geo::webmercator
