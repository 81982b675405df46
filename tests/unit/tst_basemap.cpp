// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/basemap.h"

#include <QFile>
#include <QTest>

using namespace bv;

// The shipped offline base layer reads back whole; a damaged one is refused.
class tst_BaseMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedLayers();
    void damagedIsRefused_data();
    void damagedIsRefused();

private:
    static QByteArray shippedBytes();
};

QByteArray tst_BaseMap::shippedBytes()
{
    QFile file(QStringLiteral(":/map/basemap.bvmap"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void tst_BaseMap::shippedLayers()
{
    auto map = geo::BaseMap::shipped();
    QVERIFY_RESULT(map);
    for (const char *name : {"land", "tidal waters", "districts", "county", "places"})
        QVERIFY2(map->layer(QString::fromLatin1(name)), name);
    const auto *county = map->layer(QStringLiteral("county"));
    QCOMPARE(county->kind, geo::BaseMap::Kind::Outlines);
    QCOMPARE(county->features.size(), std::size_t(1));
    // The county's outline holds Norwich's market place, and not Cambridge.
    const geo::Area norfolk(QStringLiteral("Norfolk"), county->features.front().polygons);
    QVERIFY(norfolk.contains({1.2993, 52.6286}));
    QVERIFY(!norfolk.contains({0.1218, 52.2053}));
    // Places ranked by size: Norwich a city, a village a village.
    const auto &places = map->layer(QStringLiteral("places"))->places;
    const auto norwich = std::find_if(places.cbegin(), places.cend(), [](const auto &place) {
        return place.name == QLatin1String("Norwich");
    });
    QVERIFY(norwich != places.cend());
    QCOMPARE(norwich->rank, 1);
    QVERIFY(std::count_if(places.cbegin(), places.cend(), [](const auto &p) { return p.rank == 4; })
            > 100);
    // What the licences require on the map.
    QVERIFY(map->attribution.contains(QLatin1String("Crown copyright")));
    QVERIFY(map->attribution.contains(QLatin1String("GeoNames")));
}

void tst_BaseMap::damagedIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray good = shippedBytes();
    const QByteArray raw = qUncompress(good);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not compressed") << QByteArray("BVMAP001 and then nothing");
    QTest::newRow("wrong magic") << qCompress(QByteArray("BVMAP999") + raw.mid(8));
    QTest::newRow("cut short") << qCompress(raw.left(raw.size() / 2));
    QTest::newRow("trailing bytes") << qCompress(raw + QByteArray(5, 'x'));
    QTest::newRow("a count past the end")
        << qCompress(raw.left(8) + QByteArray("\xff\xff\xff\x7f", 4) + raw.mid(12));
}

void tst_BaseMap::damagedIsRefused()
{
    QFETCH(QByteArray, bytes);
    auto map = geo::BaseMap::read(bytes, QStringLiteral("test.bvmap"));
    QVERIFY(!map.ok());
    QVERIFY(map.error().message.contains(QLatin1String("test.bvmap")));
}

BV_TEST_MAIN(tst_BaseMap)
#include "tst_basemap.moc"
