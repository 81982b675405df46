// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/area.h"
#include "geo/webmercator.h"

#include <QTest>

using namespace bv;
using geo::LonLat;

namespace {

// A 1 x 1 degree square at (1, 52) with a 0.4 x 0.4 hole in its middle, and a separate small
// square to its east: one area of two polygons.
geo::Area squareWithHole()
{
    geo::Polygon square;
    square.rings.push_back({{1, 52}, {2, 52}, {2, 53}, {1, 53}});
    square.rings.push_back({{1.3, 52.3}, {1.7, 52.3}, {1.7, 52.7}, {1.3, 52.7}});
    geo::Polygon island;
    island.rings.push_back({{3, 52}, {3.2, 52}, {3.2, 52.2}, {3, 52.2}});
    return geo::Area(QStringLiteral("test"), {square, island});
}

} // namespace

// Point in polygon at its edges, and areas read from GeoJSON in either grid.
class tst_Area : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contains_data();
    void contains();
    void concavePolygon();
    void distanceToEdge();
    void circle();
    void acrossTileBoundaries_data();
    void acrossTileBoundaries();
    void readsWgs84AndBritishNationalGrid_data();
    void readsWgs84AndBritishNationalGrid();
    void badGeoJsonSaysWhere_data();
    void badGeoJsonSaysWhere();
};

void tst_Area::contains_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<bool>("inside");
    QTest::newRow("inside") << 1.1 << 52.1 << true;
    QTest::newRow("outside, west") << 0.9 << 52.5 << false;
    QTest::newRow("outside, level with a vertex") << 0.5 << 52.0 << false;
    QTest::newRow("on the south edge") << 1.5 << 52.0 << true;
    QTest::newRow("on the east edge") << 2.0 << 52.5 << true;
    QTest::newRow("on a corner") << 2.0 << 53.0 << true;
    QTest::newRow("in the hole") << 1.5 << 52.5 << false;
    QTest::newRow("on the hole's edge") << 1.3 << 52.5 << true;
    QTest::newRow("on the hole's corner") << 1.7 << 52.7 << true;
    QTest::newRow("in the second polygon") << 3.1 << 52.1 << true;
    QTest::newRow("between the polygons") << 2.5 << 52.1 << false;
}

void tst_Area::contains()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(bool, inside);
    QCOMPARE(squareWithHole().contains({lon, lat}), inside);
}

void tst_Area::concavePolygon()
{
    // A "U": the notch between its arms is outside, though inside the bounding box.
    geo::Polygon u;
    u.rings.push_back({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}});
    const geo::Area area(QStringLiteral("u"), {u});
    QVERIFY(area.contains({0.5, 2.5}));
    QVERIFY(area.contains({2.5, 2.5}));
    QVERIFY(!area.contains({1.5, 2.0}));
    QVERIFY(area.contains({1.5, 1.0})); // on the notch's floor
}

void tst_Area::distanceToEdge()
{
    const geo::Area area = squareWithHole();
    // 0.1 degree of latitude north of the south edge: about 11.1 km.
    QVERIFY(qAbs(area.distanceToEdgeMetres({1.5, 52.1}) - 11119.5) < 5);
    // Outside, 0.01 degree of longitude west of the west edge at 52.5: about 677 m.
    QVERIFY(qAbs(area.distanceToEdgeMetres({0.99, 52.5}) - 677.0) < 3);
    QCOMPARE(area.distanceToEdgeMetres({1.0, 52.5}), 0.0);
}

void tst_Area::circle()
{
    const geo::Area circle = geo::Area::circle(QStringLiteral("c"), {1.5, 52.5}, 1000);
    QVERIFY(circle.contains({1.5, 52.5}));
    QVERIFY(circle.contains({1.5, 52.5 + 0.0085}));  // about 945 m north
    QVERIFY(!circle.contains({1.5, 52.5 + 0.0095})); // about 1,056 m north
    QVERIFY(qAbs(circle.distanceToEdgeMetres({1.5, 52.5}) - 1000) < 1);
}

void tst_Area::acrossTileBoundaries_data()
{
    // Points on the edges and corners of zoom-14 tiles, which a polygon spanning three by
    // three of them crosses: where the map cuts and caches, the test must not care.
    QTest::addColumn<int>("dx"); // in quarter tiles from the polygon's north-west tile corner
    QTest::addColumn<int>("dy");
    QTest::addColumn<bool>("inside");
    QTest::newRow("an inner tile corner") << 4 << 4 << true;
    QTest::newRow("on an inner tile edge") << 4 << 6 << true;
    QTest::newRow("another inner tile corner") << 8 << 8 << true;
    QTest::newRow("in a tile, not on an edge") << 5 << 7 << true;
    QTest::newRow("the polygon's corner, on tile corners") << 0 << 0 << true;
    QTest::newRow("its west edge, a tile edge") << 0 << 5 << true;
    QTest::newRow("its east edge, a tile edge") << 12 << 9 << true;
    QTest::newRow("the next tile west") << -1 << 5 << false;
    QTest::newRow("the next tile south") << 6 << 13 << false;
}

void tst_Area::acrossTileBoundaries()
{
    QFETCH(int, dx);
    QFETCH(int, dy);
    QFETCH(bool, inside);
    namespace wm = geo::webmercator;
    const wm::TileId first = wm::tileAt({1.2974, 52.6309}, 14);
    const auto corner = [&first](int quarterX, int quarterY) {
        const double tiles = double(1 << first.zoom);
        return wm::unproject(
            {(first.x + quarterX / 4.0) / tiles, (first.y + quarterY / 4.0) / tiles});
    };
    geo::Polygon square;
    square.rings.push_back({corner(0, 0), corner(12, 0), corner(12, 12), corner(0, 12)});
    const geo::Area area(QStringLiteral("tiles"), {square});
    QCOMPARE(area.contains(corner(dx, dy)), inside);
}

void tst_Area::readsWgs84AndBritishNationalGrid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("name");
    // Norwich's market place, about 622 990 E, 308 500 N.
    QTest::newRow("WGS84 feature collection")
        << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"name":"Centre"},"geometry":{"type":"Polygon","coordinates":
            [[[1.28,52.62],[1.31,52.62],[1.31,52.64],[1.28,52.64],[1.28,52.62]]]}}]})")
        << QStringLiteral("Centre");
    QTest::newRow("British National Grid, declared") << QByteArray(R"({"type":"FeatureCollection",
            "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
            "features":[{"type":"Feature","properties":{"zone":"3"},"geometry":{"type":
            "MultiPolygon","coordinates":[[[[621990,307500],[623990,307500],[623990,309500],
            [621990,309500],[621990,307500]]]]}}]})") << QStringLiteral("Zone 3");
    QTest::newRow("British National Grid, by size; a bare geometry")
        << QByteArray(R"({"type":"Polygon","coordinates":[[[621990,307500],[623990,307500],
            [623990,309500],[621990,309500],[621990,307500]]]})")
        << QStringLiteral("Area 1");
}

void tst_Area::readsWgs84AndBritishNationalGrid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, name);
    auto areas = geo::readGeoJsonAreas(json, QStringLiteral("test.geojson"));
    QVERIFY_RESULT(areas);
    QCOMPARE(areas->size(), std::size_t(1));
    const geo::Area &area = areas->front();
    QCOMPARE(area.name(), name);
    QVERIFY(area.contains({1.2993, 52.6286}));                              // the market place
    QVERIFY(!area.contains({1.7306, 52.6083}));                             // Great Yarmouth
    QCOMPARE(area.polygons().front().rings.front().size(), std::size_t(4)); // closing point dropped
}

void tst_Area::badGeoJsonSaysWhere_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("says");
    QTest::newRow("not JSON") << QByteArray("{nope") << QStringLiteral("is not GeoJSON");
    QTest::newRow("a line") << QByteArray(
        R"({"type":"Feature","properties":{"name":"Road"},"geometry":
            {"type":"LineString","coordinates":[[1,52],[2,52]]}})")
                            << QStringLiteral("feature 1 (Road): a LineString is not an area");
    QTest::newRow("a ring of two corners")
        << QByteArray(R"({"type":"Polygon","coordinates":[[[1,52],[2,52],[1,52]]]})")
        << QStringLiteral("fewer than three corners");
    QTest::newRow("neither degrees nor grid")
        << QByteArray(R"({"type":"Polygon","coordinates":[[[1,52],[2000,52],[2,53],[1,52]]]})")
        << QStringLiteral("neither a longitude and latitude");
    QTest::newRow("no areas") << QByteArray(R"({"type":"FeatureCollection","features":[]})")
                              << QStringLiteral("holds no areas");
}

void tst_Area::badGeoJsonSaysWhere()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, says);
    auto areas = geo::readGeoJsonAreas(json, QStringLiteral("zones.geojson"));
    QVERIFY(!areas.ok());
    QVERIFY2(areas.error().message.contains(says), qPrintable(areas.error().message));
    QVERIFY(areas.error().message.contains(QLatin1String("zones.geojson")));
}

BV_TEST_MAIN(tst_Area)
#include "tst_area.moc"
