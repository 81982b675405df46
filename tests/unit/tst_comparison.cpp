// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/comparison.h"

#include <QSet>
#include <QTest>

#include <memory>
#include <random>

using namespace bv;
using namespace bv::linkage;

namespace {

SourceFields nameFields(const QString &given, const QString &family)
{
    SourceFields fields;
    fields.givenName = given;
    fields.familyName = family;
    return fields;
}

} // namespace

class tst_Comparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void names_data();
    void names();
    void postcodes_data();
    void postcodes();
    void addresses_data();
    void addresses();
    void uprns_data();
    void uprns();
    void sex_data();
    void sex();
    void birthDates();
    void birthRuledOutByRelationship_data();
    void birthRuledOutByRelationship();
    void allMissing();
    void symmetricOnSyntheticRecords();
    void packedRoundTrip();
    void schemaIsConsistent();

private:
    ComparableRecord prepare(const SourceFields &fields) const
    {
        return m_preparer->prepare(fields);
    }

    NicknameTable m_nicknames;
    std::unique_ptr<RecordPreparer> m_preparer;
};

void tst_Comparison::initTestCase()
{
    Result<NicknameTable> table = NicknameTable::loadShipped();
    QVERIFY_RESULT(table);
    m_nicknames = std::move(table).value();
    m_preparer = std::make_unique<RecordPreparer>(m_nicknames);
}

void tst_Comparison::names_data()
{
    QTest::addColumn<QString>("givenA");
    QTest::addColumn<QString>("familyA");
    QTest::addColumn<QString>("givenB");
    QTest::addColumn<QString>("familyB");
    QTest::addColumn<GivenNameLevel>("given");
    QTest::addColumn<FamilyNameLevel>("family");

    const auto row = [](const char *name, const char *ga, const char *fa, const char *gb,
                        const char *fb, GivenNameLevel given, FamilyNameLevel family) {
        QTest::newRow(name) << QString::fromUtf8(ga) << QString::fromUtf8(fa)
                            << QString::fromUtf8(gb) << QString::fromUtf8(fb) << given << family;
    };
    row("exact", "John", "Smith", "JOHN", "SMITH", GivenNameLevel::Exact, FamilyNameLevel::Exact);
    row("accents and apostrophes", "Siân", "O'Brien", "SIAN", "OBRIEN", GivenNameLevel::Exact,
        FamilyNameLevel::Exact);
    // One event: counted on the given name, the family name left out.
    row("swapped", "John", "Smith", "Smith", "John", GivenNameLevel::Swapped,
        FamilyNameLevel::Missing);
    // A typo made while swapping: one name crosswise exactly, the other nearly.
    row("swapped with a typo", "Chloe", "Ryan", "Ryna", "Chloe", GivenNameLevel::Swapped,
        FamilyNameLevel::Missing);
    row("one name crosswise is no swap", "Zarlia", "Gearman", "Hand", "Zarlia",
        GivenNameLevel::Disagree, FamilyNameLevel::Disagree);
    row("same given and family is never swapped", "James", "James", "James", "James",
        GivenNameLevel::Exact, FamilyNameLevel::Exact);
    row("jw 0.94", "Jonathan", "Harris", "Jonathon", "Harrison", GivenNameLevel::JaroWinkler94,
        FamilyNameLevel::JaroWinkler94);
    // Clarke and Clerk: Jaro-Winkler 0.86, but both KLRK.
    row("jw 0.88", "Stephen", "Clarke", "Steven", "Clerk", GivenNameLevel::JaroWinkler88,
        FamilyNameLevel::Phonetic);
    row("jw 0.88 family", "Louise", "Mark", "Louisa", "Marc", GivenNameLevel::JaroWinkler88,
        FamilyNameLevel::JaroWinkler88);
    row("phonetic", "Karen", "Smith", "Caryn", "Schmidt", GivenNameLevel::Phonetic,
        FamilyNameLevel::Phonetic);
    row("phonetic Brown Braun", "Philip", "Brown", "Filip", "Braun", GivenNameLevel::Phonetic,
        FamilyNameLevel::Phonetic);
    row("nickname", "Bill", "Jones", "William", "Jones", GivenNameLevel::Nickname,
        FamilyNameLevel::Exact);
    row("nickname Peggy", "Peggy", "Jones", "Margaret", "Jones", GivenNameLevel::Nickname,
        FamilyNameLevel::Exact);
    row("disagree", "John", "Smith", "Mary", "Jones", GivenNameLevel::Disagree,
        FamilyNameLevel::Disagree);
    row("given missing", "", "Smith", "John", "Smith", GivenNameLevel::Missing,
        FamilyNameLevel::Exact);
    row("family missing", "John", "", "John", "Smith", GivenNameLevel::Exact,
        FamilyNameLevel::Missing);
    row("punctuation only is missing", "-", "Smith", "John", "Smith", GivenNameLevel::Missing,
        FamilyNameLevel::Exact);
}

void tst_Comparison::names()
{
    QFETCH(QString, givenA);
    QFETCH(QString, familyA);
    QFETCH(QString, givenB);
    QFETCH(QString, familyB);
    QFETCH(GivenNameLevel, given);
    QFETCH(FamilyNameLevel, family);

    const ComparableRecord a = prepare(nameFields(givenA, familyA));
    const ComparableRecord b = prepare(nameFields(givenB, familyB));
    const ComparisonVector vector = compare(a, b);
    QCOMPARE(GivenNameLevel(vector.level(Field::GivenName)), given);
    QCOMPARE(FamilyNameLevel(vector.level(Field::FamilyName)), family);
    QCOMPARE(compare(b, a), vector);
}

void tst_Comparison::postcodes_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<PostcodeLevel>("level");

    QTest::newRow("exact") << QStringLiteral("NR1 3JB") << QStringLiteral("nr13jb")
                           << PostcodeLevel::Exact;
    QTest::newRow("same sector") << QStringLiteral("NR1 3JB") << QStringLiteral("NR1 3QA")
                                 << PostcodeLevel::Sector;
    QTest::newRow("same district")
        << QStringLiteral("NR1 3JB") << QStringLiteral("NR1 4AA") << PostcodeLevel::District;
    QTest::newRow("NR1 is not NR13, but one slip away")
        << QStringLiteral("NR1 3JB") << QStringLiteral("NR13 3JB") << PostcodeLevel::OneEdit;
    QTest::newRow("outward code mistyped")
        << QStringLiteral("NR2 3JB") << QStringLiteral("NR3 3JB") << PostcodeLevel::OneEdit;
    QTest::newRow("two slips") << QStringLiteral("NR2 3JB") << QStringLiteral("NR34 3JB")
                               << PostcodeLevel::Disagree;
    QTest::newRow("other district")
        << QStringLiteral("NR1 3JB") << QStringLiteral("IP1 3JB") << PostcodeLevel::Disagree;
    QTest::newRow("missing") << QString() << QStringLiteral("NR1 3JB") << PostcodeLevel::Missing;
    QTest::newRow("not a postcode is missing")
        << QStringLiteral("NR1") << QStringLiteral("NR1 3JB") << PostcodeLevel::Missing;
}

void tst_Comparison::postcodes()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(PostcodeLevel, level);
    SourceFields fa;
    fa.postcode = a;
    SourceFields fb;
    fb.postcode = b;
    QCOMPARE(PostcodeLevel(compare(prepare(fa), prepare(fb)).level(Field::Postcode)), level);
    QCOMPARE(PostcodeLevel(compare(prepare(fb), prepare(fa)).level(Field::Postcode)), level);
    QCOMPARE(prepare(fa).postcodeKey.isEmpty(), prepare(fa).postcode.isEmpty());
}

void tst_Comparison::addresses_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("postcodeA");
    QTest::addColumn<QString>("b");
    QTest::addColumn<AddressLevel>("level");

    const QString nr = QStringLiteral("NR1 3JB");
    QTest::newRow("abbreviations spelt out")
        << QStringLiteral("14 High Street, Norwich") << nr << QStringLiteral("14 HIGH ST NORWICH")
        << AddressLevel::Exact;
    QTest::newRow("postcode removed")
        << QStringLiteral("14 High Street, Norwich, NR1 3JB") << nr
        << QStringLiteral("14 High Street Norwich") << AddressLevel::Exact;
    QTest::newRow("flat prefix") << QStringLiteral("Flat 2, 14 High Street, Norwich") << nr
                                 << QStringLiteral("2 14 High St, Norwich")
                                 << AddressLevel::TokenOverlapHigh;
    QTest::newRow("county added") << QStringLiteral("14 High Street, Norwich, Norfolk") << nr
                                  << QStringLiteral("14 High St Norwich")
                                  << AddressLevel::TokenOverlapHigh;
    QTest::newRow("street and road")
        << QStringLiteral("14 High Street, Norwich, Norfolk") << nr
        << QStringLiteral("14 High Rd Norwich") << AddressLevel::Disagree;
    QTest::newRow("different house")
        << QStringLiteral("16 High Street Norwich") << nr
        << QStringLiteral("14 High Street Norwich") << AddressLevel::Disagree;
    QTest::newRow("different street")
        << QStringLiteral("Rose Cottage, Mill Lane") << nr << QStringLiteral("12 Station Road")
        << AddressLevel::Disagree;
    QTest::newRow("missing") << QString() << nr << QStringLiteral("12 Station Road")
                             << AddressLevel::Missing;
}

void tst_Comparison::addresses()
{
    QFETCH(QString, a);
    QFETCH(QString, postcodeA);
    QFETCH(QString, b);
    QFETCH(AddressLevel, level);
    SourceFields fa;
    fa.address = a;
    fa.postcode = postcodeA;
    SourceFields fb;
    fb.address = b;
    QCOMPARE(AddressLevel(compare(prepare(fa), prepare(fb)).level(Field::Address)), level);
    QCOMPARE(AddressLevel(compare(prepare(fb), prepare(fa)).level(Field::Address)), level);
}

void tst_Comparison::uprns_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<UprnLevel>("level");
    QTest::addColumn<UprnLevel>("asIdentifier"); // with link-csv's exact scheme

    QTest::newRow("exact") << QStringLiteral("100091234567") << QStringLiteral("100091234567")
                           << UprnLevel::Exact << UprnLevel::Exact;
    QTest::newRow("zero padded") << QStringLiteral("010091234567") << QStringLiteral("10091234567")
                                 << UprnLevel::Exact << UprnLevel::Exact;
    // Neighbouring properties' UPRNs are often one digit apart: a near UPRN is no evidence
    // of one home; a near identifier is a typing slip.
    QTest::newRow("one digit apart") << QStringLiteral("123") << QStringLiteral("124")
                                     << UprnLevel::Disagree << UprnLevel::OneEdit;
    QTest::newRow("digits exchanged") << QStringLiteral("1234") << QStringLiteral("1324")
                                      << UprnLevel::Disagree << UprnLevel::OneEdit;
    QTest::newRow("two slips") << QStringLiteral("1234") << QStringLiteral("1256")
                               << UprnLevel::Disagree << UprnLevel::Disagree;
    QTest::newRow("different") << QStringLiteral("1234") << QStringLiteral("4321")
                               << UprnLevel::Disagree << UprnLevel::Disagree;
    QTest::newRow("not digits is missing") << QStringLiteral("n/a") << QStringLiteral("124")
                                           << UprnLevel::Missing << UprnLevel::Missing;
    QTest::newRow("missing") << QString() << QStringLiteral("124") << UprnLevel::Missing
                             << UprnLevel::Missing;
    QTest::newRow("more than 12 digits is not a UPRN")
        << QStringLiteral("1234567890123") << QStringLiteral("1234567890123") << UprnLevel::Missing
        << UprnLevel::Missing;
}

void tst_Comparison::uprns()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(UprnLevel, level);
    QFETCH(UprnLevel, asIdentifier);
    SourceFields fa;
    fa.uprn = a;
    SourceFields fb;
    fb.uprn = b;
    QCOMPARE(UprnLevel(compare(prepare(fa), prepare(fb)).level(Field::Uprn)), level);
    QCOMPARE(compareUprns(prepare(fa), prepare(fb)), level);
    const RecordPreparer identifiers(m_nicknames, PostcodeScheme::Exact);
    QCOMPARE(compareUprns(identifiers.prepare(fa), identifiers.prepare(fb)), asIdentifier);
    QCOMPARE(compareUprns(identifiers.prepare(fb), identifiers.prepare(fa)), asIdentifier);
}

void tst_Comparison::sex_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<SexLevel>("level");

    QTest::newRow("store and feed spellings")
        << QStringLiteral("female") << QStringLiteral("F") << SexLevel::Agree;
    QTest::newRow("disagree") << QStringLiteral("male") << QStringLiteral("female")
                              << SexLevel::Disagree;
    QTest::newRow("other") << QStringLiteral("other") << QStringLiteral("O") << SexLevel::Agree;
    QTest::newRow("unknown is missing")
        << QStringLiteral("unknown") << QStringLiteral("male") << SexLevel::Missing;
    QTest::newRow("empty is missing") << QString() << QStringLiteral("male") << SexLevel::Missing;
}

void tst_Comparison::sex()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(SexLevel, level);
    SourceFields fa;
    fa.sex = a;
    SourceFields fb;
    fb.sex = b;
    QCOMPARE(SexLevel(compare(prepare(fa), prepare(fb)).level(Field::Sex)), level);
}

void tst_Comparison::birthDates()
{
    // The date comparison itself is tst_datecompare's; this checks compare() wires it up.
    SourceFields a;
    a.birthDate = QDate(1985, 3, 4);
    SourceFields b;
    b.birthDate = QDate(1985, 4, 3);
    QCOMPARE(BirthDateLevel(compare(prepare(a), prepare(b)).level(Field::BirthDate)),
             BirthDateLevel::DayMonthSwapped);
    // One slip across the month and the day (10-12 typed 11-02) counts as one part differing.
    a.birthDate = QDate(1985, 10, 12);
    b.birthDate = QDate(1985, 11, 2);
    QCOMPARE(BirthDateLevel(compare(prepare(a), prepare(b)).level(Field::BirthDate)),
             BirthDateLevel::OneComponentDiffers);
    b.birthDate = QDate(1985, 11, 3);
    QCOMPARE(BirthDateLevel(compare(prepare(a), prepare(b)).level(Field::BirthDate)),
             BirthDateLevel::Disagree);
}

void tst_Comparison::birthRuledOutByRelationship_data()
{
    QTest::addColumn<QDate>("bornBy");    // of the record with no date of birth
    QTest::addColumn<QDate>("bornAfter"); // of the record with no date of birth
    QTest::addColumn<QDate>("other");     // the other record's date of birth
    QTest::addColumn<BirthDateLevel>("level");

    // A parent of a child born in 2012 is born by 2000: not the child's own record.
    QTest::newRow("parent against the child")
        << QDate(2000, 6, 1) << QDate() << QDate(2012, 6, 1) << BirthDateLevel::RuledOut;
    QTest::newRow("parent against an adult")
        << QDate(2000, 6, 1) << QDate() << QDate(1975, 2, 3) << BirthDateLevel::Missing;
    QTest::newRow("on the bound itself")
        << QDate(2000, 6, 1) << QDate() << QDate(2000, 6, 1) << BirthDateLevel::Missing;
    // A child of a parent born in 1960 is born in 1972 or later.
    QTest::newRow("child against the parent")
        << QDate() << QDate(1972, 1, 1) << QDate(1960, 1, 1) << BirthDateLevel::RuledOut;
    QTest::newRow("child against a child")
        << QDate() << QDate(1972, 1, 1) << QDate(1990, 1, 1) << BirthDateLevel::Missing;
    QTest::newRow("no bounds") << QDate() << QDate() << QDate(1990, 1, 1)
                               << BirthDateLevel::Missing;
}

void tst_Comparison::birthRuledOutByRelationship()
{
    QFETCH(QDate, bornBy);
    QFETCH(QDate, bornAfter);
    QFETCH(QDate, other);
    QFETCH(BirthDateLevel, level);
    SourceFields undatedFields;
    undatedFields.givenName = QStringLiteral("Sam");
    ComparableRecord undated = prepare(undatedFields);
    undated.bornBy = DateParts::from(bornBy);
    undated.bornAfter = DateParts::from(bornAfter);
    SourceFields datedFields;
    datedFields.givenName = QStringLiteral("Sam");
    datedFields.birthDate = other;
    const ComparableRecord dated = prepare(datedFields);
    QCOMPARE(BirthDateLevel(compare(undated, dated).level(Field::BirthDate)), level);
    QCOMPARE(BirthDateLevel(compare(dated, undated).level(Field::BirthDate)), level);
}

void tst_Comparison::allMissing()
{
    QCOMPARE(compare(prepare({}), prepare({})), ComparisonVector());
    QCOMPARE(compare(ComparableRecord(), ComparableRecord()), ComparisonVector());
}

void tst_Comparison::symmetricOnSyntheticRecords()
{
    const QStringList given{QStringLiteral("John"),     QStringLiteral("Jon"),
                            QStringLiteral("Jack"),     QStringLiteral("Mary"),
                            QStringLiteral("Margaret"), QString(),
                            QStringLiteral("Peggy"),    QStringLiteral("Smith")};
    const QStringList family{QStringLiteral("Smith"),
                             QStringLiteral("Smyth"),
                             QStringLiteral("Schmidt"),
                             QStringLiteral("Jones"),
                             QString(),
                             QStringLiteral("John")};
    const QStringList postcodes{QStringLiteral("NR1 3JB"), QStringLiteral("NR1 3QA"),
                                QStringLiteral("NR1 4AA"), QStringLiteral("IP1 1AA"), QString()};
    std::mt19937_64 random(7);
    const auto pick = [&random](const QStringList &list) {
        return list[qsizetype(random() % std::uint64_t(list.size()))];
    };
    for (int i = 0; i < 2000; ++i) {
        SourceFields a;
        SourceFields b;
        for (SourceFields *f : {&a, &b}) {
            f->givenName = pick(given);
            f->familyName = pick(family);
            f->postcode = pick(postcodes);
            f->birthDate
                = QDate(1980 + int(random() % 3), 1 + int(random() % 3), 1 + int(random() % 3));
            f->sex = pick({QStringLiteral("female"), QStringLiteral("male"), QString()});
            f->address
                = pick({QStringLiteral("14 High Street"), QStringLiteral("Flat 2 14 High St"),
                        QStringLiteral("16 High Street"), QString()});
        }
        const ComparableRecord ra = prepare(a);
        const ComparableRecord rb = prepare(b);
        QCOMPARE(compare(ra, rb), compare(rb, ra));
    }
}

void tst_Comparison::packedRoundTrip()
{
    ComparisonVector vector;
    vector.setLevel(Field::GivenName, GivenNameLevel::Disagree);
    vector.setLevel(Field::FamilyName, FamilyNameLevel::Phonetic);
    vector.setLevel(Field::BirthDate, BirthDateLevel::DayMonthSwapped);
    vector.setLevel(Field::Uprn, UprnLevel::Exact);
    QCOMPARE(ComparisonVector::fromPacked(vector.packed()), vector);
    QCOMPARE(ComparisonVector().packed(), 0U);
    QVERIFY(vector.packed() != ComparisonVector().packed());
}

void tst_Comparison::schemaIsConsistent()
{
    QSet<QString> fieldKeys;
    for (const Field field : kFields) {
        QVERIFY(levelCount(field) >= 3);
        QVERIFY(levelCount(field) <= kMaxLevels);
        QCOMPARE(levelKey(field, kMissingLevel), QLatin1StringView("missing"));
        QCOMPARE(levelKey(field, kExactLevel), QLatin1StringView("exact"));
        QVERIFY(!fieldLabel(field).isEmpty());
        fieldKeys.insert(QString(fieldKey(field)));
        QSet<QString> levelKeys;
        for (int level = 0; level < levelCount(field); ++level) {
            QVERIFY(!levelLabel(field, level).isEmpty());
            levelKeys.insert(QString(levelKey(field, level)));
        }
        QCOMPARE(levelKeys.size(), levelCount(field));
    }
    QCOMPARE(fieldKeys.size(), kFieldCount);
    QCOMPARE(levelCount(Field::GivenName), int(GivenNameLevel::Disagree) + 1);
    QCOMPARE(levelCount(Field::FamilyName), int(FamilyNameLevel::Disagree) + 1);
}

BV_TEST_MAIN(tst_Comparison)
#include "tst_comparison.moc"
