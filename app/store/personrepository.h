// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bv::access {
class AuditLog;
}

namespace bv::store {

class Database;

// One agency's record of a person, or the fact that it exists and is withheld.
struct SourceRecordView
{
    qint64 sourcePersonId = 0;
    QString sourceCode;
    QString agency;
    QString externalId;
    bool withheld = false;
    QString withheldReason;
    QString givenName;
    QString familyName;
    QString birthDate;
    QString sex;
    QString nhsNumber;
    QString postcode;
    QString receivedAt;
    QString updatedAt;
};

// One thing that happened, as an agency recorded it, or the fact that it exists and is
// withheld (then only eventId, when, which agency and why it is withheld are filled: not
// even its significance or record, which would say something of what it was).
struct EventView
{
    qint64 eventId = 0;
    qint64 sourcePersonId = 0;
    QString sourceCode;
    QString agency;
    QString externalId;
    bool withheld = false;
    QString withheldReason;
    QDateTime occurredAt; // UTC, where the agency gave a time
    QDate occurredDate;   // where it gave only a date (or the London date of occurredAt)
    QDate periodEndDate;  // the end of a period, where the event spans one
    QString category;
    QString title;
    QString summary;
    QString outcome;      // the agency's outcome or action taken, where it records one
    int significance = 1; // 1 routine, 2 notable, 3 key
    QString placeText;
    // Where it happened, when the agency placed it and the person's address is not protected
    // (an event at home would show where they live); precision as for addresses.
    std::optional<double> lat;
    std::optional<double> lon;
    QString placePrecision;
    QString agencyContact;
    QString receivedAt;
    QString updatedAt;
};

// A relationship an agency recorded on one of the person's records: who the other person is
// to them, by the related record's name where the reader may see it.
struct RelationshipView
{
    qint64 sourcePersonId = 0; // the person's record that holds it
    QString agency;
    QString kind;               // parent, child, sibling, twin, partner, household_member
    QString relatedName;        // empty when the related record is unknown or withheld
    qint64 relatedPersonId = 0; // the related record's person, 0 when not linked or withheld
    bool withheld = false;
    QString withheldReason;
};

// Where an agency says the person lived, and when. A protected address has neither its text
// nor a position: only that it exists, from when, and which agency holds it.
struct AddressView
{
    qint64 addressId = 0;
    qint64 sourcePersonId = 0;
    QString agency;
    QString text;
    QString postcode;
    std::optional<double> lat;
    std::optional<double> lon;
    QString precision; // "uprn", "postcode_unit", "district" or empty
    QDate from;        // invalid when not known
    QDate to;          // invalid while current
    bool isProtected = false;
};

struct PersonView
{
    qint64 personId = 0;
    bool addressProtected = false; // any of their records says so: no position of theirs shown
    QList<SourceRecordView> records;
    QList<AddressView> addresses; // the visible records' addresses, oldest first
    QList<EventView> events;      // in time order: day, then time (date-only first), then agency
    QList<RelationshipView> relationships;
};

// Who the person is by the records the reader may see: the name and date of birth most of
// them give, and the agencies that hold them (in agencyOrder()).
struct PersonSummary
{
    QString name;    // "Given Family"; empty when no visible record names them
    QDate birthDate; // invalid when none gives one
    QStringList agencies;
    int withheldRecords = 0;
};
[[nodiscard]] PersonSummary summarise(const PersonView &person);

// Reads of a resolved person. Every read takes an AccessContext, applies AccessPolicy per
// record, and is audited in the same transaction: if the audit entry cannot be written,
// nothing is returned.
class PersonRepository
{
public:
    // Both must outlive the repository.
    PersonRepository(Database &db, access::AuditLog &audit);

    // The person's records and events. A retired person (all its records went to another) is
    // NotFound, naming the person it was merged into.
    [[nodiscard]] Result<PersonView> read(const access::AccessContext &context, qint64 personId);

private:
    [[nodiscard]] Result<void> readAddresses(const access::AccessContext &context, qint64 personId,
                                             PersonView &view);
    [[nodiscard]] Result<void> readRelationships(const access::AccessContext &context,
                                                 qint64 personId, PersonView &view);
    [[nodiscard]] Result<void> readEvents(const access::AccessContext &context, qint64 personId,
                                          PersonView &view, int &withheld);

    Database &m_db;
    access::AuditLog &m_audit;
};

} // namespace bv::store
