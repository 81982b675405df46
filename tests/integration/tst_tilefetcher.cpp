// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/loopbacktileserver.h"
#include "common/testsupport.h"
#include "geo/tilecache.h"
#include "geo/tilefetcher.h"
#include "geo/tileurltemplate.h"
#include "store/crypto.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;
namespace wm = geo::webmercator;

namespace {

QByteArray fakePng(int zoom, int x, int y)
{
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n")
           + QStringLiteral("tile %1/%2/%3 ").arg(zoom).arg(x).arg(y).toLatin1()
           + QByteArray(1000, 'p');
}

// The test's tile server has none of zoom 13.
QByteArray serverTile(int zoom, int x, int y)
{
    return zoom == 13 ? QByteArray() : fakePng(zoom, x, y);
}

} // namespace

// Tiles from a tile server: fetched into a cache that is encrypted under a key derived from
// the store's, asked for once, never while the server is unreachable, and saved for offline
// use by area with a size estimate first.
class tst_TileFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY_RESULT(store::initialiseCrypto()); }
    void urlTemplates_data();
    void urlTemplates();
    void fetchesIntoEncryptedCache();
    void missingTileAskedOnce();
    void unreachableServerPauses();
    void savesAreaForOffline();
    void refusesBulkSave();
    void trimKeepsSavedTiles();
};

void tst_TileFetcher::urlTemplates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addColumn<QString>("url");   // of tile 10/515/335
    QTest::newRow("https, XYZ") << QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png")
                                << QString()
                                << QStringLiteral("https://tiles.example.org/10/515/335.png");
    QTest::newRow("https, TMS rows")
        << QStringLiteral("https://t.example/{z}/{x}/{-y}.jpg") << QString()
        << QStringLiteral("https://t.example/10/515/688.jpg");
    QTest::newRow("loopback http")
        << QStringLiteral("http://127.0.0.1:8080/{z}/{x}/{y}.png") << QString()
        << QStringLiteral("http://127.0.0.1:8080/10/515/335.png");
    QTest::newRow("plain http elsewhere") << QStringLiteral("http://tiles.example.org/{z}/{x}/{y}")
                                          << QStringLiteral("https://") << QString();
    QTest::newRow("no zoom") << QStringLiteral("https://tiles.example.org/{x}/{y}.png")
                             << QStringLiteral("lacks {z}") << QString();
    QTest::newRow("not a URL") << QStringLiteral("tiles/{z}/{x}/{y}.png")
                               << QStringLiteral("not a web address") << QString();
    QTest::newRow("ftp") << QStringLiteral("ftp://tiles.example.org/{z}/{x}/{y}.png")
                         << QStringLiteral("https://") << QString();
    QTest::newRow("empty") << QString() << QStringLiteral("empty") << QString();
}

void tst_TileFetcher::urlTemplates()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(QString, url);
    auto parsed = geo::TileUrlTemplate::parse(text);
    if (!error.isEmpty()) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
        return;
    }
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed.value().urlFor({10, 515, 335}).toString(), url);
    QVERIFY(!parsed.value().cacheKey().contains(QLatin1String("example")));
}

void tst_TileFetcher::fetchesIntoEncryptedCache()
{
    QTemporaryDir dir;
    const QString cachePath = dir.filePath(QStringLiteral("store.db.tiles"));
    const SecretBytes storeKey = SecretBytes::random(32);
    test::LoopbackTileServer server(serverTile);
    QVERIFY(server.isListening());
    auto server_ = geo::TileUrlTemplate::parse(server.urlTemplate());
    QVERIFY_RESULT(server_);
    {
        auto cache = geo::TileCache::open(cachePath, storeKey);
        QVERIFY_RESULT(cache);
        geo::TileFetcher fetcher(server_.value(), *cache.value());
        QSignalSpy arrived(&fetcher, &geo::TileFetcher::tileArrived);
        const std::vector<wm::TileId> tiles = {{10, 515, 335}, {10, 516, 335}, {11, 1031, 670}};
        for (const wm::TileId &tile : tiles)
            fetcher.request(tile);
        fetcher.request(tiles.front()); // on its way already: not asked twice
        QTRY_COMPARE(arrived.size(), 3);
        QCOMPARE(server.requests(), 3);
        for (const wm::TileId &tile : tiles) {
            auto bytes = cache.value()->read(server_.value().cacheKey(), tile);
            QVERIFY_RESULT(bytes);
            QCOMPARE(*bytes.value(), fakePng(tile.zoom, tile.x, tile.y));
        }
        fetcher.request(tiles.front()); // cached: the server is not asked
        QTest::qWait(50);
        QCOMPARE(server.requests(), 3);
    }
    // Nothing of the tiles or where they are is readable in the file.
    QFile file(cachePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    QVERIFY(!raw.contains("PNG"));
    QVERIFY(!raw.contains("tile 10/515/335"));
    QVERIFY(!raw.contains("SQLite format 3"));
    // Another store's key opens nothing, and leaves the file as it was.
    auto foreign = geo::TileCache::open(cachePath, SecretBytes::random(32));
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().code, ErrorCode::StoreDamaged);
    QFile after(cachePath);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), raw);
    auto reopened = geo::TileCache::open(cachePath, storeKey);
    QVERIFY_RESULT(reopened);
    auto usage = reopened.value()->usage(server_.value().cacheKey());
    QVERIFY_RESULT(usage);
    QCOMPARE(usage.value().tiles, 3);
}

void tst_TileFetcher::missingTileAskedOnce()
{
    QTemporaryDir dir;
    test::LoopbackTileServer server(serverTile);
    QVERIFY(server.isListening());
    auto cache
        = geo::TileCache::open(dir.filePath(QStringLiteral("c.tiles")), SecretBytes::random(32));
    QVERIFY_RESULT(cache);
    geo::TileFetcher fetcher(geo::TileUrlTemplate::parse(server.urlTemplate()).value(),
                             *cache.value());
    QSignalSpy arrived(&fetcher, &geo::TileFetcher::tileArrived);
    fetcher.request({13, 4125, 2682}); // the server has no zoom 13
    QTRY_COMPARE(server.requests(), 1);
    QTest::qWait(50);
    fetcher.request({13, 4125, 2682});
    QTest::qWait(50);
    QCOMPARE(server.requests(), 1);
    QCOMPARE(arrived.size(), 0);
}

void tst_TileFetcher::unreachableServerPauses()
{
    QTemporaryDir dir;
    quint16 port = 0;
    {
        QTcpServer closed; // a port nobody listens on once this closes
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        port = closed.serverPort();
    }
    auto cache
        = geo::TileCache::open(dir.filePath(QStringLiteral("c.tiles")), SecretBytes::random(32));
    QVERIFY_RESULT(cache);
    geo::TileFetcher fetcher(
        geo::TileUrlTemplate::parse(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port))
            .value(),
        *cache.value());
    QSignalSpy unreachable(&fetcher, &geo::TileFetcher::unreachable);
    fetcher.request({10, 515, 335});
    QTRY_COMPARE(unreachable.size(), 1);
    QVERIFY(fetcher.isPaused());
    QVERIFY(unreachable.first().first().toString().contains(QLatin1String("cannot be reached")));
    fetcher.request({10, 516, 335}); // paused: not even tried
    QTest::qWait(100);
    QCOMPARE(unreachable.size(), 1);
}

void tst_TileFetcher::savesAreaForOffline()
{
    QTemporaryDir dir;
    test::LoopbackTileServer server(serverTile);
    QVERIFY(server.isListening());
    auto cache
        = geo::TileCache::open(dir.filePath(QStringLiteral("c.tiles")), SecretBytes::random(32));
    QVERIFY_RESULT(cache);
    geo::TileFetcher fetcher(geo::TileUrlTemplate::parse(server.urlTemplate()).value(),
                             *cache.value());
    // Norwich's centre at zooms 10 to 12.
    std::vector<wm::TileRange> ranges;
    qint64 expected = 0;
    for (int zoom = 10; zoom <= 12; ++zoom) {
        ranges.push_back(wm::tilesCovering(1.25, 52.60, 1.35, 52.66, zoom));
        expected += ranges.back().count();
    }
    auto plan = fetcher.planSave(ranges);
    QVERIFY_RESULT(plan);
    QCOMPARE(plan.value().tiles, expected);
    QCOMPARE(plan.value().toFetch, expected);
    QVERIFY(plan.value().bytes > expected * 1024); // a typical tile's size until some are cached

    QSignalSpy progress(&fetcher, &geo::TileFetcher::saveProgress);
    QSignalSpy finished(&fetcher, &geo::TileFetcher::saveFinished);
    QVERIFY_RESULT(fetcher.saveArea(ranges));
    QVERIFY(fetcher.isSaving());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toLongLong(), expected);
    QCOMPARE(finished.first().at(1).toLongLong(), 0);
    QVERIFY(finished.first().at(2).toString().isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), expected);
    QCOMPARE(server.requests(), int(expected));

    // Kept as saved: a trim of the screen's tiles leaves every one of them.
    auto dropped = cache.value()->trim(0);
    QVERIFY_RESULT(dropped);
    QCOMPARE(dropped.value(), qint64(0));
    // Saved: nothing left to fetch, and the estimate now comes from the tiles themselves.
    auto again = fetcher.planSave(ranges);
    QVERIFY_RESULT(again);
    QCOMPARE(again.value().toFetch, 0);
    QCOMPARE(again.value().bytes, 0);
    ranges.push_back(wm::tilesCovering(1.25, 52.60, 1.35, 52.66, 14)); // zoom 13 is missing
    auto more = fetcher.planSave(ranges);
    QVERIFY_RESULT(more);
    QCOMPARE(more.value().toFetch, ranges.back().count());
    // About 1 KiB a tile here (the test's tiles), not the 15 KiB guessed before.
    QVERIFY(more.value().bytes > ranges.back().count() * 1000);
    QVERIFY(more.value().bytes < ranges.back().count() * 1100);
}

void tst_TileFetcher::refusesBulkSave()
{
    QTemporaryDir dir;
    auto cache
        = geo::TileCache::open(dir.filePath(QStringLiteral("c.tiles")), SecretBytes::random(32));
    QVERIFY_RESULT(cache);
    geo::TileFetcher fetcher(
        geo::TileUrlTemplate::parse(QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png"))
            .value(),
        *cache.value());
    // Norfolk at street level: far past what a tile server's usage policy allows.
    auto plan = fetcher.planSave({wm::tilesCovering(0.1, 52.3, 1.8, 53.0, 17)});
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().message.contains(QLatin1String("smaller area")));
    QVERIFY(!fetcher.isSaving());
}

void tst_TileFetcher::trimKeepsSavedTiles()
{
    // The screen's tiles are a cache, dropped oldest first past a size; the tiles a user saved
    // for offline use are not, however old.
    QTemporaryDir dir;
    auto cache
        = geo::TileCache::open(dir.filePath(QStringLiteral("c.tiles")), SecretBytes::random(32));
    QVERIFY_RESULT(cache);
    const QString source = QStringLiteral("s");
    for (int x = 0; x < 10; ++x) {
        QVERIFY_RESULT(cache.value()->write(source, {12, x, 0}, fakePng(12, x, 0), x < 4));
        QTest::qWait(2); // fetched one after another
    }
    auto usage = cache.value()->usage(source);
    QVERIFY_RESULT(usage);
    const qint64 tileBytes = usage.value().bytes / 10;
    auto dropped = cache.value()->trim(3 * tileBytes); // room for three of the six unsaved
    QVERIFY_RESULT(dropped);
    QCOMPARE(dropped.value(), qint64(3));
    for (int x = 0; x < 10; ++x) {
        auto kept = cache.value()->contains(source, {12, x, 0});
        QVERIFY_RESULT(kept);
        // Saved (0 to 3) kept; of the screen's (4 to 9), the three oldest dropped.
        QCOMPARE(kept.value(), x < 4 || x >= 7);
    }
    // A tile saved once it was cached for the screen is kept from then on.
    QVERIFY_RESULT(cache.value()->markSaved(source, wm::TileRange{12, 7, 7, 0, 0}));
    auto again = cache.value()->trim(0);
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), qint64(2));
    auto seven = cache.value()->contains(source, {12, 7, 0});
    QVERIFY_RESULT(seven);
    QVERIFY(seven.value());
}

BV_TEST_MAIN(tst_TileFetcher)
#include "tst_tilefetcher.moc"
