// SPDX-License-Identifier: GPL-3.0-or-later
// The page writer against a real encrypted store: every page is idempotent, older versions
// never overwrite newer ones, withdrawals remove, nested records follow their person, and
// the stream position moves in the same transaction as the records.
#include "access/session.h"
#include "common/testsupport.h"
#include "feeds/pagewriter.h"
#include "feeds/syncengine.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storeinspector.h"

#include <QtTest>

using namespace bv;
using namespace bv::feeds;

namespace {

FeedConfig testFeed()
{
    FeedConfig feed;
    feed.id = QStringLiteral("police");
    feed.agency = QStringLiteral("police");
    feed.format = QStringLiteral("json");
    feed.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:1/police/"));
    return feed;
}

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 20), QTime(9, minute), QTimeZone::utc());
}

PersonRecord person(const QString &id, const QString &family, int minute)
{
    PersonRecord record;
    record.provenance.externalId = id;
    record.provenance.updatedAt = at(minute);
    record.givenName = QStringLiteral("Alex");
    record.familyName = family;
    record.birthDate = QDate(1990, 4, 1);
    record.sex = RecordSex::Female;
    record.nhsStatus = NhsNumber::Status::Valid;
    record.nhsDigits = QStringLiteral("9990000018");
    return record;
}

EventRecord eventRecord(const QString &id, const QString &personId, const QString &title,
                        int minute)
{
    EventRecord record;
    record.provenance.externalId = id;
    record.provenance.updatedAt = at(minute);
    record.personExternalId = personId;
    record.occurredDate = QDate(2025, 3, 1);
    record.category = QStringLiteral("occurrence");
    record.title = title;
    record.significance = 2;
    record.place.lat = 52.63;
    record.place.lon = 1.29;
    record.place.precision = LocationPrecision::PostcodeUnit;
    return record;
}

FlagRecord nestedFlag(const QString &personId, const QString &code, int minute)
{
    FlagRecord flag;
    flag.provenance.externalId = personId + kNestedIdSeparator + QStringLiteral("flag/") + code;
    flag.provenance.updatedAt = at(minute);
    flag.personExternalId = personId;
    flag.kind = code == QLatin1String("MARAC") ? FlagKind::Marac : FlagKind::RiskToStaff;
    return flag;
}

LocationRecord location(const QString &id, const QString &postcode, double lat, int minute)
{
    LocationRecord record;
    record.provenance.externalId = id;
    record.provenance.updatedAt = at(minute);
    record.place.text = QStringLiteral("1 Test Street");
    record.place.postcode = postcode;
    record.place.lat = lat;
    record.place.lon = 1.29;
    record.place.precision = LocationPrecision::Uprn;
    return record;
}

AddressRecord addressNaming(const QString &personId, const QString &locationId, int minute)
{
    AddressRecord address;
    address.provenance.externalId
        = personId + kNestedIdSeparator + QStringLiteral("address/") + locationId;
    address.provenance.updatedAt = at(minute);
    address.personExternalId = personId;
    address.location.ref = locationId;
    address.from = QDate(2020, 1, 1);
    return address;
}

qint64 count(store::Database &db, const char *sql)
{
    auto value = db.queryInt(sql);
    return value.ok() ? value.value() : -1;
}

} // namespace

class TestPageWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void repeatedPageChangesNothing();
    void olderVersionNeverOverwrites();
    void withdrawnEventAndPersonAreRemoved();
    void newVersionReplacesNestedRecords();
    void eventBeforeItsPersonMakesAStubFilledInLater();
    void fullTextIndexFollowsEdits();
    void integrityCheckFindsAnUnindexedEvent();
    void placeNamedByIdFollowsItsLocation_data();
    void placeNamedByIdFollowsItsLocation();
    void quarantineIsDeduplicatedAndResolved();
    void streamStateMovesWithThePage();
    void streamStateAdvances_data();
    void streamStateAdvances();

private:
    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
    std::unique_ptr<PageWriter> m_writer;

    store::Database &db() { return m_session->database(); }
    PageOutcome write(const FeedPage &page, const StreamState &state = {})
    {
        auto outcome = m_writer->write(QStringLiteral("changes"), page, state, false);
        if (!outcome.ok())
            qFatal("page write failed: %s", qPrintable(outcome.error().message));
        return outcome.value();
    }
    QByteArray contentHash()
    {
        auto hash = store::StoreInspector::contentHash(db());
        return hash.ok() ? hash.value() : QByteArray();
    }
};

void TestPageWriter::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    auto writer = PageWriter::create(db(), testFeed(), m_fixture->clock());
    QVERIFY_RESULT(writer);
    m_writer = std::move(writer.value());
}

void TestPageWriter::cleanup()
{
    // Whatever a case wrote, the full-text index still matches the events.
    if (m_session)
        QVERIFY_RESULT(db().exec("INSERT INTO event_fts(event_fts) VALUES ('integrity-check')"));
    m_writer.reset();
    m_session.reset();
    m_fixture.reset();
}

void TestPageWriter::repeatedPageChangesNothing()
{
    FeedPage page;
    page.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 1));
    page.flags.push_back(nestedFlag(QStringLiteral("P1"), QStringLiteral("MARAC"), 1));
    page.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("Burglary"), 1));
    const PageOutcome first = write(page);
    QCOMPARE(first.written, 3);
    const QByteArray hash = contentHash();
    m_fixture->clock().advanceSeconds(60);
    const PageOutcome again = write(page);
    QCOMPARE(again.written, 0);
    QCOMPARE(again.unchanged, 3);
    QCOMPARE(contentHash(), hash);
    QCOMPARE(count(db(), "SELECT count(*) FROM source_person"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM event"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree"), 1);
}

void TestPageWriter::olderVersionNeverOverwrites()
{
    FeedPage newer;
    newer.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Jones"), 5));
    write(newer);
    FeedPage older;
    older.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 4));
    QCOMPARE(write(older).unchanged, 1);
    auto family = db().queryText("SELECT family_name FROM source_person");
    QVERIFY_RESULT(family);
    QCOMPARE(family.value(), QStringLiteral("Jones"));
}

void TestPageWriter::withdrawnEventAndPersonAreRemoved()
{
    FeedPage page;
    page.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 1));
    page.persons.push_back(person(QStringLiteral("P2"), QStringLiteral("Brown"), 1));
    page.flags.push_back(nestedFlag(QStringLiteral("P1"), QStringLiteral("MARAC"), 1));
    page.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("Theft"), 1));
    page.events.push_back(
        eventRecord(QStringLiteral("E2"), QStringLiteral("P2"), QStringLiteral("Assault"), 1));
    write(page);
    // Linking left the pair waiting for review: the withdrawal takes that with it too.
    QVERIFY_RESULT(db().exec("INSERT INTO link_review(source_person_a, source_person_b, "
                             "match_weight, probability, reason, found_at) "
                             "SELECT min(id), max(id), 3.5, 0.2, 'uncertain', '2026-11-20' "
                             "FROM source_person"));

    FeedPage withdrawals;
    EventRecord gone = eventRecord(QStringLiteral("E2"), QStringLiteral("P2"), {}, 2);
    gone.provenance.withdrawn = true;
    withdrawals.events.push_back(gone);
    PersonRecord leaver = person(QStringLiteral("P1"), {}, 2);
    leaver.provenance.withdrawn = true;
    withdrawals.persons.push_back(leaver);
    QCOMPARE(write(withdrawals).removed, 2);

    QCOMPARE(count(db(), "SELECT count(*) FROM source_person"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM event"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM flag"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM place"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM event_fts WHERE event_fts MATCH 'assault'"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM link_review"), 0);
}

void TestPageWriter::newVersionReplacesNestedRecords()
{
    FeedPage first;
    first.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 1));
    first.flags.push_back(nestedFlag(QStringLiteral("P1"), QStringLiteral("MARAC"), 1));
    first.flags.push_back(nestedFlag(QStringLiteral("P1"), QStringLiteral("RISK"), 1));
    // Another person whose id starts with the same characters keeps their flags.
    first.persons.push_back(person(QStringLiteral("P10"), QStringLiteral("Smith"), 1));
    first.flags.push_back(nestedFlag(QStringLiteral("P10"), QStringLiteral("MARAC"), 1));
    write(first);

    FeedPage second;
    second.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 2));
    second.flags.push_back(nestedFlag(QStringLiteral("P1"), QStringLiteral("RISK"), 2));
    write(second);

    QCOMPARE(count(db(), "SELECT count(*) FROM flag"), 2);
    QCOMPARE(count(db(), "SELECT count(*) FROM flag WHERE kind = 'marac'"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM flag f JOIN source_person p "
                         "ON p.id = f.source_person_id WHERE p.external_id = 'P1'"),
             1);
}

void TestPageWriter::eventBeforeItsPersonMakesAStubFilledInLater()
{
    FeedPage early;
    early.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P9"), QStringLiteral("Fire"), 1));
    write(early);
    QCOMPARE(count(db(), "SELECT count(*) FROM source_person WHERE family_name IS NULL"), 1);

    FeedPage later;
    later.persons.push_back(person(QStringLiteral("P9"), QStringLiteral("Green"), 3));
    write(later);
    QCOMPARE(count(db(), "SELECT count(*) FROM source_person"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM event e JOIN source_person p "
                         "ON p.id = e.source_person_id WHERE p.family_name = 'Green'"),
             1);
}

void TestPageWriter::fullTextIndexFollowsEdits()
{
    FeedPage first;
    first.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("Kitchen fire"), 1));
    write(first);
    QCOMPARE(count(db(), "SELECT count(*) FROM event_fts WHERE event_fts MATCH 'kitchen'"), 1);
    FeedPage second;
    second.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("Chimney fire"), 2));
    write(second);
    QCOMPARE(count(db(), "SELECT count(*) FROM event_fts WHERE event_fts MATCH 'kitchen'"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM event_fts WHERE event_fts MATCH 'chimney'"), 1);
}

void TestPageWriter::integrityCheckFindsAnUnindexedEvent()
{
    FeedPage page;
    page.events.push_back(
        eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("Kitchen fire"), 1));
    write(page);
    auto intact = store::StoreInspector::checkIntegrity(db());
    QVERIFY_RESULT(intact);
    QVERIFY2(intact->problems.isEmpty(), qPrintable(intact->problems.join(u'\n')));

    // Written behind the page writer's back, so never indexed.
    QVERIFY_RESULT(db().exec("INSERT INTO event(source_id, external_id, occurred_date, category, "
                             "title, received_at) SELECT source_id, 'E2', occurred_date, "
                             "category, title, received_at FROM event"));
    auto stale = store::StoreInspector::checkIntegrity(db());
    QVERIFY_RESULT(stale);
    QCOMPARE(stale->problems.size(), 1);
    QVERIFY(stale->problems.first().contains(QStringLiteral("full-text index")));
    // Taken away again, so cleanup() finds the index whole.
    QVERIFY_RESULT(db().exec("DELETE FROM event WHERE external_id = 'E2'"));
}

void TestPageWriter::placeNamedByIdFollowsItsLocation_data()
{
    QTest::addColumn<bool>("locationFirst");
    QTest::newRow("location on an earlier page") << true;
    QTest::newRow("location on a later page") << false;
}

void TestPageWriter::placeNamedByIdFollowsItsLocation()
{
    QFETCH(bool, locationFirst);
    FeedPage locations;
    locations.locations.push_back(
        location(QStringLiteral("L1"), QStringLiteral("NR1 3JB"), 52.6, 1));
    FeedPage naming;
    naming.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Doe"), 2));
    naming.addresses.push_back(addressNaming(QStringLiteral("P1"), QStringLiteral("L1"), 2));
    EventRecord event
        = eventRecord(QStringLiteral("O1/P1"), QStringLiteral("P1"), QStringLiteral("Theft"), 2);
    event.place = Location{};
    event.place.ref = QStringLiteral("L1");
    naming.events.push_back(event);
    write(locationFirst ? locations : naming);
    write(locationFirst ? naming : locations);
    const char *placed = "SELECT count(*) FROM address_period WHERE postcode = 'NR1 3JB' "
                         "AND precision = 'uprn' AND location_ref = 'L1'";
    QCOMPARE(count(db(), placed), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM event WHERE place_text = '1 Test Street' "
                         "AND place_precision = 'uprn'"),
             1);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree WHERE min_lat > 52.59 "
                         "AND max_lat < 52.61"),
             2);
    const QByteArray before = store::StoreInspector::contentHash(db()).value();

    // The location moves: the address, the event and their map points follow.
    FeedPage moved;
    moved.locations.push_back(location(QStringLiteral("L1"), QStringLiteral("NR2 4SF"), 52.7, 3));
    write(moved);
    QCOMPARE(count(db(), "SELECT count(*) FROM address_period WHERE postcode = 'NR2 4SF'"), 1);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree WHERE min_lat > 52.69 "
                         "AND max_lat < 52.71"),
             2);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree"), 2);
    QVERIFY(store::StoreInspector::contentHash(db()).value() != before);

    // Withdrawn: the rows keep the name, lose the place, and leave the map.
    FeedPage withdrawn;
    LocationRecord gone = location(QStringLiteral("L1"), {}, 0, 4);
    gone.provenance.withdrawn = true;
    withdrawn.locations.push_back(gone);
    write(withdrawn);
    QCOMPARE(count(db(), "SELECT count(*) FROM source_location"), 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM address_period WHERE location_ref = 'L1' "
                         "AND postcode IS NULL AND lat IS NULL"),
             1);
    QCOMPARE(count(db(), "SELECT count(*) FROM event WHERE location_ref = 'L1' "
                         "AND place_text IS NULL"),
             1);
    QCOMPARE(count(db(), "SELECT count(*) FROM place_rtree"), 0);
}

void TestPageWriter::quarantineIsDeduplicatedAndResolved()
{
    FeedPage bad;
    bad.rejected.push_back({QStringLiteral("E7"), QStringLiteral("entry 3"),
                            QStringLiteral("occurred_at: not a date"),
                            QByteArrayLiteral("{\"id\":\"E7\"}")});
    QCOMPARE(write(bad).rejected, 1);
    QCOMPARE(write(bad).rejected, 0);
    QCOMPARE(count(db(), "SELECT count(*) FROM quarantine WHERE resolved_at IS NULL"), 1);

    FeedPage fixed;
    fixed.events.push_back(
        eventRecord(QStringLiteral("E7"), QStringLiteral("P1"), QStringLiteral("Theft"), 4));
    write(fixed);
    QCOMPARE(count(db(), "SELECT count(*) FROM quarantine WHERE resolved_at IS NULL"), 0);
}

void TestPageWriter::streamStateMovesWithThePage()
{
    FeedPage page;
    page.persons.push_back(person(QStringLiteral("P1"), QStringLiteral("Smith"), 1));
    StreamState state;
    state.cursor = QStringLiteral("c-42");
    state.next = QUrl(QStringLiteral("https://127.0.0.1:1/police/api/v1/changes?cursor=c-42"));
    write(page, state);
    auto loaded = m_writer->loadState(QStringLiteral("changes"));
    QVERIFY_RESULT(loaded);
    QCOMPARE(loaded->cursor, state.cursor);
    QCOMPARE(loaded->next, state.next);

    // A page whose records cannot be written leaves the position where it was.
    FeedPage broken;
    EventRecord impossible
        = eventRecord(QStringLiteral("E1"), QStringLiteral("P1"), QStringLiteral("x"), 2);
    impossible.significance = 9; // refused by the schema's CHECK
    broken.events.push_back(impossible);
    StreamState moved = state;
    moved.cursor = QStringLiteral("c-43");
    QVERIFY(!m_writer->write(QStringLiteral("changes"), broken, moved, false).ok());
    loaded = m_writer->loadState(QStringLiteral("changes"));
    QVERIFY_RESULT(loaded);
    QCOMPARE(loaded->cursor, QStringLiteral("c-42"));
    QCOMPARE(count(db(), "SELECT count(*) FROM event"), 0);
}

void TestPageWriter::streamStateAdvances_data()
{
    QTest::addColumn<QString>("next");
    QTest::addColumn<int>("pageMax");
    QTest::addColumn<int>("passHighWater"); // minutes, -1 = none
    QTest::addColumn<int>("expectSince");
    QTest::addColumn<int>("expectHighWater");

    QTest::newRow("mid pass keeps since, raises high water")
        << "https://h/p2" << 30 << 20 << 10 << 30;
    QTest::newRow("mid pass, older page keeps high water")
        << "https://h/p2" << 15 << 20 << 10 << 20;
    QTest::newRow("last page moves since up") << QString() << 25 << 20 << 25 << -1;
    QTest::newRow("empty last page uses the pass") << QString() << -1 << 20 << 20 << -1;
    QTest::newRow("empty feed keeps since") << QString() << -1 << -1 << 10 << -1;
}

void TestPageWriter::streamStateAdvances()
{
    QFETCH(QString, next);
    QFETCH(int, pageMax);
    QFETCH(int, passHighWater);
    QFETCH(int, expectSince);
    QFETCH(int, expectHighWater);
    StreamState state;
    state.since = at(10);
    if (passHighWater >= 0)
        state.passHighWater = at(passHighWater);
    FeedPage page;
    page.next = QUrl(next);
    if (pageMax >= 0)
        page.maxUpdatedAt = at(pageMax);
    const StreamState after = advanceStreamState(state, page);
    QCOMPARE(after.since, at(expectSince));
    QCOMPARE(after.passHighWater, expectHighWater < 0 ? QDateTime() : at(expectHighWater));
    QCOMPARE(after.next, QUrl(next));
}

BV_TEST_MAIN(TestPageWriter)
#include "tst_pagewriter.moc"
