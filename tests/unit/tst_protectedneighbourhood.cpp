// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/protectedneighbourhood.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace bv;

// Who would show where a protected person lives: anyone at their address, and their family
// near it; nobody else, and never the protected person against their own places.
class tst_ProtectedNeighbourhood : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void givesAway_data();
    void givesAway();
};

void tst_ProtectedNeighbourhood::givesAway_data()
{
    QTest::addColumn<qint64>("person");
    QTest::addColumn<double>("northMetres"); // from the protected home
    QTest::addColumn<double>("eastMetres");
    QTest::addColumn<bool>("expected");
    // Person 1 is protected and lives at the refuge; 2 is their child; 3 a stranger.
    QTest::newRow("a stranger in the same building") << qint64(3) << 10.0 << 0.0 << true;
    QTest::newRow("a stranger at the postcode's centre, 45 m off")
        << qint64(3) << 0.0 << 45.0 << true;
    QTest::newRow("a stranger next street, 80 m") << qint64(3) << 80.0 << 0.0 << false;
    QTest::newRow("the child by a postcode centre 400 m off") << qint64(2) << 0.0 << 400.0 << true;
    QTest::newRow("the child across town, 2 km") << qint64(2) << 2000.0 << 0.0 << false;
    QTest::newRow("the protected person against their own home")
        << qint64(1) << 0.0 << 0.0 << false;
    // The refuge sits 20 m south of a 0.01 degree line: across it is another cell.
    QTest::newRow("a stranger across the grid line, 30 m") << qint64(3) << 30.0 << 0.0 << true;
}

void tst_ProtectedNeighbourhood::givesAway()
{
    QFETCH(qint64, person);
    QFETCH(double, northMetres);
    QFETCH(double, eastMetres);
    QFETCH(bool, expected);
    const geo::LonLat refuge{1.29, 52.63 - 20.0 / 111195.0};
    geo::ProtectedNeighbourhood neighbourhood;
    neighbourhood.addPlace(1, refuge);
    neighbourhood.addPlace(1, {1.50, 52.70}); // where they lived before
    neighbourhood.addRelation(2, 1);
    const double metresPerLonDegree = 111195.0 * std::cos(refuge.lat * std::numbers::pi / 180.0);
    const geo::LonLat at{refuge.lon + eastMetres / metresPerLonDegree,
                         refuge.lat + northMetres / 111195.0};
    QCOMPARE(neighbourhood.givesAway(person, at), expected);
    QVERIFY(neighbourhood.protectedPeople().contains(1));
}

BV_TEST_MAIN(tst_ProtectedNeighbourhood)
#include "tst_protectedneighbourhood.moc"
