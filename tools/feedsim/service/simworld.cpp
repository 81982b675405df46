// SPDX-License-Identifier: GPL-3.0-or-later
#include "simworld.h"

#include "identifiers.h"
#include "recordrandom.h"

namespace bv::feedsim {

namespace {

constexpr double kMiddleNameRate = 0.45;
constexpr double kLandlineRate = 0.6;
constexpr int kMiddleNameTries = 16;
constexpr int kFlagHistoryDays = 5 * 365;
constexpr quint64 kFlagSalt = 0xf1a6;
constexpr quint64 kMiddleSalt = 0x3dd1e;
constexpr quint64 kPhoneSalt = 0x9407e;

} // namespace

SimWorld::SimWorld(std::shared_ptr<const CountyModel> county,
                   std::shared_ptr<const ReferenceData> reference, quint64 seed)
    : m_county(std::move(county))
    , m_reference(std::move(reference))
    , m_seed(seed)
    , m_today(qint32(m_county->today().toJulianDay()))
    , m_historyStart(qint32(m_county->historyStart().toJulianDay()))
{}

const Person &SimWorld::person(quint32 index) const
{
    const auto &persons = m_county->persons();
    return index < persons.size() ? persons[index] : m_born[index - persons.size()];
}

int SimWorld::ageOn(quint32 index, qint32 day) const
{
    const QDate birth = QDate::fromJulianDay(person(index).birthDay);
    const QDate on = QDate::fromJulianDay(day);
    int age = on.year() - birth.year();
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
        --age;
    return age;
}

bool SimWorld::isChild(quint32 index) const
{
    const Person &p = person(index);
    return p.mother != kNone || p.father != kNone;
}

std::vector<AddressPeriod> SimWorld::householdHistoryOn(quint32 household, qint32 day) const
{
    std::vector<AddressPeriod> history;
    for (const AddressPeriod &period : m_county->addressHistory(household)) {
        if (period.from <= day)
            history.push_back(period);
    }
    const auto moves = m_moves.constFind(household);
    if (moves != m_moves.constEnd()) {
        for (const AddressPeriod &move : *moves) {
            if (move.from > day)
                break;
            if (!history.empty())
                history.back().to = move.from;
            history.push_back(move);
        }
    }
    return history;
}

quint32 SimWorld::addressOn(quint32 index, qint32 day) const
{
    const Person &p = person(index);
    if (day < p.birthDay)
        return kNone;
    if (day < p.memberSince)
        return p.priorAddress;
    const auto moves = m_moves.constFind(p.household);
    if (moves != m_moves.constEnd()) {
        for (auto it = moves->crbegin(); it != moves->crend(); ++it) {
            if (it->from <= day)
                return it->address;
        }
    }
    for (const AddressPeriod &period : m_county->addressHistory(p.household)) {
        if (day >= period.from && day < period.to)
            return period.address;
    }
    return kNone;
}

quint32 SimWorld::familyNameOn(quint32 index, qint32 day) const
{
    const Person &p = person(index);
    if (p.nameChangedOn != 0 && day < p.nameChangedOn)
        return p.birthFamilyName;
    return p.familyName;
}

quint8 SimWorld::flagsOn(quint32 index, qint32 day) const
{
    quint8 flags = person(index).flags;
    const auto added = m_newFlags.constFind(index);
    if (added != m_newFlags.constEnd()) {
        for (const DatedFlag &flag : *added) {
            if (flag.day <= day)
                flags |= flag.flag;
        }
    }
    return flags;
}

qint32 SimWorld::flagSince(quint32 index, quint8 flag) const
{
    const auto added = m_newFlags.constFind(index);
    if (added != m_newFlags.constEnd()) {
        for (const DatedFlag &dated : *added) {
            if (dated.flag == flag && !(person(index).flags & flag))
                return dated.day;
        }
    }
    const Person &p = person(index);
    const qint32 earliest = std::max(p.birthDay + 30, m_today - kFlagHistoryDays);
    if (earliest >= m_today)
        return std::max(p.birthDay, m_today - 1);
    RecordRandom random(hashKeys({m_seed, kFlagSalt, index, flag}));
    return qint32(random.between(earliest, m_today - 1));
}

std::vector<quint32> SimWorld::membersOn(quint32 household, qint32 day) const
{
    std::vector<quint32> members;
    const Household &h = m_county->households()[household];
    for (quint32 i = h.firstMember; i < h.firstMember + h.memberCount; ++i) {
        const Person &p = m_county->persons()[i];
        if (p.birthDay <= day && p.memberSince <= day)
            members.push_back(i);
    }
    const auto born = m_bornInto.constFind(household);
    if (born != m_bornInto.constEnd()) {
        for (quint32 index : *born) {
            if (person(index).birthDay <= day)
                members.push_back(index);
        }
    }
    return members;
}

QString SimWorld::middleName(quint32 index) const
{
    RecordRandom random(hashKeys({m_seed, kMiddleSalt, index}));
    if (!random.chance(kMiddleNameRate))
        return QString();
    const Person &p = person(index);
    const auto count = quint64(m_county->persons().size());
    for (int attempt = 0; attempt < kMiddleNameTries; ++attempt) {
        const Person &other = m_county->persons()[random.below(count)];
        if (other.sex == p.sex && other.givenName != p.givenName)
            return text(other.givenName);
    }
    return QString();
}

QString SimWorld::phone(quint32 index) const
{
    RecordRandom random(hashKeys({m_seed, kPhoneSalt, index}));
    if (random.chance(kLandlineRate))
        return identifiers::landline(hashKeys({m_seed, kPhoneSalt, person(index).household}));
    return identifiers::mobile(random.next());
}

std::vector<quint32> SimWorld::variantsOf(quint32 givenName) const
{
    return m_reference ? m_reference->variantsOf(givenName) : std::vector<quint32>();
}

quint32 SimWorld::addBirth(quint32 mother, qint32 day, quint64 draw)
{
    RecordRandom random(draw);
    const Person &m = person(mother);
    Person child;
    child.sex = random.chance(0.512) ? Sex::Male : Sex::Female;
    // A name given to another child of the county of that sex: the names of the day.
    const auto count = quint64(m_county->persons().size());
    child.givenName = m.givenName;
    for (int attempt = 0; attempt < 64; ++attempt) {
        const quint32 other = quint32(random.below(count));
        const Person &o = m_county->persons()[other];
        if (o.sex == child.sex && isChild(other)) {
            child.givenName = o.givenName;
            break;
        }
    }
    child.mother = mother;
    child.father
        = m.partner != kNone && person(m.partner).household == m.household ? m.partner : kNone;
    child.familyName = child.birthFamilyName
        = child.father != kNone ? person(child.father).familyName : m.familyName;
    child.birthDay = child.memberSince = day;
    child.household = m.household;
    const quint32 index = personCount();
    child.nhsNumberIndex = index;
    m_born.push_back(child);
    m_bornInto[child.household].push_back(index);
    return index;
}

void SimWorld::addMove(quint32 household, quint32 address, qint32 day)
{
    AddressPeriod period;
    period.address = address;
    period.from = day;
    m_moves[household].push_back(period);
}

void SimWorld::addFlag(quint32 index, quint8 flag, qint32 day)
{
    m_newFlags[index].push_back({flag, day});
}

} // namespace bv::feedsim
