// SPDX-License-Identifier: GPL-3.0-or-later
#include "countymodel.h"

#include "countygenerator.h"
#include "groundtruthwriter.h"

namespace bv::feedsim {

Result<CountyModel> CountyModel::generate(const ReferenceData &reference, quint32 persons,
                                          quint64 seed)
{
    if (persons == 0)
        return makeError(ErrorCode::Usage, QStringLiteral("a county needs at least one person"));
    if (reference.postcodes().empty() || reference.surnames().isEmpty()
        || reference.streetNames().empty())
        return makeError(ErrorCode::Failure,
                         QStringLiteral("reference data is empty: load it before generating"));
    CountyGenerator generator(reference, seed);
    return generator.run(persons);
}

QString CountyModel::personId(quint32 index)
{
    return QStringLiteral("P%1").arg(index + 1, 6, 10, QLatin1Char('0'));
}

std::span<const AddressPeriod> CountyModel::addressHistory(quint32 household) const
{
    const Household &h = m_households[household];
    return {m_periods.data() + h.firstPeriod, h.periodCount};
}

quint32 CountyModel::addressAt(quint32 person, QDate day) const
{
    const Person &p = m_persons[person];
    const auto julianDay = qint32(day.toJulianDay());
    if (julianDay < p.birthDay)
        return kNone;
    if (julianDay < p.memberSince)
        return p.priorAddress;
    for (const AddressPeriod &period : addressHistory(p.household)) {
        if (julianDay >= period.from && julianDay < period.to)
            return period.address;
    }
    return kNone;
}

quint32 CountyModel::familyNameAt(quint32 person, QDate day) const
{
    const Person &p = m_persons[person];
    if (p.nameChangedOn != 0 && day.toJulianDay() < p.nameChangedOn)
        return p.birthFamilyName;
    return p.familyName;
}

std::vector<Relation> CountyModel::relationsOf(quint32 person) const
{
    const Person &p = m_persons[person];
    std::vector<Relation> relations;
    if (p.mother != kNone)
        relations.push_back({p.mother, RelationshipKind::Parent});
    if (p.father != kNone)
        relations.push_back({p.father, RelationshipKind::Parent});
    if (p.partner != kNone)
        relations.push_back({p.partner, RelationshipKind::Partner});
    // Children and siblings live in the same household: the county has no adult children
    // living apart yet.
    const Household &h = m_households[p.household];
    for (quint32 i = h.firstMember; i < h.firstMember + h.memberCount; ++i) {
        if (i == person)
            continue;
        const Person &other = m_persons[i];
        if (other.mother == person || other.father == person) {
            relations.push_back({i, RelationshipKind::Child});
        } else if ((p.mother != kNone || p.father != kNone) && other.mother == p.mother
                   && other.father == p.father) {
            const bool twins
                = (p.hardCases & Twin) && (other.hardCases & Twin) && other.birthDay == p.birthDay;
            relations.push_back({i, twins ? RelationshipKind::Twin : RelationshipKind::Sibling});
        }
    }
    return relations;
}

Result<void> CountyModel::writeGroundTruth(QIODevice &device) const
{
    return GroundTruthWriter(*this).write(device);
}

} // namespace bv::feedsim
