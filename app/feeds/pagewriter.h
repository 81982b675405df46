// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "feeds/feedconfig.h"
#include "feeds/feedrecords.h"

#include <QHash>
#include <QString>

#include <memory>

namespace bv::store {
class Database;
class Statement;
} // namespace bv::store

namespace bv::geo {
class PostcodeGazetteer;
}

namespace bv::feeds {

// What one page did to the store.
struct PageOutcome
{
    qsizetype written = 0;   // records inserted or changed
    qsizetype unchanged = 0; // older than or as old as what the store holds (a repeated page)
    qsizetype removed = 0;   // withdrawn by the source and deleted here
    qsizetype rejected = 0;  // quarantined (new ones; a repeated bad record counts once)
};

// Writes pages of one feed into the store. Each page, its rejected input and the stream's new
// read position go in one transaction, so a crash leaves the store either before or after the
// page, never between; and writing a page twice changes nothing, because every row is found
// by (source, external id) and a record older than the stored one is skipped.
class PageWriter
{
public:
    // Registers the feed as a source (or updates its endpoint) and prepares the statements.
    [[nodiscard]] static Result<std::unique_ptr<PageWriter>>
    create(store::Database &db, const FeedConfig &feed, const Clock &clock);
    ~PageWriter();
    PageWriter(const PageWriter &) = delete;
    PageWriter &operator=(const PageWriter &) = delete;

    qint64 sourceId() const { return m_sourceId; }

    [[nodiscard]] Result<StreamState> loadState(const QString &stream);

    // passComplete: the page ended a pass; the feed's last sync time is set with it.
    [[nodiscard]] Result<PageOutcome> write(const QString &stream, const FeedPage &page,
                                            const StreamState &newState, bool passComplete);

    // Kept on the source for the app's sources panel; never holds personal data.
    [[nodiscard]] Result<void> recordError(const QString &message);

private:
    struct Statements;
    PageWriter(store::Database &db, qint64 sourceId, const Clock &clock,
               std::unique_ptr<Statements> statements);

    [[nodiscard]] Result<void> writeRecords(const FeedPage &page, PageOutcome &outcome);
    [[nodiscard]] Result<void> writePerson(const PersonRecord &person, PageOutcome &outcome);
    [[nodiscard]] Result<void> removePerson(qint64 id);
    [[nodiscard]] Result<void> writeFlag(const FlagRecord &flag, PageOutcome &outcome);
    [[nodiscard]] Result<void> writeAddress(const AddressRecord &address, PageOutcome &outcome);
    [[nodiscard]] Result<void> writeRelationship(const RelationshipRecord &relationship,
                                                 PageOutcome &outcome);
    [[nodiscard]] Result<void> writeEvent(const EventRecord &event, PageOutcome &outcome);
    [[nodiscard]] Result<void> writeLocation(const LocationRecord &location, PageOutcome &outcome);
    [[nodiscard]] Result<void> writeRejected(const RejectedInput &rejected, PageOutcome &outcome);
    [[nodiscard]] Result<void> writeState(const QString &stream, const StreamState &state);

    // The row of a person record, made as a stub (id only) when another record refers to a
    // person the feed has not sent yet; the person's own record fills it in later.
    [[nodiscard]] Result<qint64> personRow(const QString &externalId);
    // newOwner: the row was inserted on this page, so there is no old map entry to remove.
    [[nodiscard]] Result<void> replacePlace(const char *ownerKind, qint64 ownerId,
                                            const Location &location, bool newOwner = false);
    // A good version of a record closes its earlier rejections.
    [[nodiscard]] Result<void> resolveRejected(const QString &externalId);
    // A place that names a location record gets that record's parts, or none while the
    // record has not arrived (or was withdrawn).
    [[nodiscard]] Result<Location> resolvedPlace(const Location &place);
    // A place with only a postcode, positioned by it (geo::PostcodeGazetteer).
    Location placedByPostcode(Location place);
    // After a location record changes: the addresses and events that name it follow.
    [[nodiscard]] Result<void> refreshPlacesNaming(const QString &locationId,
                                                   const Location &place);

    store::Database &m_db;
    qint64 m_sourceId = 0;
    const Clock &m_clock;
    std::unique_ptr<Statements> m_sql;
    QString m_receivedAt;             // one time per page
    bool m_hasOpenRejections = false; // for this source, when the page began
    std::shared_ptr<const geo::PostcodeGazetteer> m_gazetteer;
};

} // namespace bv::feeds
