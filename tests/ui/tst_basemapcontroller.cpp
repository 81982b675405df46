// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/guitestmain.h"
#include "common/loopbacktileserver.h"
#include "geo/basemap.h"
#include "geo/tilecache.h"
#include "geo/tilefetcher.h"
#include "store/database.h"
#include "store/statement.h"
#include "ui/basemapcontroller.h"
#include "ui/mapwidget.h"
#include "ui/offlineareadialog.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;
namespace wm = geo::webmercator;

namespace {

const QColor kTileColour(255, 0, 255);

QByteArray solidPng(const QColor &colour)
{
    QImage image(256, 256, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Raster tiles over Norfolk at zooms 9 to 11, all one colour; or only `only` when given.
void writeMbTiles(const QString &path, std::optional<wm::TileId> only = std::nullopt)
{
    store::Database::OpenOptions options;
    options.create = true;
    auto db = store::Database::open(path, options);
    QVERIFY_RESULT(db);
    QVERIFY_RESULT(db.value()->exec(
        "PRAGMA journal_mode = DELETE; CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
        "tile_data BLOB); INSERT INTO metadata VALUES ('name', 'Magenta county'), "
        "('format', 'png'), ('minzoom', '9'), ('maxzoom', '11'), "
        "('attribution', 'Test tiles');"));
    auto insert = db.value()->prepare("INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)");
    QVERIFY_RESULT(insert);
    const QByteArray png = solidPng(kTileColour);
    for (int zoom = 9; zoom <= 11; ++zoom) {
        const auto range = wm::tilesCovering(-0.5, 51.8, 2.5, 53.6, zoom);
        for (int x = range.minX; x <= range.maxX; ++x)
            for (int y = range.minY; y <= range.maxY; ++y) {
                const wm::TileId tile{zoom, x, y};
                if (only && !(tile == *only))
                    continue;
                QVERIFY_RESULT(insert->bind(1, zoom)
                                   .bind(2, x)
                                   .bind(3, wm::tmsRow(tile))
                                   .bindBlob(4, png)
                                   .run());
            }
    }
}

std::shared_ptr<ui::MapRenderer> makeRenderer()
{
    auto base = geo::BaseMap::shipped();
    return std::make_shared<ui::MapRenderer>(
        std::make_shared<const geo::BaseMap>(base.ok() ? std::move(base.value()) : geo::BaseMap{}));
}

// Where Norwich is drawn: the viewport's centre, whatever size the widget gave it.
QPoint centreOf(const ui::MapWidget &map)
{
    return QPoint(map.viewport().size.width() / 2, map.viewport().size.height() / 2);
}

QImage frame(ui::MapWidget &map)
{
    QImage image(map.viewport().size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    map.renderer().render(painter, map.viewport());
    return image;
}

} // namespace

// The base map the user chooses: raster tiles from an MBTiles file or a tile server are drawn
// under the map's layers, a source that does not open changes nothing, a server's tiles go
// into the store's encrypted cache and away on lock, and an area is saved for offline use.
class tst_BaseMapController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mbtilesDrawnUnderTheMap();
    void baseLayerShowsWhereNoTile();
    void refusedSourceChangesNothing();
    void serverTilesGoThroughTheStoreCache();
    void savesTheViewForOffline();
    void savedChoiceRestoredOrFallsBack();

private:
    static ui::MapViewport norwichView();
};

void tst_BaseMapController::init()
{
    QSettings().remove(QStringLiteral("map"));
}

ui::MapViewport tst_BaseMapController::norwichView()
{
    ui::MapViewport viewport;
    viewport.centre = {1.2974, 52.6309};
    viewport.zoom = 10;
    viewport.size = QSize(800, 600);
    return viewport;
}

void tst_BaseMapController::mbtilesDrawnUnderTheMap()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("magenta.mbtiles"));
    writeMbTiles(path);
    ui::MapWidget map(makeRenderer());
    map.setViewport(norwichView());
    ui::BaseMapController controller(&map);
    QCOMPARE(frame(map).pixelColor(centreOf(map)) == kTileColour, false); // the vector map

    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::MbTiles;
    choice.path = path;
    QVERIFY_RESULT(controller.apply(choice));
    QCOMPARE(frame(map).pixelColor(centreOf(map)), kTileColour);
    QCOMPARE(frame(map).pixelColor(10, 10), kTileColour);
    QVERIFY(ui::BaseMapChoice::load(nullptr) == choice); // remembered
    // Zoomed in past the file's finest level: its tiles magnified, still covering.
    ui::MapViewport closer = norwichView();
    closer.zoom = 13.4;
    map.setViewport(closer);
    QCOMPARE(frame(map).pixelColor(centreOf(map)), kTileColour);
}

void tst_BaseMapController::baseLayerShowsWhereNoTile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("one.mbtiles"));
    const wm::TileId norwich = wm::tileAt({1.2974, 52.6309}, 10);
    writeMbTiles(path, norwich);
    ui::MapWidget map(makeRenderer());
    map.setViewport(norwichView());
    ui::BaseMapController controller(&map);
    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::MbTiles;
    choice.path = path;
    QVERIFY_RESULT(controller.apply(choice));
    const QImage image = frame(map);
    QCOMPARE(image.pixelColor(centreOf(map)), kTileColour);
    QVERIFY(image.pixelColor(5, 5) != kTileColour); // the county's own map, not a hole
    QVERIFY(image.pixelColor(5, 5) != QColor(Qt::black));
}

void tst_BaseMapController::refusedSourceChangesNothing()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.mbtiles"));
    writeMbTiles(good);
    const QString bad = dir.filePath(QStringLiteral("bad.mbtiles"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();

    ui::MapWidget map(makeRenderer());
    map.setViewport(norwichView());
    ui::BaseMapController controller(&map);
    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::MbTiles;
    choice.path = good;
    QVERIFY_RESULT(controller.apply(choice));

    ui::BaseMapChoice broken = choice;
    broken.path = bad;
    auto applied = controller.apply(broken);
    QVERIFY(!applied.ok());
    QVERIFY(applied.error().message.contains(bad));
    QVERIFY(controller.choice() == choice);
    QVERIFY(ui::BaseMapChoice::load(nullptr) == choice);
    QCOMPARE(frame(map).pixelColor(centreOf(map)), kTileColour); // still the good tiles

    ui::BaseMapChoice server;
    server.kind = ui::BaseMapChoice::Kind::Server;
    server.server = QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png");
    auto locked = controller.apply(server); // no store open: no cache to keep tiles in
    QVERIFY(!locked.ok());
    QVERIFY(locked.error().message.contains(QLatin1String("unlock")));
}

void tst_BaseMapController::serverTilesGoThroughTheStoreCache()
{
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    const QByteArray png = solidPng(kTileColour);
    test::LoopbackTileServer server([&png](int, int, int) { return png; });
    QVERIFY(server.isListening());

    ui::MapWidget map(makeRenderer());
    map.setViewport(norwichView());
    ui::BaseMapController controller(&map);
    controller.setSession(session.value().get());
    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::Server;
    choice.server = server.urlTemplate();
    choice.attribution = QStringLiteral("Loopback tiles");
    QVERIFY_RESULT(controller.apply(choice));
    QVERIFY(controller.fetcher());
    QVERIFY(frame(map).pixelColor(centreOf(map)) != kTileColour); // asked for, not here yet
    QTRY_COMPARE(frame(map).pixelColor(centreOf(map)), kTileColour);
    QTRY_COMPARE(frame(map).pixelColor(10, 10), kTileColour);

    // The server's address (often with an API key) is in the store, not the settings file.
    QVERIFY(!QSettings().contains(QStringLiteral("map/server")));
    QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).contains(QLatin1String("127.0.0.1")));
    QCOMPARE(ui::BaseMapChoice::load(&session.value()->database()).server, server.urlTemplate());
    QVERIFY(ui::BaseMapChoice::load(nullptr).server.isEmpty());

    // Locked: the tiles go with the key, and nothing is fetched.
    controller.clearSession();
    QVERIFY(!controller.fetcher());
    QVERIFY(frame(map).pixelColor(centreOf(map)) != kTileColour);
    // The cache closed, its file (and any journal beside it) shows nothing of the tiles.
    const QString cachePath = geo::TileCache::pathForStore(fixture.paths().store);
    QVERIFY(QFile::exists(cachePath));
    for (const QString &file : QStringList{cachePath, cachePath + QStringLiteral("-wal")}) {
        const QByteArray bytes = test::readFile(file);
        QVERIFY(!bytes.contains("PNG"));
        QVERIFY(!bytes.contains("IDAT"));
    }
}

void tst_BaseMapController::savesTheViewForOffline()
{
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    const QByteArray png = solidPng(kTileColour);
    test::LoopbackTileServer server([&png](int, int, int) { return png; });
    ui::MapWidget map(makeRenderer());
    ui::BaseMapController controller(&map);
    controller.setSession(session.value().get());
    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::Server;
    choice.server = server.urlTemplate();
    QVERIFY_RESULT(controller.apply(choice));

    ui::OfflineAreaDialog dialog(controller.fetcher(), QRectF(1.25, 52.60, 0.10, 0.06), 11);
    dialog.fromZoom()->setValue(11);
    dialog.toZoom()->setValue(13);
    qint64 expected = 0;
    for (int zoom = 11; zoom <= 13; ++zoom)
        expected += wm::tilesCovering(1.25, 52.60, 1.35, 52.66, zoom).count();
    QVERIFY2(dialog.estimate()->text().contains(QString::number(expected)),
             qPrintable(dialog.estimate()->text()));
    QVERIFY(dialog.saveButton()->isEnabled());
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_VERIFY2(dialog.estimate()->text().contains(QLatin1String("saved.")),
                 qPrintable(dialog.estimate()->text()));
    QVERIFY(dialog.estimate()->text().startsWith(QString::number(expected)));
    QCOMPARE(server.requests(), int(expected));
    // All saved: nothing left to fetch.
    dialog.toZoom()->setValue(12);
    QVERIFY(!dialog.saveButton()->isEnabled());
}

void tst_BaseMapController::savedChoiceRestoredOrFallsBack()
{
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.mbtiles"));
    writeMbTiles(path);
    ui::BaseMapChoice choice;
    choice.kind = ui::BaseMapChoice::Kind::MbTiles;
    choice.path = path;
    QVERIFY_RESULT(choice.save(nullptr));
    {
        ui::MapWidget map(makeRenderer());
        ui::BaseMapController controller(&map);
        controller.setSession(session.value().get());
        QVERIFY(controller.layer());
    }
    QVERIFY(QFile::remove(path)); // the file moved away since
    ui::MapWidget map(makeRenderer());
    ui::BaseMapController controller(&map);
    QSignalSpy message(&controller, &ui::BaseMapController::message);
    controller.setSession(session.value().get());
    QVERIFY(!controller.layer());
    QCOMPARE(message.size(), 1);
    QVERIFY(message.first().first().toString().contains(QLatin1String("own offline layer")));
}

BV_GUI_TEST_MAIN(tst_BaseMapController)
#include "tst_basemapcontroller.moc"
