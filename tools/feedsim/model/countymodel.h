// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "referencedata.h"
#include "stringpool.h"

#include <QDate>
#include <QIODevice>
#include <QString>

#include <memory>
#include <span>
#include <vector>

namespace bv::feedsim {

// "No such person or address" in the compact index fields below.
inline constexpr quint32 kNone = 0xffffffffu;

enum class HouseholdKind : quint8 { SingleAdult, Couple, Family, SingleParent, OlderCouple };

// Bits of Person::flags: what agencies record about a person, at realistic low rates.
enum PersonFlag : quint8 {
    VulnerableAdult = 1u << 0,
    ChildProtectionPlan = 1u << 1,
    LookedAfter = 1u << 2,
    RiskToStaff = 1u << 3,
    Marac = 1u << 4,
    ProtectedAddress = 1u << 5,
};

// Bits of Person::hardCases: the cases that trip up linkage, made on purpose so an evaluation
// can count how each is handled.
enum HardCase : quint8 {
    Twin = 1u << 0,              // shares date of birth, family name and parents with a sibling
    Namesake = 1u << 1,          // another person in the county has the same name and birth date
    SameNameAsFather = 1u << 2,  // father and son with one full name at one address (both set)
    ChangedFamilyName = 1u << 3, // took a partner's family name; birthFamilyName keeps the old
    MovedSeveralTimes = 1u << 4, // two or more moves in the ten years of history
};

// One person. Indexes, not pointers, so the county can be copied and is 56 bytes a person.
struct Person
{
    quint32 givenName = 0;       // id in strings()
    quint32 familyName = 0;      // today's family name
    quint32 birthFamilyName = 0; // equal to familyName unless ChangedFamilyName
    qint32 birthDay = 0;         // QDate julian day
    qint32 memberSince = 0;      // julian day from which the person lives with the household
    qint32 nameChangedOn = 0;    // julian day, 0 unless ChangedFamilyName
    quint32 household = 0;
    quint32 priorAddress = kNone; // where the person lived before memberSince, if known
    quint32 mother = kNone;
    quint32 father = kNone;
    quint32 partner = kNone;
    quint32 nhsNumberIndex = 0; // stable slot for the NHS number generator (999 test range)
    Sex sex = Sex::Female;
    quint8 flags = 0;
    quint8 hardCases = 0;
};

// Members are contiguous in persons(): adults first, then children eldest first. Address
// periods are contiguous in addressPeriods(), oldest first.
struct Household
{
    quint32 firstMember = 0;
    quint32 firstPeriod = 0;
    quint16 memberCount = 0;
    quint8 periodCount = 0;
    HouseholdKind kind = HouseholdKind::SingleAdult;
};

// A dwelling: a real postcode, an invented street and number, a synthetic UPRN that is the
// same wherever the same dwelling appears.
struct Address
{
    quint64 uprn = 0;
    quint32 postcode = 0; // index in ReferenceData::postcodes()
    quint32 street = 0;   // id in strings()
    quint16 houseNumber = 0;
};

// A household lived at address from `from` up to, not including, `to`.
struct AddressPeriod
{
    static constexpr qint32 kOpen = 0x7fffffff;

    quint32 address = 0;
    qint32 from = 0; // julian day
    qint32 to = kOpen;
};

enum class RelationshipKind : quint8 { Parent, Child, Partner, Sibling, Twin };

// A relation as seen from one person: `other` is their parent, child, ...
struct Relation
{
    quint32 other = kNone;
    RelationshipKind kind = RelationshipKind::Sibling;
};

// The synthetic county: the ground truth every simulated agency feed is a partial, noisy
// view of. Made only by generate(); the same reference data, size and seed always give the
// same county.
class CountyModel
{
public:
    static constexpr quint32 kDefaultPersons = 5000;

    [[nodiscard]] static Result<CountyModel> generate(const ReferenceData &reference,
                                                      quint32 persons, quint64 seed);

    const std::vector<Person> &persons() const { return m_persons; }
    const std::vector<Household> &households() const { return m_households; }
    const std::vector<Address> &addresses() const { return m_addresses; }
    const std::vector<Postcode> &postcodes() const { return m_postcodes; }
    const StringPool &strings() const { return *m_strings; }

    // The last day of the county's history, and the first day the address history covers.
    QDate today() const { return m_today; }
    QDate historyStart() const { return m_historyStart; }

    // "P000001" for index 0: stable across runs of one seed.
    static QString personId(quint32 index);

    std::span<const AddressPeriod> addressHistory(quint32 household) const;

    // The address a person lived at on a day, or kNone before birth or before the history.
    quint32 addressAt(quint32 person, QDate day) const;

    // Family name in use on a day (the birth name before a change).
    quint32 familyNameAt(quint32 person, QDate day) const;

    std::vector<Relation> relationsOf(quint32 person) const;

    // The case study: the eldest child aged 17 on today() of the first single-parent
    // household that has one, so that a demo can open one person every agency knows (the
    // feeds build the story around them: docs/feeds-protocol.md "Case study"). Every county
    // of two persons or more has one; kNone for a county of one.
    quint32 caseStudy() const { return m_caseStudy; }

    // One CSV row per person, in id order: ids, names, birth date, household, relations,
    // flags, hard cases and today's address. Byte-identical for one seed.
    [[nodiscard]] Result<void> writeGroundTruth(QIODevice &device) const;

private:
    friend class CountyGenerator;

    std::shared_ptr<const StringPool> m_strings;
    std::vector<Postcode> m_postcodes;
    std::vector<Person> m_persons;
    std::vector<Household> m_households;
    std::vector<Address> m_addresses;
    std::vector<AddressPeriod> m_periods;
    QDate m_today;
    QDate m_historyStart;
    quint32 m_caseStudy = kNone;
};

} // namespace bv::feedsim
