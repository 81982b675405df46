// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/gridconverter.h"

#include <QPointF>
#include <QRectF>

namespace bv::geo {

using feeds::LonLat;

// Web Mercator (EPSG:3857) as slippy-map tiles use it: the world is a unit square, x east from
// longitude -180, y south from latitude +85.0511 (where the square ends); at zoom z it is
// 2^z tiles of kTileSize pixels a side.
namespace webmercator {

inline constexpr int kTileSize = 256;
inline constexpr double kMaxLatitude = 85.05112877980659;
inline constexpr double kEarthRadius = 6378137.0; // metres, WGS84 semi-major axis

// Into the unit square; latitudes beyond the square are clamped to its edge.
[[nodiscard]] QPointF project(LonLat position);
[[nodiscard]] LonLat unproject(QPointF unit);

// Ground metres one pixel covers at a latitude and a (fractional) zoom.
[[nodiscard]] double metresPerPixel(double latitude, double zoom);

struct TileId
{
    int zoom = 0;
    int x = 0;
    int y = 0; // from the north, as XYZ tile URLs count; MBTiles counts from the south

    bool operator==(const TileId &) const = default;
};

[[nodiscard]] TileId tileAt(LonLat position, int zoom);
// One number a tile, for hashing: zoom, column and row packed (zoom up to 24).
[[nodiscard]] inline qint64 tileKey(const TileId &tile)
{
    return (qint64(tile.zoom) << 58) | (qint64(tile.x) << 29) | qint64(tile.y);
}
// The row an MBTiles file (TMS order) stores this tile under.
[[nodiscard]] int tmsRow(const TileId &tile);
// The tile's corners: x = west, y = north, width east, height south (in degrees).
[[nodiscard]] QRectF tileBounds(const TileId &tile);

// The tiles of one zoom level that cover a box of longitudes and latitudes, inclusive.
struct TileRange
{
    int zoom = 0;
    int minX = 0;
    int maxX = -1;
    int minY = 0;
    int maxY = -1;

    qint64 count() const { return qint64(maxX - minX + 1) * qint64(maxY - minY + 1); }
    bool contains(const TileId &tile) const
    {
        return tile.zoom == zoom && tile.x >= minX && tile.x <= maxX && tile.y >= minY
               && tile.y <= maxY;
    }
};
[[nodiscard]] TileRange tilesCovering(double west, double south, double east, double north,
                                      int zoom);

} // namespace webmercator

} // namespace bv::geo
