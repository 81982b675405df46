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
    // The data lists sector NR1 1 at 52.62613, 1.30761 and district NR1 at 52.62653, 1.30677.
    QTest::newRow("an unknown unit: its sector")
        << "NR1 1ZZ" << true << Precision::District << 52.62613 << 1.30761;
    QTest::newRow("an unknown unit in no sector: its district")
        << "NR1 9ZZ" << true << Precision::District << 52.62653 << 1.30677;
    QTest::newRow("a sector as written, not district NR13")
        << "NR1 3" << true << Precision::District << 52.63263 << 1.30671;
    QTest::newRow("an outward code alone")
        << "NR1" << true << Precision::District << 52.62653 << 1.30677;
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
    QVERIFY2(qAbs(position->position.lat - lat) < 1e-6 && qAbs(position->position.lon - lon) < 1e-6,
             qPrintable(QStringLiteral("%1, %2")
                            .arg(position->position.lat, 0, 'f', 6)
                            .arg(position->position.lon, 0, 'f', 6)));
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
