// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/tilesource.h"

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>

#include <memory>

namespace bv::geo {
class TileCache;
class TileFetcher;
class TileUrlTemplate;
} // namespace bv::geo

namespace bv::ui {

// The raster tiles under the map, decoded and kept for the frames to come. From a local
// source (an MBTiles file, a tile folder) tiles are read as they are drawn; from a tile
// server they come out of the encrypted cache, and those missing are fetched in the
// background and drawn when they land (changed()).
class TileLayer : public QObject
{
    Q_OBJECT

public:
    explicit TileLayer(std::unique_ptr<geo::TileSource> source, QObject *parent = nullptr);
    // Tiles from a server through `cache`, which must outlive the layer.
    TileLayer(const geo::TileUrlTemplate &server, const QString &attribution, geo::TileCache &cache,
              QObject *parent = nullptr);
    ~TileLayer() override;

    const geo::TileSourceInfo &info() const { return m_source->info(); }
    // The tile to draw now, or a null pixmap; a missing tile from a server is asked for.
    QPixmap tile(const geo::webmercator::TileId &tile);
    // Only what is decoded already or on this machine: for the coarser tiles drawn where a
    // finer one has not come yet. Never asks the server.
    QPixmap localTile(const geo::webmercator::TileId &tile);
    // Decoded tiles kept: a frame never draws more (MapRenderer's limit).
    static constexpr int kKeptTiles = 512;
    geo::TileFetcher *fetcher() const { return m_fetcher; }

Q_SIGNALS:
    void changed();

private:
    QPixmap decoded(const geo::webmercator::TileId &tile, bool *absent);

    std::unique_ptr<geo::TileSource> m_source;
    geo::TileFetcher *m_fetcher = nullptr; // child, for a server only
    // Up to 128 MB of decoded tiles: two screens of a 5K display at any zoom.
    QCache<qint64, QPixmap> m_pixmaps{kKeptTiles};
    // Not in the source (or unreadable): not read again, until a server sends it or its
    // pause ends.
    QSet<qint64> m_absent;
    QSet<qint64> m_asked; // of those, asked of the server
    int m_unreadable = 0;
};

} // namespace bv::ui
