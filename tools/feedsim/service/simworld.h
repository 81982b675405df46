// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "countymodel.h"
#include "referencedata.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace bv::feedsim {

// The county as the feeds see it over simulated time: the immutable CountyModel (its history
// ends on today()) plus what tick() adds after it: births, household moves and new flags,
// each dated. Every question takes the day it is asked about, so a record rendered as of its
// own last update never shows a change it was not updated for.
class SimWorld
{
public:
    // reference may be null: then nobody is known by a nickname.
    SimWorld(std::shared_ptr<const CountyModel> county,
             std::shared_ptr<const ReferenceData> reference, quint64 seed);

    const CountyModel &county() const { return *m_county; }
    quint64 seed() const { return m_seed; }
    qint32 today() const { return m_today; }
    qint32 historyStart() const { return m_historyStart; }

    // County persons first, then those born after the history.
    quint32 personCount() const { return quint32(m_county->persons().size() + m_born.size()); }
    const Person &person(quint32 index) const;
    const QString &text(quint32 stringId) const { return m_county->strings().at(stringId); }
    int ageOn(quint32 person, qint32 day) const;
    // Adults of the county have no parents in it; children and the born-later have one.
    bool isChild(quint32 person) const;

    quint32 addressOn(quint32 person, qint32 day) const;
    // The household's address periods known on day (later moves not yet made).
    std::vector<AddressPeriod> householdHistoryOn(quint32 household, qint32 day) const;
    quint32 familyNameOn(quint32 person, qint32 day) const;
    quint8 flagsOn(quint32 person, qint32 day) const;
    // When a flag the person has on `today()` or later was first recorded.
    qint32 flagSince(quint32 person, quint8 flag) const;
    // Members living in the household on day (born and joined by then).
    std::vector<quint32> membersOn(quint32 household, qint32 day) const;
    quint32 householdCount() const { return quint32(m_county->households().size()); }

    // A second given name, the same for every agency; empty for most people.
    QString middleName(quint32 person) const;
    QString phone(quint32 person) const;
    std::vector<quint32> variantsOf(quint32 givenName) const;

    // tick() only.
    quint32 addBirth(quint32 mother, qint32 day, quint64 draw);
    void addMove(quint32 household, quint32 address, qint32 day);
    void addFlag(quint32 person, quint8 flag, qint32 day);
    quint32 bornCount() const { return quint32(m_born.size()); }

private:
    struct DatedFlag
    {
        quint8 flag = 0;
        qint32 day = 0;
    };

    std::shared_ptr<const CountyModel> m_county;
    std::shared_ptr<const ReferenceData> m_reference;
    quint64 m_seed = 0;
    qint32 m_today = 0;
    qint32 m_historyStart = 0;
    std::vector<Person> m_born;
    // Looked up by key only, never iterated: QHash order differs between runs.
    QHash<quint32, std::vector<AddressPeriod>> m_moves; // household -> periods after today
    QHash<quint32, std::vector<quint32>> m_bornInto;    // household -> born persons
    QHash<quint32, std::vector<DatedFlag>> m_newFlags;  // person -> flags after today
};

} // namespace bv::feedsim
