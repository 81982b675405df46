// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/gridconverter.h"
#include "store/sqlitelibrary.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <optional>

using namespace bv;
using namespace bv::feeds;

class tst_GridConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownPoints_data();
    void knownPoints();
    void outOfRange_data();
    void outOfRange();
    void survivesAMove();
    void sqlcipherStillServesSqliteAfterProj();

private:
    std::optional<GridConverter> m_converter;
};

void tst_GridConverter::initTestCase()
{
    Result<GridConverter> converter = GridConverter::create();
    QVERIFY_RESULT(converter);
    m_converter.emplace(std::move(converter).value());
}

void tst_GridConverter::knownPoints_data()
{
    QTest::addColumn<double>("easting");
    QTest::addColumn<double>("northing");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("tolerance");

    // Expected values were computed apart from PROJ, with the Ordnance Survey guide's
    // transverse Mercator formulas (they reproduce its worked example to 1e-7 degrees) and the
    // EPSG:1314 Helmert parameters; 1e-4 degrees (about 10 m) allows for rounding, and
    // catches PROJ falling back to a ballpark transformation (about 100 m off).
    const double helmert = 1e-4;
    QTest::newRow("Norwich Cathedral, against the Helmert reference")
        << 623500.0 << 308900.0 << 1.301259 << 52.631804 << helmert;
    QTest::newRow("Norwich Cathedral, near its published position")
        << 623500.0 << 308900.0 << 1.30 << 52.63 << 0.002;
    QTest::newRow("Caister water tower, the OS guide's worked example")
        << 651409.903 << 313177.270 << 1.716052 << 52.657979 << helmert;
    QTest::newRow("true origin of the grid")
        << 400000.0 << 100000.0 << -2.001367 << 50.799561 << helmert;
    // The Greenwich meridian of OSGB36 lies about 100 m east of WGS84's prime meridian.
    QTest::newRow("Greenwich, Airy's meridian")
        << 538874.0 << 177344.0 << -0.001622 << 51.478015 << helmert;
    QTest::newRow("Edinburgh") << 326000.0 << 673000.0 << -3.186379 << 55.944322 << helmert;
    QTest::newRow("south-west corner of the grid")
        << 0.0 << 0.0 << -7.557160 << 49.766807 << helmert;
    // Open sea beyond the Helmert's area of use: PROJ falls back to a ballpark conversion
    // with no datum shift (about 150 m off), still a position rather than an error.
    QTest::newRow("north-east corner of the grid, outside the Helmert's area")
        << 700000.0 << 1300000.0 << 3.632021 << 61.464590 << 0.005;
}

void tst_GridConverter::knownPoints()
{
    QFETCH(double, easting);
    QFETCH(double, northing);
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, tolerance);

    const Result<LonLat> position = m_converter->toLonLat(easting, northing);
    QVERIFY_RESULT(position);
    const QString actual = QStringLiteral("got lon %1, lat %2")
                               .arg(position->lon, 0, 'f', 6)
                               .arg(position->lat, 0, 'f', 6);
    QVERIFY2(std::abs(position->lon - lon) <= tolerance, qPrintable(actual));
    QVERIFY2(std::abs(position->lat - lat) <= tolerance, qPrintable(actual));
}

void tst_GridConverter::outOfRange_data()
{
    QTest::addColumn<double>("easting");
    QTest::addColumn<double>("northing");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    QTest::newRow("negative easting") << -1.0 << 308900.0;
    QTest::newRow("negative northing") << 623500.0 << -0.5;
    QTest::newRow("easting past the grid") << 700000.5 << 308900.0;
    QTest::newRow("northing past the grid") << 623500.0 << 1300001.0;
    QTest::newRow("not a number") << nan << 308900.0;
    QTest::newRow("infinite") << 623500.0 << infinity;
}

void tst_GridConverter::outOfRange()
{
    QFETCH(double, easting);
    QFETCH(double, northing);
    const Result<LonLat> position = m_converter->toLonLat(easting, northing);
    QVERIFY(!position.ok());
    QVERIFY2(position.error().message.contains(QLatin1String("outside the British National Grid")),
             qPrintable(position.error().message));
    // The converter is still usable after an error.
    QVERIFY_RESULT(m_converter->toLonLat(623500.0, 308900.0));
}

void tst_GridConverter::survivesAMove()
{
    Result<GridConverter> created = GridConverter::create();
    QVERIFY_RESULT(created);
    GridConverter moved = std::move(created).value();
    GridConverter movedAgain(std::move(moved));
    const Result<LonLat> position = movedAgain.toLonLat(623500.0, 308900.0);
    QVERIFY_RESULT(position);
    QVERIFY(std::abs(position->lat - 52.631804) < 1e-4);
}

void tst_GridConverter::sqlcipherStillServesSqliteAfterProj()
{
    // PROJ has opened proj.db through sqlite3_* by now; those calls went to SQLCipher, which
    // must still be the library this process bound.
    QVERIFY_RESULT(m_converter->toLonLat(651409.903, 313177.270));
    const auto library = store::verifySqliteLibrary();
    QVERIFY_RESULT(library);
    QVERIFY(!library->cipherVersion.isEmpty());
}

BV_TEST_MAIN(tst_GridConverter)
#include "tst_gridconverter.moc"
