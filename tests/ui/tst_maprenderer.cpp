// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/guitestmain.h"
#include "geo/basemap.h"
#include "geo/markerclusters.h"
#include "ui/maprenderer.h"
#include "ui/mapwidget.h"

#include <QImage>
#include <QPainter>
#include <QTest>
#include <QWheelEvent>

using namespace bv;

// The map's one paint path, into an image as the widget and the PNG export use it, and the
// widget's pan and zoom.
class tst_MapRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void drawsLandSeaAndHazards();
    void sameFrameEveryTime();
    void markersAreDrawnWhereGiven();
    void hazardFilledAcrossBuckets_data();
    void hazardFilledAcrossBuckets();
    void keyboardAndWheel();

private:
    QImage render(const ui::MapViewport &viewport, const ui::MapRenderer &renderer) const;
    std::shared_ptr<const geo::BaseMap> m_base;
};

void tst_MapRenderer::initTestCase()
{
    auto base = geo::BaseMap::shipped();
    QVERIFY_RESULT(base);
    m_base = std::make_shared<const geo::BaseMap>(std::move(base.value()));
}

QImage tst_MapRenderer::render(const ui::MapViewport &viewport,
                               const ui::MapRenderer &renderer) const
{
    QImage image(viewport.size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    renderer.render(painter, viewport);
    return image;
}

void tst_MapRenderer::drawsLandSeaAndHazards()
{
    ui::MapRenderer renderer(m_base);
    ui::MapViewport viewport;
    viewport.size = QSize(900, 600);
    viewport.zoom = 10;
    viewport.centre = {1.45, 52.62};
    const QImage plain = render(viewport, renderer);
    // The North Sea off Great Yarmouth, and fields west of it.
    const QColor sea = plain.pixelColor(viewport.toScreen(geo::LonLat{1.85, 52.55}).toPoint());
    const QColor land = plain.pixelColor(viewport.toScreen(geo::LonLat{1.40, 52.50}).toPoint());
    QVERIFY2(sea != land, qPrintable(sea.name() + QLatin1Char(' ') + land.name()));
    QVERIFY(sea.blue() > sea.red()); // water is blue
    // A hazard area over Breydon Water shows, tinted.
    geo::Polygon square;
    square.rings.push_back({{1.30, 52.45}, {1.45, 52.45}, {1.45, 52.55}, {1.30, 52.55}});
    renderer.setHazards(
        {{QStringLiteral("Test zone"), {geo::Area(QStringLiteral("z"), {square})}, Qt::blue}});
    const QImage hazard = render(viewport, renderer);
    const QPoint inside = viewport.toScreen(geo::LonLat{1.40, 52.50}).toPoint();
    QVERIFY(hazard.pixelColor(inside) != land);
    QVERIFY(hazard.pixelColor(inside).blue() > land.blue() - 10);
}

void tst_MapRenderer::sameFrameEveryTime()
{
    ui::MapRenderer renderer(m_base);
    std::vector<geo::LonLat> points;
    for (int i = 0; i < 500; ++i)
        points.push_back({0.5 + (i % 25) * 0.05, 52.4 + (i / 25) * 0.025});
    renderer.setMarkers(std::make_shared<const geo::MarkerClusters>(points));
    ui::MapViewport viewport;
    viewport.size = QSize(640, 480);
    for (const double zoom : {8.0, 9.5, 12.25}) {
        viewport.zoom = zoom;
        QCOMPARE(render(viewport, renderer), render(viewport, renderer));
    }
}

void tst_MapRenderer::markersAreDrawnWhereGiven()
{
    // Markers are what the renderer is given: a lone marker shows where it is given, and the
    // same frame without it has nothing there. (That people at protected addresses are never
    // given is geo::PersonLocations' job, tested in tst_areaquery.)
    ui::MapRenderer renderer(m_base);
    ui::MapViewport viewport;
    viewport.size = QSize(400, 300);
    viewport.zoom = 14;
    viewport.centre = {1.0, 52.5};
    const QImage without = render(viewport, renderer);
    renderer.setMarkers(
        std::make_shared<const geo::MarkerClusters>(std::vector<geo::LonLat>{{1.0, 52.5}}));
    const QImage with = render(viewport, renderer);
    const QPoint centre(200, 150);
    QVERIFY(with.pixelColor(centre) != without.pixelColor(centre));
}

void tst_MapRenderer::hazardFilledAcrossBuckets_data()
{
    QTest::addColumn<double>("zoom");
    QTest::newRow("zoom 12: a bucket is 1.5 km") << 12.0;
    QTest::newRow("zoom 14.6, between levels") << 14.6;
    QTest::newRow("zoom 16: the polygon spans many buckets") << 16.0;
}

void tst_MapRenderer::hazardFilledAcrossBuckets()
{
    // Fills are cut into 512-pixel squares per level: a polygon across their edges must be
    // filled on both sides with no seam, its hole left empty, and nothing drawn outside.
    QFETCH(double, zoom);
    ui::MapRenderer renderer(m_base);
    ui::MapViewport viewport;
    viewport.size = QSize(1200, 900);
    viewport.zoom = zoom;
    viewport.centre = {1.2974, 52.6309};
    const double span = 0.6 * 1200 * geo::webmercator::metresPerPixel(52.63, zoom) / 111000.0;
    geo::Polygon ring;
    const double west = 1.2974 - span / 2 / 0.607;
    const double east = 1.2974 + span / 2 / 0.607;
    const double south = 52.6309 - span / 2;
    const double north = 52.6309 + span / 2;
    ring.rings.push_back({{west, south}, {east, south}, {east, north}, {west, north}});
    // A hole in the middle third.
    const double holeWest = west + (east - west) / 3;
    const double holeEast = east - (east - west) / 3;
    const double holeSouth = south + (north - south) / 3;
    const double holeNorth = north - (north - south) / 3;
    ring.rings.push_back({{holeWest, holeSouth},
                          {holeWest, holeNorth},
                          {holeEast, holeNorth},
                          {holeEast, holeSouth}});
    const QImage before = render(viewport, renderer);
    renderer.setHazards({{QStringLiteral("Across buckets"),
                          {geo::Area(QStringLiteral("a"), {ring})},
                          QColor(255, 0, 0)}});
    const QImage after = render(viewport, renderer);
    // Every pixel along a line across the polygon, away from its edges and the legend: tinted
    // in the ring, untouched in the hole and outside.
    const double left = viewport.toScreen(geo::LonLat{west, 52.6309}).x();
    const double right = viewport.toScreen(geo::LonLat{east, 52.6309}).x();
    const double holeLeft = viewport.toScreen(geo::LonLat{holeWest, 52.6309}).x();
    const double holeRight = viewport.toScreen(geo::LonLat{holeEast, 52.6309}).x();
    const int y = int(viewport.toScreen(geo::LonLat{1.2974, 52.6309 + span / 6 * 0.2}).y());
    int tinted = 0;
    for (int x = 2; x < viewport.size.width() - 2; ++x) {
        const bool nearEdge = std::abs(x - left) < 3 || std::abs(x - right) < 3
                              || std::abs(x - holeLeft) < 3 || std::abs(x - holeRight) < 3;
        if (nearEdge)
            continue;
        const bool inRing = (x > left && x < holeLeft) || (x > holeRight && x < right);
        const QColor was = before.pixelColor(x, y);
        const QColor now = after.pixelColor(x, y);
        if (inRing) {
            QVERIFY2(
                now.red() > was.red() || now.green() < was.green(),
                qPrintable(QStringLiteral("x %1: %2 -> %3").arg(x).arg(was.name(), now.name())));
            ++tinted;
        } else {
            QVERIFY2(
                now == was,
                qPrintable(QStringLiteral("x %1: %2 -> %3").arg(x).arg(was.name(), now.name())));
        }
    }
    QVERIFY(tinted > 200);
}

void tst_MapRenderer::keyboardAndWheel()
{
    ui::MapWidget widget(std::make_shared<ui::MapRenderer>(m_base));
    widget.resize(800, 600);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.setFocus();
    const ui::MapViewport start = widget.viewport();
    QVERIFY(start.zoom >= ui::MapViewport::kMinZoom);
    QTest::keyClick(&widget, Qt::Key_Right);
    QVERIFY(widget.viewport().centre.lon > start.centre.lon);
    QTest::keyClick(&widget, Qt::Key_Plus);
    QCOMPARE(widget.viewport().zoom, start.zoom + 1);
    // The wheel zooms about the pointer: the place under it stays under it.
    const QPointF pointer(200, 150);
    const geo::LonLat under = widget.viewport().toLonLat(pointer);
    QWheelEvent wheel(pointer, widget.mapToGlobal(pointer), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
    QVERIFY(widget.viewport().zoom > start.zoom + 1);
    const QPointF after = widget.viewport().toScreen(under);
    QVERIFY(qAbs(after.x() - pointer.x()) < 0.5 && qAbs(after.y() - pointer.y()) < 0.5);
    QTest::keyClick(&widget, Qt::Key_Home);
    QVERIFY(qAbs(widget.viewport().zoom - start.zoom) < 1e-9);
}

BV_GUI_TEST_MAIN(tst_MapRenderer)
#include "tst_maprenderer.moc"
