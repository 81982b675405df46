// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "ui/tilelayer.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace bv::access {
class Session;
}
namespace bv::geo {
class TileCache;
class TileFetcher;
} // namespace bv::geo

namespace bv::store {
class Database;
}

namespace bv::ui {

class MapWidget;

// Where the map's background comes from. The shipped vector layer needs nothing and is the
// default; the others are the user's choice. The kind and a file's path are kept in the
// settings; a tile server's address (which often carries an API key) and attribution are kept
// in the encrypted store, never in a plain settings file.
struct BaseMapChoice
{
    enum class Kind { Vector, MbTiles, Folder, Server };
    Kind kind = Kind::Vector;
    QString path;        // MBTiles file or tile folder
    QString server;      // URL template
    QString attribution; // for a server, which cannot say its own

    // `store` may be null (locked): the server's address is then not known.
    static BaseMapChoice load(store::Database *store);
    [[nodiscard]] Result<void> save(store::Database *store) const;
    bool operator==(const BaseMapChoice &) const = default;
};

// Puts the chosen raster tiles under the map for an unlocked store, and takes them away
// again on lock: tiles from a server go through a cache encrypted under the store's key, so
// there is no server source while the store is locked.
class BaseMapController final : public QObject
{
    Q_OBJECT

public:
    explicit BaseMapController(MapWidget *map, QObject *parent = nullptr);
    ~BaseMapController() override;

    // Applies the saved choice; one that no longer opens falls back to the vector layer, said
    // through message().
    void setSession(access::Session *session);
    void clearSession();

    const BaseMapChoice &choice() const { return m_choice; }
    // Opens the source and, when it opens, shows and remembers it. A refused source changes
    // nothing and says why.
    [[nodiscard]] Result<void> apply(const BaseMapChoice &choice);
    // The server's fetcher while a tile server is the source, else null.
    geo::TileFetcher *fetcher() const;
    TileLayer *layer() const { return m_layer; }

Q_SIGNALS:
    void message(const QString &text);
    void sourceChanged();

private:
    [[nodiscard]] Result<TileLayer *> open(const BaseMapChoice &choice);
    void show(TileLayer *layer);

    QPointer<MapWidget> m_map; // may go first when the window closes
    access::Session *m_session = nullptr;
    BaseMapChoice m_choice;
    std::unique_ptr<geo::TileCache> m_cache;
    QPointer<TileLayer> m_layer; // child
};

} // namespace bv::ui
