// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/postcode.h"

#include <QTest>

using namespace bv;
using namespace bv::feeds;

class tst_Postcode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalises_data();
    void normalises();
    void rejects_data();
    void rejects();
    void errorDoesNotEchoTheValue();
};

void tst_Postcode::normalises_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("area");
    QTest::addColumn<QString>("district");
    QTest::addColumn<QString>("sector");

    const QString nr = QStringLiteral("NR1 3JB");
    const QString a = QStringLiteral("NR");
    const QString d = QStringLiteral("NR1");
    const QString s = QStringLiteral("NR1 3");
    QTest::newRow("canonical already") << nr << nr << a << d << s;
    QTest::newRow("lower case") << QStringLiteral("nr1 3jb") << nr << a << d << s;
    QTest::newRow("no space") << QStringLiteral("NR13JB") << nr << a << d << s;
    QTest::newRow("extra spaces") << QStringLiteral(" NR1  3JB ") << nr << a << d << s;
    QTest::newRow("space in the wrong place") << QStringLiteral("NR13 JB") << nr << a << d << s;
    QTest::newRow("mixed case, tab") << QStringLiteral("nR1\t3jB") << nr << a << d << s;
    QTest::newRow("A9 9AA") << QStringLiteral("m1 1ae") << QStringLiteral("M1 1AE")
                            << QStringLiteral("M") << QStringLiteral("M1")
                            << QStringLiteral("M1 1");
    QTest::newRow("A99 9AA") << QStringLiteral("B338TH") << QStringLiteral("B33 8TH")
                             << QStringLiteral("B") << QStringLiteral("B33")
                             << QStringLiteral("B33 8");
    QTest::newRow("AA9 9AA") << QStringLiteral("PE302AB") << QStringLiteral("PE30 2AB")
                             << QStringLiteral("PE") << QStringLiteral("PE30")
                             << QStringLiteral("PE30 2");
    QTest::newRow("AA99 9AA") << QStringLiteral("NR32 1AB") << QStringLiteral("NR32 1AB")
                              << QStringLiteral("NR") << QStringLiteral("NR32")
                              << QStringLiteral("NR32 1");
    QTest::newRow("A9A 9AA") << QStringLiteral("w1a1aa") << QStringLiteral("W1A 1AA")
                             << QStringLiteral("W") << QStringLiteral("W1A")
                             << QStringLiteral("W1A 1");
    QTest::newRow("AA9A 9AA") << QStringLiteral("EC1A 1BB") << QStringLiteral("EC1A 1BB")
                              << QStringLiteral("EC") << QStringLiteral("EC1A")
                              << QStringLiteral("EC1A 1");
    QTest::newRow("GIR 0AA") << QStringLiteral("gir0aa") << QStringLiteral("GIR 0AA")
                             << QStringLiteral("GIR") << QStringLiteral("GIR")
                             << QStringLiteral("GIR 0");
}

void tst_Postcode::normalises()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QString, area);
    QFETCH(QString, district);
    QFETCH(QString, sector);

    const Result<Postcode> postcode = Postcode::parse(text);
    QVERIFY_RESULT(postcode);
    QCOMPARE(postcode->text(), canonical);
    QCOMPARE(postcode->area(), area);
    QCOMPARE(postcode->district(), district);
    QCOMPARE(postcode->sector(), sector);
    // Canonical form is a fixed point.
    QCOMPARE(Postcode::parse(canonical).value(), postcode.value());
}

void tst_Postcode::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("only spaces") << QStringLiteral("   ");
    QTest::newRow("too short") << QStringLiteral("NR1");
    QTest::newRow("outward only with space") << QStringLiteral("NR1 ");
    QTest::newRow("four characters") << QStringLiteral("N3JB");
    QTest::newRow("too long") << QStringLiteral("NR123 3JB");
    QTest::newRow("inward starts with a letter") << QStringLiteral("NR1 AJB");
    QTest::newRow("inward ends with a digit") << QStringLiteral("NR1 3J8");
    QTest::newRow("outward starts with a digit") << QStringLiteral("1R1 3JB");
    QTest::newRow("three letter area") << QStringLiteral("NRA1 3JB");
    QTest::newRow("outward all letters") << QStringLiteral("NRA 3JB");
    QTest::newRow("punctuation") << QStringLiteral("NR1-3JB");
    QTest::newRow("accented letter") << QStringLiteral("NÉ1 3JB");
    QTest::newRow("full-width letters") << QStringLiteral("ＮＲ1 3JB");
    QTest::newRow("GIR with another inward") << QStringLiteral("GIR 0AB");
}

void tst_Postcode::rejects()
{
    QFETCH(QString, text);
    const Result<Postcode> postcode = Postcode::parse(text);
    QVERIFY(!postcode.ok());
    QVERIFY(!postcode.error().message.isEmpty());
}

void tst_Postcode::errorDoesNotEchoTheValue()
{
    const Result<Postcode> postcode = Postcode::parse(u"ZZ99 XYZ");
    QVERIFY(!postcode.ok());
    QVERIFY2(!postcode.error().message.contains(QLatin1String("ZZ99")),
             qPrintable(postcode.error().message));
}

BV_TEST_MAIN(tst_Postcode)
#include "tst_postcode.moc"
