// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/pagewriter.h"

#include "feeds/personname.h"
#include "geo/postcodegazetteer.h"
#include "search/personsearchindex.h"
#include "store/database.h"
#include "store/eventtextindex.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <optional>
#include <sodium.h>

namespace bv::feeds {

namespace {

QString instantText(const QDateTime &instant)
{
    return instant.isValid() ? instant.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString sexText(RecordSex sex)
{
    switch (sex) {
    case RecordSex::Female:
        return QStringLiteral("female");
    case RecordSex::Male:
        return QStringLiteral("male");
    case RecordSex::Other:
        return QStringLiteral("other");
    case RecordSex::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString flagKindText(FlagKind kind)
{
    switch (kind) {
    case FlagKind::VulnerableAdult:
        return QStringLiteral("vulnerable_adult");
    case FlagKind::ChildProtectionPlan:
        return QStringLiteral("child_protection_plan");
    case FlagKind::LookedAfter:
        return QStringLiteral("looked_after");
    case FlagKind::RiskToStaff:
        return QStringLiteral("risk_to_staff");
    case FlagKind::Marac:
        return QStringLiteral("marac");
    case FlagKind::ProtectedAddress:
        return QStringLiteral("protected_address");
    case FlagKind::Other:
        break;
    }
    return QStringLiteral("other");
}

QString relationshipKindText(RelationshipKind kind)
{
    switch (kind) {
    case RelationshipKind::Parent:
        return QStringLiteral("parent");
    case RelationshipKind::Child:
        return QStringLiteral("child");
    case RelationshipKind::Sibling:
        return QStringLiteral("sibling");
    case RelationshipKind::Twin:
        return QStringLiteral("twin");
    case RelationshipKind::Partner:
        return QStringLiteral("partner");
    case RelationshipKind::HouseholdMember:
        break;
    }
    return QStringLiteral("household_member");
}

QString nameUseText(NameUse use)
{
    switch (use) {
    case NameUse::Official:
        return QStringLiteral("official");
    case NameUse::Usual:
        return QStringLiteral("usual");
    case NameUse::Maiden:
        return QStringLiteral("maiden");
    case NameUse::Old:
        return QStringLiteral("old");
    case NameUse::Nickname:
        return QStringLiteral("nickname");
    case NameUse::Alias:
        break;
    }
    return QStringLiteral("alias");
}

QString precisionText(LocationPrecision precision)
{
    switch (precision) {
    case LocationPrecision::Uprn:
        return QStringLiteral("uprn");
    case LocationPrecision::PostcodeUnit:
        return QStringLiteral("postcode_unit");
    case LocationPrecision::District:
        return QStringLiteral("district");
    case LocationPrecision::Unknown:
        break;
    }
    return {};
}

// Empty text is stored as NULL: "not given", the same whichever feed left it out.
QString orNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

LocationPrecision precisionFromText(const QString &text)
{
    for (const LocationPrecision precision :
         {LocationPrecision::Uprn, LocationPrecision::PostcodeUnit, LocationPrecision::District}) {
        if (text == precisionText(precision))
            return precision;
    }
    return LocationPrecision::Unknown;
}

// A record may replace the stored one only if it is not older: a repeated or late page
// then changes nothing. Records without an update time always replace (the feed gives no
// way to order them). Both sides are ISO 8601 UTC with milliseconds, so text order is time
// order.
bool isStale(const QString &stored, const QString &incoming)
{
    return !stored.isEmpty() && !incoming.isEmpty() && incoming <= stored;
}

QByteArray payloadHash(const QByteArray &payload)
{
    QByteArray hash(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char *>(hash.data()), hash.size(),
                       reinterpret_cast<const unsigned char *>(payload.constData()),
                       static_cast<unsigned long long>(payload.size()), nullptr, 0);
    return hash;
}

// External ids of records nested in one person: "<id>#..." up to, not including, "<id>$".
QString nestedLow(const QString &personId)
{
    return personId + kNestedIdSeparator;
}

QString nestedHigh(const QString &personId)
{
    return personId + QLatin1Char(kNestedIdSeparator.front().unicode() + 1);
}

} // namespace

struct PageWriter::Statements
{
    store::Statement findPerson;
    store::Statement insertPerson;
    store::Statement insertPersonStub;
    store::Statement updatePerson;
    store::Statement linkRelatedPerson;
    store::Statement deleteNames;
    store::Statement insertName;
    store::Statement deleteNestedFlags;
    store::Statement deleteNestedAddresses;
    store::Statement deleteNestedRelationships;
    store::Statement unindexNestedEvents;
    store::Statement deleteNestedEvents;
    std::vector<store::Statement> removePerson;

    store::Statement findFlag;
    store::Statement insertFlag;
    store::Statement updateFlag;
    store::Statement deleteFlag;

    store::Statement findAddress;
    store::Statement insertAddress;
    store::Statement updateAddress;
    store::Statement deleteAddress;

    store::Statement findRelationship;
    store::Statement insertRelationship;
    store::Statement updateRelationship;
    store::Statement deleteRelationship;

    store::Statement findEvent;
    store::Statement insertEvent;
    store::Statement updateEvent;
    store::Statement deleteEvent;
    std::optional<store::EventTextIndex> eventText;
    std::optional<search::PersonSearchIndex> personSearch;

    store::Statement findLocation;
    store::Statement readLocation;
    store::Statement insertLocation;
    store::Statement updateLocation;
    store::Statement deleteLocation;
    store::Statement addressesNaming;
    store::Statement eventsNaming;
    store::Statement setAddressPlace;
    store::Statement setEventPlace;

    store::Statement deletePlace;
    store::Statement deletePlaceBox;
    store::Statement insertPlace;
    store::Statement insertPlaceBox;

    store::Statement insertRejected;
    store::Statement resolveRejected;
    store::Statement loadState;
    store::Statement saveState;
    store::Statement markSynced;
    store::Statement markError;
};

namespace {

Result<store::Statement> prepare(store::Database &db, std::string_view sql)
{
    return db.prepare(sql);
}

} // namespace

Result<std::unique_ptr<PageWriter>> PageWriter::create(store::Database &db, const FeedConfig &feed,
                                                       const Clock &clock)
{
    auto registerSource
        = db.prepare("INSERT OR IGNORE INTO source(code, agency, format, endpoint, auth_ref) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    BV_TRY(registerSource);
    registerSource->bind(1, feed.id)
        .bind(2, feed.agency)
        .bind(3, feed.format)
        .bind(4, feed.baseUrl.toString())
        .bind(5, feed.auth.secretRef.isEmpty() ? QString() : feed.auth.secretRef);
    BV_TRY(registerSource->run());
    auto updateSource = db.prepare(
        "UPDATE source SET agency = ?2, format = ?3, endpoint = ?4, auth_ref = ?5 WHERE code = ?1");
    BV_TRY(updateSource);
    updateSource->bind(1, feed.id)
        .bind(2, feed.agency)
        .bind(3, feed.format)
        .bind(4, feed.baseUrl.toString())
        .bind(5, feed.auth.secretRef.isEmpty() ? QString() : feed.auth.secretRef);
    BV_TRY(updateSource->run());
    auto findSource = db.prepare("SELECT id FROM source WHERE code = ?1");
    BV_TRY(findSource);
    findSource->bind(1, feed.id);
    auto found = findSource->step();
    BV_TRY(found);
    if (!found.value())
        return makeError(ErrorCode::Sql,
                         QObject::tr("The feed %1 could not be registered.").arg(feed.id));
    const qint64 sourceId = findSource->int64(0);

    auto sql = std::make_unique<Statements>();
    struct Entry
    {
        store::Statement *target;
        std::string_view text;
    };
    const Entry entries[] = {
        {&sql->findPerson,
         "SELECT id, updated_at FROM source_person WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertPerson,
         "INSERT INTO source_person(source_id, external_id, given_name, middle_names, "
         "family_name, given_norm, family_norm, birth_date, sex, nhs_number, nhs_number_valid, "
         "postcode, uprn, address, phone, sensitivity, received_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
         "?18)"},
        {&sql->insertPersonStub,
         "INSERT INTO source_person(source_id, external_id, received_at) VALUES (?1, ?2, ?3)"},
        {&sql->updatePerson,
         "UPDATE source_person SET given_name = ?2, middle_names = ?3, family_name = ?4, "
         "given_norm = ?5, family_norm = ?6, birth_date = ?7, sex = ?8, nhs_number = ?9, "
         "nhs_number_valid = ?10, postcode = ?11, uprn = ?12, address = ?13, phone = ?14, "
         "sensitivity = ?15, updated_at = ?16 WHERE id = ?1"},
        {&sql->linkRelatedPerson,
         "UPDATE relationship SET related_source_person_id = ?3 WHERE source_id = ?1 "
         "AND related_external_id = ?2 AND related_source_person_id IS NULL"},
        {&sql->deleteNames, "DELETE FROM source_person_name WHERE source_person_id = ?1"},
        {&sql->insertName,
         "INSERT INTO source_person_name(source_person_id, use, given_name, middle_names, "
         "family_name, given_norm, family_norm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&sql->deleteNestedFlags,
         "DELETE FROM flag WHERE source_id = ?1 AND external_id >= ?2 AND external_id < ?3"},
        {&sql->deleteNestedAddresses,
         "DELETE FROM address_period WHERE source_id = ?1 AND external_id >= ?2 "
         "AND external_id < ?3"},
        {&sql->deleteNestedRelationships,
         "DELETE FROM relationship WHERE source_id = ?1 AND external_id >= ?2 "
         "AND external_id < ?3"},
        // event_fts before event: FTS4 reads the words to remove from the event rows.
        {&sql->unindexNestedEvents,
         "DELETE FROM event_fts WHERE docid IN (SELECT id FROM event WHERE source_id = ?1 "
         "AND external_id >= ?2 AND external_id < ?3)"},
        {&sql->deleteNestedEvents,
         "DELETE FROM event WHERE source_id = ?1 AND external_id >= ?2 AND external_id < ?3"},
        {&sql->findFlag,
         "SELECT id, updated_at FROM flag WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertFlag,
         "INSERT INTO flag(source_id, source_person_id, external_id, kind, detail, from_date, "
         "to_date, active, sensitivity, received_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
        {&sql->updateFlag,
         "UPDATE flag SET source_person_id = ?2, kind = ?3, detail = ?4, from_date = ?5, "
         "to_date = ?6, active = ?7, sensitivity = ?8, updated_at = ?9 WHERE id = ?1"},
        {&sql->deleteFlag, "DELETE FROM flag WHERE id = ?1"},
        {&sql->findAddress,
         "SELECT id, updated_at FROM address_period WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertAddress,
         "INSERT INTO address_period(source_id, source_person_id, external_id, address, "
         "postcode, uprn, lat, lon, precision, from_date, to_date, protected, sensitivity, "
         "received_at, updated_at, location_ref) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
        {&sql->updateAddress,
         "UPDATE address_period SET source_person_id = ?2, address = ?3, postcode = ?4, "
         "uprn = ?5, lat = ?6, lon = ?7, precision = ?8, from_date = ?9, to_date = ?10, "
         "protected = ?11, sensitivity = ?12, updated_at = ?13, location_ref = ?14 "
         "WHERE id = ?1"},
        {&sql->deleteAddress, "DELETE FROM address_period WHERE id = ?1"},
        {&sql->findRelationship,
         "SELECT id, updated_at FROM relationship WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertRelationship,
         "INSERT INTO relationship(source_id, source_person_id, external_id, "
         "related_external_id, related_source_person_id, kind, from_date, to_date, "
         "received_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
         "(SELECT id FROM source_person WHERE source_id = ?1 AND external_id = ?4), "
         "?5, ?6, ?7, ?8, ?9)"},
        {&sql->updateRelationship,
         "UPDATE relationship SET source_person_id = ?2, related_external_id = ?3, "
         "related_source_person_id = (SELECT id FROM source_person WHERE source_id = ?4 "
         "AND external_id = ?3), kind = ?5, from_date = ?6, to_date = ?7, updated_at = ?8 "
         "WHERE id = ?1"},
        {&sql->deleteRelationship, "DELETE FROM relationship WHERE id = ?1"},
        {&sql->findEvent,
         "SELECT id, updated_at FROM event WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertEvent,
         "INSERT INTO event(source_id, external_id, source_person_id, occurred_at, "
         "occurred_date, period_end_date, category, title, summary, outcome, significance, "
         "sensitivity, place_text, lat, lon, place_precision, agency_contact, received_at, "
         "updated_at, location_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
         "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"},
        {&sql->updateEvent,
         "UPDATE event SET source_person_id = ?2, occurred_at = ?3, occurred_date = ?4, "
         "period_end_date = ?5, category = ?6, title = ?7, summary = ?8, outcome = ?9, "
         "significance = ?10, sensitivity = ?11, place_text = ?12, lat = ?13, lon = ?14, "
         "place_precision = ?15, agency_contact = ?16, updated_at = ?17, location_ref = ?18 "
         "WHERE id = ?1"},
        {&sql->deleteEvent, "DELETE FROM event WHERE id = ?1"},
        {&sql->findLocation,
         "SELECT id, updated_at FROM source_location WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->readLocation,
         "SELECT address, postcode, uprn, lat, lon, precision FROM source_location "
         "WHERE source_id = ?1 AND external_id = ?2"},
        {&sql->insertLocation,
         "INSERT INTO source_location(source_id, external_id, address, postcode, uprn, lat, "
         "lon, precision, received_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
        {&sql->updateLocation,
         "UPDATE source_location SET address = ?2, postcode = ?3, uprn = ?4, lat = ?5, "
         "lon = ?6, precision = ?7, updated_at = ?8 WHERE id = ?1"},
        {&sql->deleteLocation, "DELETE FROM source_location WHERE id = ?1"},
        {&sql->addressesNaming,
         "SELECT id FROM address_period WHERE source_id = ?1 AND location_ref = ?2"},
        {&sql->eventsNaming, "SELECT id FROM event WHERE source_id = ?1 AND location_ref = ?2"},
        {&sql->setAddressPlace,
         "UPDATE address_period SET address = ?2, postcode = ?3, uprn = ?4, lat = ?5, "
         "lon = ?6, precision = ?7 WHERE id = ?1"},
        {&sql->setEventPlace,
         "UPDATE event SET place_text = ?2, lat = ?3, lon = ?4, place_precision = ?5 "
         "WHERE id = ?1"},
        {&sql->deletePlace, "DELETE FROM place WHERE owner_kind = ?1 AND owner_id = ?2"},
        {&sql->deletePlaceBox, "DELETE FROM place_rtree WHERE id IN "
                               "(SELECT id FROM place WHERE owner_kind = ?1 AND owner_id = ?2)"},
        {&sql->insertPlace, "INSERT INTO place(owner_kind, owner_id) VALUES (?1, ?2)"},
        {&sql->insertPlaceBox, "INSERT INTO place_rtree(id, min_lon, max_lon, min_lat, max_lat) "
                               "VALUES (?1, ?2, ?2, ?3, ?3)"},
        {&sql->insertRejected,
         "INSERT OR IGNORE INTO quarantine(source_id, received_at, external_id, location, "
         "reason, payload, payload_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&sql->resolveRejected,
         "UPDATE quarantine SET resolved_at = ?3 WHERE source_id = ?1 AND external_id = ?2 "
         "AND resolved_at IS NULL"},
        {&sql->loadState, "SELECT next_url, cursor, since, pass_high_water FROM sync_stream "
                          "WHERE source_id = ?1 AND stream = ?2"},
        {&sql->saveState,
         "INSERT OR REPLACE INTO sync_stream(source_id, stream, next_url, cursor, since, "
         "pass_high_water, pages, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
         "coalesce((SELECT pages FROM sync_stream WHERE source_id = ?1 AND stream = ?2), 0) "
         "+ 1, ?7)"},
        {&sql->markSynced, "UPDATE source SET last_sync_at = ?2, last_error = NULL WHERE id = ?1"},
        {&sql->markError, "UPDATE source SET last_error = ?2 WHERE id = ?1"},
    };
    for (const Entry &entry : entries) {
        auto statement = prepare(db, entry.text);
        BV_TRY(statement);
        *entry.target = std::move(statement.value());
    }
    // Everything recorded about a withdrawn person goes with them; rows of other people
    // that named them keep the name but lose the link.
    constexpr std::string_view kRemovePerson[] = {
        "DELETE FROM event_fts WHERE docid IN (SELECT id FROM event WHERE source_person_id = ?1)",
        "DELETE FROM event WHERE source_person_id = ?1",
        "DELETE FROM flag WHERE source_person_id = ?1",
        "DELETE FROM address_period WHERE source_person_id = ?1",
        "DELETE FROM relationship WHERE source_person_id = ?1",
        "UPDATE relationship SET related_source_person_id = NULL "
        "WHERE related_source_person_id = ?1",
        "DELETE FROM source_person_name WHERE source_person_id = ?1",
        "DELETE FROM person_link WHERE source_person_id = ?1",
        "DELETE FROM link_review WHERE source_person_a = ?1 OR source_person_b = ?1",
        // The decision stays on record; what it said about this record no longer applies.
        "DELETE FROM link_constraint WHERE source_person_a = ?1 OR source_person_b = ?1",
        "DELETE FROM source_person WHERE id = ?1",
    };
    for (std::string_view text : kRemovePerson) {
        auto statement = prepare(db, text);
        BV_TRY(statement);
        sql->removePerson.push_back(std::move(statement.value()));
    }
    auto eventText = store::EventTextIndex::prepare(db);
    BV_TRY(eventText);
    sql->eventText.emplace(std::move(eventText.value()));
    auto personSearch = search::PersonSearchIndex::prepare(db);
    BV_TRY(personSearch);
    sql->personSearch.emplace(std::move(personSearch.value()));
    return std::unique_ptr<PageWriter>(new PageWriter(db, sourceId, clock, std::move(sql)));
}

PageWriter::PageWriter(store::Database &db, qint64 sourceId, const Clock &clock,
                       std::unique_ptr<Statements> statements)
    : m_db(db)
    , m_sourceId(sourceId)
    , m_clock(clock)
    , m_sql(std::move(statements))
    , m_gazetteer(geo::PostcodeGazetteer::shipped())
{}

PageWriter::~PageWriter() = default;

Result<StreamState> PageWriter::loadState(const QString &stream)
{
    store::Statement &load = m_sql->loadState;
    load.bind(1, m_sourceId).bind(2, stream);
    auto row = load.step();
    BV_TRY(row);
    StreamState state;
    if (row.value()) {
        state.next = QUrl(load.text(0));
        state.cursor = load.text(1);
        state.since = QDateTime::fromString(load.text(2), Qt::ISODateWithMs);
        state.passHighWater = QDateTime::fromString(load.text(3), Qt::ISODateWithMs);
    }
    load.reset();
    return state;
}

Result<PageOutcome> PageWriter::write(const QString &stream, const FeedPage &page,
                                      const StreamState &newState, bool passComplete)
{
    auto transaction = store::Transaction::begin(m_db);
    BV_TRY(transaction);
    m_receivedAt = instantText(m_clock.nowUtc());
    auto open = m_db.queryInt("SELECT EXISTS (SELECT 1 FROM quarantine WHERE source_id = "
                              + std::to_string(m_sourceId) + " AND resolved_at IS NULL)");
    BV_TRY(open);
    m_hasOpenRejections = open.value() != 0;
    PageOutcome outcome;
    BV_TRY(writeRecords(page, outcome));
    for (const RejectedInput &rejected : page.rejected)
        BV_TRY(writeRejected(rejected, outcome));
    BV_TRY(writeState(stream, newState));
    if (passComplete) {
        m_sql->markSynced.bind(1, m_sourceId).bind(2, m_receivedAt);
        BV_TRY(m_sql->markSynced.run());
    }
    BV_TRY(transaction->commit());
    return outcome;
}

Result<void> PageWriter::recordError(const QString &message)
{
    m_sql->markError.bind(1, m_sourceId).bind(2, message);
    return m_sql->markError.run();
}

Result<void> PageWriter::writeRecords(const FeedPage &page, PageOutcome &outcome)
{
    // People first: the other records refer to them. Records about a person the same page
    // withdraws are not written: they would only bring the person back as a stub.
    QSet<QString> withdrawn;
    for (const PersonRecord &person : page.persons) {
        BV_TRY(writePerson(person, outcome));
        if (person.provenance.withdrawn)
            withdrawn.insert(person.provenance.externalId);
    }
    const auto about = [&withdrawn](const QString &personId) {
        return !personId.isEmpty() && withdrawn.contains(personId);
    };
    // Before the addresses and events of the page that name them.
    for (const LocationRecord &location : page.locations)
        BV_TRY(writeLocation(location, outcome));
    for (const FlagRecord &flag : page.flags) {
        if (!about(flag.personExternalId))
            BV_TRY(writeFlag(flag, outcome));
    }
    for (const AddressRecord &address : page.addresses) {
        if (!about(address.personExternalId))
            BV_TRY(writeAddress(address, outcome));
    }
    for (const RelationshipRecord &relationship : page.relationships) {
        if (!about(relationship.personExternalId))
            BV_TRY(writeRelationship(relationship, outcome));
    }
    for (const EventRecord &event : page.events) {
        if (!about(event.personExternalId))
            BV_TRY(writeEvent(event, outcome));
    }
    return {};
}

namespace {

// Finds a row by (source, external id): its id and update time, or id 0.
struct FoundRow
{
    qint64 id = 0;
    QString updatedAt;
};

Result<FoundRow> findRow(store::Statement &find, qint64 sourceId, const QString &externalId)
{
    find.bind(1, sourceId).bind(2, externalId);
    auto row = find.step();
    BV_TRY(row);
    FoundRow found;
    if (row.value()) {
        found.id = find.int64(0);
        found.updatedAt = find.text(1);
    }
    find.reset();
    return found;
}

Result<void> deleteById(store::Statement &remove, qint64 id)
{
    remove.bind(1, id);
    return remove.run();
}

// Whether a record is written (found.id 0: inserted) or not: older than the stored version,
// or withdrawn, in which case the stored row, if any, is deleted.
struct UpsertPlan
{
    bool write = false;
    qint64 id = 0;
    QString updatedAt; // the record's, as stored
};

using RowRemover = std::function<Result<void>(qint64 id)>;

Result<UpsertPlan> planUpsert(qint64 sourceId, store::Statement &find, const RowRemover &remove,
                              const Provenance &provenance, PageOutcome &outcome)
{
    auto found = findRow(find, sourceId, provenance.externalId);
    BV_TRY(found);
    UpsertPlan plan{false, found->id, instantText(provenance.updatedAt)};
    if (found->id != 0 && isStale(found->updatedAt, plan.updatedAt)) {
        ++outcome.unchanged;
        return plan;
    }
    if (provenance.withdrawn) {
        if (found->id != 0) {
            BV_TRY(remove(found->id));
            ++outcome.removed;
        }
        return plan;
    }
    plan.write = true;
    return plan;
}

Result<UpsertPlan> planUpsert(qint64 sourceId, store::Statement &find, store::Statement &remove,
                              const Provenance &provenance, PageOutcome &outcome)
{
    return planUpsert(
        sourceId, find, [&remove](qint64 id) { return deleteById(remove, id); }, provenance,
        outcome);
}

} // namespace

Result<qint64> PageWriter::personRow(const QString &externalId)
{
    auto found = findRow(m_sql->findPerson, m_sourceId, externalId);
    BV_TRY(found);
    if (found->id != 0)
        return found->id;
    store::Statement &stub = m_sql->insertPersonStub;
    stub.bind(1, m_sourceId).bind(2, externalId).bind(3, m_receivedAt);
    BV_TRY(stub.run());
    const qint64 id = m_db.lastInsertRowId();
    m_sql->linkRelatedPerson.bind(1, m_sourceId).bind(2, externalId).bind(3, id);
    BV_TRY(m_sql->linkRelatedPerson.run());
    return id;
}

Result<void> PageWriter::removePerson(qint64 id)
{
    BV_TRY(m_sql->personSearch->remove(id));
    for (store::Statement &statement : m_sql->removePerson) {
        statement.bind(1, id);
        BV_TRY(statement.run());
    }
    return {};
}

Result<void> PageWriter::writePerson(const PersonRecord &person, PageOutcome &outcome)
{
    const Provenance &provenance = person.provenance;
    auto found = findRow(m_sql->findPerson, m_sourceId, provenance.externalId);
    BV_TRY(found);
    const QString updatedAt = instantText(provenance.updatedAt);
    if (found->id != 0 && isStale(found->updatedAt, updatedAt)) {
        ++outcome.unchanged;
        return {};
    }
    if (provenance.withdrawn) {
        if (found->id != 0) {
            BV_TRY(removePerson(found->id));
            ++outcome.removed;
        } else {
            ++outcome.unchanged;
        }
        return {};
    }

    const bool hasTenDigits = person.nhsStatus == NhsNumber::Status::Valid
                              || person.nhsStatus == NhsNumber::Status::CheckDigitFails;
    const QString nhsNumber = hasTenDigits ? person.nhsDigits : QString();
    const int nhsValid = person.nhsStatus == NhsNumber::Status::Valid ? 1 : 0;
    const QString givenNorm = normaliseName(person.givenName);
    const QString familyNorm = normaliseName(person.familyName);

    qint64 id = found->id;
    if (id == 0) {
        store::Statement &insert = m_sql->insertPerson;
        insert.bind(1, m_sourceId)
            .bind(2, provenance.externalId)
            .bind(3, orNull(person.givenName))
            .bind(4, orNull(person.middleNames))
            .bind(5, orNull(person.familyName))
            .bind(6, orNull(givenNorm))
            .bind(7, orNull(familyNorm))
            .bind(8, dateText(person.birthDate))
            .bind(9, sexText(person.sex))
            .bind(10, nhsNumber)
            .bind(11, nhsValid)
            .bind(12, orNull(person.address.postcode))
            .bind(13, orNull(person.address.uprn))
            .bind(14, orNull(person.address.text))
            .bind(15, orNull(person.phone))
            .bind(16, provenance.sensitivity)
            .bind(17, m_receivedAt)
            .bind(18, updatedAt);
        BV_TRY(insert.run());
        id = m_db.lastInsertRowId();
        m_sql->linkRelatedPerson.bind(1, m_sourceId).bind(2, provenance.externalId).bind(3, id);
        BV_TRY(m_sql->linkRelatedPerson.run());
    } else {
        store::Statement &update = m_sql->updatePerson;
        update.bind(1, id)
            .bind(2, orNull(person.givenName))
            .bind(3, orNull(person.middleNames))
            .bind(4, orNull(person.familyName))
            .bind(5, orNull(givenNorm))
            .bind(6, orNull(familyNorm))
            .bind(7, dateText(person.birthDate))
            .bind(8, sexText(person.sex))
            .bind(9, nhsNumber)
            .bind(10, nhsValid)
            .bind(11, orNull(person.address.postcode))
            .bind(12, orNull(person.address.uprn))
            .bind(13, orNull(person.address.text))
            .bind(14, orNull(person.phone))
            .bind(15, provenance.sensitivity)
            .bind(16, updatedAt);
        BV_TRY(update.run());
        // The new version says everything nested in the person afresh.
        const QString low = nestedLow(provenance.externalId);
        const QString high = nestedHigh(provenance.externalId);
        for (store::Statement *nested : {&m_sql->deleteNestedFlags, &m_sql->deleteNestedAddresses,
                                         &m_sql->deleteNestedRelationships,
                                         &m_sql->unindexNestedEvents, &m_sql->deleteNestedEvents}) {
            nested->bind(1, m_sourceId).bind(2, low).bind(3, high);
            BV_TRY(nested->run());
        }
        m_sql->deleteNames.bind(1, id);
        BV_TRY(m_sql->deleteNames.run());
    }
    for (const NameRecord &name : person.otherNames) {
        store::Statement &insert = m_sql->insertName;
        insert.bind(1, id)
            .bind(2, nameUseText(name.use))
            .bind(3, orNull(name.given))
            .bind(4, orNull(name.middle))
            .bind(5, orNull(name.family))
            .bind(6, orNull(normaliseName(name.given)))
            .bind(7, orNull(normaliseName(name.family)));
        BV_TRY(insert.run());
    }
    BV_TRY(m_sql->personSearch->refresh(id));
    BV_TRY(resolveRejected(provenance.externalId));
    ++outcome.written;
    return {};
}

Result<void> PageWriter::writeFlag(const FlagRecord &flag, PageOutcome &outcome)
{
    const Provenance &provenance = flag.provenance;
    auto found = planUpsert(m_sourceId, m_sql->findFlag, m_sql->deleteFlag, provenance, outcome);
    BV_TRY(found);
    if (!found->write)
        return {};
    const QString &updatedAt = found->updatedAt;
    auto person = personRow(flag.personExternalId);
    BV_TRY(person);
    if (found->id == 0) {
        store::Statement &insert = m_sql->insertFlag;
        insert.bind(1, m_sourceId)
            .bind(2, person.value())
            .bind(3, provenance.externalId)
            .bind(4, flagKindText(flag.kind))
            .bind(5, flag.detail.isEmpty() ? QString() : flag.detail)
            .bind(6, dateText(flag.from))
            .bind(7, dateText(flag.to))
            .bind(8, flag.active ? 1 : 0)
            .bind(9, provenance.sensitivity)
            .bind(10, m_receivedAt)
            .bind(11, updatedAt);
        BV_TRY(insert.run());
    } else {
        store::Statement &update = m_sql->updateFlag;
        update.bind(1, found->id)
            .bind(2, person.value())
            .bind(3, flagKindText(flag.kind))
            .bind(4, flag.detail.isEmpty() ? QString() : flag.detail)
            .bind(5, dateText(flag.from))
            .bind(6, dateText(flag.to))
            .bind(7, flag.active ? 1 : 0)
            .bind(8, provenance.sensitivity)
            .bind(9, updatedAt);
        BV_TRY(update.run());
    }
    // A protected address flag takes the record's postcode out of search. Only then: the
    // index is refreshed on the sync's hot path otherwise. (A flag withdrawn leaves the
    // postcode out until the person's next write: the safe way to be late.)
    if (flag.kind == FlagKind::ProtectedAddress)
        BV_TRY(m_sql->personSearch->refresh(person.value()));
    ++outcome.written;
    return {};
}

Result<void> PageWriter::writeAddress(const AddressRecord &address, PageOutcome &outcome)
{
    const Provenance &provenance = address.provenance;
    auto found
        = planUpsert(m_sourceId, m_sql->findAddress, m_sql->deleteAddress, provenance, outcome);
    BV_TRY(found);
    if (!found->write)
        return {};
    const QString &updatedAt = found->updatedAt;
    auto person = personRow(address.personExternalId);
    BV_TRY(person);
    auto resolved = resolvedPlace(address.location);
    BV_TRY(resolved);
    const Location where = placedByPostcode(resolved.value());
    qint64 id = found->id;
    if (id == 0) {
        store::Statement &insert = m_sql->insertAddress;
        insert.bind(1, m_sourceId)
            .bind(2, person.value())
            .bind(3, provenance.externalId)
            .bind(4, orNull(where.text))
            .bind(5, orNull(where.postcode))
            .bind(6, orNull(where.uprn))
            .bind(7, where.lat)
            .bind(8, where.lon)
            .bind(9, precisionText(where.precision))
            .bind(10, dateText(address.from))
            .bind(11, dateText(address.to))
            .bind(12, address.isProtected ? 1 : 0)
            .bind(13, provenance.sensitivity)
            .bind(14, m_receivedAt)
            .bind(15, updatedAt)
            .bind(16, orNull(where.ref));
        BV_TRY(insert.run());
        id = m_db.lastInsertRowId();
    } else {
        store::Statement &update = m_sql->updateAddress;
        update.bind(1, id)
            .bind(2, person.value())
            .bind(3, orNull(where.text))
            .bind(4, orNull(where.postcode))
            .bind(5, orNull(where.uprn))
            .bind(6, where.lat)
            .bind(7, where.lon)
            .bind(8, precisionText(where.precision))
            .bind(9, dateText(address.from))
            .bind(10, dateText(address.to))
            .bind(11, address.isProtected ? 1 : 0)
            .bind(12, provenance.sensitivity)
            .bind(13, updatedAt)
            .bind(14, orNull(where.ref));
        BV_TRY(update.run());
    }
    BV_TRY(replacePlace("address", id, where, found->id == 0));
    // A protected address takes the record's postcode out of search (as for flags, above).
    if (address.isProtected)
        BV_TRY(m_sql->personSearch->refresh(person.value()));
    ++outcome.written;
    return {};
}

Result<void> PageWriter::writeRelationship(const RelationshipRecord &relationship,
                                           PageOutcome &outcome)
{
    const Provenance &provenance = relationship.provenance;
    auto found = planUpsert(m_sourceId, m_sql->findRelationship, m_sql->deleteRelationship,
                            provenance, outcome);
    BV_TRY(found);
    if (!found->write)
        return {};
    const QString &updatedAt = found->updatedAt;
    auto person = personRow(relationship.personExternalId);
    BV_TRY(person);
    if (found->id == 0) {
        store::Statement &insert = m_sql->insertRelationship;
        insert.bind(1, m_sourceId)
            .bind(2, person.value())
            .bind(3, provenance.externalId)
            .bind(4, relationship.relatedExternalId)
            .bind(5, relationshipKindText(relationship.kind))
            .bind(6, dateText(relationship.from))
            .bind(7, dateText(relationship.to))
            .bind(8, m_receivedAt)
            .bind(9, updatedAt);
        BV_TRY(insert.run());
    } else {
        store::Statement &update = m_sql->updateRelationship;
        update.bind(1, found->id)
            .bind(2, person.value())
            .bind(3, relationship.relatedExternalId)
            .bind(4, m_sourceId)
            .bind(5, relationshipKindText(relationship.kind))
            .bind(6, dateText(relationship.from))
            .bind(7, dateText(relationship.to))
            .bind(8, updatedAt);
        BV_TRY(update.run());
    }
    ++outcome.written;
    return {};
}

Result<void> PageWriter::writeEvent(const EventRecord &event, PageOutcome &outcome)
{
    const Provenance &provenance = event.provenance;
    const auto removeEvent = [this](qint64 id) -> Result<void> {
        BV_TRY(m_sql->eventText->remove(id));
        return deleteById(m_sql->deleteEvent, id);
    };
    auto found = planUpsert(m_sourceId, m_sql->findEvent, removeEvent, provenance, outcome);
    BV_TRY(found);
    if (!found->write)
        return {};
    const QString &updatedAt = found->updatedAt;
    std::optional<qint64> person;
    if (!event.personExternalId.isEmpty()) {
        auto row = personRow(event.personExternalId);
        BV_TRY(row);
        person = row.value();
    }
    auto resolved = resolvedPlace(event.place);
    BV_TRY(resolved);
    const Location where = placedByPostcode(resolved.value());
    const QString occurredAt = instantText(event.occurredAt);
    const QString occurredDate
        = event.occurredAt.isValid() ? QString() : dateText(event.occurredDate);
    qint64 id = found->id;
    if (id == 0) {
        store::Statement &insert = m_sql->insertEvent;
        insert.bind(1, m_sourceId).bind(2, provenance.externalId);
        if (person)
            insert.bind(3, *person);
        else
            insert.bindNull(3);
        insert.bind(4, occurredAt)
            .bind(5, occurredDate)
            .bind(6, dateText(event.periodEnd))
            .bind(7, event.category)
            .bind(8, event.title)
            .bind(9, orNull(event.summary))
            .bind(10, orNull(event.outcome))
            .bind(11, event.significance)
            .bind(12, provenance.sensitivity)
            .bind(13, orNull(where.text))
            .bind(14, where.lat)
            .bind(15, where.lon)
            .bind(16, precisionText(where.precision))
            .bind(17, orNull(event.agencyContact))
            .bind(18, m_receivedAt)
            .bind(19, updatedAt)
            .bind(20, orNull(where.ref));
        BV_TRY(insert.run());
        id = m_db.lastInsertRowId();
    } else {
        BV_TRY(m_sql->eventText->remove(id));
        store::Statement &update = m_sql->updateEvent;
        update.bind(1, id);
        if (person)
            update.bind(2, *person);
        else
            update.bindNull(2);
        update.bind(3, occurredAt)
            .bind(4, occurredDate)
            .bind(5, dateText(event.periodEnd))
            .bind(6, event.category)
            .bind(7, event.title)
            .bind(8, orNull(event.summary))
            .bind(9, orNull(event.outcome))
            .bind(10, event.significance)
            .bind(11, provenance.sensitivity)
            .bind(12, orNull(where.text))
            .bind(13, where.lat)
            .bind(14, where.lon)
            .bind(15, precisionText(where.precision))
            .bind(16, orNull(event.agencyContact))
            .bind(17, updatedAt)
            .bind(18, orNull(where.ref));
        BV_TRY(update.run());
    }
    BV_TRY(m_sql->eventText->add(id, event.title, orNull(event.summary), orNull(event.outcome)));
    BV_TRY(replacePlace("event", id, where, found->id == 0));
    BV_TRY(resolveRejected(provenance.externalId));
    ++outcome.written;
    return {};
}

Result<void> PageWriter::replacePlace(const char *ownerKind, qint64 ownerId,
                                      const Location &location, bool newOwner)
{
    const QString kind = QString::fromLatin1(ownerKind);
    if (!newOwner) {
        m_sql->deletePlaceBox.bind(1, kind).bind(2, ownerId);
        BV_TRY(m_sql->deletePlaceBox.run());
        m_sql->deletePlace.bind(1, kind).bind(2, ownerId);
        BV_TRY(m_sql->deletePlace.run());
    }
    if (!location.lat || !location.lon)
        return {};
    m_sql->insertPlace.bind(1, kind).bind(2, ownerId);
    BV_TRY(m_sql->insertPlace.run());
    const qint64 placeId = m_db.lastInsertRowId();
    m_sql->insertPlaceBox.bind(1, placeId).bind(2, *location.lon).bind(3, *location.lat);
    return m_sql->insertPlaceBox.run();
}

Result<void> PageWriter::resolveRejected(const QString &externalId)
{
    // Most pages of most feeds have nothing waiting in quarantine: one probe per page, not an
    // UPDATE per record.
    if (!m_hasOpenRejections)
        return {};
    m_sql->resolveRejected.bind(1, m_sourceId).bind(2, externalId).bind(3, m_receivedAt);
    return m_sql->resolveRejected.run();
}

Location PageWriter::placedByPostcode(Location place)
{
    // A place with a postcode and no position (most health, social care and education
    // addresses) gets the postcode's, marked as only that precise.
    if ((place.lat && place.lon) || place.postcode.isEmpty() || !m_gazetteer)
        return place;
    const auto found = m_gazetteer->locate(place.postcode);
    if (!found)
        return place;
    place.lat = found->position.lat;
    place.lon = found->position.lon;
    place.precision = found->precision == geo::PostcodeGazetteer::Precision::PostcodeUnit
                          ? LocationPrecision::PostcodeUnit
                          : LocationPrecision::District;
    return place;
}

Result<Location> PageWriter::resolvedPlace(const Location &place)
{
    if (place.ref.isEmpty())
        return place;
    Location resolved;
    resolved.ref = place.ref;
    store::Statement &read = m_sql->readLocation;
    read.bind(1, m_sourceId).bind(2, place.ref);
    auto row = read.step();
    if (!row.ok()) {
        read.reset();
        return row.error();
    }
    if (row.value()) {
        resolved.text = read.text(0);
        resolved.postcode = read.text(1);
        resolved.uprn = read.text(2);
        if (!read.isNull(3) && !read.isNull(4)) {
            resolved.lat = read.real(3);
            resolved.lon = read.real(4);
        }
        resolved.precision = precisionFromText(read.text(5));
    }
    read.reset();
    return resolved;
}

namespace {

Result<std::vector<qint64>> rowsNaming(store::Statement &select, qint64 sourceId,
                                       const QString &locationId)
{
    select.bind(1, sourceId).bind(2, locationId);
    std::vector<qint64> ids;
    for (;;) {
        auto row = select.step();
        if (!row.ok()) {
            select.reset();
            return row.error();
        }
        if (!row.value())
            break;
        ids.push_back(select.int64(0));
    }
    select.reset();
    return ids;
}

} // namespace

Result<void> PageWriter::refreshPlacesNaming(const QString &locationId, const Location &named)
{
    // As when they were written: a place with only a postcode is placed by it.
    const Location place = placedByPostcode(named);
    auto addresses = rowsNaming(m_sql->addressesNaming, m_sourceId, locationId);
    BV_TRY(addresses);
    for (const qint64 id : addresses.value()) {
        m_sql->setAddressPlace.bind(1, id)
            .bind(2, orNull(place.text))
            .bind(3, orNull(place.postcode))
            .bind(4, orNull(place.uprn))
            .bind(5, place.lat)
            .bind(6, place.lon)
            .bind(7, precisionText(place.precision));
        BV_TRY(m_sql->setAddressPlace.run());
        BV_TRY(replacePlace("address", id, place));
    }
    auto events = rowsNaming(m_sql->eventsNaming, m_sourceId, locationId);
    BV_TRY(events);
    for (const qint64 id : events.value()) {
        // The place is not part of the event's full-text entry, which stays as it is.
        m_sql->setEventPlace.bind(1, id)
            .bind(2, orNull(place.text))
            .bind(3, place.lat)
            .bind(4, place.lon)
            .bind(5, precisionText(place.precision));
        BV_TRY(m_sql->setEventPlace.run());
        BV_TRY(replacePlace("event", id, place));
    }
    return {};
}

Result<void> PageWriter::writeLocation(const LocationRecord &location, PageOutcome &outcome)
{
    const Provenance &provenance = location.provenance;
    const auto removeLocation = [this, &provenance](qint64 id) -> Result<void> {
        BV_TRY(deleteById(m_sql->deleteLocation, id));
        // Rows that name a withdrawn location keep the name but lose the place, as they
        // would have had it if the location had never arrived.
        return refreshPlacesNaming(provenance.externalId, Location{});
    };
    auto found = planUpsert(m_sourceId, m_sql->findLocation, removeLocation, provenance, outcome);
    BV_TRY(found);
    if (!found->write)
        return {};
    const Location &place = location.place;
    if (found->id == 0) {
        store::Statement &insert = m_sql->insertLocation;
        insert.bind(1, m_sourceId)
            .bind(2, provenance.externalId)
            .bind(3, orNull(place.text))
            .bind(4, orNull(place.postcode))
            .bind(5, orNull(place.uprn))
            .bind(6, place.lat)
            .bind(7, place.lon)
            .bind(8, precisionText(place.precision))
            .bind(9, m_receivedAt)
            .bind(10, found->updatedAt);
        BV_TRY(insert.run());
    } else {
        store::Statement &update = m_sql->updateLocation;
        update.bind(1, found->id)
            .bind(2, orNull(place.text))
            .bind(3, orNull(place.postcode))
            .bind(4, orNull(place.uprn))
            .bind(5, place.lat)
            .bind(6, place.lon)
            .bind(7, precisionText(place.precision))
            .bind(8, found->updatedAt);
        BV_TRY(update.run());
    }
    BV_TRY(refreshPlacesNaming(provenance.externalId, place));
    ++outcome.written;
    return {};
}

Result<void> PageWriter::writeRejected(const RejectedInput &rejected, PageOutcome &outcome)
{
    // An empty blob would bind as NULL, which the column refuses.
    static const QByteArray kNothing = QByteArrayLiteral("(empty record)");
    const QByteArray &payload = rejected.payload.isEmpty() ? kNothing : rejected.payload;
    store::Statement &insert = m_sql->insertRejected;
    insert.bind(1, m_sourceId)
        .bind(2, m_receivedAt)
        .bind(3, rejected.externalId.isEmpty() ? QString() : rejected.externalId)
        .bind(4, rejected.location)
        .bind(5, rejected.reason)
        .bindBlob(6, payload)
        .bindBlob(7, payloadHash(payload));
    BV_TRY(insert.run());
    if (m_db.changes() > 0)
        ++outcome.rejected;
    return {};
}

Result<void> PageWriter::writeState(const QString &stream, const StreamState &state)
{
    store::Statement &save = m_sql->saveState;
    save.bind(1, m_sourceId)
        .bind(2, stream)
        .bind(3, state.next.isValid() ? state.next.toString(QUrl::FullyEncoded) : QString())
        .bind(4, state.cursor.isEmpty() ? QString() : state.cursor)
        .bind(5, instantText(state.since))
        .bind(6, instantText(state.passHighWater))
        .bind(7, m_receivedAt);
    return save.run();
}

} // namespace bv::feeds
