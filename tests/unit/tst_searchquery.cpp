// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/age.h"
#include "common/testsupport.h"
#include "search/personsearch.h"
#include "search/personsearchindex.h"

#include <QTest>

using namespace bv;
using namespace bv::search;

class tst_SearchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void namesMatchAsTheyStartAndAsTheySound();
    void keysAreSingleWords();
    void ageCountsAsUkLawDoes_data();
    void ageCountsAsUkLawDoes();
    void longQueriesAreCut();
};

void tst_SearchQuery::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("nhs");
    QTest::addColumn<QDate>("birth");
    QTest::addColumn<QString>("postcode");
    QTest::addColumn<QString>("outward");
    QTest::addColumn<QStringList>("ignored");

    const QStringList none;
    QTest::newRow("names") << QStringLiteral("Jane  Smith") << QStringList{u"JANE"_qs, u"SMITH"_qs}
                           << QString() << QDate() << QString() << QString() << none;
    QTest::newRow("punctuation and accents")
        << QStringLiteral("Siân O'Brien") << QStringList{u"SIAN"_qs, u"OBRIEN"_qs} << QString()
        << QDate() << QString() << QString() << none;
    QTest::newRow("UK date, day first")
        << QStringLiteral("smith 12/03/1985") << QStringList{u"SMITH"_qs} << QString()
        << QDate(1985, 3, 12) << QString() << QString() << none;
    QTest::newRow("short UK date") << QStringLiteral("1.2.1985") << none << QString()
                                   << QDate(1985, 2, 1) << QString() << QString() << none;
    QTest::newRow("ISO date") << QStringLiteral("1985-03-12") << none << QString()
                              << QDate(1985, 3, 12) << QString() << QString() << none;
    QTest::newRow("no such date") << QStringLiteral("31/02/1985") << none << QString() << QDate()
                                  << QString() << QString() << QStringList{u"31/02/1985"_qs};
    QTest::newRow("NHS number as printed")
        << QStringLiteral("943 476 5919") << none << QStringLiteral("9434765919") << QDate()
        << QString() << QString() << none;
    QTest::newRow("NHS number whose check digit fails")
        << QStringLiteral("9434765918") << none << QString() << QDate() << QString() << QString()
        << QStringList{u"9434765918"_qs};
    QTest::newRow("postcode") << QStringLiteral("NR1 3JB") << none << QString() << QDate()
                              << QStringLiteral("NR1 3JB") << QString() << none;
    QTest::newRow("postcode run together, lower case")
        << QStringLiteral("nr13jb") << none << QString() << QDate() << QStringLiteral("NR1 3JB")
        << QString() << none;
    QTest::newRow("outward code and a name")
        << QStringLiteral("nr1 smith") << QStringList{u"SMITH"_qs} << QString() << QDate()
        << QString() << QStringLiteral("NR1") << none;
    QTest::newRow("a lone number") << QStringLiteral("7") << none << QString() << QDate()
                                   << QString() << QString() << QStringList{u"7"_qs};
}

void tst_SearchQuery::parse()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QFETCH(QString, nhs);
    QFETCH(QDate, birth);
    QFETCH(QString, postcode);
    QFETCH(QString, outward);
    QFETCH(QStringList, ignored);
    const SearchQuery query = SearchQuery::parse(text);
    QCOMPARE(query.nameWords, names);
    QCOMPARE(query.nhsNumber, nhs);
    QCOMPARE(query.birthDate, birth);
    QCOMPARE(query.postcode, postcode);
    QCOMPARE(query.outwardCode, outward);
    QCOMPARE(query.ignored, ignored);
}

void tst_SearchQuery::namesMatchAsTheyStartAndAsTheySound()
{
    const SearchQuery smith = SearchQuery::parse(QStringLiteral("Smith"));
    const SearchQuery smyth = SearchQuery::parse(QStringLiteral("Smyth"));
    QCOMPARE(smith.matchExpression(false), QStringLiteral("names:SMITH*"));
    // Both sound alike, so each asks for the other's key.
    for (const QString &key : soundKeys(u"SMYTH"))
        QVERIFY2(smith.matchExpression().contains(QStringLiteral("keys:") + key),
                 qPrintable(smith.matchExpression()));
    QCOMPARE(soundKeys(u"SMITH"), soundKeys(u"SMYTH"));
    // Two letters are a prefix only: too little to sound like anything.
    QCOMPARE(SearchQuery::parse(QStringLiteral("sm")).matchExpression(),
             QStringLiteral("names:SM*"));
    // Every term must hold: terms are joined by the implicit AND.
    const SearchQuery both = SearchQuery::parse(QStringLiteral("jo 1985-03-12"));
    QCOMPARE(both.matchExpression(), QStringLiteral("names:JO* keys:dob19850312"));
    QCOMPARE(both.kinds(), (QStringList{u"name"_qs, u"birth_date"_qs}));
}

void tst_SearchQuery::keysAreSingleWords()
{
    // FTS4's simple tokenizer splits on anything but letters and digits: each key must stay
    // one token, or it would match the wrong thing.
    for (const QString &key : {nhsKey(u"9434765919"), birthKey(u"1985-03-12"),
                               postcodeKey(u"NR1 3JB"), outwardKey(u"NR1")}) {
        for (const QChar c : key)
            QVERIFY2(c.isLetterOrNumber(), qPrintable(key));
    }
    QCOMPARE(postcodeKey(u"NR1 3JB"), QStringLiteral("pcNR13JB"));
}

void tst_SearchQuery::ageCountsAsUkLawDoes_data()
{
    QTest::addColumn<QDate>("birth");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<int>("age");
    QTest::newRow("the day before") << QDate(2000, 6, 15) << QDate(2010, 6, 14) << 9;
    QTest::newRow("the birthday") << QDate(2000, 6, 15) << QDate(2010, 6, 15) << 10;
    // Born on 29 February: a year older on 1 March when there is no 29 February.
    QTest::newRow("leap day, 28 February") << QDate(2000, 2, 29) << QDate(2001, 2, 28) << 0;
    QTest::newRow("leap day, 1 March") << QDate(2000, 2, 29) << QDate(2001, 3, 1) << 1;
    QTest::newRow("leap day, in a leap year") << QDate(2000, 2, 29) << QDate(2004, 2, 29) << 4;
}

void tst_SearchQuery::ageCountsAsUkLawDoes()
{
    QFETCH(QDate, birth);
    QFETCH(QDate, day);
    QFETCH(int, age);
    QCOMPARE(ageOn(birth, day), age);
}

void tst_SearchQuery::longQueriesAreCut()
{
    // FTS4 nests each AND: thousands of words would fail the query, so eight are used.
    QStringList words;
    for (int i = 0; i < 2000; ++i)
        words << QStringLiteral("name");
    const SearchQuery query = SearchQuery::parse(words.join(QLatin1Char(' ')));
    QCOMPARE(query.nameWords.size(), 8);
    // A lone letter is no prefix worth reading every record for.
    QVERIFY(SearchQuery::parse(QStringLiteral("j")).isEmpty());
    // Quotes, stars and operators never reach the expression.
    QCOMPARE(SearchQuery::parse(QStringLiteral("\"o'neil\" * -x OR NEAR")).matchExpression(false),
             QStringLiteral("names:ONEIL* names:OR* names:NEAR*"));
}

BV_TEST_MAIN(tst_SearchQuery)
#include "tst_searchquery.moc"
