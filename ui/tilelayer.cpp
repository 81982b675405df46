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
        m_absent.remove(geo::webmercator::tileKey({zoom, x, y}));
        m_asked.remove(geo::webmercator::tileKey({zoom, x, y}));
        Q_EMIT changed();
    });
    // Back from a pause (a server unreachable for a while): what was asked may come now.
    connect(m_fetcher, &geo::TileFetcher::resumed, this, [this] {
        for (qint64 k : std::as_const(m_asked))
            m_absent.remove(k);
        m_asked.clear();
        Q_EMIT changed();
    });
}

TileLayer::~TileLayer() = default;

QPixmap TileLayer::decoded(const geo::webmercator::TileId &tile, bool *absent)
{
    const qint64 k = geo::webmercator::tileKey(tile);
    *absent = false;
    if (const QPixmap *pixmap = m_pixmaps.object(k))
        return *pixmap; // shared, not copied: QCache may drop its own later in the frame
    if (m_absent.contains(k)) {
        *absent = true;
        return {};
    }
    auto bytes = m_source->read(tile);
    if (!bytes.ok() || !bytes.value()) {
        // Once, and with no tile position (it says where the user looked): a damaged file
        // fails tile after tile.
        if (!bytes.ok() && m_unreadable++ == 0)
            spdlog::warn("map tiles: a tile of the chosen base map cannot be read (error code {})",
                         static_cast<int>(bytes.error().code));
        m_absent.insert(k);
        *absent = true;
        return {};
    }
    QImage image = QImage::fromData(*bytes.value());
    if (image.isNull()) {
        if (m_unreadable++ == 0)
            spdlog::warn("map tiles: a tile of the chosen base map is not an image Qt can decode");
        m_absent.insert(k);
        *absent = true;
        return {};
    }
    QPixmap pixmap = QPixmap::fromImage(std::move(image));
    m_pixmaps.insert(k, new QPixmap(pixmap));
    return pixmap;
}

QPixmap TileLayer::tile(const geo::webmercator::TileId &tile)
{
    bool absent = false;
    QPixmap pixmap = decoded(tile, &absent);
    const qint64 k = geo::webmercator::tileKey(tile);
    if (pixmap.isNull() && absent && m_fetcher && !m_asked.contains(k)) {
        m_asked.insert(k); // read from the cache again only when it comes, or after a pause
        m_fetcher->request(tile);
    }
    return pixmap;
}

QPixmap TileLayer::localTile(const geo::webmercator::TileId &tile)
{
    bool absent = false;
    return decoded(tile, &absent);
}

} // namespace bv::ui
