// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/tilecache.h"
#include "geo/tileurltemplate.h"

#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>

#include <deque>
#include <vector>

class QNetworkReply;

namespace bv::geo {

// Fetches tiles from a tile server into the encrypted cache: the tiles the map lacks on
// screen, newest first, and "save this area for offline use", behind them. A few requests at
// a time, each tile at most once a session when the server has none, and none at all for a
// while once the server proves unreachable (a laptop in the field), so the map never stalls.
class TileFetcher : public QObject
{
    Q_OBJECT

public:
    // Beyond this, a save is refused: tile servers' usage policies forbid bulk downloads, and
    // a county at street level is about this many.
    static constexpr qint64 kMaxSaveTiles = 20000;
    static constexpr int kParallel = 4;

    TileFetcher(TileUrlTemplate server, TileCache &cache, QObject *parent = nullptr);
    ~TileFetcher() override;

    const TileUrlTemplate &server() const { return m_server; }
    // For the map: fetch this tile unless it is cached, on its way, or known missing.
    void request(const webmercator::TileId &tile);

    struct SavePlan
    {
        qint64 tiles = 0;   // in the ranges
        qint64 toFetch = 0; // not cached yet
        qint64 bytes = 0;   // estimated, from the tiles cached so far (or a typical size)
    };
    [[nodiscard]] Result<SavePlan> planSave(const std::vector<webmercator::TileRange> &ranges);
    // Queues every tile of the ranges not cached; progress and the end come as signals.
    [[nodiscard]] Result<SavePlan> saveArea(const std::vector<webmercator::TileRange> &ranges);
    void cancelSave();
    bool isSaving() const { return m_saveTotal > 0; }
    // Server unreachable since: requests wait until then.
    bool isPaused() const { return !m_pausedUntil.hasExpired(); }

Q_SIGNALS:
    void tileArrived(int zoom, int x, int y);
    void saveProgress(qint64 done, qint64 total);
    // failed: tiles the server had not, or refused. `error` is empty unless the save stopped.
    void saveFinished(qint64 saved, qint64 failed, const QString &error);
    void unreachable(const QString &message);
    // The pause after an unreachable server is over: tiles may be asked for again.
    void resumed();

private:
    // A tile seen by an average raster server at street zooms (OpenStreetMap's mean is 10-20
    // KiB); the first estimate, until the cache has tiles of its own to average.
    static constexpr double kTypicalTileBytes = 15 * 1024;
    void pump();
    void finished(QNetworkReply *reply, const webmercator::TileId &tile, int save);
    void endSave(const QString &error);
    void pause(const QString &host);

    TileUrlTemplate m_server;
    QString m_source;
    TileCache &m_cache;
    QNetworkAccessManager m_network;
    std::deque<webmercator::TileId> m_wanted; // for the screen, newest at the front
    std::deque<webmercator::TileId> m_saving;
    QSet<qint64> m_queued;
    QSet<qint64> m_inFlight;
    QSet<qint64> m_missing;
    QSet<qint64> m_saveOnArrival; // saved while the screen's request for it was on its way
    QDeadlineTimer m_pausedUntil{0};
    qint64 m_saveTotal = 0;
    qint64 m_saveDone = 0;
    qint64 m_saveFailed = 0;
    int m_save = 0; // numbers each save, so a cancelled save's late replies count for nothing
};

} // namespace bv::geo
