// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/datecompare.h"

#include <QTest>

using namespace bv;
using namespace bv::linkage;

class tst_DateCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void levels_data();
    void levels();
};

void tst_DateCompare::levels_data()
{
    QTest::addColumn<QDate>("a");
    QTest::addColumn<QDate>("b");
    QTest::addColumn<BirthDateLevel>("level");

    const QDate d(1985, 3, 4);
    QTest::newRow("exact") << d << d << BirthDateLevel::Exact;
    QTest::newRow("day and month swapped")
        << d << QDate(1985, 4, 3) << BirthDateLevel::DayMonthSwapped;
    QTest::newRow("swapped but another year") << d << QDate(1986, 4, 3) << BirthDateLevel::Disagree;
    QTest::newRow("day typo") << d << QDate(1985, 3, 14) << BirthDateLevel::OneComponentDiffers;
    QTest::newRow("month typo") << d << QDate(1985, 8, 4) << BirthDateLevel::OneComponentDiffers;
    QTest::newRow("year off by one")
        << d << QDate(1986, 3, 4) << BirthDateLevel::OneComponentDiffers;
    QTest::newRow("year digits transposed")
        << d << QDate(1958, 3, 4) << BirthDateLevel::OneComponentDiffers;
    QTest::newRow("two components differ") << d << QDate(1985, 5, 6) << BirthDateLevel::Disagree;
    QTest::newRow("all differ") << d << QDate(1990, 12, 25) << BirthDateLevel::Disagree;
    // Day equals month: swapping changes nothing, so the same date is exact, not swapped.
    QTest::newRow("day equals month")
        << QDate(1985, 5, 5) << QDate(1985, 5, 5) << BirthDateLevel::Exact;
    QTest::newRow("first missing") << QDate() << d << BirthDateLevel::Missing;
    QTest::newRow("second missing") << d << QDate() << BirthDateLevel::Missing;
    QTest::newRow("both missing") << QDate() << QDate() << BirthDateLevel::Missing;
}

void tst_DateCompare::levels()
{
    QFETCH(QDate, a);
    QFETCH(QDate, b);
    QFETCH(BirthDateLevel, level);
    QCOMPARE(compareBirthDates(a, b), level);
    QCOMPARE(compareBirthDates(b, a), level);
}

BV_TEST_MAIN(tst_DateCompare)
#include "tst_datecompare.moc"
