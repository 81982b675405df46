// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "countymodel.h"
#include "seededrandom.h"

#include <QHash>

namespace bv::feedsim {

// Builds one CountyModel, household by household, from a single seeded stream. Every draw
// happens in a fixed order, so the same seed and size give the same county. Used once.
class CountyGenerator
{
public:
    CountyGenerator(const ReferenceData &reference, quint64 seed);

    CountyModel run(quint32 persons);

private:
    struct Parents
    {
        quint32 mother = kNone;
        quint32 father = kNone;
    };

    HouseholdKind pickKind(quint32 remaining);
    quint32 beginHousehold(HouseholdKind kind);
    void finishHousehold(quint32 household);

    void addSingleAdult();
    Parents addCouple(int minAge, int maxAge);
    Parents addSingleParent();
    void addCaseStudyFamily();
    void noteCaseStudy(quint32 household);
    void addChildren(const Parents &parents, quint32 familyName, int count);
    void partner(const Parents &couple, quint32 householdIndex);

    quint32 addPerson(Sex sex, QDate birth, quint32 familyName);
    bool copyEarlierAdult(Person &person);
    quint32 pickGivenName(Sex sex, int birthYear);
    Sex pickSex();
    QDate birthForAge(int minAge, int maxAge);
    QDate dayBetween(QDate first, QDate last);

    void settle(quint32 household);
    int pickMoveCount();
    quint32 nearbyPostcode(quint32 postcode);
    quint32 dwellingAt(quint32 postcode);
    quint32 streetOf(quint32 postcode) const;
    void assignFlags(quint32 household);

    const ReferenceData &m_reference;
    quint64 m_seed;
    SeededRandom m_random;
    CountyModel m_model;
    QHash<quint64, quint32> m_dwellingByKey;
};

} // namespace bv::feedsim
