// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/mappingfields.h"

#include <QObject>

#include <utility>

namespace bv::feeds {

namespace {

struct FieldInfo
{
    const char16_t *name;
    FieldType type;
};

constexpr FieldInfo kPersonFields[] = {
    {u"givenName", FieldType::Text},      {u"middleNames", FieldType::Text},
    {u"familyName", FieldType::Text},     {u"fullName", FieldType::FullName},
    {u"birthDate", FieldType::Date},      {u"sex", FieldType::Sex},
    {u"nhsNumber", FieldType::NhsNumber}, {u"phone", FieldType::Text},
    {u"sensitivity", FieldType::Text},    {u"address", FieldType::Location},
};

constexpr FieldInfo kEventFields[] = {
    {u"occurredAt", FieldType::Instant},
    {u"occurredDate", FieldType::Date},
    {u"when", FieldType::DateOrInstant},
    {u"periodEnd", FieldType::Date},
    {u"category", FieldType::Text},
    {u"title", FieldType::Text},
    {u"summary", FieldType::Text},
    {u"outcome", FieldType::Text},
    {u"significance", FieldType::Significance},
    {u"agencyContact", FieldType::Text},
    {u"sensitivity", FieldType::Text},
    {u"place", FieldType::Location},
};

constexpr FieldInfo kFlagFields[] = {
    {u"kind", FieldType::FlagKind}, {u"detail", FieldType::Text}, {u"from", FieldType::Date},
    {u"to", FieldType::Date},       {u"active", FieldType::Bool}, {u"sensitivity", FieldType::Text},
};

constexpr FieldInfo kAddressFields[] = {
    {u"location", FieldType::Location}, {u"from", FieldType::Date},        {u"to", FieldType::Date},
    {u"protected", FieldType::Bool},    {u"sensitivity", FieldType::Text},
};

constexpr FieldInfo kLocationFields[] = {
    {u"place", FieldType::Location},
};

constexpr FieldInfo kRelationshipFields[] = {
    {u"related", FieldType::Text},
    {u"kind", FieldType::RelationshipKind},
    {u"from", FieldType::Date},
    {u"to", FieldType::Date},
};

template<size_t N>
std::pair<const FieldInfo *, size_t> span(const FieldInfo (&fields)[N])
{
    return {fields, N};
}

std::pair<const FieldInfo *, size_t> fieldsOf(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Person:
        return span(kPersonFields);
    case RecordKind::Event:
        return span(kEventFields);
    case RecordKind::Flag:
        return span(kFlagFields);
    case RecordKind::Address:
        return span(kAddressFields);
    case RecordKind::Relationship:
        return span(kRelationshipFields);
    case RecordKind::Location:
        return span(kLocationFields);
    }
    return {nullptr, 0};
}

} // namespace

std::optional<RecordKind> recordKindFromName(QStringView name)
{
    for (const RecordKind kind :
         {RecordKind::Person, RecordKind::Event, RecordKind::Flag, RecordKind::Address,
          RecordKind::Relationship, RecordKind::Location}) {
        if (name == recordKindName(kind))
            return kind;
    }
    return std::nullopt;
}

QString recordKindName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Person:
        return QStringLiteral("person");
    case RecordKind::Event:
        return QStringLiteral("event");
    case RecordKind::Flag:
        return QStringLiteral("flag");
    case RecordKind::Address:
        return QStringLiteral("address");
    case RecordKind::Relationship:
        return QStringLiteral("relationship");
    case RecordKind::Location:
        return QStringLiteral("location");
    }
    return {};
}

std::optional<FieldType> fieldType(RecordKind kind, const QString &field)
{
    const auto [fields, count] = fieldsOf(kind);
    for (size_t i = 0; i < count; ++i) {
        if (field == QStringView(fields[i].name))
            return fields[i].type;
    }
    return std::nullopt;
}

QStringList fieldNames(RecordKind kind)
{
    QStringList names;
    const auto [fields, count] = fieldsOf(kind);
    for (size_t i = 0; i < count; ++i)
        names.append(QString::fromUtf16(fields[i].name));
    return names;
}

QStringList requiredFields(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Event:
        return {QStringLiteral("category"), QStringLiteral("occurredAt|occurredDate|when")};
    case RecordKind::Flag:
        return {QStringLiteral("kind")};
    case RecordKind::Address:
        return {QStringLiteral("location")};
    case RecordKind::Relationship:
        return {QStringLiteral("related"), QStringLiteral("kind")};
    case RecordKind::Location:
        return {QStringLiteral("place")};
    case RecordKind::Person:
        break;
    }
    return {};
}

bool isValidFieldValue(FieldType type, const QString &value)
{
    switch (type) {
    case FieldType::Sex:
        return sexFromName(value).has_value();
    case FieldType::Significance:
        return value == QLatin1String("1") || value == QLatin1String("2")
               || value == QLatin1String("3");
    case FieldType::Bool:
        return value == QLatin1String("true") || value == QLatin1String("false");
    case FieldType::FlagKind:
        return flagKindFromName(value).has_value();
    case FieldType::RelationshipKind:
        return relationshipKindFromName(value).has_value();
    case FieldType::Text:
    case FieldType::FullName:
    case FieldType::Date:
    case FieldType::Instant:
    case FieldType::DateOrInstant:
    case FieldType::NhsNumber:
    case FieldType::Location:
        return true;
    }
    return false;
}

QString fieldTypeValues(FieldType type)
{
    switch (type) {
    case FieldType::Sex:
        return QStringLiteral("female, male, other, unknown");
    case FieldType::Significance:
        return QStringLiteral("1, 2, 3");
    case FieldType::Bool:
        return QStringLiteral("true, false");
    case FieldType::FlagKind:
        return QStringLiteral("vulnerable_adult, child_protection_plan, looked_after, "
                              "risk_to_staff, marac, protected_address, other");
    case FieldType::RelationshipKind:
        return QStringLiteral("parent, child, sibling, twin, partner, household_member");
    default:
        return QObject::tr("any text");
    }
}

} // namespace bv::feeds
