// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedmapping.h"

#include <QString>
#include <QStringList>

#include <optional>

// The fields each record kind has in the mapping language, and what their values must be.
// Shared by the mapping reader (to check a file) and the record mapper (to read a record).
namespace bv::feeds {

enum class FieldType {
    Text,
    FullName,      // "Given Middle Family" or "Family, Given": split into the parts
    Date,          // a calendar date
    Instant,       // to UTC
    DateOrInstant, // an instant when the text has a time, else a date
    Sex,           // female, male, other, unknown
    NhsNumber,
    Significance, // 1..3
    Bool,         // true, false
    FlagKind,     // vulnerable_adult, ...
    RelationshipKind,
    Location, // an object of location parts
};

std::optional<RecordKind> recordKindFromName(QStringView name);
QString recordKindName(RecordKind kind);

std::optional<FieldType> fieldType(RecordKind kind, const QString &field);
QStringList fieldNames(RecordKind kind);
// The fields a mapping must give; "occurredAt|occurredDate|when" means one of them.
QStringList requiredFields(RecordKind kind);

// Whether a code table's value suits a field of this type.
bool isValidFieldValue(FieldType type, const QString &value);
// The values a field of this type takes, for messages.
QString fieldTypeValues(FieldType type);

} // namespace bv::feeds
