// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "geo/postcodegazetteer.h"

#include <QFile>
#include <QTest>

using namespace bv;
using Precision = geo::PostcodeGazetteer::Precision;

Q_DECLARE_METATYPE(Precision)

// Postcodes to positions from Code-Point Open, falling back to the sector and the district.
class tst_PostcodeGazetteer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void locate_data();
    void locate();
    void damagedIsRefused();
};

void tst_PostcodeGazetteer::locate_data()
{
    QTest::addColumn<QString>("postcode");
    QTest::addColumn<bool>("found");
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    // The data README gives NR1 1AA's converted position.
    QTest::newRow("a unit") << "NR1 1AA" << true << Precision::PostcodeUnit << 52.626650
                            << 1.309339;
    QTest::newRow("lower case, no space")
        << "nr11aa" << true << Precision::PostcodeUnit << 52.626650 << 1.309339;
    QTest::newRow("an unknown unit: its sector or district")
        << "NR1 9ZZ" << true << Precision::District << 0.0 << 0.0;
    QTest::newRow("an outward code alone") << "NR1" << true << Precision::District << 0.0 << 0.0;
    QTest::newRow("outside Norfolk's data")
        << "SW1A 1AA" << false << Precision::District << 0.0 << 0.0;
    QTest::newRow("not a postcode") << "hello world" << false << Precision::District << 0.0 << 0.0;
}

void tst_PostcodeGazetteer::locate()
{
    QFETCH(QString, postcode);
    QFETCH(bool, found);
    QFETCH(Precision, precision);
    QFETCH(double, lat);
    QFETCH(double, lon);
    const auto gazetteer = geo::PostcodeGazetteer::shipped();
    QVERIFY(gazetteer);
    QVERIFY(gazetteer->units() > 30000);
    const auto position = gazetteer->locate(postcode);
    QCOMPARE(position.has_value(), found);
    if (!found)
        return;
    QCOMPARE(position->precision, precision);
    if (lat != 0) {
        QVERIFY(qAbs(position->position.lat - lat) < 1e-6);
        QVERIFY(qAbs(position->position.lon - lon) < 1e-6);
    } else {
        // A sector's or district's centre is near Norwich, for NR1.
        QVERIFY(qAbs(position->position.lat - 52.63) < 0.05);
        QVERIFY(qAbs(position->position.lon - 1.30) < 0.08);
    }
}

void tst_PostcodeGazetteer::damagedIsRefused()
{
    QFile file(QStringLiteral(":/map/postcodes.bvpc"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = qUncompress(file.readAll());
    for (const QByteArray &bad :
         {QByteArray(), qCompress(raw.left(raw.size() - 3)),
          qCompress(QByteArray("BVPC9999") + raw.mid(8)), qCompress(raw + "x")}) {
        auto read = geo::PostcodeGazetteer::read(bad, QStringLiteral("bad.bvpc"));
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(QLatin1String("bad.bvpc")));
    }
}

BV_TEST_MAIN(tst_PostcodeGazetteer)
#include "tst_postcodegazetteer.moc"
