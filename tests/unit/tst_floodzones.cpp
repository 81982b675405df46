// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped demo flood zones (resources/demo/flood_zones.geojson, made by
// tools/make-flood-zones.py): well-formed RFC 7946, marked illustrative, and where the demo
// expects them. Point-in-polygon is written here so the test does not trust the code it checks.
#include "common/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointF>
#include <QSet>
#include <QTest>

namespace {

const QString kFile = QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/demo/flood_zones.geojson");

using Ring = QList<QPointF>;
using Polygon = QList<Ring>; // exterior first, then holes

// Twice the signed area: positive for an anticlockwise ring (x = lon east, y = lat north).
double twiceSignedArea(const Ring &ring)
{
    double sum = 0.0;
    for (qsizetype i = 0; i + 1 < ring.size(); ++i)
        sum += ring[i].x() * ring[i + 1].y() - ring[i + 1].x() * ring[i].y();
    return sum;
}

// Even-odd ray casting over every ring, so holes count as outside.
bool contains(const Polygon &polygon, QPointF p)
{
    bool inside = false;
    for (const Ring &ring : polygon) {
        for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const QPointF a = ring[i];
            const QPointF b = ring[j];
            if ((a.y() > p.y()) != (b.y() > p.y())
                && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
                inside = !inside;
        }
    }
    return inside;
}

struct Zone
{
    QString id;
    QString zone;
    QList<Polygon> polygons;
};

QList<Polygon> polygonsOf(const QJsonObject &geometry)
{
    const auto toPolygon = [](const QJsonArray &rings) {
        Polygon polygon;
        for (const QJsonValue &ringValue : rings) {
            Ring ring;
            for (const QJsonValue &position : ringValue.toArray()) {
                const QJsonArray xy = position.toArray();
                ring.append(QPointF(xy.at(0).toDouble(qQNaN()), xy.at(1).toDouble(qQNaN())));
            }
            polygon.append(ring);
        }
        return polygon;
    };
    const QString type = geometry.value(QStringLiteral("type")).toString();
    const QJsonArray coordinates = geometry.value(QStringLiteral("coordinates")).toArray();
    QList<Polygon> result;
    if (type == QStringLiteral("Polygon")) {
        result.append(toPolygon(coordinates));
    } else if (type == QStringLiteral("MultiPolygon")) {
        for (const QJsonValue &polygon : coordinates)
            result.append(toPolygon(polygon.toArray()));
    }
    return result;
}

} // namespace

class tst_FloodZones : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void isAnIllustrativeFeatureCollection();
    void everyFeatureIsAnIllustrativeZone();
    void ringsAreClosedWoundAndInNorfolk();
    void everyZone3HasItsZone2();
    void knownPoints_data();
    void knownPoints();

private:
    QJsonObject m_document;
    QList<Zone> m_zones;
};

void tst_FloodZones::initTestCase()
{
    QFile file(kFile);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(kFile));
    const QByteArray bytes = file.readAll();
    // Shipped in the demo: keep it small enough to load at start-up without notice.
    QVERIFY2(bytes.size() < 300 * 1024, qPrintable(QString::number(bytes.size())));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isObject());
    m_document = document.object();
    for (const QJsonValue &value : m_document.value(QStringLiteral("features")).toArray()) {
        const QJsonObject feature = value.toObject();
        const QJsonObject properties = feature.value(QStringLiteral("properties")).toObject();
        m_zones.append({feature.value(QStringLiteral("id")).toString(),
                        properties.value(QStringLiteral("zone")).toString(),
                        polygonsOf(feature.value(QStringLiteral("geometry")).toObject())});
    }
    QVERIFY(!m_zones.isEmpty());
}

void tst_FloodZones::isAnIllustrativeFeatureCollection()
{
    QCOMPARE(m_document.value(QStringLiteral("type")).toString(),
             QStringLiteral("FeatureCollection"));
    const QString disclaimer = m_document.value(QStringLiteral("disclaimer")).toString();
    QVERIFY(disclaimer.contains(QStringLiteral("Illustrative")));
    QVERIFY(disclaimer.contains(QStringLiteral("NOT Environment Agency")));
    QVERIFY(m_document.value(QStringLiteral("attribution"))
                .toString()
                .contains(QStringLiteral("Open Government Licence v3.0")));
}

void tst_FloodZones::everyFeatureIsAnIllustrativeZone()
{
    QSet<QString> ids;
    for (const QJsonValue &value : m_document.value(QStringLiteral("features")).toArray()) {
        const QJsonObject feature = value.toObject();
        const QString id = feature.value(QStringLiteral("id")).toString();
        QVERIFY2(!id.isEmpty() && !ids.contains(id), qPrintable(id));
        ids.insert(id);
        QCOMPARE(feature.value(QStringLiteral("type")).toString(), QStringLiteral("Feature"));
        const QJsonObject properties = feature.value(QStringLiteral("properties")).toObject();
        QVERIFY2(properties.value(QStringLiteral("illustrative")).toBool(false), qPrintable(id));
        const QString zone = properties.value(QStringLiteral("zone")).toString();
        QVERIFY2(zone == QStringLiteral("2") || zone == QStringLiteral("3"), qPrintable(id));
        QVERIFY2(properties.value(QStringLiteral("name"))
                     .toString()
                     .contains(QStringLiteral("illustrative")),
                 qPrintable(id));
        QVERIFY2(properties.value(QStringLiteral("source"))
                     .toString()
                     .contains(QStringLiteral("Crown copyright")),
                 qPrintable(id));
    }
}

void tst_FloodZones::ringsAreClosedWoundAndInNorfolk()
{
    for (const Zone &zone : std::as_const(m_zones)) {
        QVERIFY2(!zone.polygons.isEmpty(), qPrintable(zone.id));
        for (const Polygon &polygon : zone.polygons) {
            for (qsizetype r = 0; r < polygon.size(); ++r) {
                const Ring &ring = polygon[r];
                QVERIFY2(ring.size() >= 4, qPrintable(zone.id));
                QVERIFY2(ring.first() == ring.last(), qPrintable(zone.id));
                for (const QPointF &p : ring) {
                    QVERIFY2(p.x() >= -1.0 && p.x() <= 2.0, qPrintable(zone.id));
                    QVERIFY2(p.y() >= 51.9 && p.y() <= 53.2, qPrintable(zone.id));
                }
                // RFC 7946 right-hand rule: exteriors anticlockwise, holes clockwise.
                const bool anticlockwise = twiceSignedArea(ring) > 0.0;
                QVERIFY2(anticlockwise == (r == 0), qPrintable(zone.id));
            }
        }
    }
}

void tst_FloodZones::everyZone3HasItsZone2()
{
    // Ids are "illustrative-zone<N>-<area>"; a zone 3 area lies inside the same area's zone 2.
    QSet<QString> zone2Areas;
    int zone3Count = 0;
    for (const Zone &zone : std::as_const(m_zones)) {
        if (zone.zone == QStringLiteral("2"))
            zone2Areas.insert(zone.id.section(QLatin1Char('-'), 2));
    }
    for (const Zone &zone : std::as_const(m_zones)) {
        if (zone.zone != QStringLiteral("3"))
            continue;
        ++zone3Count;
        QVERIFY2(zone2Areas.contains(zone.id.section(QLatin1Char('-'), 2)), qPrintable(zone.id));
    }
    QVERIFY(zone3Count > 0);
}

void tst_FloodZones::knownPoints_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<bool>("inZone3");
    QTest::addColumn<bool>("inZone2");

    // The same points as KNOWN_POINTS in tools/make-flood-zones.py (zone 3 150 m, zone 2 400 m
    // from the water; Breydon's north shore is at about 52.6069 N at 1.67 E).
    QTest::newRow("Breydon Water north shore, ~60 m inland")
        << QPointF(1.67, 52.6075) << true << true;
    QTest::newRow("~280 m north of Breydon Water") << QPointF(1.67, 52.6095) << false << true;
    QTest::newRow("~500 m north of Breydon Water") << QPointF(1.67, 52.6115) << false << false;
    QTest::newRow("East Dereham, far from tidal water") << QPointF(0.938, 52.681) << false << false;
    QTest::newRow("on Breydon Water itself (water is not land)")
        << QPointF(1.67, 52.6040) << false << false;
}

void tst_FloodZones::knownPoints()
{
    QFETCH(QPointF, point);
    QFETCH(bool, inZone3);
    QFETCH(bool, inZone2);

    bool found3 = false;
    bool found2 = false;
    for (const Zone &zone : std::as_const(m_zones)) {
        for (const Polygon &polygon : zone.polygons) {
            if (!contains(polygon, point))
                continue;
            (zone.zone == QStringLiteral("3") ? found3 : found2) = true;
        }
    }
    QCOMPARE(found3, inZone3);
    QCOMPARE(found2, inZone2);
}

BV_TEST_MAIN(tst_FloodZones)
#include "tst_floodzones.moc"
