// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "countymodel.h"
#include "groundtruthwriter.h"
#include "referencedata.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace bv;
using namespace bv::feedsim;

namespace {

constexpr quint64 kSeed = 20250101;
constexpr quint32 kLargePersons = 20000;

int ageOn(QDate birth, QDate day)
{
    int age = day.year() - birth.year();
    if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day()))
        --age;
    return age;
}

QDate birthOf(const Person &person)
{
    return QDate::fromJulianDay(person.birthDay);
}

QByteArray groundTruth(const CountyModel &county)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto written = county.writeGroundTruth(buffer);
    return written.ok() ? buffer.data() : QByteArray();
}

// Counts what is written and keeps none of it, so a timing run measures the model's memory.
class CountingSink : public QIODevice
{
public:
    qint64 written() const { return m_written; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 length) override
    {
        m_written += length;
        return length;
    }

private:
    qint64 m_written = 0;
};

} // namespace

class tst_CountyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameSeedGivesIdenticalGroundTruth();
    void differentSeedGivesDifferentCounty();
    void hasExactlyTheRequestedPersons_data();
    void hasExactlyTheRequestedPersons();
    void zeroPersonsIsRefused();
    void groundTruthHasOneRowPerPerson();
    void householdMembersShareAnAddress();
    void addressHistoryIsContiguous();
    void twinsShareBirthDateAndFamilyName();
    void parentsAreEighteenToFortyFiveYearsOlder();
    void hardCaseAppears_data();
    void hardCaseAppears();
    void namesakesShareNameAndBirthDate();
    void changedNameKeepsBirthName();
    void flagIsRareButPresent_data();
    void flagIsRareButPresent();
    void mostCommonSurnameIsAmongTopFive();
    void caseStudyIsTheFirstSeventeenYearOldOfASingleParent_data();
    void caseStudyIsTheFirstSeventeenYearOldOfASingleParent();
    void countyOfOneHasNoCaseStudy();
    void everyPostcodeIsARealNorfolkPostcode();
    void uprnIsTwelveDigitsAndOnePerAddress();
    void largeCountyTimings();

private:
    std::optional<ReferenceData> m_reference;
    std::optional<CountyModel> m_county;      // the default size
    std::optional<CountyModel> m_largeCounty; // enough people for frequencies
};

void tst_CountyModel::initTestCase()
{
    auto reference = ReferenceData::load(QStringLiteral(BROADVIEW_SHARED_DATA_DIR));
    QVERIFY_RESULT(reference);
    m_reference.emplace(std::move(reference).value());
    auto county = CountyModel::generate(*m_reference, CountyModel::kDefaultPersons, kSeed);
    QVERIFY_RESULT(county);
    m_county.emplace(std::move(county).value());
    auto large = CountyModel::generate(*m_reference, kLargePersons, kSeed);
    QVERIFY_RESULT(large);
    m_largeCounty.emplace(std::move(large).value());
}

void tst_CountyModel::sameSeedGivesIdenticalGroundTruth()
{
    auto again = CountyModel::generate(*m_reference, CountyModel::kDefaultPersons, kSeed);
    QVERIFY_RESULT(again);
    const QByteArray first = groundTruth(*m_county);
    QVERIFY(!first.isEmpty());
    QCOMPARE(groundTruth(again.value()), first);
}

void tst_CountyModel::differentSeedGivesDifferentCounty()
{
    auto other = CountyModel::generate(*m_reference, CountyModel::kDefaultPersons, kSeed + 1);
    QVERIFY_RESULT(other);
    QVERIFY(groundTruth(other.value()) != groundTruth(*m_county));
}

void tst_CountyModel::hasExactlyTheRequestedPersons_data()
{
    QTest::addColumn<quint32>("persons");
    QTest::newRow("one person") << 1u;
    QTest::newRow("two persons") << 2u;
    QTest::newRow("three persons") << 3u;
    QTest::newRow("odd size") << 4999u;
    QTest::newRow("default size") << CountyModel::kDefaultPersons;
}

void tst_CountyModel::hasExactlyTheRequestedPersons()
{
    QFETCH(quint32, persons);
    auto county = CountyModel::generate(*m_reference, persons, kSeed);
    QVERIFY_RESULT(county);
    QCOMPARE(county->persons().size(), std::size_t(persons));
    std::size_t members = 0;
    for (const Household &household : county->households())
        members += household.memberCount;
    QCOMPARE(members, std::size_t(persons));
}

void tst_CountyModel::zeroPersonsIsRefused()
{
    auto county = CountyModel::generate(*m_reference, 0, kSeed);
    QVERIFY(!county.ok());
    QCOMPARE(county.error().code, ErrorCode::Usage);
}

void tst_CountyModel::groundTruthHasOneRowPerPerson()
{
    const QList<QByteArray> lines = groundTruth(*m_county).split('\n');
    // Header, one row per person, and the empty piece after the last newline.
    QCOMPARE(lines.size(), qsizetype(CountyModel::kDefaultPersons) + 2);
    QCOMPARE(lines.first() + '\n', GroundTruthWriter::header());
    QVERIFY(lines.at(1).startsWith("P000001,"));
    QVERIFY(lines.at(qsizetype(CountyModel::kDefaultPersons)).startsWith("P005000,"));
    const qsizetype columns = lines.first().count(',');
    for (qsizetype i = 1; i <= qsizetype(CountyModel::kDefaultPersons); ++i)
        QVERIFY2(lines.at(i).count(',') == columns, lines.at(i).constData());
}

void tst_CountyModel::householdMembersShareAnAddress()
{
    const CountyModel &county = *m_county;
    const auto &persons = county.persons();
    for (quint32 h = 0; h < county.households().size(); ++h) {
        const Household &household = county.households()[h];
        qint32 allPresent = 0;
        for (quint32 i = household.firstMember; i < household.firstMember + household.memberCount;
             ++i) {
            QCOMPARE(persons[i].household, h);
            allPresent = std::max(allPresent, persons[i].memberSince);
        }
        for (const AddressPeriod &period : county.addressHistory(h)) {
            const qint32 day = std::max(period.from, allPresent);
            if (day >= period.to || day > county.today().toJulianDay())
                continue;
            for (quint32 i = household.firstMember;
                 i < household.firstMember + household.memberCount; ++i) {
                QVERIFY2(county.addressAt(i, QDate::fromJulianDay(day)) == period.address,
                         qPrintable(CountyModel::personId(i)));
            }
        }
    }
}

void tst_CountyModel::addressHistoryIsContiguous()
{
    const CountyModel &county = *m_county;
    int movers = 0;
    for (quint32 h = 0; h < county.households().size(); ++h) {
        const auto history = county.addressHistory(h);
        QVERIFY(!history.empty());
        QCOMPARE(history.back().to, AddressPeriod::kOpen);
        for (std::size_t i = 1; i < history.size(); ++i) {
            QCOMPARE(history[i].from, history[i - 1].to);
            QVERIFY(history[i].from > history[i - 1].from);
            QVERIFY(history[i].from >= county.historyStart().toJulianDay());
        }
        movers += history.size() > 1 ? 1 : 0;
    }
    // About a tenth of households moved in the ten years.
    const double share = double(movers) / double(county.households().size());
    QVERIFY2(share > 0.06 && share < 0.14, qPrintable(QString::number(share)));
}

void tst_CountyModel::twinsShareBirthDateAndFamilyName()
{
    const auto &persons = m_county->persons();
    int twins = 0;
    for (quint32 i = 0; i < persons.size(); ++i) {
        if (!(persons[i].hardCases & Twin))
            continue;
        ++twins;
        const auto relations = m_county->relationsOf(i);
        const auto twin = std::find_if(relations.begin(), relations.end(), [](const Relation &r) {
            return r.kind == RelationshipKind::Twin;
        });
        QVERIFY2(twin != relations.end(), qPrintable(CountyModel::personId(i)));
        const Person &other = persons[twin->other];
        QCOMPARE(other.birthDay, persons[i].birthDay);
        QCOMPARE(other.familyName, persons[i].familyName);
        QCOMPARE(other.mother, persons[i].mother);
        QCOMPARE(other.father, persons[i].father);
    }
    QVERIFY(twins >= 2);
}

void tst_CountyModel::parentsAreEighteenToFortyFiveYearsOlder()
{
    const auto &persons = m_largeCounty->persons();
    int children = 0;
    for (const Person &child : persons) {
        for (quint32 parent : {child.mother, child.father}) {
            if (parent == kNone)
                continue;
            ++children;
            const int age = ageOn(birthOf(persons[parent]), birthOf(child));
            QVERIFY2(age >= 18 && age <= 45, qPrintable(QString::number(age)));
        }
    }
    QVERIFY(children > 1000);
}

void tst_CountyModel::hardCaseAppears_data()
{
    QTest::addColumn<int>("hardCase");
    QTest::newRow("twins") << int(Twin);
    QTest::newRow("same name and birth date") << int(Namesake);
    QTest::newRow("father and son with one name") << int(SameNameAsFather);
    QTest::newRow("woman who changed family name") << int(ChangedFamilyName);
    QTest::newRow("moved several times") << int(MovedSeveralTimes);
}

void tst_CountyModel::hardCaseAppears()
{
    QFETCH(int, hardCase);
    const auto &persons = m_county->persons();
    const auto count = std::count_if(persons.begin(), persons.end(), [&](const Person &person) {
        return person.hardCases & hardCase;
    });
    QVERIFY(count >= 1);
    // On purpose, but rare: no hard case swamps the county.
    QVERIFY2(count < qsizetype(persons.size() / 5), qPrintable(QString::number(count)));
}

void tst_CountyModel::namesakesShareNameAndBirthDate()
{
    const auto &persons = m_county->persons();
    QHash<QString, QSet<quint32>> households;
    for (const Person &person : persons) {
        if (!(person.hardCases & Namesake))
            continue;
        const QString key = m_county->strings().at(person.givenName) + QLatin1Char('|')
                            + m_county->strings().at(person.familyName) + QLatin1Char('|')
                            + QString::number(person.birthDay);
        households[key].insert(person.household);
    }
    QVERIFY(!households.isEmpty());
    for (auto it = households.cbegin(); it != households.cend(); ++it)
        QVERIFY2(it.value().size() >= 2, qPrintable(it.key())); // different people, apart

    for (quint32 i = 0; i < persons.size(); ++i) {
        const Person &son = persons[i];
        if (!(son.hardCases & SameNameAsFather) || son.father == kNone)
            continue;
        const Person &father = persons[son.father];
        QCOMPARE(son.givenName, father.givenName);
        QCOMPARE(son.familyName, father.familyName);
        QCOMPARE(m_county->addressAt(i, m_county->today()),
                 m_county->addressAt(son.father, m_county->today()));
    }
}

void tst_CountyModel::changedNameKeepsBirthName()
{
    const auto &persons = m_county->persons();
    int changed = 0;
    for (quint32 i = 0; i < persons.size(); ++i) {
        const Person &woman = persons[i];
        if (!(woman.hardCases & ChangedFamilyName))
            continue;
        ++changed;
        QCOMPARE(woman.sex, Sex::Female);
        QVERIFY(woman.partner != kNone);
        QCOMPARE(woman.familyName, persons[woman.partner].familyName);
        QVERIFY(woman.birthFamilyName != woman.familyName);
        const QDate changedOn = QDate::fromJulianDay(woman.nameChangedOn);
        QCOMPARE(m_county->familyNameAt(i, changedOn.addDays(-1)), woman.birthFamilyName);
        QCOMPARE(m_county->familyNameAt(i, changedOn), woman.familyName);
        QVERIFY(ageOn(birthOf(woman), changedOn) >= 18);
    }
    QVERIFY(changed > 10);
}

void tst_CountyModel::flagIsRareButPresent_data()
{
    QTest::addColumn<int>("flag");
    QTest::addColumn<double>("maxShare");
    QTest::newRow("vulnerable adult") << int(VulnerableAdult) << 0.06;
    QTest::newRow("child protection plan") << int(ChildProtectionPlan) << 0.01;
    QTest::newRow("looked after") << int(LookedAfter) << 0.01;
    QTest::newRow("risk to staff") << int(RiskToStaff) << 0.01;
    QTest::newRow("MARAC") << int(Marac) << 0.01;
    QTest::newRow("protected address") << int(ProtectedAddress) << 0.02;
}

void tst_CountyModel::flagIsRareButPresent()
{
    QFETCH(int, flag);
    QFETCH(double, maxShare);
    const auto &persons = m_largeCounty->persons();
    const auto count = std::count_if(persons.begin(), persons.end(),
                                     [&](const Person &person) { return person.flags & flag; });
    QVERIFY(count >= 1);
    QVERIFY2(double(count) / double(persons.size()) <= maxShare,
             qPrintable(QString::number(count)));
}

void tst_CountyModel::caseStudyIsTheFirstSeventeenYearOldOfASingleParent_data()
{
    QTest::addColumn<quint32>("persons");
    QTest::addColumn<int>("seeds"); // seeds 1..seeds
    QTest::newRow("two persons") << 2u << 50;
    QTest::newRow("seven persons") << 7u << 50;
    QTest::newRow("fifty persons") << 50u << 100;
    QTest::newRow("few hundred") << 300u << 20;
    QTest::newRow("default size") << CountyModel::kDefaultPersons << 2;
}

void tst_CountyModel::caseStudyIsTheFirstSeventeenYearOldOfASingleParent()
{
    QFETCH(quint32, persons);
    QFETCH(int, seeds);
    for (int seed = 1; seed <= seeds; ++seed) {
        auto county = CountyModel::generate(*m_reference, persons, quint64(seed));
        QVERIFY_RESULT(county);
        QCOMPARE(county->persons().size(), std::size_t(persons));
        const quint32 chosen = county->caseStudy();
        QVERIFY2(chosen != kNone, qPrintable(QString::number(seed)));
        // The first child of 17 of a single-parent household, in the county's order.
        quint32 first = kNone;
        for (quint32 i = 0; i < county->persons().size() && first == kNone; ++i) {
            const Person &p = county->persons()[i];
            const bool child = p.mother != kNone || p.father != kNone;
            if (child && ageOn(birthOf(p), county->today()) == 17
                && county->households()[p.household].kind == HouseholdKind::SingleParent)
                first = i;
        }
        QCOMPARE(chosen, first);
        const Person &young = county->persons()[chosen];
        const quint32 parent = young.mother != kNone ? young.mother : young.father;
        QVERIFY(young.mother == kNone || young.father == kNone);
        QCOMPARE(county->persons()[parent].household, young.household);
        // Settled before the story the feeds tell of the last four years.
        QVERIFY(county->addressAt(chosen, county->today().addYears(-4)) != kNone);
    }
}

void tst_CountyModel::countyOfOneHasNoCaseStudy()
{
    auto county = CountyModel::generate(*m_reference, 1, kSeed);
    QVERIFY_RESULT(county);
    QCOMPARE(county->caseStudy(), kNone);
}

void tst_CountyModel::mostCommonSurnameIsAmongTopFive()
{
    QHash<quint32, int> counts;
    for (const Person &person : m_largeCounty->persons())
        ++counts[person.birthFamilyName];
    std::vector<std::pair<int, quint32>> ranked;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        ranked.emplace_back(it.value(), it.key());
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    const quint32 commonest = m_reference->surnames().heaviest();
    QCOMPARE(m_reference->strings()->at(commonest), QStringLiteral("Smith"));
    const auto topFive = ranked.begin() + std::min<std::ptrdiff_t>(5, std::ssize(ranked));
    QVERIFY(std::any_of(ranked.begin(), topFive,
                        [&](const auto &entry) { return entry.second == commonest; }));
}

void tst_CountyModel::everyPostcodeIsARealNorfolkPostcode()
{
    // Read the file independently of ReferenceData, so a loader bug cannot hide here.
    QFile file(
        QStringLiteral(BROADVIEW_SHARED_DATA_DIR "/postcodes/norfolk_postcodes_codepoint.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> header = file.readLine().trimmed().split(',');
    const auto codeColumn = header.indexOf("Postcode");
    const auto eastingColumn = header.indexOf("Eastings");
    const auto northingColumn = header.indexOf("Northings");
    const auto countyColumn = header.indexOf("admin_county_name");
    QVERIFY(codeColumn >= 0 && eastingColumn >= 0 && northingColumn >= 0 && countyColumn >= 0);
    QHash<QString, QPair<int, int>> norfolk;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(',');
        if (fields.value(countyColumn) == "Norfolk")
            norfolk.insert(
                QString::fromLatin1(fields.value(codeColumn)),
                {fields.value(eastingColumn).toInt(), fields.value(northingColumn).toInt()});
    }
    QCOMPARE(norfolk.size(), 29469); // the README's count of Norfolk postcodes

    for (const Address &address : m_county->addresses()) {
        const Postcode &postcode = m_county->postcodes()[address.postcode];
        const QString code = m_county->strings().at(postcode.code);
        QVERIFY2(norfolk.contains(code), qPrintable(code));
        QCOMPARE(norfolk.value(code), qMakePair(postcode.easting, postcode.northing));
    }
}

void tst_CountyModel::uprnIsTwelveDigitsAndOnePerAddress()
{
    QSet<quint64> uprns;
    QSet<QString> dwellings;
    for (const Address &address : m_largeCounty->addresses()) {
        QVERIFY(address.uprn >= 100'000'000'000ULL && address.uprn <= 999'999'999'999ULL);
        QVERIFY(address.houseNumber >= 1);
        uprns.insert(address.uprn);
        dwellings.insert(QString::number(address.postcode) + QLatin1Char('/')
                         + QString::number(address.houseNumber));
    }
    QCOMPARE(uprns.size(), qsizetype(m_largeCounty->addresses().size()));
    QCOMPARE(dwellings.size(), uprns.size());
}

void tst_CountyModel::largeCountyTimings()
{
    // A measurement, not a check: run with /usr/bin/time -v to see peak memory.
    const quint32 persons = qEnvironmentVariableIntValue("BROADVIEW_FEEDSIM_LARGE_PERSONS");
    if (persons == 0)
        QSKIP("set BROADVIEW_FEEDSIM_LARGE_PERSONS=N to time a county of N persons");
    QElapsedTimer timer;
    timer.start();
    auto county = CountyModel::generate(*m_reference, persons, kSeed);
    QVERIFY_RESULT(county);
    const qint64 generateMs = timer.restart();
    CountingSink sink;
    sink.open(QIODevice::WriteOnly);
    QVERIFY_RESULT(county->writeGroundTruth(sink));
    qInfo("persons %u households %zu addresses %zu generate %lld ms ground truth %lld ms (%lld "
          "bytes)",
          persons, county->households().size(), county->addresses().size(), generateMs,
          timer.elapsed(), sink.written());
}

BV_TEST_MAIN(tst_CountyModel)
#include "tst_countymodel.moc"
