// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/mbtiles.h"
#include "geo/tiledirectory.h"
#include "store/database.h"
#include "store/statement.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;
namespace wm = geo::webmercator;

namespace {

// Enough of a PNG for a source to tell it is one: the signature, then bytes naming the tile.
QByteArray fakePng(const wm::TileId &tile)
{
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n")
           + QStringLiteral("%1/%2/%3").arg(tile.zoom).arg(tile.x).arg(tile.y).toLatin1();
}

const std::vector<wm::TileId> &norwichTiles()
{
    static const std::vector<wm::TileId> tiles
        = {{10, 515, 335}, {10, 516, 335}, {11, 1031, 670}, {14, 8251, 5364}};
    return tiles;
}

// An MBTiles file as GDAL and mb-util write one: metadata, then tiles keyed by TMS rows.
void writeMbTiles(const QString &path, const QString &format = QStringLiteral("png"),
                  bool withMetadataZooms = true)
{
    store::Database::OpenOptions options;
    options.create = true;
    auto db = store::Database::open(path, options);
    QVERIFY_RESULT(db);
    QVERIFY_RESULT(db.value()->exec(
        "PRAGMA journal_mode = DELETE; CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
        "tile_data BLOB); CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, "
        "tile_row);"));
    auto meta = db.value()->prepare("INSERT INTO metadata VALUES (?1, ?2)");
    QVERIFY_RESULT(meta);
    QList<std::pair<QString, QString>> pairs
        = {{QStringLiteral("name"), QStringLiteral("Test county")},
           {QStringLiteral("format"), format},
           {QStringLiteral("bounds"), QStringLiteral("0.1,52.3,1.8,53.0")},
           {QStringLiteral("attribution"), QStringLiteral("Test tiles, CC0")}};
    if (withMetadataZooms)
        pairs << std::pair{QStringLiteral("minzoom"), QStringLiteral("10")}
              << std::pair{QStringLiteral("maxzoom"), QStringLiteral("14")};
    for (const auto &[name, value] : pairs)
        QVERIFY_RESULT(meta->bind(1, name).bind(2, value).run());
    auto tile = db.value()->prepare("INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)");
    QVERIFY_RESULT(tile);
    for (const wm::TileId &id : norwichTiles())
        QVERIFY_RESULT(tile->bind(1, id.zoom)
                           .bind(2, id.x)
                           .bind(3, wm::tmsRow(id))
                           .bindBlob(4, fakePng(id))
                           .run());
}

} // namespace

// Raster tile sources on disk: an MBTiles file the test writes is read back tile by tile
// (rows in TMS order), and a damaged or foreign file is refused with a message saying why.
class tst_MbTiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBackWhatWasWritten();
    void zoomRangeFromTilesWhenMetadataLacksIt();
    void refusesUnusableFiles_data();
    void refusesUnusableFiles();
    void damagedTilePageRefusedAtOpen();
    void tileDirectory_data();
    void tileDirectory();
    void emptyTileDirectoryRefused();
};

void tst_MbTiles::readsBackWhatWasWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("county.mbtiles"));
    writeMbTiles(path);
    const QByteArray before = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();

    auto source = geo::MbTilesSource::open(path);
    QVERIFY_RESULT(source);
    const geo::TileSourceInfo &info = source.value()->info();
    QCOMPARE(info.name, QStringLiteral("Test county"));
    QCOMPARE(info.attribution, QStringLiteral("Test tiles, CC0"));
    QCOMPARE(info.format, QStringLiteral("png"));
    QCOMPARE(info.minZoom, 10);
    QCOMPARE(info.maxZoom, 14);
    QCOMPARE(info.bounds.left(), 0.1);
    QCOMPARE(info.bounds.top(), 52.3); // south
    QCOMPARE(info.bounds.bottom(), 53.0);
    for (const wm::TileId &id : norwichTiles()) {
        auto bytes = source.value()->read(id);
        QVERIFY_RESULT(bytes);
        QVERIFY(bytes.value().has_value());
        QCOMPARE(*bytes.value(), fakePng(id));
    }
    // The XYZ row of one tile is the TMS row of another: asking by the wrong order finds none.
    auto missing = source.value()->read({10, 515, wm::tmsRow({10, 515, 335})});
    QVERIFY_RESULT(missing);
    QVERIFY(!missing.value().has_value());
    auto outOfRange = source.value()->read({3, 4, 2});
    QVERIFY_RESULT(outOfRange);
    QVERIFY(!outOfRange.value().has_value());

    source.value().reset();
    // Read-only: the user's file is as it was, and no journal was left beside it.
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void tst_MbTiles::zoomRangeFromTilesWhenMetadataLacksIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nozoom.mbtiles"));
    writeMbTiles(path, QString(), false);
    auto source = geo::MbTilesSource::open(path);
    QVERIFY_RESULT(source);
    QCOMPARE(source.value()->info().minZoom, 10);
    QCOMPARE(source.value()->info().maxZoom, 14);
    QCOMPARE(source.value()->info().format, QStringLiteral("png")); // from the first tile
}

void tst_MbTiles::refusesUnusableFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no file") << QStringLiteral("missing") << QStringLiteral("No MBTiles file");
    QTest::newRow("empty file") << QStringLiteral("empty") << QStringLiteral("empty");
    QTest::newRow("not SQLite") << QStringLiteral("text")
                                << QStringLiteral("not an SQLite database");
    QTest::newRow("header overwritten")
        << QStringLiteral("header") << QStringLiteral("not an SQLite database");
    QTest::newRow("cut short") << QStringLiteral("truncated") << QStringLiteral("damaged");
    QTest::newRow("a store, not tiles")
        << QStringLiteral("notables") << QStringLiteral("no \"metadata\" and \"tiles\"");
    QTest::newRow("vector tiles") << QStringLiteral("pbf") << QStringLiteral("vector tiles");
    QTest::newRow("no tiles") << QStringLiteral("notiles") << QStringLiteral("holds no tiles");
    QTest::newRow("tiles not images")
        << QStringLiteral("garbage") << QStringLiteral("not PNG, JPEG or WebP");
}

void tst_MbTiles::refusesUnusableFiles()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.mbtiles"));
    if (damage == QLatin1String("pbf")) {
        writeMbTiles(path, QStringLiteral("pbf"));
    } else if (damage != QLatin1String("missing")) {
        writeMbTiles(path);
    }
    const auto sql = [&](const char *statement) {
        store::Database::OpenOptions options;
        auto db = store::Database::open(path, options);
        QVERIFY_RESULT(db);
        QVERIFY_RESULT(db.value()->exec(statement));
    };
    QFile file(path);
    if (damage == QLatin1String("empty") || damage == QLatin1String("text")) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        if (damage == QLatin1String("text"))
            file.write("zoom,x,y\n10,515,335\n");
        file.close();
    } else if (damage == QLatin1String("header")) {
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.write(QByteArray(100, '\x55'));
        file.close();
    } else if (damage == QLatin1String("truncated")) {
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();
    } else if (damage == QLatin1String("notables")) {
        sql("DROP TABLE metadata");
    } else if (damage == QLatin1String("notiles")) {
        sql("DELETE FROM tiles");
    } else if (damage == QLatin1String("garbage")) {
        sql("UPDATE tiles SET tile_data = x'00010203'");
    }
    auto source = geo::MbTilesSource::open(path);
    QVERIFY(!source.ok());
    QVERIFY2(source.error().message.contains(expected), qPrintable(source.error().message));
    QVERIFY2(source.error().message.contains(path), "the message names the file");
}

void tst_MbTiles::damagedTilePageRefusedAtOpen()
{
    // A page in the middle overwritten, the header intact: the file opens as SQLite, and
    // only reading it through finds the damage. Files of a county's size are checked whole.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.mbtiles"));
    writeMbTiles(path);
    {
        store::Database::OpenOptions options;
        auto db = store::Database::open(path, options);
        QVERIFY_RESULT(db);
        auto tile = db.value()->prepare("INSERT INTO tiles VALUES (14, ?1, 0, ?2)");
        QVERIFY_RESULT(tile);
        for (int x = 0; x < 8; ++x)
            QVERIFY_RESULT(
                tile->bind(1, x)
                    .bindBlob(2, QByteArray(fakePng({14, x, 0}) + QByteArray(40000, char('a' + x))))
                    .run());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(8192 * 3));
    file.write(QByteArray(8192, '\xff'));
    file.close();

    auto source = geo::MbTilesSource::open(path);
    QVERIFY(!source.ok());
    QVERIFY2(source.error().message.contains(QLatin1String("damaged")),
             qPrintable(source.error().message));
}

void tst_MbTiles::tileDirectory_data()
{
    QTest::addColumn<bool>("tms");
    QTest::addColumn<QString>("extension");
    QTest::newRow("XYZ rows, png (mb-util)") << false << QStringLiteral("png");
    QTest::newRow("TMS rows, jpg (gdal2tiles)") << true << QStringLiteral("jpg");
}

void tst_MbTiles::tileDirectory()
{
    QFETCH(bool, tms);
    QFETCH(QString, extension);
    QTemporaryDir dir;
    for (const wm::TileId &id : norwichTiles()) {
        const int row = tms ? wm::tmsRow(id) : id.y;
        const QString folder = dir.filePath(QStringLiteral("%1/%2").arg(id.zoom).arg(id.x));
        QVERIFY(QDir().mkpath(folder));
        QFile tile(QStringLiteral("%1/%2.%3").arg(folder).arg(row).arg(extension));
        QVERIFY(tile.open(QIODevice::WriteOnly));
        tile.write(fakePng(id));
    }
    if (tms) {
        QFile xml(dir.filePath(QStringLiteral("tilemapresource.xml")));
        QVERIFY(xml.open(QIODevice::WriteOnly));
        xml.write("<TileMap version=\"1.0.0\"/>");
    } else {
        QFile json(dir.filePath(QStringLiteral("metadata.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(R"({"name": "Folder tiles", "attribution": "Folder, CC0"})");
    }
    auto source = geo::TileDirectorySource::open(dir.path());
    QVERIFY_RESULT(source);
    QCOMPARE(source.value()->info().minZoom, 10);
    QCOMPARE(source.value()->info().maxZoom, 14);
    QCOMPARE(source.value()->info().format, extension);
    if (!tms)
        QCOMPARE(source.value()->info().attribution, QStringLiteral("Folder, CC0"));
    for (const wm::TileId &id : norwichTiles()) {
        auto bytes = source.value()->read(id);
        QVERIFY_RESULT(bytes);
        QVERIFY(bytes.value().has_value());
        QCOMPARE(*bytes.value(), fakePng(id));
    }
    auto missing = source.value()->read({12, 2062, 1341});
    QVERIFY_RESULT(missing);
    QVERIFY(!missing.value().has_value());
}

void tst_MbTiles::emptyTileDirectoryRefused()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("10/515"))));
    auto source = geo::TileDirectorySource::open(dir.path());
    QVERIFY(!source.ok());
    QVERIFY(source.error().message.contains(QLatin1String("holds no tiles")));
    auto none = geo::TileDirectorySource::open(dir.filePath(QStringLiteral("nowhere")));
    QVERIFY(!none.ok());
}

BV_TEST_MAIN(tst_MbTiles)
#include "tst_mbtiles.moc"
