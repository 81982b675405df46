// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/markerclusters.h"
#include "geo/webmercator.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <map>
#include <set>

using namespace bv;

// Clustering never loses a point nor counts one twice, at any zoom.
class tst_MarkerClusters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPointOnceAtEveryZoom();
    void nearPointsJoinFarPointsDoNot();
    void sameClustersEveryTime();
};

void tst_MarkerClusters::everyPointOnceAtEveryZoom()
{
    QRandomGenerator random(7);
    std::vector<geo::LonLat> points;
    for (int i = 0; i < 20000; ++i) // a county's worth, some on top of each other
        points.push_back({0.2 + random.bounded(1.5), 52.3 + random.bounded(0.7)});
    for (int i = 0; i < 50; ++i)
        points.push_back({1.3, 52.63});
    const geo::MarkerClusters clusters(points);
    // A partition: each point in the cluster of its own cell, and each cluster's count the
    // number of points in that cell.
    const auto cellOf = [](const geo::LonLat &point, int zoom) {
        const double cells = std::ldexp(256.0 / geo::MarkerClusters::kCellPixels, zoom);
        const QPointF unit = geo::webmercator::project(point);
        return std::pair{qint64(std::clamp(unit.x() * cells, 0.0, cells - 1)),
                         qint64(std::clamp(unit.y() * cells, 0.0, cells - 1))};
    };
    for (const int zoom : {6, 11, 17}) {
        std::map<std::pair<qint64, qint64>, int> counted;
        for (const geo::LonLat &point : points)
            ++counted[cellOf(point, zoom)];
        std::map<std::pair<qint64, qint64>, int> clustered;
        for (const auto &cluster : clusters.at(zoom)) {
            const auto cell = cellOf(points[std::size_t(cluster.firstPoint)], zoom);
            QVERIFY2(clustered.emplace(cell, cluster.count).second, "two clusters for one cell");
        }
        QVERIFY(clustered == counted);
    }
    for (int zoom = 0; zoom <= geo::MarkerClusters::kMaxZoom; ++zoom) {
        qint64 total = 0;
        std::set<int> firsts;
        for (const auto &cluster : clusters.at(zoom)) {
            QVERIFY(cluster.count > 0);
            total += cluster.count;
            QVERIFY2(firsts.insert(cluster.firstPoint).second, "a point heads two clusters");
        }
        QCOMPARE(total, qint64(points.size()));
    }
    // Fewer marks as the map zooms out.
    QVERIFY(clusters.at(6).size() < clusters.at(12).size());
}

void tst_MarkerClusters::nearPointsJoinFarPointsDoNot()
{
    // Two houses 20 m apart and a town 30 km away.
    const geo::MarkerClusters clusters({{1.30000, 52.63}, {1.30029, 52.63}, {1.75, 52.61}});
    QCOMPARE(clusters.at(10).size(), std::size_t(2));
    // Close in, the two houses are two marks.
    QCOMPARE(clusters.at(19).size(), std::size_t(3));
}

void tst_MarkerClusters::sameClustersEveryTime()
{
    const std::vector<geo::LonLat> points{{1.1, 52.5}, {1.2, 52.6}, {1.1001, 52.5001}};
    const geo::MarkerClusters a(points);
    const geo::MarkerClusters b(points);
    QCOMPARE(a.at(9).size(), b.at(9).size());
    for (std::size_t i = 0; i < a.at(9).size(); ++i) {
        QCOMPARE(a.at(9)[i].firstPoint, b.at(9)[i].firstPoint);
        QCOMPARE(a.at(9)[i].count, b.at(9)[i].count);
    }
}

BV_TEST_MAIN(tst_MarkerClusters)
#include "tst_markerclusters.moc"
