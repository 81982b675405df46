// SPDX-License-Identifier: GPL-3.0-or-later
#include "countygenerator.h"

#include <algorithm>

namespace bv::feedsim {

namespace {

// The county's "now" is fixed, not the clock's, so a seed means the same county next year.
const QDate kToday(2025, 1, 1);
constexpr int kHistoryYears = 10;

// Household mix, per 100 households: roughly the 2021 Census shape for England.
constexpr quint64 kSingleAdultWeight = 30;
constexpr quint64 kCoupleWeight = 18;
constexpr quint64 kOlderCoupleWeight = 13;
constexpr quint64 kFamilyWeight = 29;
constexpr quint64 kSingleParentWeight = 10;

// Dependent children per family: 1, 2, 3, 4.
constexpr std::array<quint64, 4> kChildCountWeights = {40, 40, 15, 5};
constexpr double kSingleFatherRate = 0.10;
constexpr double kMaleBirthRate = 0.512;
constexpr int kMinSiblingGapDays = 280;

// The case study (CountyModel::caseStudy()): a child of this age in a single-parent household.
// A county that has none by the time this many persons are left to place gets one made: no
// household is larger than 6, so two places are always left for a parent and a child.
constexpr int kCaseStudyAge = 17;
constexpr quint32 kCaseStudyReserve = 7;
constexpr int kCaseStudyParentMinAge = 37; // 18 or more at the child's birth
constexpr int kCaseStudyParentMaxAge = 50;

// Hard cases, at fixed rates so every county of a few thousand people holds some.
constexpr double kTwinBirthRate = 0.015;       // per birth (UK: about 1 in 65)
constexpr double kNamesakeRate = 0.02;         // per single-adult household
constexpr double kSameNameAsFatherRate = 0.03; // per son with a father at home
constexpr double kTakesPartnerNameRate = 0.6;  // per woman in a couple

// Moves: a tenth of households moved at least once in the ten years; of those, some several
// times. Most moves stay local (a nearby postcode in the file's order).
constexpr double kMoverRate = 0.10;
constexpr std::array<quint64, 4> kMoveCountWeights = {65, 25, 7, 3}; // 1, 2, 3, 4 moves
constexpr double kLocalMoveRate = 0.7;
constexpr int kLocalMoveSpan = 300;

// Flags, per person (protected address per household).
constexpr double kVulnerableAdultRate = 0.02;
constexpr double kVulnerableOlderAdultRate = 0.06;
constexpr double kChildProtectionPlanRate = 0.005;
constexpr double kLookedAfterRate = 0.007;
constexpr double kRiskToStaffRate = 0.005;
constexpr double kMaracRate = 0.005;
constexpr double kProtectedAddressRate = 0.003;
constexpr double kMaracProtectedAddressRate = 0.3;

constexpr int kMaxHouseNumber = 150;
constexpr int kDwellingRetries = 6;
constexpr quint64 kUprnBase = 100'000'000'000ULL;
constexpr quint64 kUprnSpan = 900'000'000'000ULL;
constexpr quint64 kUprnMultiplier = 2'654'435'761ULL; // prime, so index -> UPRN is one-to-one

qint32 julian(QDate date)
{
    return qint32(date.toJulianDay());
}

QDate fromJulian(qint32 day)
{
    return QDate::fromJulianDay(day);
}

int ageOn(QDate birth, QDate day)
{
    int age = day.year() - birth.year();
    if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day()))
        --age;
    return age;
}

// splitmix64: a fixed street per postcode that depends only on the seed, not on draw order.
quint64 mix(quint64 value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

template<std::size_t N>
int pickIndex(SeededRandom &random, const std::array<quint64, N> &weights)
{
    quint64 total = 0;
    for (quint64 weight : weights)
        total += weight;
    quint64 target = random.below(total);
    for (std::size_t i = 0; i < N; ++i) {
        if (target < weights[i])
            return int(i);
        target -= weights[i];
    }
    return int(N - 1);
}

} // namespace

CountyGenerator::CountyGenerator(const ReferenceData &reference, quint64 seed)
    : m_reference(reference)
    , m_seed(seed)
    , m_random(seed)
{
    m_model.m_strings = reference.strings();
    m_model.m_postcodes = reference.postcodes();
    m_model.m_today = kToday;
    m_model.m_historyStart = kToday.addYears(-kHistoryYears);
}

CountyModel CountyGenerator::run(quint32 persons)
{
    m_model.m_persons.reserve(persons);
    m_model.m_households.reserve(persons / 2 + 1);
    m_model.m_periods.reserve(persons / 2 + 1);
    m_model.m_addresses.reserve(persons / 2 + 1);
    while (m_model.m_persons.size() < persons) {
        const auto remaining = quint32(persons - m_model.m_persons.size());
        if (m_model.m_caseStudy == kNone && remaining <= kCaseStudyReserve && remaining >= 2) {
            // Only a county that drew no case study of its own reaches this, so every other
            // county is exactly what its seed draws.
            const quint32 household = beginHousehold(HouseholdKind::SingleParent);
            addCaseStudyFamily();
            finishHousehold(household);
            noteCaseStudy(household);
            continue;
        }
        const HouseholdKind kind = pickKind(remaining);
        const quint32 household = beginHousehold(kind);
        switch (kind) {
        case HouseholdKind::SingleAdult:
            addSingleAdult();
            break;
        case HouseholdKind::Couple:
            partner(addCouple(20, 64), household);
            break;
        case HouseholdKind::OlderCouple:
            partner(addCouple(65, 92), household);
            break;
        case HouseholdKind::Family: {
            const Parents parents = addCouple(20, 50);
            const int children
                = std::min(pickIndex(m_random, kChildCountWeights) + 1, int(remaining) - 2);
            addChildren(parents, m_model.m_persons[parents.father].familyName, children);
            partner(parents, household);
            break;
        }
        case HouseholdKind::SingleParent: {
            const Parents parents = addSingleParent();
            const quint32 parent = parents.mother != kNone ? parents.mother : parents.father;
            const int children
                = std::min(pickIndex(m_random, kChildCountWeights) + 1, int(remaining) - 1);
            addChildren(parents, m_model.m_persons[parent].familyName, children);
            break;
        }
        }
        finishHousehold(household);
        noteCaseStudy(household);
    }
    return std::move(m_model);
}

HouseholdKind CountyGenerator::pickKind(quint32 remaining)
{
    const std::array<quint64, 5> weights = {kSingleAdultWeight, kCoupleWeight, kOlderCoupleWeight,
                                            kFamilyWeight, kSingleParentWeight};
    const std::array<HouseholdKind, 5> kinds
        = {HouseholdKind::SingleAdult, HouseholdKind::Couple, HouseholdKind::OlderCouple,
           HouseholdKind::Family, HouseholdKind::SingleParent};
    const std::array<quint32, 5> minimumSize = {1, 2, 2, 3, 2};
    const int index = pickIndex(m_random, weights);
    // The last household is cut to fit, so the county has exactly the persons asked for.
    if (minimumSize[std::size_t(index)] > remaining)
        return remaining >= 2 ? HouseholdKind::Couple : HouseholdKind::SingleAdult;
    return kinds[std::size_t(index)];
}

quint32 CountyGenerator::beginHousehold(HouseholdKind kind)
{
    Household household;
    household.kind = kind;
    household.firstMember = quint32(m_model.m_persons.size());
    m_model.m_households.push_back(household);
    return quint32(m_model.m_households.size() - 1);
}

void CountyGenerator::finishHousehold(quint32 household)
{
    Household &h = m_model.m_households[household];
    h.memberCount = quint16(m_model.m_persons.size() - h.firstMember);
    settle(household);
    assignFlags(household);
}

void CountyGenerator::addSingleAdult()
{
    const quint32 index
        = addPerson(pickSex(), birthForAge(18, 92), m_reference.surnames().pick(m_random));
    Person &person = m_model.m_persons[index];
    if (index > 0 && m_random.chance(kNamesakeRate))
        copyEarlierAdult(person);
}

bool CountyGenerator::copyEarlierAdult(Person &person)
{
    // A different person, elsewhere in the county, with the very same name and birth date.
    const auto self = quint32(&person - m_model.m_persons.data());
    for (int attempt = 0; attempt < 10; ++attempt) {
        Person &other = m_model.m_persons[m_random.below(self)];
        if (ageOn(fromJulian(other.birthDay), kToday) < 18 || other.hardCases != 0)
            continue;
        person.sex = other.sex;
        person.givenName = other.givenName;
        person.familyName = person.birthFamilyName = other.familyName;
        person.birthDay = person.memberSince = other.birthDay;
        person.hardCases |= Namesake;
        other.hardCases |= Namesake;
        return true;
    }
    return false;
}

CountyGenerator::Parents CountyGenerator::addCouple(int minAge, int maxAge)
{
    const QDate hisBirth = birthForAge(minAge, maxAge);
    // Women are more often the younger partner; both stay adults.
    QDate herBirth = hisBirth.addDays(m_random.between(-3 * 365, 6 * 365));
    herBirth = std::min(herBirth, kToday.addYears(-std::max(18, minAge)));
    Parents couple;
    couple.father = addPerson(Sex::Male, hisBirth, m_reference.surnames().pick(m_random));
    couple.mother = addPerson(Sex::Female, herBirth, m_reference.surnames().pick(m_random));
    m_model.m_persons[couple.father].partner = couple.mother;
    m_model.m_persons[couple.mother].partner = couple.father;
    return couple;
}

CountyGenerator::Parents CountyGenerator::addSingleParent()
{
    Parents parents;
    const bool father = m_random.chance(kSingleFatherRate);
    const quint32 index = addPerson(father ? Sex::Male : Sex::Female, birthForAge(20, 50),
                                    m_reference.surnames().pick(m_random));
    (father ? parents.father : parents.mother) = index;
    return parents;
}

void CountyGenerator::addCaseStudyFamily()
{
    Parents parents;
    const bool father = m_random.chance(kSingleFatherRate);
    const quint32 parent = addPerson(father ? Sex::Male : Sex::Female,
                                     birthForAge(kCaseStudyParentMinAge, kCaseStudyParentMaxAge),
                                     m_reference.surnames().pick(m_random));
    (father ? parents.father : parents.mother) = parent;
    const quint32 child = addPerson(pickSex(), birthForAge(kCaseStudyAge, kCaseStudyAge),
                                    m_model.m_persons[parent].familyName);
    m_model.m_persons[child].mother = parents.mother;
    m_model.m_persons[child].father = parents.father;
}

void CountyGenerator::noteCaseStudy(quint32 householdIndex)
{
    const Household &household = m_model.m_households[householdIndex];
    if (m_model.m_caseStudy != kNone || household.kind != HouseholdKind::SingleParent)
        return;
    const quint32 end = household.firstMember + household.memberCount;
    for (quint32 i = household.firstMember; i < end; ++i) {
        const Person &person = m_model.m_persons[i];
        const bool child = person.mother != kNone || person.father != kNone;
        if (child && ageOn(fromJulian(person.birthDay), kToday) == kCaseStudyAge) {
            m_model.m_caseStudy = i;
            return;
        }
    }
}

void CountyGenerator::addChildren(const Parents &parents, quint32 familyName, int count)
{
    // Each child is born when every parent at home is 18 to 45 (whole years), and is under 18.
    QDate first = kToday.addYears(-18).addDays(1);
    QDate last = kToday;
    for (quint32 parent : {parents.mother, parents.father}) {
        if (parent == kNone)
            continue;
        const QDate birth = fromJulian(m_model.m_persons[parent].birthDay);
        first = std::max(first, birth.addYears(18));
        last = std::min(last, birth.addYears(46).addDays(-1));
    }
    if (first > last)
        last = first; // cannot happen with the parents' age ranges; keeps the loop defined

    // Births, each one or two children (twins).
    std::vector<std::pair<QDate, int>> births;
    for (int placed = 0; placed < count;) {
        const int size = (count - placed >= 2 && m_random.chance(kTwinBirthRate)) ? 2 : 1;
        births.emplace_back(QDate(), size);
        placed += size;
    }
    for (int attempt = 0; attempt < 20; ++attempt) {
        for (auto &birth : births)
            birth.first = dayBetween(first, last);
        std::sort(births.begin(), births.end());
        bool spaced = true;
        for (std::size_t i = 1; i < births.size(); ++i)
            spaced = spaced && births[i - 1].first.daysTo(births[i].first) >= kMinSiblingGapDays;
        if (spaced)
            break;
    }

    const quint32 fatherName
        = parents.father == kNone ? kNone : m_model.m_persons[parents.father].givenName;
    bool fatherNameUsed = false;
    for (const auto &[day, size] : births) {
        quint32 firstTwin = kNone;
        for (int i = 0; i < size; ++i) {
            const quint32 index = addPerson(pickSex(), day, familyName);
            Person &child = m_model.m_persons[index];
            child.mother = parents.mother;
            child.father = parents.father;
            if (size == 2) {
                child.hardCases |= Twin;
                if (firstTwin == kNone) {
                    firstTwin = index;
                } else {
                    // Parents do not give twins one name.
                    while (child.givenName == m_model.m_persons[firstTwin].givenName)
                        child.givenName = pickGivenName(child.sex, day.year());
                }
            }
            if (child.sex == Sex::Male && fatherName != kNone && !fatherNameUsed && size == 1
                && m_random.chance(kSameNameAsFatherRate)) {
                child.givenName = fatherName;
                child.hardCases |= SameNameAsFather;
                m_model.m_persons[parents.father].hardCases |= SameNameAsFather;
                fatherNameUsed = true;
            }
        }
    }
}

void CountyGenerator::partner(const Parents &couple, quint32 householdIndex)
{
    Person &him = m_model.m_persons[couple.father];
    Person &her = m_model.m_persons[couple.mother];
    const Household &household = m_model.m_households[householdIndex];
    QDate first = std::max(fromJulian(him.birthDay), fromJulian(her.birthDay)).addYears(18);
    QDate last = std::min(kToday.addDays(-30), first.addYears(25));
    const auto members = quint32(m_model.m_persons.size());
    for (quint32 i = household.firstMember; i < members; ++i) {
        if (m_model.m_persons[i].mother == couple.mother)
            last = std::min(last, fromJulian(m_model.m_persons[i].birthDay));
    }
    const QDate together = dayBetween(first, std::max(first, last));
    if (her.familyName != him.familyName && m_random.chance(kTakesPartnerNameRate)) {
        her.familyName = him.familyName;
        her.nameChangedOn = julian(together);
        her.hardCases |= ChangedFamilyName;
    }
    // settle() runs next and needs to know when she joined; keep it in memberSince for now.
    her.memberSince = julian(together);
}

quint32 CountyGenerator::addPerson(Sex sex, QDate birth, quint32 familyName)
{
    Person person;
    person.sex = sex;
    person.givenName = pickGivenName(sex, birth.year());
    person.familyName = person.birthFamilyName = familyName;
    person.birthDay = person.memberSince = julian(birth);
    person.household = quint32(m_model.m_households.size() - 1);
    person.nhsNumberIndex = quint32(m_model.m_persons.size());
    m_model.m_persons.push_back(person);
    return quint32(m_model.m_persons.size() - 1);
}

quint32 CountyGenerator::pickGivenName(Sex sex, int birthYear)
{
    return m_reference.givenNames(sex, birthYear).pick(m_random);
}

Sex CountyGenerator::pickSex()
{
    return m_random.chance(kMaleBirthRate) ? Sex::Male : Sex::Female;
}

QDate CountyGenerator::birthForAge(int minAge, int maxAge)
{
    return dayBetween(kToday.addYears(-(maxAge + 1)).addDays(1), kToday.addYears(-minAge));
}

QDate CountyGenerator::dayBetween(QDate first, QDate last)
{
    return fromJulian(qint32(m_random.between(julian(first), julian(last))));
}

void CountyGenerator::settle(quint32 householdIndex)
{
    Household &household = m_model.m_households[householdIndex];
    const quint32 end = household.firstMember + household.memberCount;

    // The household has lived at its first address since before the history, or since its
    // eldest adult came of age.
    QDate eldestAdult = kToday;
    for (quint32 i = household.firstMember; i < end; ++i) {
        const Person &person = m_model.m_persons[i];
        if (person.mother == kNone && person.father == kNone)
            eldestAdult = std::min(eldestAdult, fromJulian(person.birthDay));
    }
    const QDate historyStart = m_model.m_historyStart;
    QDate since = historyStart.addDays(-qint64(m_random.below(15 * 365)));
    since = std::min(std::max(since, eldestAdult.addYears(18)), kToday.addDays(-1));

    std::vector<QDate> moves;
    if (m_random.chance(kMoverRate)) {
        const QDate first = std::max(since, historyStart).addDays(30);
        const int count = pickMoveCount();
        if (first < kToday) {
            for (int i = 0; i < count; ++i)
                moves.push_back(dayBetween(first, kToday.addDays(-1)));
            std::sort(moves.begin(), moves.end());
            moves.erase(std::unique(moves.begin(), moves.end()), moves.end());
        }
    }

    household.firstPeriod = quint32(m_model.m_periods.size());
    household.periodCount = quint8(moves.size() + 1);
    quint32 postcode = quint32(m_random.below(m_model.m_postcodes.size()));
    QDate from = since;
    for (std::size_t i = 0; i <= moves.size(); ++i) {
        if (i > 0)
            postcode = nearbyPostcode(postcode);
        AddressPeriod period;
        period.address = dwellingAt(postcode);
        period.from = julian(from);
        period.to = i < moves.size() ? julian(moves[i]) : AddressPeriod::kOpen;
        m_model.m_periods.push_back(period);
        if (i < moves.size())
            from = moves[i];
    }

    for (quint32 i = household.firstMember; i < end; ++i) {
        Person &person = m_model.m_persons[i];
        if (moves.size() >= 2)
            person.hardCases |= MovedSeveralTimes;
        // A partner who joined after the household settled lived elsewhere before.
        if (person.memberSince > julian(since) && person.mother == kNone
            && person.father == kNone) {
            person.priorAddress = dwellingAt(nearbyPostcode(postcode));
        } else if (person.mother == kNone && person.father == kNone) {
            person.memberSince = person.birthDay;
        }
    }
}

int CountyGenerator::pickMoveCount()
{
    return pickIndex(m_random, kMoveCountWeights) + 1;
}

quint32 CountyGenerator::nearbyPostcode(quint32 postcode)
{
    const auto count = qint64(m_model.m_postcodes.size());
    if (!m_random.chance(kLocalMoveRate))
        return quint32(m_random.below(quint64(count)));
    const qint64 near = qint64(postcode) + m_random.between(-kLocalMoveSpan, kLocalMoveSpan);
    return quint32(std::clamp<qint64>(near, 0, count - 1));
}

quint32 CountyGenerator::dwellingAt(quint32 postcode)
{
    const auto draw = [this] {
        // Low numbers are commoner: every street has a number 1, few have a 140.
        return quint16(
            1 + std::min(m_random.below(kMaxHouseNumber), m_random.below(kMaxHouseNumber)));
    };
    quint16 number = draw();
    quint64 key = (quint64(postcode) << 16) | number;
    for (int attempt = 0; attempt < kDwellingRetries && m_dwellingByKey.contains(key); ++attempt) {
        number = draw();
        key = (quint64(postcode) << 16) | number;
    }
    const auto found = m_dwellingByKey.constFind(key);
    if (found != m_dwellingByKey.constEnd())
        return found.value(); // a busy postcode: shared as flats are
    Address address;
    const auto index = quint64(m_model.m_addresses.size());
    address.uprn = kUprnBase + (index * kUprnMultiplier) % kUprnSpan;
    address.postcode = postcode;
    address.street = streetOf(postcode);
    address.houseNumber = number;
    m_model.m_addresses.push_back(address);
    m_dwellingByKey.insert(key, quint32(index));
    return quint32(index);
}

quint32 CountyGenerator::streetOf(quint32 postcode) const
{
    const auto &streets = m_reference.streetNames();
    return streets[mix(m_seed ^ (quint64(postcode) << 20)) % streets.size()];
}

void CountyGenerator::assignFlags(quint32 householdIndex)
{
    const Household &household = m_model.m_households[householdIndex];
    const bool partnered = household.kind != HouseholdKind::SingleAdult
                           && household.kind != HouseholdKind::SingleParent;
    bool protectedAddress = m_random.chance(kProtectedAddressRate);
    const quint32 end = household.firstMember + household.memberCount;
    for (quint32 i = household.firstMember; i < end; ++i) {
        Person &person = m_model.m_persons[i];
        const int age = ageOn(fromJulian(person.birthDay), kToday);
        if (age < 18) {
            if (m_random.chance(kChildProtectionPlanRate))
                person.flags |= ChildProtectionPlan;
            else if (m_random.chance(kLookedAfterRate))
                person.flags |= LookedAfter;
            continue;
        }
        if (m_random.chance(age >= 65 ? kVulnerableOlderAdultRate : kVulnerableAdultRate))
            person.flags |= VulnerableAdult;
        if (m_random.chance(kRiskToStaffRate))
            person.flags |= RiskToStaff;
        if (partnered && m_random.chance(kMaracRate)) {
            person.flags |= Marac;
            protectedAddress = protectedAddress || m_random.chance(kMaracProtectedAddressRate);
        }
    }
    if (protectedAddress) {
        for (quint32 i = household.firstMember; i < end; ++i)
            m_model.m_persons[i].flags |= ProtectedAddress;
    }
}

} // namespace bv::feedsim
