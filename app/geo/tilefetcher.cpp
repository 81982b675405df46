// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/tilefetcher.h"

#include "feeds/feedclient.h"
#include "geo/tilesource.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace bv::geo {

namespace {

constexpr int kScreenQueue = 256;         // older wishes are for views long gone
constexpr int kPauseSeconds = 60;         // after the server proved unreachable
constexpr qint64 kMaxTileBytes = 2 << 20; // nothing a raster tile needs
constexpr int kTimeoutMs = 15000;

} // namespace

TileFetcher::TileFetcher(TileUrlTemplate server, TileCache &cache, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_source(m_server.cacheKey())
    , m_cache(cache)
{
    // A redirect elsewhere could carry the streets looked at off to another host, or to plain
    // http: only the server the user named answers.
    m_network.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_network.setTransferTimeout(kTimeoutMs);
}

TileFetcher::~TileFetcher()
{
    // Replies still running are children of the manager; their finished() must not reach a
    // half-destroyed fetcher.
    m_network.disconnect(this);
    for (QNetworkReply *reply : m_network.findChildren<QNetworkReply *>()) {
        reply->disconnect(this);
        reply->abort();
    }
}

void TileFetcher::request(const webmercator::TileId &tile)
{
    const qint64 k = webmercator::tileKey(tile);
    if (m_queued.contains(k) || m_inFlight.contains(k) || m_missing.contains(k) || isPaused())
        return;
    auto cached = m_cache.contains(m_source, tile);
    if (!cached.ok() || cached.value())
        return;
    m_wanted.push_front(tile);
    m_queued.insert(k);
    while (m_wanted.size() > kScreenQueue) {
        m_queued.remove(webmercator::tileKey(m_wanted.back()));
        m_wanted.pop_back();
    }
    pump();
}

Result<TileFetcher::SavePlan>
TileFetcher::planSave(const std::vector<webmercator::TileRange> &ranges)
{
    SavePlan plan;
    for (const auto &range : ranges)
        plan.tiles += range.count();
    if (plan.tiles > kMaxSaveTiles)
        return makeError(ErrorCode::Usage,
                         tr("%1 tiles is more than one save may fetch (%2): choose a smaller "
                            "area or fewer zoom levels.")
                             .arg(plan.tiles)
                             .arg(kMaxSaveTiles));
    // One count a range, not a lookup a tile: the estimate follows every spin of the dialog.
    plan.toFetch = plan.tiles;
    for (const auto &range : ranges) {
        auto cached = m_cache.countIn(m_source, range);
        BV_TRY(cached);
        plan.toFetch -= cached.value();
    }
    auto usage = m_cache.usage(m_source);
    BV_TRY(usage);
    plan.bytes = qint64(double(plan.toFetch) * usage.value().meanTileBytes(kTypicalTileBytes));
    return plan;
}

Result<TileFetcher::SavePlan>
TileFetcher::saveArea(const std::vector<webmercator::TileRange> &ranges)
{
    if (isSaving())
        return makeError(ErrorCode::Conflict, tr("An area is being saved already."));
    auto plan = planSave(ranges);
    BV_TRY(plan);
    for (const auto &range : ranges)
        for (int x = range.minX; x <= range.maxX; ++x)
            for (int y = range.minY; y <= range.maxY; ++y) {
                const webmercator::TileId tile{range.zoom, x, y};
                auto cached = m_cache.contains(m_source, tile);
                BV_TRY(cached);
                if (!cached.value())
                    m_saving.push_back(tile);
            }
    // Those fetched for the screen before are kept now, as the user asked.
    for (const auto &range : ranges)
        BV_TRY(m_cache.markSaved(m_source, range));
    m_saveTotal = qint64(m_saving.size());
    ++m_save;
    m_saveDone = 0;
    m_saveFailed = 0;
    // A server found unreachable a while ago may be back: the user asked explicitly.
    m_pausedUntil = QDeadlineTimer(0);
    if (m_saveTotal == 0) {
        Q_EMIT saveFinished(0, 0, QString());
        return plan;
    }
    Q_EMIT saveProgress(0, m_saveTotal);
    pump();
    return plan;
}

void TileFetcher::cancelSave()
{
    if (!isSaving())
        return;
    m_saving.clear();
    endSave(tr("Cancelled."));
}

void TileFetcher::endSave(const QString &error)
{
    m_saveOnArrival.clear();
    const qint64 saved = m_saveDone - m_saveFailed;
    const qint64 failed = m_saveFailed;
    m_saveTotal = 0;
    m_saveDone = 0;
    m_saveFailed = 0;
    Q_EMIT saveFinished(saved, failed, error);
}

void TileFetcher::pump()
{
    while (m_inFlight.size() < kParallel && !isPaused()
           && (!m_wanted.empty() || !m_saving.empty())) {
        const bool forSave = m_wanted.empty();
        const webmercator::TileId tile = forSave ? m_saving.front() : m_wanted.front();
        if (forSave) {
            m_saving.pop_front();
        } else {
            m_wanted.pop_front();
            m_queued.remove(webmercator::tileKey(tile));
        }
        if (m_inFlight.contains(webmercator::tileKey(tile))) {
            if (forSave) { // the screen asked for it first: kept as saved when it lands
                m_saveOnArrival.insert(webmercator::tileKey(tile));
                ++m_saveDone;
                Q_EMIT saveProgress(m_saveDone, m_saveTotal);
            }
            continue;
        }
        QNetworkRequest request(m_server.urlFor(tile));
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QStringLiteral("Broadview/%1 (offline map cache)")
                              .arg(QCoreApplication::applicationVersion()));
        m_inFlight.insert(webmercator::tileKey(tile));
        QNetworkReply *reply = m_network.get(request);
        const int save = forSave ? m_save : 0;
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, tile, save] { finished(reply, tile, save); });
    }
    if (isSaving() && m_saving.empty() && m_saveDone >= m_saveTotal)
        endSave(QString());
}

void TileFetcher::pause(const QString &host)
{
    const bool alreadyPaused = isPaused();
    m_pausedUntil = QDeadlineTimer(std::chrono::seconds(kPauseSeconds));
    m_wanted.clear();
    m_queued.clear();
    const QString message = tr("The tile server %1 cannot be reached; the map shows what is "
                               "saved for offline use.")
                                .arg(host);
    if (isSaving()) {
        m_saving.clear();
        endSave(message);
    }
    if (alreadyPaused)
        return; // the other requests in flight said so already
    // Positions of tiles are not logged: they say where the user looked.
    spdlog::warn("tile server unreachable; fetching paused for {} s", kPauseSeconds);
    Q_EMIT unreachable(message);
    QTimer::singleShot(std::chrono::seconds(kPauseSeconds), this, [this] {
        if (!isPaused())
            Q_EMIT resumed();
    });
}

void TileFetcher::finished(QNetworkReply *reply, const webmercator::TileId &tile, int save)
{
    reply->deleteLater();
    m_inFlight.remove(webmercator::tileKey(tile));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    // The transfer timeout ends a request as "cancelled" (the destructor disconnects before it
    // aborts, so nothing else comes here so): a server that stopped answering.
    if (status == 0
        && (feeds::isUnreachable(error) || error == QNetworkReply::OperationCanceledError)) {
        pause(m_server.urlFor(tile).host());
        return;
    }
    bool stored = false;
    if (error == QNetworkReply::NoError && status == 200) {
        const QByteArray bytes = reply->read(kMaxTileBytes + 1);
        if (bytes.size() <= kMaxTileBytes && !imageFormatOf(bytes).isEmpty()) {
            const bool saved = save != 0 || m_saveOnArrival.remove(webmercator::tileKey(tile));
            auto written = m_cache.write(m_source, tile, bytes, saved);
            if (written.ok())
                stored = true;
            else
                spdlog::error("tile cache write failed (error code {})",
                              static_cast<int>(written.error().code));
        }
    }
    // Only a tile the server says it has not is left alone for the session; a refusal or a
    // server error (429, 5xx, TLS) may pass, and the tile is asked for again later.
    if (!stored && (status == 404 || status == 204 || status == 200))
        m_missing.insert(webmercator::tileKey(tile));
    if (!stored)
        m_saveOnArrival.remove(webmercator::tileKey(tile));
    const bool forThisSave = save != 0 && save == m_save && isSaving();
    if (forThisSave) {
        ++m_saveDone;
        if (!stored)
            ++m_saveFailed;
        Q_EMIT saveProgress(m_saveDone, m_saveTotal);
    }
    if (stored)
        Q_EMIT tileArrived(tile.zoom, tile.x, tile.y);
    pump();
}

} // namespace bv::geo
