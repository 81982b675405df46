// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/personrepository.h"

#include "access/auditlog.h"
#include "common/agencies.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>
#include <QTimeZone>

#include <algorithm>
#include <spdlog/spdlog.h>

namespace bv::store {

PersonRepository::PersonRepository(Database &db, access::AuditLog &audit)
    : m_db(db)
    , m_audit(audit)
{}

PersonSummary summarise(const PersonView &person)
{
    PersonSummary summary;
    QList<QString> names;
    QList<QDate> births;
    for (const SourceRecordView &record : person.records) {
        if (record.withheld) {
            ++summary.withheldRecords;
            continue;
        }
        const QString name
            = QStringList{record.givenName, record.familyName}.join(QLatin1Char(' ')).trimmed();
        if (!name.isEmpty())
            names << name;
        if (const QDate birth = QDate::fromString(record.birthDate, Qt::ISODate); birth.isValid())
            births << birth;
        if (!summary.agencies.contains(record.agency))
            summary.agencies << record.agency;
    }
    sortByAgencyOrder(summary.agencies);
    summary.name = mostCommon(names);
    summary.birthDate = mostCommon(births);
    return summary;
}

Result<void> PersonRepository::readRelationships(const access::AccessContext &context,
                                                 qint64 personId, PersonView &view)
{
    auto rows = m_db.prepare(
        "SELECT r.source_person_id, s.code, s.agency, sp.sensitivity, r.kind, o.given_name, "
        "o.family_name, o.sensitivity, ol.person_id FROM person_link pl "
        "JOIN relationship r ON r.source_person_id = pl.source_person_id "
        "JOIN source_person sp ON sp.id = r.source_person_id JOIN source s ON s.id = r.source_id "
        "LEFT JOIN source_person o ON o.id = r.related_source_person_id AND o.withdrawn = 0 "
        "LEFT JOIN person_link ol ON ol.source_person_id = o.id "
        "WHERE pl.person_id = ?1 ORDER BY r.id");
    BV_TRY(rows);
    rows->bind(1, personId);
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        RelationshipView relationship;
        relationship.sourcePersonId = rows->int64(0);
        relationship.agency = rows->text(2);
        const auto decision
            = access::AccessPolicy::decide(context, relationship.agency, rows->text(3));
        if (!decision.visible) {
            relationship.withheld = true;
            relationship.withheldReason = decision.withheldReason;
        } else {
            relationship.kind = rows->text(4);
            // The related record is the same agency's: its own label decides too.
            if (!rows->isNull(5)
                && access::AccessPolicy::decide(context, relationship.agency, rows->text(7))
                       .visible) {
                relationship.relatedName
                    = QStringList{rows->text(5), rows->text(6)}.join(QLatin1Char(' ')).trimmed();
                relationship.relatedPersonId = rows->isNull(8) ? 0 : rows->int64(8);
            }
        }
        view.relationships.append(std::move(relationship));
    }
    return {};
}

Result<void> PersonRepository::readEvents(const access::AccessContext &context, qint64 personId,
                                          PersonView &view, int &withheld)
{
    // Date-only events sort before timed ones of the same day; the index on
    // (source_person_id, occurred_date, occurred_at) serves each record's events.
    auto rows = m_db.prepare(
        "SELECT e.id, e.source_person_id, s.code, s.agency, e.external_id, e.sensitivity, "
        "e.occurred_at, e.occurred_date, e.period_end_date, e.category, e.title, e.summary, "
        "e.outcome, e.significance, e.place_text, e.agency_contact, e.received_at, e.updated_at, "
        "sp.sensitivity, e.lat, e.lon, e.place_precision FROM person_link pl JOIN event e ON "
        "e.source_person_id = "
        "pl.source_person_id "
        "JOIN source_person sp ON sp.id = e.source_person_id "
        "JOIN source s ON s.id = e.source_id WHERE pl.person_id = ?1 AND e.withdrawn = 0");
    BV_TRY(rows);
    rows->bind(1, personId);
    const QTimeZone london("Europe/London");
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        EventView event;
        event.eventId = rows->int64(0);
        event.agency = rows->text(3);
        if (!rows->isNull(6))
            event.occurredAt = QDateTime::fromString(rows->text(6), Qt::ISODateWithMs);
        event.occurredDate = rows->isNull(7) ? event.occurredAt.toTimeZone(london).date()
                                             : QDate::fromString(rows->text(7), Qt::ISODate);
        // Seen only when both the event and the record it belongs to may be: an official
        // event of a restricted record is restricted.
        auto decision = access::AccessPolicy::decide(context, event.agency, rows->text(18));
        if (decision.visible)
            decision = access::AccessPolicy::decide(context, event.agency, rows->text(5));
        if (!decision.visible) {
            // When, which agency and why withheld: nothing that says what it was.
            event.withheld = true;
            event.withheldReason = decision.withheldReason;
            ++withheld;
        } else {
            event.sourcePersonId = rows->int64(1);
            event.sourceCode = rows->text(2);
            event.externalId = rows->text(4);
            event.significance = int(rows->int64(13));
            event.periodEndDate = QDate::fromString(rows->text(8), Qt::ISODate);
            event.category = rows->text(9);
            event.title = rows->text(10);
            event.summary = rows->text(11);
            event.outcome = rows->text(12);
            event.placeText = rows->text(14);
            if (!view.addressProtected && !rows->isNull(19) && !rows->isNull(20)) {
                event.lat = rows->real(19);
                event.lon = rows->real(20);
                event.placePrecision = rows->text(21);
            }
            event.agencyContact = rows->text(15);
            event.receivedAt = rows->text(16);
            event.updatedAt = rows->text(17);
        }
        view.events.append(std::move(event));
    }
    std::stable_sort(view.events.begin(), view.events.end(),
                     [](const EventView &a, const EventView &b) {
                         if (a.occurredDate != b.occurredDate)
                             return a.occurredDate < b.occurredDate;
                         if (a.occurredAt.isValid() != b.occurredAt.isValid())
                             return !a.occurredAt.isValid();
                         if (a.occurredAt != b.occurredAt)
                             return a.occurredAt < b.occurredAt;
                         if (a.agency != b.agency)
                             return a.agency < b.agency;
                         return a.eventId < b.eventId;
                     });
    return {};
}

Result<void> PersonRepository::readAddresses(const access::AccessContext &context, qint64 personId,
                                             PersonView &view)
{
    // Any active protected-address flag, whoever may see it, protects every address of theirs.
    auto flagged = m_db.queryInt(
        QStringLiteral("SELECT count(*) FROM person_link pl JOIN flag f ON f.source_person_id = "
                       "pl.source_person_id WHERE pl.person_id = %1 AND f.kind = "
                       "'protected_address' AND f.active = 1")
            .arg(personId)
            .toStdString());
    BV_TRY(flagged);
    auto rows = m_db.prepare(
        "SELECT a.id, a.source_person_id, s.agency, a.address, a.postcode, a.lat, a.lon, "
        "a.precision, a.from_date, a.to_date, a.protected, a.sensitivity, sp.sensitivity "
        "FROM person_link pl JOIN address_period a ON a.source_person_id = pl.source_person_id "
        "JOIN source_person sp ON sp.id = a.source_person_id JOIN source s ON s.id = a.source_id "
        "WHERE pl.person_id = ?1 AND sp.withdrawn = 0");
    BV_TRY(rows);
    rows->bind(1, personId);
    QList<AddressView> addresses;
    bool anyProtected = flagged.value() > 0;
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        AddressView address;
        address.agency = rows->text(2);
        address.isProtected = rows->int64(10) != 0;
        anyProtected = anyProtected || address.isProtected;
        if (!access::AccessPolicy::decide(context, address.agency, rows->text(11)).visible
            || !access::AccessPolicy::decide(context, address.agency, rows->text(12)).visible)
            continue;
        address.addressId = rows->int64(0);
        address.sourcePersonId = rows->int64(1);
        address.text = rows->text(3);
        address.postcode = rows->text(4);
        if (!rows->isNull(5) && !rows->isNull(6)) {
            address.lat = rows->real(5);
            address.lon = rows->real(6);
        }
        address.precision = rows->text(7);
        address.from = QDate::fromString(rows->text(8), Qt::ISODate);
        address.to = QDate::fromString(rows->text(9), Qt::ISODate);
        addresses.append(std::move(address));
    }
    view.addressProtected = anyProtected;
    for (AddressView &address : addresses) {
        if (anyProtected) { // never where they live, not even an old address
            address.isProtected = true;
            address.text.clear();
            address.postcode.clear();
            address.lat.reset();
            address.lon.reset();
            address.precision.clear();
        }
    }
    std::stable_sort(addresses.begin(), addresses.end(),
                     [](const AddressView &a, const AddressView &b) { return a.from < b.from; });
    view.addresses = std::move(addresses);
    return {};
}

Result<PersonView> PersonRepository::read(const access::AccessContext &context, qint64 personId)
{
    auto tx = Transaction::begin(m_db);
    BV_TRY(tx);
    auto exists = m_db.prepare("SELECT retired_at, merged_into FROM person WHERE id = ?");
    BV_TRY(exists);
    exists->bind(1, personId);
    auto found = exists->step();
    BV_TRY(found);
    if (!found.value())
        return makeError(ErrorCode::NotFound, QObject::tr("There is no person %1.").arg(personId));
    if (!exists->isNull(0)) {
        if (exists->isNull(1))
            return makeError(ErrorCode::NotFound,
                             QObject::tr("Person %1 no longer exists: their records were "
                                         "withdrawn.")
                                 .arg(personId));
        return makeError(ErrorCode::NotFound, QObject::tr("Person %1 was merged into person %2.")
                                                  .arg(personId)
                                                  .arg(exists->int64(1)));
    }

    auto rows = m_db.prepare(
        "SELECT sp.id, s.code, s.agency, sp.external_id, sp.sensitivity, sp.given_name, "
        "sp.family_name, sp.birth_date, sp.sex, sp.nhs_number, sp.postcode, sp.received_at, "
        "sp.updated_at FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "JOIN source s ON s.id = sp.source_id WHERE pl.person_id = ? AND sp.withdrawn = 0 "
        "ORDER BY s.code, sp.external_id");
    BV_TRY(rows);
    rows->bind(1, personId);
    PersonView view;
    view.personId = personId;
    int withheld = 0;
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        SourceRecordView record;
        record.sourcePersonId = rows->int64(0);
        record.sourceCode = rows->text(1);
        record.agency = rows->text(2);
        record.externalId = rows->text(3);
        const auto decision = access::AccessPolicy::decide(context, record.agency, rows->text(4));
        if (!decision.visible) {
            record.withheld = true;
            record.withheldReason = decision.withheldReason;
            ++withheld;
        } else {
            record.givenName = rows->text(5);
            record.familyName = rows->text(6);
            record.birthDate = rows->text(7);
            record.sex = rows->text(8);
            record.nhsNumber = rows->text(9);
            record.postcode = rows->text(10);
            record.receivedAt = rows->text(11);
            record.updatedAt = rows->text(12);
        }
        view.records.append(record);
    }
    // Addresses first: a protected one keeps every position of theirs off the map.
    BV_TRY(readAddresses(context, personId, view));
    int eventsWithheld = 0;
    BV_TRY(readEvents(context, personId, view, eventsWithheld));
    BV_TRY(readRelationships(context, personId, view));
    BV_TRY(m_audit.append(context,
                          {QStringLiteral("person.read"), QStringLiteral("person:%1").arg(personId),
                           QStringLiteral("records=%1 withheld=%2 events=%3 withheld=%4")
                               .arg(view.records.size())
                               .arg(withheld)
                               .arg(view.events.size())
                               .arg(eventsWithheld)}));
    BV_TRY(tx->commit());
    spdlog::info("person {} read: {} records, {} withheld", personId, view.records.size(),
                 withheld);
    return view;
}

} // namespace bv::store
