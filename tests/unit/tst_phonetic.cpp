// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/phonetic.h"

#include <QTest>

using namespace bv;
using namespace bv::linkage;

class tst_Phonetic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codes_data();
    void codes();
    void soundsLike_data();
    void soundsLike();
    void lowerCaseInput();
    void maxLength();
};

void tst_Phonetic::codes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("primary");
    QTest::addColumn<QString>("alternate");

    // Examples from Philips' article and the values commonly quoted for Double Metaphone.
    QTest::newRow("Smith") << QStringLiteral("SMITH") << QStringLiteral("SM0")
                           << QStringLiteral("XMT");
    QTest::newRow("Schmidt") << QStringLiteral("SCHMIDT") << QStringLiteral("XMT")
                             << QStringLiteral("SMT");
    QTest::newRow("Smyth") << QStringLiteral("SMYTH") << QStringLiteral("SM0")
                           << QStringLiteral("XMT");
    QTest::newRow("Thomas: TH before OM is T")
        << QStringLiteral("THOMAS") << QStringLiteral("TMS") << QStringLiteral("TMS");
    QTest::newRow("Thompson: the P is sounded")
        << QStringLiteral("THOMPSON") << QStringLiteral("TMPS") << QStringLiteral("TMPS");
    QTest::newRow("Knight: silent K and GH")
        << QStringLiteral("KNIGHT") << QStringLiteral("NT") << QStringLiteral("NT");
    QTest::newRow("Knuth") << QStringLiteral("KNUTH") << QStringLiteral("N0")
                           << QStringLiteral("NT");
    QTest::newRow("Wright") << QStringLiteral("WRIGHT") << QStringLiteral("RT")
                            << QStringLiteral("RT");
    QTest::newRow("Jose: Spanish J")
        << QStringLiteral("JOSE") << QStringLiteral("HS") << QStringLiteral("HS");
    QTest::newRow("Jones") << QStringLiteral("JONES") << QStringLiteral("JNS")
                           << QStringLiteral("ANS");
    QTest::newRow("Xavier: initial X, French -IER")
        << QStringLiteral("XAVIER") << QStringLiteral("SF") << QStringLiteral("SFR");
    QTest::newRow("Michael") << QStringLiteral("MICHAEL") << QStringLiteral("MKL")
                             << QStringLiteral("MXL");
    QTest::newRow("Caesar") << QStringLiteral("CAESAR") << QStringLiteral("SSR")
                            << QStringLiteral("SSR");
    QTest::newRow("Ghislane") << QStringLiteral("GHISLANE") << QStringLiteral("JLN")
                              << QStringLiteral("JLN");
    QTest::newRow("Edge") << QStringLiteral("EDGE") << QStringLiteral("AJ") << QStringLiteral("AJ");
    QTest::newRow("Arnow") << QStringLiteral("ARNOW") << QStringLiteral("ARN")
                           << QStringLiteral("ARNF");
    QTest::newRow("Filipowicz") << QStringLiteral("FILIPOWICZ") << QStringLiteral("FLPT")
                                << QStringLiteral("FLPF");
    // A final W after a vowel is sounded F in one reading (Arnow, Arnoff).
    QTest::newRow("Matthew") << QStringLiteral("MATTHEW") << QStringLiteral("M0")
                             << QStringLiteral("MTF");
    QTest::newRow("Catherine") << QStringLiteral("CATHERINE") << QStringLiteral("K0RN")
                               << QStringLiteral("KTRN");
    QTest::newRow("Czerny") << QStringLiteral("CZERNY") << QStringLiteral("SRN")
                            << QStringLiteral("XRN");
    QTest::newRow("Hugh: silent GH")
        << QStringLiteral("HUGH") << QStringLiteral("H") << QStringLiteral("H");
    QTest::newRow("Laugh: GH as F")
        << QStringLiteral("LAUGH") << QStringLiteral("LF") << QStringLiteral("LF");
    QTest::newRow("Geoffrey") << QStringLiteral("GEOFFREY") << QStringLiteral("JFR")
                              << QStringLiteral("KFR");
    QTest::newRow("Campbell: PB") << QStringLiteral("CAMPBELL") << QStringLiteral("KMPL")
                                  << QStringLiteral("KMPL");
    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("no letters") << QStringLiteral("123") << QString() << QString();
}

void tst_Phonetic::codes()
{
    QFETCH(QString, name);
    QFETCH(QString, primary);
    QFETCH(QString, alternate);

    const PhoneticCodes codes = doubleMetaphone(name);
    QCOMPARE(codes.primary, primary);
    QCOMPARE(codes.alternate, alternate);
}

void tst_Phonetic::soundsLike_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("alike");

    QTest::newRow("Smith Schmidt") << QStringLiteral("SMITH") << QStringLiteral("SCHMIDT") << true;
    QTest::newRow("Smith Smyth") << QStringLiteral("SMITH") << QStringLiteral("SMYTH") << true;
    QTest::newRow("Catherine Katherine")
        << QStringLiteral("CATHERINE") << QStringLiteral("KATHERINE") << true;
    QTest::newRow("Geoffrey Jeffrey")
        << QStringLiteral("GEOFFREY") << QStringLiteral("JEFFREY") << true;
    QTest::newRow("Arnow Arnoff") << QStringLiteral("ARNOW") << QStringLiteral("ARNOFF") << true;
    QTest::newRow("Wasserman Vasserman")
        << QStringLiteral("WASSERMAN") << QStringLiteral("VASSERMAN") << true;
    QTest::newRow("Philip Phillip")
        << QStringLiteral("PHILIP") << QStringLiteral("PHILLIP") << true;
    QTest::newRow("Jose Jones") << QStringLiteral("JOSE") << QStringLiteral("JONES") << false;
    QTest::newRow("Smith Jones") << QStringLiteral("SMITH") << QStringLiteral("JONES") << false;
    QTest::newRow("empty never sounds like empty") << QString() << QString() << false;
}

void tst_Phonetic::soundsLike()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, alike);
    QCOMPARE(doubleMetaphone(a).soundsLike(doubleMetaphone(b)), alike);
    QCOMPARE(doubleMetaphone(b).soundsLike(doubleMetaphone(a)), alike);
    // The packed form that prepared records keep agrees with the codes.
    const PhoneticKey keyA = PhoneticKey::from(doubleMetaphone(a));
    const PhoneticKey keyB = PhoneticKey::from(doubleMetaphone(b));
    QCOMPARE(keyA.soundsLike(keyB), alike);
    QCOMPARE(keyB.soundsLike(keyA), alike);
}

void tst_Phonetic::lowerCaseInput()
{
    QCOMPARE(doubleMetaphone(u"schmidt"), doubleMetaphone(u"SCHMIDT"));
}

void tst_Phonetic::maxLength()
{
    // Coding stops once both codes are full; a longer limit gives the longer code.
    QCOMPARE(doubleMetaphone(u"THOMPSON").primary, QStringLiteral("TMPS"));
    QCOMPARE(doubleMetaphone(u"THOMPSON", 8).primary, QStringLiteral("TMPSN"));
}

BV_TEST_MAIN(tst_Phonetic)
#include "tst_phonetic.moc"
