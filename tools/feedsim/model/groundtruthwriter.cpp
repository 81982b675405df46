// SPDX-License-Identifier: GPL-3.0-or-later
#include "groundtruthwriter.h"

#include "countymodel.h"

namespace bv::feedsim {

namespace {

// Flushing in blocks keeps a million-person file from sitting whole in memory.
constexpr qsizetype kBlockBytes = 1 << 20;

const char *kindName(HouseholdKind kind)
{
    switch (kind) {
    case HouseholdKind::SingleAdult:
        return "single_adult";
    case HouseholdKind::Couple:
        return "couple";
    case HouseholdKind::Family:
        return "family";
    case HouseholdKind::SingleParent:
        return "single_parent";
    case HouseholdKind::OlderCouple:
        return "older_couple";
    }
    return "unknown";
}

QByteArray bitNames(quint8 bits, std::initializer_list<std::pair<quint8, const char *>> names)
{
    QByteArray text;
    for (const auto &[bit, name] : names) {
        if (bits & bit) {
            if (!text.isEmpty())
                text.append(';');
            text.append(name);
        }
    }
    return text;
}

QByteArray field(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"'))
        return bytes;
    return '"' + bytes.replace("\"", "\"\"") + '"';
}

QByteArray date(qint32 julianDay)
{
    return julianDay == 0 ? QByteArray()
                          : QDate::fromJulianDay(julianDay).toString(Qt::ISODate).toLatin1();
}

QByteArray personRef(quint32 index)
{
    return index == kNone ? QByteArray() : CountyModel::personId(index).toLatin1();
}

} // namespace

QByteArray GroundTruthWriter::header()
{
    return QByteArrayLiteral(
        "person_id,nhs_number_index,household_id,household_kind,sex,given_name,family_name,"
        "birth_family_name,name_changed_on,date_of_birth,mother_id,father_id,partner_id,flags,"
        "hard_cases,moves,uprn,house_number,street,postcode,easting,northing\n");
}

Result<void> GroundTruthWriter::write(QIODevice &device) const
{
    QByteArray block = header();
    const auto count = quint32(m_model.persons().size());
    for (quint32 person = 0; person <= count; ++person) {
        if (person < count)
            appendRow(person, block);
        if (block.size() >= kBlockBytes || person == count) {
            if (device.write(block) != block.size())
                return makeError(
                    ErrorCode::Io,
                    QStringLiteral("cannot write the ground truth: %1").arg(device.errorString()));
            block.clear();
        }
    }
    return {};
}

void GroundTruthWriter::appendRow(quint32 index, QByteArray &out) const
{
    const Person &person = m_model.persons()[index];
    const Household &household = m_model.households()[person.household];
    const StringPool &strings = m_model.strings();
    const Address &address = m_model.addresses()[m_model.addressAt(index, m_model.today())];
    const Postcode &postcode = m_model.postcodes()[address.postcode];
    const QByteArray flags = bitNames(person.flags, {{VulnerableAdult, "vulnerable_adult"},
                                                     {ChildProtectionPlan, "child_protection_plan"},
                                                     {LookedAfter, "looked_after"},
                                                     {RiskToStaff, "risk_to_staff"},
                                                     {Marac, "marac"},
                                                     {ProtectedAddress, "protected_address"}});
    const QByteArray hardCases
        = bitNames(person.hardCases, {{Twin, "twin"},
                                      {Namesake, "namesake"},
                                      {SameNameAsFather, "same_name_as_father"},
                                      {ChangedFamilyName, "changed_family_name"},
                                      {MovedSeveralTimes, "moved_several_times"}});
    out += CountyModel::personId(index).toLatin1() + ',' + QByteArray::number(person.nhsNumberIndex)
           + ",H" + QByteArray::number(person.household + 1).rightJustified(6, '0') + ','
           + kindName(household.kind) + ',' + (person.sex == Sex::Male ? 'M' : 'F') + ','
           + field(strings.at(person.givenName)) + ',' + field(strings.at(person.familyName)) + ','
           + field(strings.at(person.birthFamilyName)) + ',' + date(person.nameChangedOn) + ','
           + date(person.birthDay) + ',' + personRef(person.mother) + ',' + personRef(person.father)
           + ',' + personRef(person.partner) + ',' + flags + ',' + hardCases + ','
           + QByteArray::number(household.periodCount - 1) + ',' + QByteArray::number(address.uprn)
           + ',' + QByteArray::number(address.houseNumber) + ',' + field(strings.at(address.street))
           + ',' + field(strings.at(postcode.code)) + ',' + QByteArray::number(postcode.easting)
           + ',' + QByteArray::number(postcode.northing) + '\n';
}

} // namespace bv::feedsim
