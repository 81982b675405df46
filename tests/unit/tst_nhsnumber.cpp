// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/nhsnumber.h"

#include <QSet>
#include <QTest>

using namespace bv;
using namespace bv::feeds;

Q_DECLARE_METATYPE(NhsNumber::Status)

namespace {

// The Modulus 11 rule written out independently of the code under test.
bool referenceIsValid(const QString &tenDigits)
{
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (tenDigits.at(i).unicode() - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && check == tenDigits.at(9).unicode() - '0';
}

} // namespace

class tst_NhsNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void checkDigitAgreesWithReference_data();
    void checkDigitAgreesWithReference();
    void checkDigitEdgeCases();
    void testNumbersAreValidAndInTestRange();
    void testNumbersAreDistinctAndRepeatable();
};

void tst_NhsNumber::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<NhsNumber::Status>("status");
    QTest::addColumn<QString>("digits");

    const QString published = QStringLiteral("9434765919");
    QTest::newRow("published example, spaced")
        << QStringLiteral("943 476 5919") << NhsNumber::Status::Valid << published;
    QTest::newRow("published example, hyphens")
        << QStringLiteral("943-476-5919") << NhsNumber::Status::Valid << published;
    QTest::newRow("published example, bare")
        << QStringLiteral("9434765919") << NhsNumber::Status::Valid << published;
    QTest::newRow("stray spaces and tab")
        << QStringLiteral("  94 34 7659\t19 ") << NhsNumber::Status::Valid << published;
    QTest::newRow("check digit eleven becomes zero")
        << QStringLiteral("987 654 3210") << NhsNumber::Status::Valid
        << QStringLiteral("9876543210");
    QTest::newRow("test range example") << QStringLiteral("999 000 0018")
                                        << NhsNumber::Status::Valid << QStringLiteral("9990000018");
    QTest::newRow("last digit mistyped")
        << QStringLiteral("943 476 5918") << NhsNumber::Status::CheckDigitFails
        << QStringLiteral("9434765918");
    QTest::newRow("two digits transposed")
        << QStringLiteral("934 476 5919") << NhsNumber::Status::CheckDigitFails
        << QStringLiteral("9344765919");
    QTest::newRow("remainder ten is never valid")
        << QStringLiteral("123 456 7890") << NhsNumber::Status::CheckDigitFails
        << QStringLiteral("1234567890");
    QTest::newRow("empty") << QString() << NhsNumber::Status::Empty << QString();
    QTest::newRow("only separators")
        << QStringLiteral(" - ") << NhsNumber::Status::Empty << QString();
    QTest::newRow("nine digits") << QStringLiteral("943 476 591") << NhsNumber::Status::Malformed
                                 << QString();
    QTest::newRow("eleven digits")
        << QStringLiteral("943 476 59190") << NhsNumber::Status::Malformed << QString();
    QTest::newRow("letter") << QStringLiteral("943 476 591X") << NhsNumber::Status::Malformed
                            << QString();
    QTest::newRow("other separator")
        << QStringLiteral("943.476.5919") << NhsNumber::Status::Malformed << QString();
    QTest::newRow("non-ASCII digits")
        << QStringLiteral("\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669")
        << NhsNumber::Status::Malformed << QString();
}

void tst_NhsNumber::parse()
{
    QFETCH(QString, text);
    QFETCH(NhsNumber::Status, status);
    QFETCH(QString, digits);

    const NhsNumber number = NhsNumber::parse(text);
    QCOMPARE(number.status(), status);
    QCOMPARE(number.digits(), digits);
    QCOMPARE(number.isUsableForLinkage(), status == NhsNumber::Status::Valid);
    if (!digits.isEmpty()) {
        QCOMPARE(number.isValid(), referenceIsValid(digits));
        QCOMPARE(number.formatted(),
                 digits.left(3) + u' ' + digits.mid(3, 3) + u' ' + digits.mid(6));
    }
}

void tst_NhsNumber::checkDigitAgreesWithReference_data()
{
    QTest::addColumn<QString>("nineDigits");
    // A spread of prefixes, including ones whose remainder is 0 (check 11 -> 0) and 1 (10).
    for (const char *prefix : {"943476591", "401023213", "100000001", "999000001", "999123456",
                               "123456789", "000000000", "987654321", "555555555"})
        QTest::newRow(prefix) << QString::fromLatin1(prefix);
}

void tst_NhsNumber::checkDigitAgreesWithReference()
{
    QFETCH(QString, nineDigits);
    int valid = 0;
    for (int last = 0; last <= 9; ++last) {
        const QString candidate = nineDigits + QString::number(last);
        const bool expected = referenceIsValid(candidate);
        QCOMPARE(NhsNumber::parse(candidate).isValid(), expected);
        valid += expected ? 1 : 0;
    }
    // Exactly one final digit fits, unless the remainder makes the check digit 10.
    QCOMPARE(valid, NhsNumber::checkDigit(nineDigits) < 0 ? 0 : 1);
}

void tst_NhsNumber::checkDigitEdgeCases()
{
    QCOMPARE(NhsNumber::checkDigit(u"943476591"), 9);
    QCOMPARE(NhsNumber::checkDigit(u"987654321"), 0);  // 11 - 0 = 11, written as 0
    QCOMPARE(NhsNumber::checkDigit(u"123456789"), -1); // 11 - 1 = 10: no valid number
    QCOMPARE(NhsNumber::checkDigit(u"12345678"), -1);  // too short
    QCOMPARE(NhsNumber::checkDigit(u"12345678X"), -1);
}

void tst_NhsNumber::testNumbersAreValidAndInTestRange()
{
    for (quint64 index : {quint64(0), quint64(1), quint64(8), quint64(9), quint64(12345),
                          NhsNumber::kTestNumberCount - 1, NhsNumber::kTestNumberCount,
                          quint64(0xffffffffffffffffULL)}) {
        const NhsNumber number = NhsNumber::testNumber(index);
        QVERIFY2(number.isValid(), qPrintable(number.digits()));
        QVERIFY(referenceIsValid(number.digits()));
        QVERIFY(number.digits().startsWith(QLatin1String("999")));
        QCOMPARE(NhsNumber::parse(number.formatted()).digits(), number.digits());
    }
    QCOMPARE(NhsNumber::testNumber(NhsNumber::kTestNumberCount).digits(),
             NhsNumber::testNumber(0).digits());
}

void tst_NhsNumber::testNumbersAreDistinctAndRepeatable()
{
    QSet<QString> seen;
    for (quint64 index = 0; index < 20000; ++index) {
        const QString digits = NhsNumber::testNumber(index).digits();
        QVERIFY2(!seen.contains(digits), qPrintable(QString::number(index)));
        seen.insert(digits);
    }
    QCOMPARE(NhsNumber::testNumber(777).digits(), NhsNumber::testNumber(777).digits());
}

BV_TEST_MAIN(tst_NhsNumber)
#include "tst_nhsnumber.moc"
