// SPDX-License-Identifier: GPL-3.0-or-later
// A made-up feed written by the PageWriter directly, for crash tests that need no simulator:
// one stream of pages, resumed from its cursor as SyncEngine resumes a real feed.
#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "feeds/pagewriter.h"
#include "feeds/syncengine.h"

#include <QTimeZone>

namespace bv::test {

inline constexpr int kSyntheticPersonsPerPage = 40;

inline feeds::FeedConfig syntheticFeed()
{
    feeds::FeedConfig feed;
    feed.id = QStringLiteral("police");
    feed.agency = QStringLiteral("police");
    feed.format = QStringLiteral("json");
    feed.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:1/police/"));
    return feed;
}

// Page `index` of the synthetic stream: persons, each with an event (full-text and spatial
// indexes) and a flag; a later page edits a person of an earlier one.
inline feeds::FeedPage syntheticPage(int index, int pages)
{
    using namespace feeds;
    FeedPage page;
    const QDateTime updated
        = QDateTime(QDate(2026, 1, 1), QTime(8, 0), QTimeZone::utc()).addSecs(index * 60);
    for (int i = 0; i < kSyntheticPersonsPerPage; ++i) {
        const int n = index * kSyntheticPersonsPerPage + i;
        const QString id = QStringLiteral("P%1").arg(n);
        PersonRecord person;
        person.provenance.externalId = id;
        person.provenance.updatedAt = updated;
        person.givenName = QStringLiteral("Given%1").arg(n % 97);
        person.familyName = QStringLiteral("Family%1").arg(n % 89);
        person.birthDate = QDate(1950, 1, 1).addDays(n * 37 % 20000);
        person.sex = n % 2 ? RecordSex::Female : RecordSex::Male;
        page.persons.push_back(person);

        EventRecord event;
        event.provenance.externalId = QStringLiteral("E%1").arg(n);
        event.provenance.updatedAt = updated;
        event.personExternalId = id;
        event.occurredDate = QDate(2025, 1, 1).addDays(n % 300);
        event.category = QStringLiteral("occurrence");
        event.title = QStringLiteral("Synthetic occurrence %1 reported").arg(n);
        event.significance = 1 + n % 3;
        event.place.lat = 52.5 + (n % 100) * 0.001;
        event.place.lon = 1.2 + (n % 50) * 0.002;
        event.place.precision = LocationPrecision::PostcodeUnit;
        page.events.push_back(event);

        FlagRecord flag;
        flag.provenance.externalId = id + kNestedIdSeparator + QStringLiteral("flag/MARAC");
        flag.provenance.updatedAt = updated;
        flag.personExternalId = id;
        flag.kind = FlagKind::Marac;
        page.flags.push_back(flag);
    }
    if (index > 0) {
        PersonRecord moved = page.persons.front();
        moved.provenance.externalId
            = QStringLiteral("P%1").arg((index - 1) * kSyntheticPersonsPerPage);
        moved.familyName = QStringLiteral("Renamed%1").arg(index);
        page.persons.push_back(moved);
    }
    page.maxUpdatedAt = updated;
    page.cursor = QString::number(index + 1);
    if (index + 1 < pages)
        page.next
            = QUrl(QStringLiteral("https://127.0.0.1:1/police/changes?page=%1").arg(index + 1));
    page.inputRecords = page.recordCount();
    return page;
}

// Resumes from the stream's cursor, as SyncEngine does for a real feed.
inline Result<void> syncSyntheticFeed(store::Database &db, const Clock &clock, int pages)
{
    const QString stream = QStringLiteral("changes");
    auto writer = feeds::PageWriter::create(db, syntheticFeed(), clock);
    BV_TRY(writer);
    auto state = writer.value()->loadState(stream);
    BV_TRY(state);
    feeds::StreamState current = state.value();
    for (int index = current.cursor.toInt(); index < pages; ++index) {
        const feeds::FeedPage page = syntheticPage(index, pages);
        const feeds::StreamState next = feeds::advanceStreamState(current, page);
        BV_TRY(writer.value()->write(stream, page, next, page.next.isEmpty()));
        current = next;
    }
    return {};
}

} // namespace bv::test
