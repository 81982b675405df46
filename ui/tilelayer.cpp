// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/tilelayer.h"

#include "geo/tilecache.h"
#include "geo/tilefetcher.h"
#include "geo/tileurltemplate.h"

#include <QImage>

#include <spdlog/spdlog.h>

namespace bv::ui {

namespace {

// A tile server's tiles as the cache holds them.
class CachedServerTiles final : public geo::TileSource
{
public:
    CachedServerTiles(geo::TileCache &cache, QString source, geo::TileSourceInfo info)
        : m_cache(cache)
        , m_source(std::move(source))
        , m_info(std::move(info))
    {}
    const geo::TileSourceInfo &info() const override { return m_info; }
    Result<std::optional<QByteArray>> read(const geo::webmercator::TileId &tile) override
    {
        return m_cache.read(m_source, tile);
    }

private:
    geo::TileCache &m_cache;
    QString m_source;
    geo::TileSourceInfo m_info;
};

} // namespace

TileLayer::TileLayer(std::unique_ptr<geo::TileSource> source, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
{}

TileLayer::TileLayer(const geo::TileUrlTemplate &server, const QString &attribution,
                     geo::TileCache &cache, QObject *parent)
    : QObject(parent)
{
    geo::TileSourceInfo info;
    info.name = server.urlFor({0, 0, 0}).host();
    info.attribution = attribution;
    info.minZoom = 0;
    info.maxZoom = 19;
    m_source = std::make_unique<CachedServerTiles>(cache, server.cacheKey(), info);
    m_fetcher = new geo::TileFetcher(server, cache, this);
    connect(m_fetcher, &geo::TileFetcher::tileArrived, this, [this](int zoom, int x, int y) {
        m_absent.remove(key({zoom, x, y}));
        Q_EMIT changed();
    });
}

TileLayer::~TileLayer() = default;

qint64 TileLayer::key(const geo::webmercator::TileId &tile)
{
    return (qint64(tile.zoom) << 58) | (qint64(tile.x) << 29) | qint64(tile.y);
}

const QPixmap *TileLayer::decoded(const geo::webmercator::TileId &tile, bool *absent)
{
    const qint64 k = key(tile);
    *absent = false;
    if (QPixmap *pixmap = m_pixmaps.object(k))
        return pixmap;
    if (m_absent.contains(k)) {
        *absent = true;
        return nullptr;
    }
    auto bytes = m_source->read(tile);
    if (!bytes.ok() || !bytes.value()) {
        if (!bytes.ok() && m_unreadable++ == 0) // once: a damaged file fails tile after tile
            spdlog::warn("map tiles: {}", bytes.error().message.toStdString());
        m_absent.insert(k);
        *absent = true;
        return nullptr;
    }
    QImage image = QImage::fromData(*bytes.value());
    if (image.isNull()) {
        if (m_unreadable++ == 0)
            spdlog::warn("map tiles: a tile of {} is not an image Qt can decode",
                         m_source->info().name.toStdString());
        m_absent.insert(k);
        *absent = true;
        return nullptr;
    }
    auto *pixmap = new QPixmap(QPixmap::fromImage(std::move(image)));
    m_pixmaps.insert(k, pixmap);
    return m_pixmaps.object(k);
}

const QPixmap *TileLayer::tile(const geo::webmercator::TileId &tile)
{
    bool absent = false;
    const QPixmap *pixmap = decoded(tile, &absent);
    if (!pixmap && absent && m_fetcher) {
        m_absent.remove(key(tile)); // it may come from the server; ask
        m_fetcher->request(tile);
    }
    return pixmap;
}

const QPixmap *TileLayer::localTile(const geo::webmercator::TileId &tile)
{
    bool absent = false;
    return decoded(tile, &absent);
}

} // namespace bv::ui
