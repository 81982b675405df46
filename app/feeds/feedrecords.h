// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/nhsnumber.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>
#include <vector>

// What an adapter makes of one page of a feed, already normalised: the page writer stores it
// as it is. Every record carries the source's own id, so writing a page twice changes nothing.
namespace bv::feeds {

enum class RecordSex { Unknown, Female, Male, Other };

// Where a record came from and what state the source says it is in.
struct Provenance
{
    QString externalId;     // unique within the feed for records of one kind
    QDateTime updatedAt;    // UTC; invalid when the source gives none
    bool withdrawn = false; // the source has withdrawn the record: remove it
    QString sensitivity = QStringLiteral("official");
};

enum class NameUse { Official, Usual, Maiden, Old, Nickname, Alias };

struct NameRecord
{
    NameUse use = NameUse::Alias;
    QString given;  // first given name as the source gave it
    QString middle; // further given names, space separated
    QString family;
};

enum class LocationPrecision { Unknown, Uprn, PostcodeUnit, District };

struct Location
{
    QString text;     // address as one line, as the source gave it
    QString postcode; // normalised ("NR1 3JB") or empty when absent or not a postcode
    QString uprn;
    std::optional<double> lat; // WGS84
    std::optional<double> lon;
    LocationPrecision precision = LocationPrecision::Unknown;
    // The source's own id of a location record (LocationRecord), when the source names the
    // place rather than describing it: the store fills in the parts from that record, also
    // when it arrives on a later page or changes later. Empty when the parts are given here.
    QString ref;
};

// A place a source keeps as a record of its own, for others to name by its id.
struct LocationRecord
{
    Provenance provenance;
    Location place;
};

struct PersonRecord
{
    Provenance provenance;
    QString givenName;
    QString middleNames;
    QString familyName;
    std::vector<NameRecord> otherNames; // maiden, old, nickname, alias
    QDate birthDate;                    // invalid when the source has none
    RecordSex sex = RecordSex::Unknown;
    QString nhsNumberAsGiven; // empty when absent
    NhsNumber::Status nhsStatus = NhsNumber::Status::Empty;
    QString nhsDigits; // ten digits when the status is not Empty/Malformed
    Location address;  // the current address, if the source gives one
    QString phone;
};

enum class FlagKind {
    VulnerableAdult,
    ChildProtectionPlan,
    LookedAfter,
    RiskToStaff,
    Marac,
    ProtectedAddress,
    Other
};

struct FlagRecord
{
    Provenance provenance;
    QString personExternalId;
    FlagKind kind = FlagKind::Other;
    QString detail;
    QDate from;
    QDate to;
    bool active = true;
};

struct AddressRecord
{
    Provenance provenance;
    QString personExternalId;
    Location location;
    QDate from;
    QDate to;
    bool isProtected = false;
};

enum class RelationshipKind { Parent, Child, Sibling, Twin, Partner, HouseholdMember };

struct RelationshipRecord
{
    Provenance provenance;
    QString personExternalId;
    QString relatedExternalId; // a person record of the same feed
    RelationshipKind kind = RelationshipKind::HouseholdMember;
    QDate from;
    QDate to;
};

struct EventRecord
{
    Provenance provenance;
    QString personExternalId;
    QDateTime occurredAt; // UTC, when the source gives a time
    QDate occurredDate;   // when it gives only a date (occurredAt invalid)
    QDate periodEnd;
    QString category;
    QString title;
    QString summary;
    QString outcome;
    int significance = 1; // 1 routine, 2 notable, 3 key
    Location place;
    QString agencyContact;
};

// Input an adapter could not turn into a record: kept with the reason, never dropped.
struct RejectedInput
{
    QString externalId; // when it could be read
    QString location;   // where in the page: "entry 17", "line 204", "Pupil 3"
    QString reason;
    QByteArray payload; // the raw record as received
};

// Records nested in a person record (its flags, addresses, relationships given inline) carry
// an external id that starts with the person's id and this separator, so that a new version
// of the person replaces all of them: "<person id>#flag/MARAC".
inline constexpr QLatin1StringView kNestedIdSeparator{"#"};

struct FeedPage
{
    std::vector<PersonRecord> persons;
    std::vector<FlagRecord> flags;
    std::vector<AddressRecord> addresses;
    std::vector<RelationshipRecord> relationships;
    std::vector<EventRecord> events;
    std::vector<LocationRecord> locations;
    std::vector<RejectedInput> rejected;

    // Paging: where to read next, and how far this page has read the stream.
    QUrl next;                  // empty on the last page of this pass
    QString cursor;             // an opaque cursor to keep (cursor-paged feeds), else empty
    QDateTime maxUpdatedAt;     // the latest provenance.updatedAt on the page (UTC)
    qsizetype inputRecords = 0; // records read from the page, rejected ones included

    qsizetype recordCount() const
    {
        return qsizetype(persons.size() + flags.size() + addresses.size() + relationships.size()
                         + events.size() + locations.size());
    }
};

// How far one stream of a feed has been read; kept in the store with each page's records.
struct StreamState
{
    QUrl next;               // a pass is under way: the next page to read
    QString cursor;          // cursor-paged feeds: the cursor to send
    QDateTime since;         // time-paged feeds: the high-water mark of completed passes (UTC)
    QDateTime passHighWater; // the latest update read in the pass under way (UTC)
};

} // namespace bv::feeds
