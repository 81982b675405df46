// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/personname.h"
#include "linkage/stringcompare.h"

#include <QTest>

#include <random>

using namespace bv;
using namespace bv::linkage;

class tst_StringCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedValues_data();
    void publishedValues();
    void symmetric();
    void boostOnlyAboveThreshold();
    void prefixCappedAtFour();
    void longStrings();
    void overNormalisedText();
    void oneEdit_data();
    void oneEdit();
};

void tst_StringCompare::publishedValues_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("jaro");
    QTest::addColumn<double>("jaroWinkler");

    // Winkler's (1990) and the textbook examples, to the three decimals usually published.
    QTest::newRow("MARTHA MARHTA")
        << QStringLiteral("MARTHA") << QStringLiteral("MARHTA") << 0.944 << 0.961;
    QTest::newRow("DWAYNE DUANE") << QStringLiteral("DWAYNE") << QStringLiteral("DUANE") << 0.822
                                  << 0.840;
    QTest::newRow("DIXON DICKSONX")
        << QStringLiteral("DIXON") << QStringLiteral("DICKSONX") << 0.767 << 0.813;
    QTest::newRow("JELLYFISH SMELLYFISH")
        << QStringLiteral("JELLYFISH") << QStringLiteral("SMELLYFISH") << 0.896 << 0.896;
    QTest::newRow("both empty") << QString() << QString() << 1.0 << 1.0;
    QTest::newRow("one empty") << QStringLiteral("SMITH") << QString() << 0.0 << 0.0;
    QTest::newRow("identical") << QStringLiteral("WILLIAMS") << QStringLiteral("WILLIAMS") << 1.0
                               << 1.0;
    QTest::newRow("nothing in common")
        << QStringLiteral("ABC") << QStringLiteral("XYZ") << 0.0 << 0.0;
    QTest::newRow("single letters equal")
        << QStringLiteral("A") << QStringLiteral("A") << 1.0 << 1.0;
}

void tst_StringCompare::publishedValues()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, jaro);
    QFETCH(double, jaroWinkler);

    const double j = linkage::jaro(a, b);
    const double jw = linkage::jaroWinkler(a, b);
    QVERIFY2(qAbs(j - jaro) < 0.0005, qPrintable(QString::number(j, 'f', 6)));
    QVERIFY2(qAbs(jw - jaroWinkler) < 0.0005, qPrintable(QString::number(jw, 'f', 6)));
}

void tst_StringCompare::symmetric()
{
    std::mt19937_64 random(20240611);
    std::uniform_int_distribution<int> length(0, 9);
    std::uniform_int_distribution<int> letter(0, 5); // few letters, many matches and swaps
    for (int i = 0; i < 5000; ++i) {
        QString a;
        QString b;
        for (int n = length(random); n > 0; --n)
            a.append(QChar(u'A' + letter(random)));
        for (int n = length(random); n > 0; --n)
            b.append(QChar(u'A' + letter(random)));
        QCOMPARE(jaro(a, b), jaro(b, a));
        QCOMPARE(jaroWinkler(a, b), jaroWinkler(b, a));
        QVERIFY(jaroWinkler(a, b) >= jaro(a, b));
        QVERIFY(jaroWinkler(a, b) <= 1.0);
    }
}

void tst_StringCompare::boostOnlyAboveThreshold()
{
    // Same first letter, little else: jaro is at most 0.7, so no prefix boost.
    const QString a = QStringLiteral("ABCDEF");
    const QString b = QStringLiteral("AXYZUV");
    QVERIFY(jaro(a, b) <= kWinklerBoostThreshold);
    QCOMPARE(jaroWinkler(a, b), jaro(a, b));
}

void tst_StringCompare::prefixCappedAtFour()
{
    // A common prefix of six counts as four.
    const QString a = QStringLiteral("ABCDEFGH");
    const QString b = QStringLiteral("ABCDEFHG");
    const double j = jaro(a, b);
    QVERIFY(qAbs(jaroWinkler(a, b) - (j + 4 * 0.1 * (1 - j))) < 1e-12);
}

void tst_StringCompare::longStrings()
{
    // Past 64 characters the match flags leave the stack; the result must not change.
    const QString base = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ").repeated(4);
    QString swapped = base;
    std::swap(swapped[70], swapped[71]);
    QCOMPARE(jaro(base, base), 1.0);
    const double m = double(base.size());
    // One transposition: t = 1.
    QVERIFY(qAbs(jaro(base, swapped) - (1.0 + 1.0 + (m - 1.0) / m) / 3.0) < 1e-12);
}

void tst_StringCompare::overNormalisedText()
{
    // The comparators see code units; normalisation is what makes these agree.
    QVERIFY(jaroWinkler(u"Siân", u"SIAN") < 1.0);
    QCOMPARE(jaroWinkler(feeds::normaliseName(u"Siân"), feeds::normaliseName(u"sian")), 1.0);
    QCOMPARE(jaroWinkler(feeds::normaliseName(u"O'Brien"), feeds::normaliseName(u"OBRIEN")), 1.0);
}

void tst_StringCompare::oneEdit_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("near");

    QTest::newRow("equal") << QStringLiteral("4021") << QStringLiteral("4021") << true;
    QTest::newRow("both empty") << QString() << QString() << true;
    QTest::newRow("one character against none") << QString() << QStringLiteral("4") << true;
    QTest::newRow("replaced") << QStringLiteral("4021") << QStringLiteral("4071") << true;
    QTest::newRow("inserted") << QStringLiteral("4021") << QStringLiteral("40211") << true;
    QTest::newRow("inserted at the front")
        << QStringLiteral("4021") << QStringLiteral("84021") << true;
    QTest::newRow("deleted in the middle")
        << QStringLiteral("4021") << QStringLiteral("421") << true;
    QTest::newRow("neighbours exchanged")
        << QStringLiteral("4021") << QStringLiteral("4201") << true;
    QTest::newRow("last two exchanged") << QStringLiteral("4021") << QStringLiteral("4012") << true;
    QTest::newRow("two replaced") << QStringLiteral("4021") << QStringLiteral("4ab1") << false;
    QTest::newRow("exchanged apart") << QStringLiteral("4021") << QStringLiteral("1024") << false;
    QTest::newRow("two inserted") << QStringLiteral("4021") << QStringLiteral("402111") << false;
    QTest::newRow("inserted and replaced")
        << QStringLiteral("4021") << QStringLiteral("50211") << false;
    QTest::newRow("exchanged and replaced")
        << QStringLiteral("4021") << QStringLiteral("2409") << false;
}

void tst_StringCompare::oneEdit()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, near);
    QCOMPARE(withinOneEdit(a, b), near);
    QCOMPARE(withinOneEdit(b, a), near);
}

BV_TEST_MAIN(tst_StringCompare)
#include "tst_stringcompare.moc"
