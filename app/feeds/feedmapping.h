// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/feedrecords.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <utility>
#include <vector>

// A feed's mapping file (resources/feeds/<feed>.mapping.json), read and checked: which
// streams the feed has, how each is paged, and how the fields of its records become
// Broadview's records. docs/feed-mapping.md describes the language.
namespace bv::feeds {

enum class PagingKind { FhirLinkNext, LinkHeader, Cursor, BodyToken };

struct PagingSpec
{
    PagingKind kind = PagingKind::LinkHeader;
    QString sinceParam;    // time-paged: "_lastUpdated", "modified_since", "since"
    QString sincePrefix;   // written before the instant: "ge" for FHIR
    QString sinceFormat;   // "iso" (UTC, "Z"), or a Qt date-time format in the mapping's zone
    QString pageSizeParam; // "_count", "limit", "page_size"; empty: none is sent
    QString cursorParam;   // cursor: the query parameter
    QString nextCursor;    // cursor: where the body holds the next cursor
    QString hasMore;       // cursor: where the body says whether more pages follow
    QString tokenParam;    // body-token: the query parameter
    QString token;         // body-token: where the body holds the token
    std::vector<std::pair<QString, QString>> params; // sent on every first request
    bool usesCursor() const { return kind == PagingKind::Cursor; }
};

// Where a value is in a record. JSON: "data.person_id"; XML: "Address/PostCode"; CSV: the
// column. Inside an "each", a path is relative to the element; "^" starts it at the record,
// each "<" one "each" level up. An empty path (".") is the element itself.
struct FieldPath
{
    bool fromItem = false;
    int up = 0;
    QStringList segments;
    QString text; // as written, for messages
};

struct TemplatePart
{
    QString literal;
    std::optional<FieldPath> path;
    bool optional = false; // "{path?}": may be empty in an id
};

// How one field's value is read.
struct ValueSpec
{
    enum class Kind { Unset, Path, Const, Template, Join };
    Kind kind = Kind::Unset;
    std::vector<FieldPath> paths;    // Path: one; Join: the parts
    std::vector<TemplatePart> parts; // Template
    QString constant;                // Const
    QString separator;               // Join
    QString table;                   // a code table applied to what was read
    QString format;                  // a date or instant format overriding the file's

    bool isSet() const { return kind != Kind::Unset; }
};

// A place: read from the record, or from another record of the same page found by a key.
struct LocationSpec
{
    ValueSpec text;
    ValueSpec postcode;
    ValueSpec uprn;
    ValueSpec lat;
    ValueSpec lon;
    ValueSpec easting;
    ValueSpec northing;
    std::optional<LocationPrecision> precision; // when the source's coordinates say more
    QString lookupIndex;                        // an index of the stream; empty: no lookup
    ValueSpec lookupKey;
    ValueSpec ref; // the id of a location record, resolved by the store (Location::ref)
    bool isSet = false;
};

// All must hold; each path's value must equal one of the listed values (case-insensitive);
// the value "*" matches any value that is not empty.
struct ConditionSpec
{
    std::vector<std::pair<FieldPath, QStringList>> equals;
    bool isEmpty() const { return equals.empty(); }
};

// One record per element of an array (or of a text split on a separator).
struct EachSpec
{
    FieldPath path;
    QString split;
    bool isSet = false;
};

struct NameSpec
{
    EachSpec each;
    NameUse use = NameUse::Alias;
    ValueSpec given;
    ValueSpec middle;
    ValueSpec family;
    ValueSpec fullName;
};

enum class RecordKind { Person, Event, Flag, Address, Relationship, Location };

// Every kind but persons and locations is about a person, named by the record's "person".
constexpr bool isAboutAPerson(RecordKind kind)
{
    return kind != RecordKind::Person && kind != RecordKind::Location;
}

struct RecordSpec
{
    RecordKind kind = RecordKind::Person;
    QString keyPath; // "streams[1].records[0]", for messages
    ConditionSpec when;
    std::vector<EachSpec> each; // nested levels: one record per combination of elements
    std::vector<TemplatePart> id;
    std::vector<TemplatePart> person; // the person the record is about (not for persons)
    bool nested = false;              // id becomes "<person id>#<id>"
    ValueSpec updated;
    ConditionSpec withdrawn;
    std::map<QString, ValueSpec> fields;
    std::map<QString, LocationSpec> locations;
    std::vector<NameSpec> otherNames;
};

// Records of the page found by a key, for references within one page.
struct IndexSpec
{
    QString name;
    ConditionSpec when;
    FieldPath key;
};

struct StreamSpec
{
    QString name;
    QString path; // relative to the feed's base URL
    PagingSpec paging;
    QString root;    // XML: the root element's name
    FieldPath items; // where the records are in a page (JSON, XML)
    std::vector<IndexSpec> indexes;
    std::vector<RecordSpec> records;
};

struct DateSpec
{
    QString zone = QStringLiteral("Europe/London"); // for instants without an offset
    QString instantFormat = QStringLiteral("iso");
    QString dateFormat = QStringLiteral("auto");
};

// What the FHIR adapter takes from its mapping: the rest is FHIR R4 itself.
struct FhirSpec
{
    QString nhsNumberSystem = QStringLiteral("https://fhir.nhs.uk/Id/nhs-number");
    QString withdrawnTagSystem;
    QString withdrawnTagCode;
    QString flagKindTable;     // Flag.code (system|code, or code) -> flag kind
    QString significanceTable; // Encounter.class code -> 1..3
    QString eventCategory = QStringLiteral("health");
};

struct FeedMapping
{
    QString path;
    QString format;
    DateSpec dates;
    QHash<QString, QHash<QString, QString>> codeTables;
    std::vector<StreamSpec> streams;
    FhirSpec fhir;

    const StreamSpec *stream(const QString &name) const;
};

// Reads and checks a mapping file for a feed of the given format. Every error names the
// file, the key path ("streams[2].records[0].fields.birthDate") and what is wrong.
[[nodiscard]] Result<FeedMapping> loadFeedMapping(const QString &path, const QString &format);

// Looks a code up in a table: exact, then case-insensitive, then (if useDefault) the "*" entry.
std::optional<QString> lookUpCode(const QHash<QString, QString> &table, const QString &code,
                                  bool useDefault = true);

// The names the mapping language uses for the record enums.
std::optional<FlagKind> flagKindFromName(QStringView name);
std::optional<RelationshipKind> relationshipKindFromName(QStringView name);
std::optional<RecordSex> sexFromName(QStringView name);
std::optional<NameUse> nameUseFromName(QStringView name);

} // namespace bv::feeds
