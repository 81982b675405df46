// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/personname.h"

#include <QTest>

using namespace bv;
using namespace bv::feeds;

class tst_PersonName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normaliseName_data();
    void normaliseName();
    void givenNamesLoseTitles_data();
    void givenNamesLoseTitles();
    void fromFullName_data();
    void fromFullName();
    void keepsTheOriginalForDisplay();
};

void tst_PersonName::normaliseName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("normalised");

    QTest::newRow("plain") << QStringLiteral("Smith") << QStringLiteral("SMITH");
    QTest::newRow("circumflex") << QStringLiteral("Siân") << QStringLiteral("SIAN");
    QTest::newRow("decomposed input") << QStringLiteral("Sia\u0302n") << QStringLiteral("SIAN");
    QTest::newRow("Polish letters") << QStringLiteral("Łódź") << QStringLiteral("LODZ");
    QTest::newRow("lower-case l with stroke")
        << QStringLiteral("Michał") << QStringLiteral("MICHAL");
    QTest::newRow("Scandinavian o") << QStringLiteral("Søren") << QStringLiteral("SOREN");
    QTest::newRow("sharp s") << QStringLiteral("Strauß") << QStringLiteral("STRAUSS");
    QTest::newRow("cedilla and umlaut")
        << QStringLiteral("François Müller") << QStringLiteral("FRANCOIS MULLER");
    QTest::newRow("apostrophe") << QStringLiteral("O'Brien") << QStringLiteral("OBRIEN");
    QTest::newRow("typographic apostrophe")
        << QStringLiteral("O’Brien") << QStringLiteral("OBRIEN");
    QTest::newRow("hyphen") << QStringLiteral("Smith-Jones") << QStringLiteral("SMITH JONES");
    QTest::newRow("en dash") << QStringLiteral("Smith – Jones") << QStringLiteral("SMITH JONES");
    QTest::newRow("runs of spaces")
        << QStringLiteral("  Mary   Ann  ") << QStringLiteral("MARY ANN");
    QTest::newRow("full stops") << QStringLiteral("St. John") << QStringLiteral("ST JOHN");
    QTest::newRow("ligature") << QStringLiteral("ﬁnn") << QStringLiteral("FINN");
    QTest::newRow("Irish fada") << QStringLiteral("Seán Ó Briain")
                                << QStringLiteral("SEAN O BRIAIN");
    QTest::newRow("Welsh") << QStringLiteral("Dafydd ap Gwŷn") << QStringLiteral("DAFYDD AP GWYN");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("punctuation only") << QStringLiteral(" - ' ") << QString();
}

void tst_PersonName::normaliseName()
{
    QFETCH(QString, name);
    QFETCH(QString, normalised);
    QCOMPARE(bv::feeds::normaliseName(name), normalised);
    // Normalising twice changes nothing.
    QCOMPARE(bv::feeds::normaliseName(normalised), normalised);
}

void tst_PersonName::givenNamesLoseTitles_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("normalised");

    QTest::newRow("Mr") << QStringLiteral("Mr John") << QStringLiteral("JOHN");
    QTest::newRow("Mrs with full stop")
        << QStringLiteral("Mrs. Jane Ann") << QStringLiteral("JANE ANN");
    QTest::newRow("Ms") << QStringLiteral("MS Priya") << QStringLiteral("PRIYA");
    QTest::newRow("Miss") << QStringLiteral("miss Siân") << QStringLiteral("SIAN");
    QTest::newRow("Dr") << QStringLiteral("Dr Amir") << QStringLiteral("AMIR");
    QTest::newRow("two titles") << QStringLiteral("Dr Mrs Ruth") << QStringLiteral("RUTH");
    QTest::newRow("title-like middle name kept")
        << QStringLiteral("Anna Miss") << QStringLiteral("ANNA MISS");
    QTest::newRow("name that starts like a title")
        << QStringLiteral("Missy") << QStringLiteral("MISSY");
    QTest::newRow("title alone is kept") << QStringLiteral("Dr") << QStringLiteral("DR");
}

void tst_PersonName::givenNamesLoseTitles()
{
    QFETCH(QString, given);
    QFETCH(QString, normalised);
    QCOMPARE(normaliseGivenNames(given), normalised);
    QCOMPARE(PersonName(given, QStringLiteral("Smith")).normalisedGiven(), normalised);
}

void tst_PersonName::fromFullName_data()
{
    QTest::addColumn<QString>("fullName");
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("firstGiven");

    QTest::newRow("family first") << QStringLiteral("O'Brien, Siân Mary")
                                  << QStringLiteral("Siân Mary") << QStringLiteral("O'Brien")
                                  << QStringLiteral("SIAN");
    QTest::newRow("family first, no space after comma")
        << QStringLiteral("SMITH,JOHN") << QStringLiteral("JOHN") << QStringLiteral("SMITH")
        << QStringLiteral("JOHN");
    QTest::newRow("given first") << QStringLiteral("Siân Mary O'Brien")
                                 << QStringLiteral("Siân Mary") << QStringLiteral("O'Brien")
                                 << QStringLiteral("SIAN");
    QTest::newRow("given first, hyphenated family")
        << QStringLiteral(" John  Smith-Jones ") << QStringLiteral("John")
        << QStringLiteral("Smith-Jones") << QStringLiteral("JOHN");
    QTest::newRow("given first with a title")
        << QStringLiteral("Mr John Smith") << QStringLiteral("Mr John") << QStringLiteral("Smith")
        << QStringLiteral("JOHN");
    QTest::newRow("one word is a family name")
        << QStringLiteral("Smith") << QString() << QStringLiteral("Smith") << QString();
    QTest::newRow("family first without given names")
        << QStringLiteral("Smith,") << QString() << QStringLiteral("Smith") << QString();
    QTest::newRow("empty") << QString() << QString() << QString() << QString();
}

void tst_PersonName::fromFullName()
{
    QFETCH(QString, fullName);
    QFETCH(QString, given);
    QFETCH(QString, family);
    QFETCH(QString, firstGiven);

    const PersonName name = PersonName::fromFullName(fullName);
    QCOMPARE(name.given(), given);
    QCOMPARE(name.family(), family);
    QCOMPARE(name.normalisedFirstGiven(), firstGiven);
    QCOMPARE(name.normalisedFamily(), bv::feeds::normaliseName(family));
    QCOMPARE(name.isEmpty(), given.isEmpty() && family.isEmpty());
}

void tst_PersonName::keepsTheOriginalForDisplay()
{
    const PersonName name(QStringLiteral("Siân"), QStringLiteral("Łódź-O’Brien"));
    QCOMPARE(name.given(), QStringLiteral("Siân"));
    QCOMPARE(name.family(), QStringLiteral("Łódź-O’Brien"));
    QCOMPARE(name.normalisedGiven(), QStringLiteral("SIAN"));
    QCOMPARE(name.normalisedFamily(), QStringLiteral("LODZ OBRIEN"));
}

BV_TEST_MAIN(tst_PersonName)
#include "tst_personname.moc"
