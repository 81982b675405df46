// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feedtestsupport.h"

#include <QTest>
#include <QUrlQuery>

#include <cmath>

using namespace bv;
using namespace bv::feeds;

namespace {

// A police page written to docs/feeds-protocol.md: a location, people (one with no date of
// birth, one with an impossible one, one without an id), an occurrence, a delete.
const char kPolicePage[] = R"({
  "changes": [
    {"entity": "location", "op": "upsert", "id": "L1", "updated": "2026-11-20T14:00:00Z",
     "data": {"location_id": "L1", "address": "1 Prince of Wales Road, Norwich",
              "postcode": "nr1 1bl", "lat": 52.6287, "lon": 1.3034}},
    {"entity": "person", "op": "upsert", "id": "PP1", "updated": "2026-11-20T14:03:11Z",
     "data": {"person_id": "PP1", "forenames": "Siân", "surname": "O\u0027Brien", "dob": "1990-04-01",
              "gender": "F", "nhs_no": "943 476 5919",
              "addresses": [{"location_id": "L1", "from": "2020-01-01", "to": null},
                            {"location_id": "L9", "from": "2010-01-01", "to": "2019-12-31"}],
              "markers": ["RISK_TO_STAFF", "MARAC", "WEAPONS"], "aliases": [{"forenames": "Sian", "surname": "Brien"}],
              "unknown_key": {"ignored": true}}},
    {"entity": "person", "op": "upsert", "id": "PP2", "updated": "2026-11-20T14:03:11Z",
     "data": {"person_id": "PP2", "forenames": "John", "surname": "Smith", "dob": null,
              "gender": "M", "nhs_no": null, "addresses": [], "markers": [], "aliases": []}},
    {"entity": "person", "op": "upsert", "id": "PP3", "updated": "2026-11-20T14:03:12Z",
     "data": {"person_id": "PP3", "forenames": "Ann", "surname": "Lee", "dob": "1990-02-30",
              "gender": "F", "markers": ["MARAC"]}},
    {"entity": "occurrence", "op": "upsert", "id": "OC1", "updated": "2026-11-20T15:00:00Z",
     "data": {"occurrence_id": "OC1", "reported_at": "2025-07-01T23:10:00+01:00",
              "category": "Domestic abuse", "description": "Neighbour called",
              "grade": 3, "outcome": "Arrest", "location_id": "L1", "officer": "PC 123",
              "persons": [{"person_id": "PP1", "role": "victim"},
                          {"person_id": "PP2", "role": "suspect"}]}},
    {"entity": "person", "op": "delete", "id": "PP4", "updated": "2026-11-20T16:00:00Z"},
    {"entity": "person", "op": "upsert", "updated": "2026-11-20T16:00:01Z",
     "data": {"forenames": "No", "surname": "Id"}},
    {"entity": "occurrence", "op": "delete", "id": "OC0", "updated": "2026-11-20T16:30:00Z",
     "data": {"occurrence_id": "OC0", "persons": [{"person_id": "PP2", "role": "witness"}]}},
    {"entity": "vehicle", "op": "upsert", "id": "V1", "updated": "2026-11-20T16:40:00Z",
     "data": {}}
  ],
  "next_cursor": "c2+/=",
  "has_more": true
})";

const char kFirePage[] = R"({
  "items": [
    {"incident_ref": "FI1", "datetime": "2026-06-01T02:15:00+01:00", "type": "Dwelling fire",
     "description": "Kitchen fire", "outcome": "Extinguished", "easting": 623500,
     "northing": 308900, "address": "Cathedral Close, Norwich", "postcode": "NR1 4DH",
     "occupants": [{"occupant_id": "O1", "name": "Mary Ann Jones", "dob": "1950-03-04",
                    "casualty": true},
                   {"occupant_id": "O2", "name": "Tom Jones", "dob": null, "casualty": false}],
     "updated": "2026-06-01T05:00:00Z", "withdrawn": false},
    {"incident_ref": "FI2", "datetime": "2026-06-02T10:00:00Z", "type": "False alarm",
     "description": "", "outcome": "", "easting": 623000, "northing": 309000,
     "address": "x", "postcode": "NR1 1AA",
     "occupants": [{"occupant_id": "O3", "name": "Ali Khan", "dob": null, "casualty": false}],
     "updated": "2026-06-02T11:00:00Z", "withdrawn": true},
    {"incident_ref": "FI3", "datetime": "2026-06-03T10:00:00Z", "type": "Dwelling fire",
     "easting": "not a number", "northing": 309000,
     "occupants": [{"occupant_id": "O4", "name": "Bad Grid", "dob": null, "casualty": false}],
     "updated": "2026-06-03T11:00:00Z", "withdrawn": false}
  ],
  "next_page_token": "tok 2"
})";

const char kVisitPage[] = R"({
  "items": [
    {"incident_ref": "HV1", "datetime": "2026-06-05T10:00:00Z", "type": "Home fire safety visit",
     "description": "Smoke alarms fitted", "outcome": "Done", "easting": 623500, "northing": 308900,
     "address": "Cathedral Close, Norwich", "postcode": "NR1 4DH",
     "occupants": [{"occupant_id": "O1", "name": "Mary Ann Jones", "dob": "1950-03-04",
                    "casualty": false},
                   {"occupant_id": "O2", "name": "Tom Jones", "dob": null, "casualty": false}],
     "risk_factors": ["oxygen", "mobility", "smoker"],
     "updated": "2026-06-05T12:00:00Z", "withdrawn": false}
  ],
  "next_page_token": null
})";

const QString kPoliceUrl = QStringLiteral("https://127.0.0.1:8443/police/api/v1/changes?limit=500");
const QString kFireUrl = QStringLiteral(
    "https://127.0.0.1:8443/fire/api/incidents?since=2026-01-01T00:00:00Z&page_size=500");

template<typename Records>
const auto *byId(const Records &records, const QString &id)
{
    for (const auto &record : records) {
        if (record.provenance.externalId == id)
            return &record;
    }
    return static_cast<const typename Records::value_type *>(nullptr);
}

} // namespace

class tst_JsonAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void policeChanges();
    void policeRejectionsKeepTheRest();
    void policeCursorPaging();
    void policeDeleteWithoutDataIsRefused();
    void policeRequests();
    void fireIncidentsWithGridCoordinates();
    void fireVisitsMakeFlags();
    void fireRequests();
    void notJsonIsAnErrorNamingTheUrl_data();
    void notJsonIsAnErrorNamingTheUrl();

private:
    std::unique_ptr<FeedAdapter> m_police;
    std::unique_ptr<FeedAdapter> m_fire;
};

void tst_JsonAdapter::initTestCase()
{
    Result<std::unique_ptr<FeedAdapter>> police
        = createFeedAdapter(test::demoFeed(QStringLiteral("police"), QStringLiteral("json")));
    QVERIFY_RESULT(police);
    m_police = std::move(police).value();
    Result<std::unique_ptr<FeedAdapter>> fire
        = createFeedAdapter(test::demoFeed(QStringLiteral("fire"), QStringLiteral("json")));
    QVERIFY_RESULT(fire);
    m_fire = std::move(fire).value();
}

void tst_JsonAdapter::policeChanges()
{
    const Result<FeedPage> page = m_police->parsePage(
        QStringLiteral("changes"), test::response(kPoliceUrl, QByteArray(kPolicePage)));
    QVERIFY_RESULT(page);

    QCOMPARE(page->inputRecords, qsizetype(9));
    const PersonRecord *sian = byId(page->persons, QStringLiteral("PP1"));
    QVERIFY(sian);
    QCOMPARE(sian->givenName, QStringLiteral("Siân"));
    QCOMPARE(sian->familyName, QStringLiteral("O'Brien"));
    QCOMPARE(sian->birthDate, QDate(1990, 4, 1));
    QCOMPARE(sian->sex, RecordSex::Female);
    QCOMPARE(sian->nhsStatus, NhsNumber::Status::Valid);
    QCOMPARE(sian->nhsDigits, QStringLiteral("9434765919"));
    QCOMPARE(sian->provenance.updatedAt, QDateTime(QDate(2026, 11, 20), QTime(14, 3, 11), Qt::UTC));
    QCOMPARE(sian->otherNames.size(), size_t(1));
    QCOMPARE(sian->otherNames[0].use, NameUse::Alias);
    QCOMPARE(sian->otherNames[0].family, QStringLiteral("Brien"));

    // No date of birth is not a reason to refuse a person.
    const PersonRecord *john = byId(page->persons, QStringLiteral("PP2"));
    QVERIFY(john);
    QVERIFY(!john->birthDate.isValid());
    QCOMPARE(john->nhsStatus, NhsNumber::Status::Empty);

    // Markers are flags nested in the person, so a new version of the person replaces them.
    const FlagRecord *marac = byId(page->flags, QStringLiteral("PP1#flag/MARAC"));
    QVERIFY(marac);
    QCOMPARE(marac->kind, FlagKind::Marac);
    QCOMPARE(marac->personExternalId, QStringLiteral("PP1"));
    QCOMPARE(byId(page->flags, QStringLiteral("PP1#flag/RISK_TO_STAFF"))->kind,
             FlagKind::RiskToStaff);
    QCOMPARE(byId(page->flags, QStringLiteral("PP1#flag/WEAPONS"))->kind, FlagKind::Other);
    QCOMPARE(page->flags.size(), size_t(3));

    // The location is a record of its own; addresses and events name it, whether or not it
    // is on this page (the store fills in the place).
    QCOMPARE(page->locations.size(), size_t(1));
    const LocationRecord &location = page->locations.front();
    QCOMPARE(location.provenance.externalId, QStringLiteral("L1"));
    QCOMPARE(location.place.postcode, QStringLiteral("NR1 1BL"));
    QCOMPARE(location.place.precision, LocationPrecision::Uprn);
    QVERIFY(location.place.lat.has_value());
    QVERIFY(location.place.ref.isEmpty());
    QCOMPARE(page->addresses.size(), size_t(2));
    const AddressRecord *address
        = byId(page->addresses, QStringLiteral("PP1#address/L1/2020-01-01"));
    QVERIFY(address);
    QCOMPARE(address->location.ref, QStringLiteral("L1"));
    QVERIFY(address->location.postcode.isEmpty());
    QCOMPARE(address->from, QDate(2020, 1, 1));
    QVERIFY(!address->to.isValid());
    const AddressRecord *elsewhere
        = byId(page->addresses, QStringLiteral("PP1#address/L9/2010-01-01"));
    QVERIFY(elsewhere);
    QCOMPARE(elsewhere->location.ref, QStringLiteral("L9"));

    // One event per person of the occurrence, at the instant in UTC, naming its place.
    const EventRecord *victim = byId(page->events, QStringLiteral("OC1/PP1"));
    QVERIFY(victim);
    QCOMPARE(victim->personExternalId, QStringLiteral("PP1"));
    QCOMPARE(victim->occurredAt, QDateTime(QDate(2025, 7, 1), QTime(22, 10), Qt::UTC));
    QCOMPARE(victim->significance, 3);
    QCOMPARE(victim->title, QStringLiteral("Domestic abuse"));
    QCOMPARE(victim->outcome, QStringLiteral("Arrest"));
    QCOMPARE(victim->agencyContact, QStringLiteral("PC 123"));
    QCOMPARE(victim->place.ref, QStringLiteral("L1"));
    QVERIFY(byId(page->events, QStringLiteral("OC1/PP2")));

    // Deletes withdraw: the person, and each event of the occurrence.
    const PersonRecord *deleted = byId(page->persons, QStringLiteral("PP4"));
    QVERIFY(deleted);
    QVERIFY(deleted->provenance.withdrawn);
    const EventRecord *withdrawnEvent = byId(page->events, QStringLiteral("OC0/PP2"));
    QVERIFY(withdrawnEvent);
    QVERIFY(withdrawnEvent->provenance.withdrawn);
    QVERIFY(!victim->provenance.withdrawn);

    QCOMPARE(page->maxUpdatedAt, QDateTime(QDate(2026, 11, 20), QTime(16, 30), Qt::UTC));
}

void tst_JsonAdapter::policeRejectionsKeepTheRest()
{
    const Result<FeedPage> page = m_police->parsePage(
        QStringLiteral("changes"), test::response(kPoliceUrl, QByteArray(kPolicePage)));
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(2));

    const RejectedInput &impossible = page->rejected[0];
    QCOMPARE(impossible.externalId, QStringLiteral("PP3"));
    QCOMPARE(impossible.location, QStringLiteral("changes item 4"));
    QVERIFY2(impossible.reason.contains(QLatin1String("birthDate")), qPrintable(impossible.reason));
    QVERIFY(!impossible.reason.contains(QLatin1String("1990")));
    QVERIFY(impossible.payload.contains("\"PP3\""));
    // Nothing of a refused person is kept: not its flags either.
    QVERIFY(!byId(page->persons, QStringLiteral("PP3")));
    QVERIFY(!byId(page->flags, QStringLiteral("PP3#flag/MARAC")));

    const RejectedInput &noId = page->rejected[1];
    QCOMPARE(noId.location, QStringLiteral("changes item 7"));
    QVERIFY2(noId.reason.contains(QLatin1String("id")), qPrintable(noId.reason));
}

void tst_JsonAdapter::policeCursorPaging()
{
    const Result<FeedPage> page = m_police->parsePage(
        QStringLiteral("changes"), test::response(kPoliceUrl, QByteArray(kPolicePage)));
    QVERIFY_RESULT(page);
    QCOMPARE(page->cursor, QStringLiteral("c2+/="));
    QVERIFY(page->next.isValid());
    QCOMPARE(QUrlQuery(page->next).queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded),
             QStringLiteral("c2+/="));
    QCOMPARE(QUrlQuery(page->next).queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
    QVERIFY(page->next.toString(QUrl::FullyEncoded).contains(QLatin1String("cursor=c2%2B/%3D")));

    // The last page: no next, the cursor kept for the next sync.
    const Result<FeedPage> last = m_police->parsePage(
        QStringLiteral("changes"),
        test::response(kPoliceUrl + QStringLiteral("&cursor=c2"),
                       QByteArrayLiteral(R"({"changes": [], "next_cursor": "c3",
                                              "has_more": false})")));
    QVERIFY_RESULT(last);
    QVERIFY(last->next.isEmpty());
    QCOMPARE(last->cursor, QStringLiteral("c3"));
    QCOMPARE(last->inputRecords, qsizetype(0));

    // No new cursor on a last page: the one sent is kept.
    const Result<FeedPage> same = m_police->parsePage(
        QStringLiteral("changes"),
        test::response(kPoliceUrl + QStringLiteral("&cursor=c3"),
                       QByteArrayLiteral(R"({"changes": [], "has_more": false})")));
    QVERIFY_RESULT(same);
    QCOMPARE(same->cursor, QStringLiteral("c3"));

    // More pages and no cursor is a page that cannot be followed.
    const Result<FeedPage> broken = m_police->parsePage(
        QStringLiteral("changes"),
        test::response(kPoliceUrl, QByteArrayLiteral(R"({"changes": [], "has_more": true})")));
    QVERIFY(!broken.ok());
}

void tst_JsonAdapter::policeDeleteWithoutDataIsRefused()
{
    // Without its persons, a deleted occurrence cannot say which events to withdraw: refused,
    // so that someone sees it, rather than dropped.
    const Result<FeedPage> page = m_police->parsePage(
        QStringLiteral("changes"), test::response(kPoliceUrl, QByteArrayLiteral(R"({"changes": [
            {"entity": "occurrence", "op": "delete", "id": "OC9", "updated": "2026-11-21T10:00:00Z"},
            {"entity": "person", "op": "delete", "id": "PP9", "updated": "2026-11-21T10:00:00Z"}],
            "next_cursor": "c9", "has_more": false})")));
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(1));
    QCOMPARE(page->rejected[0].externalId, QStringLiteral("OC9"));
    QVERIFY(page->rejected[0].reason.contains(QLatin1String("withdrawn")));
    QCOMPARE(page->persons.size(), size_t(1));
    QVERIFY(page->persons[0].provenance.withdrawn);
}

void tst_JsonAdapter::policeRequests()
{
    QCOMPARE(m_police->streams(), QStringList{QStringLiteral("changes")});
    StreamState state;
    QCOMPARE(m_police->requestFor(QStringLiteral("changes"), state),
             QUrl(QStringLiteral("https://127.0.0.1:8443/police/api/v1/changes?limit=500")));
    state.cursor = QStringLiteral("a+b");
    QCOMPARE(m_police->requestFor(QStringLiteral("changes"), state).toString(QUrl::FullyEncoded),
             QStringLiteral("https://127.0.0.1:8443/police/api/v1/changes?cursor=a%2Bb&limit=500"));
    state.next = QUrl(QStringLiteral("https://127.0.0.1:8443/police/api/v1/changes?cursor=zz"));
    QCOMPARE(m_police->requestFor(QStringLiteral("changes"), state), state.next);
    QVERIFY(m_police->requestFor(QStringLiteral("nope"), StreamState()).isEmpty());
}

void tst_JsonAdapter::fireIncidentsWithGridCoordinates()
{
    const Result<FeedPage> page = m_fire->parsePage(
        QStringLiteral("incidents"), test::response(kFireUrl, QByteArray(kFirePage)));
    QVERIFY_RESULT(page);
    QCOMPARE(page->inputRecords, qsizetype(3));

    // Occupants are people; one event per occupant.
    const PersonRecord *mary = byId(page->persons, QStringLiteral("O1"));
    QVERIFY(mary);
    QCOMPARE(mary->givenName, QStringLiteral("Mary"));
    QCOMPARE(mary->middleNames, QStringLiteral("Ann"));
    QCOMPARE(mary->familyName, QStringLiteral("Jones"));
    QCOMPARE(mary->birthDate, QDate(1950, 3, 4));
    const PersonRecord *tom = byId(page->persons, QStringLiteral("O2"));
    QVERIFY(tom);
    QVERIFY(!tom->birthDate.isValid());

    const EventRecord *fire = byId(page->events, QStringLiteral("FI1/O1"));
    QVERIFY(fire);
    QCOMPARE(fire->personExternalId, QStringLiteral("O1"));
    QCOMPARE(fire->occurredAt, QDateTime(QDate(2026, 6, 1), QTime(1, 15), Qt::UTC));
    QCOMPARE(fire->significance, 3); // a casualty
    QCOMPARE(byId(page->events, QStringLiteral("FI1/O2"))->significance, 2);
    QCOMPARE(fire->place.postcode, QStringLiteral("NR1 4DH"));
    QCOMPARE(fire->place.precision, LocationPrecision::Uprn);
    // Norwich Cathedral: the Helmert reference of tst_gridconverter.
    QVERIFY(fire->place.lat && fire->place.lon);
    QVERIFY2(std::abs(*fire->place.lat - 52.631804) < 1e-4,
             qPrintable(QString::number(*fire->place.lat)));
    QVERIFY2(std::abs(*fire->place.lon - 1.301259) < 1e-4,
             qPrintable(QString::number(*fire->place.lon)));

    // A withdrawn incident withdraws its events and its occupants, whose ids are the
    // incident's own (the simulator counts them withdrawn too).
    const EventRecord *withdrawn = byId(page->events, QStringLiteral("FI2/O3"));
    QVERIFY(withdrawn);
    QVERIFY(withdrawn->provenance.withdrawn);
    QVERIFY(byId(page->persons, QStringLiteral("O3"))->provenance.withdrawn);

    // Coordinates that are not numbers: the incident is refused whole.
    QCOMPARE(page->rejected.size(), size_t(1));
    QCOMPARE(page->rejected[0].location, QStringLiteral("items item 3"));
    QVERIFY(page->rejected[0].reason.contains(QLatin1String("easting")));
    QVERIFY(!byId(page->persons, QStringLiteral("O4")));

    QCOMPARE(QUrlQuery(page->next).queryItemValue(QStringLiteral("page_token"), QUrl::FullyDecoded),
             QStringLiteral("tok 2"));
    QCOMPARE(QUrlQuery(page->next).queryItemValue(QStringLiteral("since")),
             QStringLiteral("2026-01-01T00:00:00Z"));
}

void tst_JsonAdapter::fireVisitsMakeFlags()
{
    const Result<FeedPage> page = m_fire->parsePage(
        QStringLiteral("visits"),
        test::response(QStringLiteral("https://127.0.0.1:8443/fire/api/visits?page_size=500"),
                       QByteArray(kVisitPage)));
    QVERIFY_RESULT(page);
    QVERIFY(page->next.isEmpty());
    QCOMPARE(page->events.size(), size_t(2));
    // Each risk factor is a flag on each occupant.
    QCOMPARE(page->flags.size(), size_t(6));
    const FlagRecord *oxygen = byId(page->flags, QStringLiteral("HV1/O2/oxygen"));
    QVERIFY(oxygen);
    QCOMPARE(oxygen->personExternalId, QStringLiteral("O2"));
    QCOMPARE(oxygen->kind, FlagKind::RiskToStaff);
    QCOMPARE(oxygen->from, QDate(2026, 6, 5));
    QCOMPARE(byId(page->flags, QStringLiteral("HV1/O1/mobility"))->kind, FlagKind::VulnerableAdult);
    QCOMPARE(byId(page->flags, QStringLiteral("HV1/O1/smoker"))->kind, FlagKind::Other);
}

void tst_JsonAdapter::fireRequests()
{
    QCOMPARE(m_fire->streams(),
             (QStringList{QStringLiteral("incidents"), QStringLiteral("visits")}));
    StreamState state;
    QCOMPARE(m_fire->requestFor(QStringLiteral("incidents"), state),
             QUrl(QStringLiteral("https://127.0.0.1:8443/fire/api/incidents?page_size=500")));
    state.since = QDateTime(QDate(2026, 7, 1), QTime(9, 30, 5), Qt::UTC);
    QCOMPARE(m_fire->requestFor(QStringLiteral("visits"), state),
             QUrl(QStringLiteral("https://127.0.0.1:8443/fire/api/visits?"
                                 "since=2026-07-01T09:30:05Z&page_size=500")));
}

void tst_JsonAdapter::notJsonIsAnErrorNamingTheUrl_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("HTML") << QByteArrayLiteral("<html><body>Gateway</body></html>") << 200;
    QTest::newRow("a JSON array") << QByteArrayLiteral("[1, 2]") << 200;
    QTest::newRow("no changes array") << QByteArrayLiteral(R"({"items": []})") << 200;
    QTest::newRow("truncated") << QByteArrayLiteral(R"({"changes": [{"entity": "pers)") << 200;
    QTest::newRow("HTTP 503") << QByteArrayLiteral(R"({"changes": []})") << 503;
}

void tst_JsonAdapter::notJsonIsAnErrorNamingTheUrl()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const Result<FeedPage> page = m_police->parsePage(QStringLiteral("changes"),
                                                      test::response(kPoliceUrl, body, {}, status));
    QVERIFY(!page.ok());
    QVERIFY2(page.error().message.contains(kPoliceUrl), qPrintable(page.error().message));
}

BV_TEST_MAIN(tst_JsonAdapter)
#include "tst_jsonadapter.moc"
