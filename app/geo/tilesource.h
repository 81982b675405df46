// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/webmercator.h"

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <optional>

namespace bv::geo {

// What a raster tile source says of itself (MBTiles metadata, a tile folder's metadata.json,
// or the user's settings for a tile server).
struct TileSourceInfo
{
    QString name;
    QString attribution; // drawn on the map: the tiles' licence usually requires it
    QString format;      // "png", "jpg" or "webp"
    int minZoom = 0;
    int maxZoom = 18;
    // Where the source has tiles (x west, y south, width, height in degrees); empty: anywhere.
    QRectF bounds;
};

// A source of raster map tiles, read on the thread that owns it. The bytes are the encoded
// image as stored; decoding is the map widget's business (the engine has no image codecs).
class TileSource
{
public:
    virtual ~TileSource() = default;
    virtual const TileSourceInfo &info() const = 0;
    // The tile's bytes, nothing when the source has no such tile, or an error when the source
    // cannot be read (a damaged file, a folder gone).
    [[nodiscard]] virtual Result<std::optional<QByteArray>> read(const webmercator::TileId &tile)
        = 0;
};

// "png", "jpg" or "webp" from the first bytes of an image, or empty.
[[nodiscard]] QString imageFormatOf(const QByteArray &bytes);

} // namespace bv::geo
