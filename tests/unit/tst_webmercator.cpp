// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/webmercator.h"

#include <QTest>

using namespace bv;
namespace wm = geo::webmercator;

// Web Mercator and tile maths against values any slippy map agrees on.
class tst_WebMercator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tiles_data();
    void tiles();
    void roundTrip_data();
    void roundTrip();
    void metresPerPixel();
    void tileBounds();
};

void tst_WebMercator::tiles_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<int>("zoom");
    QTest::addColumn<int>("x");
    QTest::addColumn<int>("y");
    QTest::addColumn<int>("tms");
    QTest::newRow("origin, zoom 0") << 0.0 << 0.0 << 0 << 0 << 0 << 0;
    QTest::newRow("origin, zoom 1: south-east quarter") << 0.0 << 0.0 << 1 << 1 << 1 << 0;
    QTest::newRow("London, zoom 10") << -0.1276 << 51.5072 << 10 << 511 << 340 << 683;
    QTest::newRow("Norwich, zoom 14") << 1.2974 << 52.6309 << 14 << 8251 << 5364 << 11019;
    QTest::newRow("past the north edge: clamped") << 10.0 << 89.9 << 3 << 4 << 0 << 7;
    QTest::newRow("the antimeridian: last column") << 180.0 << 0.0 << 2 << 3 << 2 << 1;
}

void tst_WebMercator::tiles()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(int, zoom);
    QFETCH(int, x);
    QFETCH(int, y);
    QFETCH(int, tms);
    const wm::TileId tile = wm::tileAt({lon, lat}, zoom);
    QCOMPARE(tile.x, x);
    QCOMPARE(tile.y, y);
    QCOMPARE(wm::tmsRow(tile), tms);
}

void tst_WebMercator::roundTrip_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::newRow("Great Yarmouth") << 1.7306 << 52.6083;
    QTest::newRow("south-west") << -120.5 << -33.25;
    QTest::newRow("near the edge") << 179.999 << 85.0;
}

void tst_WebMercator::roundTrip()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    const geo::LonLat back = wm::unproject(wm::project({lon, lat}));
    QVERIFY(qAbs(back.lon - lon) < 1e-9);
    QVERIFY(qAbs(back.lat - lat) < 1e-9);
}

void tst_WebMercator::metresPerPixel()
{
    // The figure every tile server quotes for zoom 0 at the equator.
    QVERIFY(qAbs(wm::metresPerPixel(0, 0) - 156543.03392804097) < 1e-6);
    // Halved per zoom level, and shrunk by the cosine of the latitude.
    QVERIFY(qAbs(wm::metresPerPixel(0, 1) - 156543.03392804097 / 2) < 1e-6);
    QVERIFY(qAbs(wm::metresPerPixel(60, 0) - 156543.03392804097 / 2) < 1e-6);
}

void tst_WebMercator::tileBounds()
{
    const QRectF northWest = wm::tileBounds({1, 0, 0});
    QCOMPARE(northWest.left(), -180.0);
    QVERIFY(qAbs(northWest.top() - wm::kMaxLatitude) < 1e-9);
    QVERIFY(qAbs(northWest.right()) < 1e-9);
    QVERIFY(qAbs(northWest.bottom()) < 1e-9);
    // A tile holds the point it was found for.
    const geo::LonLat norwich{1.2974, 52.6309};
    const QRectF bounds = wm::tileBounds(wm::tileAt(norwich, 14));
    QVERIFY(norwich.lon >= bounds.left() && norwich.lon < bounds.right());
    QVERIFY(norwich.lat <= bounds.top() && norwich.lat > bounds.bottom());
}

BV_TEST_MAIN(tst_WebMercator)
#include "tst_webmercator.moc"
