// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/basemapcontroller.h"

#include "access/session.h"
#include "geo/mbtiles.h"
#include "geo/tilecache.h"
#include "geo/tiledirectory.h"
#include "geo/tilefetcher.h"
#include "geo/tileurltemplate.h"
#include "store/database.h"
#include "store/statement.h"
#include "ui/mapwidget.h"
#include "ui/tilelayer.h"

#include <QSettings>

#include <spdlog/spdlog.h>

namespace bv::ui {

namespace {

const QString kKindKey = QStringLiteral("map/base");
const QString kPathKey = QStringLiteral("map/path");

QString kindName(BaseMapChoice::Kind kind)
{
    switch (kind) {
    case BaseMapChoice::Kind::MbTiles:
        return QStringLiteral("mbtiles");
    case BaseMapChoice::Kind::Folder:
        return QStringLiteral("folder");
    case BaseMapChoice::Kind::Server:
        return QStringLiteral("server");
    case BaseMapChoice::Kind::Vector:
        break;
    }
    return QStringLiteral("vector");
}

} // namespace

BaseMapChoice BaseMapChoice::load(store::Database *store)
{
    const QSettings settings;
    BaseMapChoice choice;
    const QString kind = settings.value(kKindKey).toString();
    for (Kind candidate : {Kind::MbTiles, Kind::Folder, Kind::Server})
        if (kind == kindName(candidate))
            choice.kind = candidate;
    choice.path = settings.value(kPathKey).toString();
    if (store) {
        auto server = store->queryText(
            "SELECT coalesce((SELECT value FROM store_meta WHERE key = 'map_tile_server'), '')");
        auto attribution = store->queryText("SELECT coalesce((SELECT value FROM store_meta "
                                            "WHERE key = 'map_tile_attribution'), '')");
        if (server.ok())
            choice.server = server.value();
        if (attribution.ok())
            choice.attribution = attribution.value();
    }
    return choice;
}

Result<void> BaseMapChoice::save(store::Database *store) const
{
    if (kind == Kind::Server) {
        if (!store)
            return makeError(ErrorCode::AccessDenied,
                             BaseMapController::tr("A tile server's address is kept in the store: "
                                                   "unlock it first."));
        auto write = store->prepare(
            "INSERT OR REPLACE INTO store_meta(key, value) VALUES ('map_tile_server', ?1), "
            "('map_tile_attribution', ?2)");
        BV_TRY(write);
        // An empty attribution is "", not NULL (a null QString binds NULL).
        BV_TRY(write->bind(1, server)
                   .bind(2, attribution.isNull() ? QStringLiteral("") : attribution)
                   .run());
    }
    QSettings settings;
    settings.setValue(kKindKey, kindName(kind));
    settings.setValue(kPathKey, path);
    return {};
}

BaseMapController::BaseMapController(MapWidget *map, QObject *parent)
    : QObject(parent)
    , m_map(map)
{}

BaseMapController::~BaseMapController()
{
    show(nullptr); // the layer reads the cache: it goes first
}

geo::TileFetcher *BaseMapController::fetcher() const
{
    return m_layer ? m_layer->fetcher() : nullptr;
}

void BaseMapController::setSession(access::Session *session)
{
    m_session = session;
    const BaseMapChoice saved = BaseMapChoice::load(session ? &session->database() : nullptr);
    if (saved.kind == BaseMapChoice::Kind::Vector) {
        m_choice = saved;
        return;
    }
    if (auto applied = apply(saved); !applied.ok()) {
        spdlog::warn("the saved base map did not open; showing the vector map");
        Q_EMIT message(tr("The base map chosen in the settings did not open, so the map shows "
                          "its own offline layer: %1")
                           .arg(applied.error().message));
    }
}

void BaseMapController::clearSession()
{
    show(nullptr);
    m_cache.reset(); // closes the encrypted cache with the store
    m_session = nullptr;
}

Result<TileLayer *> BaseMapController::open(const BaseMapChoice &choice)
{
    switch (choice.kind) {
    case BaseMapChoice::Kind::Vector:
        return static_cast<TileLayer *>(nullptr);
    case BaseMapChoice::Kind::MbTiles: {
        auto source = geo::MbTilesSource::open(choice.path);
        BV_TRY(source);
        return new TileLayer(std::move(source).value(), this);
    }
    case BaseMapChoice::Kind::Folder: {
        auto source = geo::TileDirectorySource::open(choice.path);
        BV_TRY(source);
        return new TileLayer(std::move(source).value(), this);
    }
    case BaseMapChoice::Kind::Server: {
        auto server = geo::TileUrlTemplate::parse(choice.server);
        BV_TRY(server);
        if (!m_session)
            return makeError(ErrorCode::AccessDenied,
                             tr("Tiles from a server are kept encrypted with the store: unlock "
                                "it first."));
        if (!m_cache) {
            auto cache = geo::TileCache::open(
                geo::TileCache::pathForStore(m_session->paths().store), m_session->storeKey());
            BV_TRY(cache);
            m_cache = std::move(cache).value();
        }
        return new TileLayer(server.value(), choice.attribution, *m_cache, this);
    }
    }
    return static_cast<TileLayer *>(nullptr);
}

Result<void> BaseMapController::apply(const BaseMapChoice &choice)
{
    auto layer = open(choice);
    BV_TRY(layer);
    if (auto saved = choice.save(m_session ? &m_session->database() : nullptr); !saved.ok()) {
        delete layer.value();
        return saved.error();
    }
    show(layer.value());
    m_choice = choice;
    Q_EMIT sourceChanged();
    return {};
}

void BaseMapController::show(TileLayer *layer)
{
    if (m_layer == layer)
        return;
    if (m_map)
        m_map->renderer().setTiles(layer);
    delete m_layer.data();
    m_layer = layer;
    if (!m_map)
        return;
    if (m_layer) {
        connect(m_layer, &TileLayer::changed, m_map, qOverload<>(&QWidget::update));
        if (geo::TileFetcher *fetcher = m_layer->fetcher())
            connect(fetcher, &geo::TileFetcher::unreachable, this, &BaseMapController::message);
    }
    m_map->update();
}

} // namespace bv::ui
