// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feedtestsupport.h"

#include <QDirIterator>
#include <QTest>
#include <QUrlQuery>

using namespace bv;
using namespace bv::feeds;

namespace {

// FHIR R4 as real servers emit it: a searchset with urn:uuid, relative, absolute and versioned
// references, offsets, names of every use with letters beyond ASCII, extensions nobody knows,
// a next of kin who is not the patient, an NHS number whose check digit fails.
const char kSearchset[] = R"({
  "resourceType": "Bundle", "type": "searchset",
  "link": [{"relation": "self", "url": "https://127.0.0.1:8443/health/fhir/Patient?_count=2"},
           {"relation": "next", "url": "https://127.0.0.1:8443/health/fhir/Patient?_page_token=abc%2B1"}],
  "entry": [
    {"fullUrl": "urn:uuid:0d1e6c7a-6d4e-4a44-9a7e-4c0f3b1a2b3c",
     "resource": {
       "resourceType": "Patient", "id": "p1",
       "meta": {"lastUpdated": "2024-07-01T10:00:00+01:00",
                "profile": ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"]},
       "extension": [{"url": "https://example.org/fhir/StructureDefinition/shoe-size",
                      "valueInteger": 7},
                     {"url": "https://example.org/nested", "extension": [
                        {"url": "a", "valueCodeableConcept": {"coding": [{"code": "x"}]}}]}],
       "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765918",
                       "extension": [{"url": "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus",
                                      "valueCodeableConcept": {"coding": [{"code": "01"}]}}]},
                      {"system": "https://example.org/mrn", "value": "MRN-1"}],
       "active": true,
       "name": [{"use": "nickname", "given": ["Zozo"]},
                {"use": "official", "family": "Wójcik-Brown", "given": ["Zoë", "Anna", "Maria"],
                 "prefix": ["Mrs"], "_family": {"extension": [{"url": "https://example.org/x",
                                                              "valueString": "y"}]}},
                {"use": "maiden", "family": "Wójcik", "given": ["Zoë"]},
                {"use": "old", "family": "Smith", "given": ["Zoe"], "period": {"end": "2010-01-01"}}],
       "gender": "female", "birthDate": "1985-03-31",
       "telecom": [{"system": "email", "value": "z@example.org"},
                   {"system": "phone", "value": "01603 111222", "use": "home"}],
       "address": [{"use": "old", "line": ["1 Old Street"], "city": "LEEDS",
                    "postalCode": "LS1 1AA", "period": {"start": "2000-01-01", "end": "2010-01-01"}},
                   {"use": "home", "line": ["12 Elm Road", "Flat 2"], "city": "Norwich",
                    "postalCode": "nr1 3jb", "period": {"start": "2010-01-02"}}],
       "contact": [{"relationship": [{"coding": [{"code": "N", "display": "Next-of-Kin"}]}],
                    "name": {"use": "official", "family": "Jackson", "given": ["Jane"]},
                    "telecom": [{"system": "phone", "value": "07777123123"}],
                    "address": {"line": ["5 Alwoodley Road"], "city": "LEEDS",
                                "postalCode": "LS17 6EH"},
                    "gender": "female"}]
     },
     "search": {"mode": "match"}},
    {"fullUrl": "https://127.0.0.1:8443/health/fhir/Encounter/e1",
     "resource": {
       "resourceType": "Encounter", "id": "e1", "meta": {"lastUpdated": "2024-07-01T10:05:00Z"},
       "status": "finished", "class": {"code": "EMER", "display": "emergency"},
       "type": [{"coding": [{"system": "http://snomed.info/sct", "display": "A&E attendance"}]}],
       "subject": {"reference": "urn:uuid:0d1e6c7a-6d4e-4a44-9a7e-4c0f3b1a2b3c"},
       "period": {"start": "2024-06-30T23:30:00+01:00", "end": "2024-07-01"},
       "reasonCode": [{"text": "Fall"}],
       "hospitalization": {"dischargeDisposition": {"text": "Home"}},
       "serviceProvider": {"display": "NNUH"},
       "modifierExtension": [{"url": "https://example.org/never-heard-of-it", "valueBoolean": true}]
     },
     "search": {"mode": "match"}},
    {"fullUrl": "https://127.0.0.1:8443/health/fhir/Encounter/e2",
     "resource": {
       "resourceType": "Encounter", "id": "e2", "meta": {"lastUpdated": "2024-07-01T10:06:00Z"},
       "status": "finished", "class": {"code": "AMB"},
       "subject": {"reference": "Patient/p2"}, "period": {"start": "2024-07-02"}
     }},
    {"fullUrl": "https://127.0.0.1:8443/health/fhir/Flag/f1",
     "resource": {
       "resourceType": "Flag", "id": "f1", "meta": {"lastUpdated": "2024-07-01T10:07:00Z"},
       "status": "active",
       "code": {"coding": [{"system": "http://snomed.info/sct",
                            "code": "1112961000000102", "display": "MARAC case"}]},
       "subject": {"reference": "https://other.example/fhir/Patient/p1/_history/3"},
       "period": {"start": "2024-01-01T09:00:00Z"}
     }},
    {"resource": {"resourceType": "OperationOutcome",
                  "issue": [{"severity": "information", "code": "informational"}]},
     "search": {"mode": "outcome"}}
  ]
})";

// A collection with bad entries among good ones: each bad one is refused, the rest kept.
const char kCollection[] = R"({
  "resourceType": "Bundle", "type": "collection",
  "entry": [
    {"fullUrl": "urn:uuid:11111111-1111-1111-1111-111111111111",
     "resource": {"resourceType": "Patient", "name": [{"family": "Nobody"}],
                  "birthDate": "1970-01-01"}},
    {"resource": {"resourceType": "Patient", "id": "p3", "name": [{"text": "Ann Marie Lee"}],
                  "birthDate": "1970"}},
    {"resource": {"resourceType": "Encounter", "id": "e3", "status": "finished",
                  "subject": {"reference": "urn:uuid:22222222-2222-2222-2222-222222222222"},
                  "period": {"start": "2024-07-02"}}},
    {"resource": {"resourceType": "Encounter", "id": "e4", "status": "planned",
                  "subject": {"reference": "Patient/p3"}}},
    {"resource": {"resourceType": "Patient", "id": "p4", "birthDate": "1970-02-30"}},
    {"resource": {"resourceType": "Flag", "id": "f4", "status": "active",
                  "subject": {"reference": "Group/g1"}, "code": {"text": "x"}}},
    {"resource": {"resourceType": "AllergyIntolerance", "id": "a1"}}
  ]
})";

// A transaction: a PUT that names the id, references to its fullUrl, and withdrawals.
const char kTransaction[] = R"({
  "resourceType": "Bundle", "type": "transaction",
  "entry": [
    {"fullUrl": "urn:uuid:aaaaaaaa-0000-0000-0000-000000000001",
     "resource": {"resourceType": "Patient", "name": [{"family": "Put", "given": ["Pat"]}],
                  "meta": {"lastUpdated": "2024-03-31T01:30:00Z"}},
     "request": {"method": "PUT", "url": "Patient/p9"}},
    {"fullUrl": "urn:uuid:aaaaaaaa-0000-0000-0000-000000000002",
     "resource": {"resourceType": "Encounter", "id": "e9", "status": "entered-in-error",
                  "subject": {"reference": "urn:uuid:aaaaaaaa-0000-0000-0000-000000000001"},
                  "period": {"start": "2024-03-31T01:30:00-05:00"}},
     "request": {"method": "PUT", "url": "Encounter/e9"}},
    {"resource": {"resourceType": "Flag", "id": "f9", "status": "entered-in-error",
                  "subject": {"reference": "Patient/p9"}, "code": {"text": "Wrong patient"}},
     "request": {"method": "PUT", "url": "Flag/f9"}},
    {"resource": {"resourceType": "Patient", "id": "p8", "active": false,
                  "meta": {"tag": [{"system": "https://broadview.example/fhir/CodeSystem/record-status",
                                    "code": "withdrawn"}]}},
     "request": {"method": "PUT", "url": "Patient/p8"}},
    {"fullUrl": "urn:uuid:aaaaaaaa-0000-0000-0000-000000000005",
     "resource": {"resourceType": "Patient", "name": [{"family": "Posted"}]},
     "request": {"method": "POST", "url": "Patient"}},
    {"resource": {"resourceType": "Flag", "id": "f10", "status": "inactive",
                  "subject": {"reference": "Patient/p9"},
                  "code": {"coding": [{"code": "unknown-code", "display": "Something"}]},
                  "period": {"start": "2020-01-01", "end": "2021-01-01"}},
     "request": {"method": "PUT", "url": "Flag/f10"}}
  ]
})";

const char kHistory[] = R"({
  "resourceType": "Bundle", "type": "history",
  "entry": [
    {"fullUrl": "https://127.0.0.1:8443/health/fhir/Patient/p7",
     "request": {"method": "DELETE", "url": "Patient/p7"},
     "response": {"status": "204"}}
  ]
})";

const QString kUrl
    = QStringLiteral("https://127.0.0.1:8443/health/fhir/Patient?_sort=_lastUpdated&_count=2");

template<typename Records>
const auto *byId(const Records &records, const QString &id)
{
    for (const auto &record : records) {
        if (record.provenance.externalId == id)
            return &record;
    }
    return static_cast<const typename Records::value_type *>(nullptr);
}

QString ukCoreDir()
{
    return QStringLiteral(BROADVIEW_SHARED_DATA_DIR "/fhir/ukcore");
}

QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

} // namespace

class tst_FhirAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyUkCoreExampleParses_data();
    void everyUkCoreExampleParses();
    void ukCoreRichardSmith_data();
    void ukCoreRichardSmith();
    void ukCoreBabyCheckDigitKeptAndFlagged();
    void ukCoreEncounterAndFlag_data();
    void ukCoreEncounterAndFlag();
    void searchsetPatient();
    void contactIsNeverThePatient();
    void searchsetReferencesAndEvents();
    void searchsetPaging();
    void badEntriesRejectedRestKept();
    void transactionAndWithdrawals();
    void historyDeletion();
    void requests();
    void notFhirIsAnError_data();
    void notFhirIsAnError();

private:
    Result<FeedPage> parse(const QByteArray &body,
                           const QString &stream = QStringLiteral("Patient"))
    {
        return m_adapter->parsePage(stream, test::response(kUrl, body));
    }

    std::unique_ptr<FeedAdapter> m_adapter;
};

void tst_FhirAdapter::initTestCase()
{
    Result<std::unique_ptr<FeedAdapter>> adapter
        = createFeedAdapter(test::demoFeed(QStringLiteral("health"), QStringLiteral("fhir-r4")));
    QVERIFY_RESULT(adapter);
    m_adapter = std::move(adapter).value();
}

void tst_FhirAdapter::everyUkCoreExampleParses_data()
{
    QTest::addColumn<QString>("path");
    QDirIterator files(ukCoreDir(), QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (files.hasNext()) {
        const QString path = files.next();
        const QString name = QFileInfo(path).fileName();
        // The four resource types the health feed reads, and Bundles.
        if (name.contains(QLatin1String("-Patient-")) || name.contains(QLatin1String("-Bundle-"))
            || name.contains(QLatin1String("-Encounter-"))
            || name.contains(QLatin1String("-Flag-"))) {
            QTest::newRow(qPrintable(path.mid(ukCoreDir().size() + 1))) << path;
            ++count;
        }
    }
    QVERIFY2(count >= 10, "the UK Core examples are missing from the shared data");
}

void tst_FhirAdapter::everyUkCoreExampleParses()
{
    QFETCH(QString, path);
    const QByteArray body = test::readFile(path);
    QVERIFY(!body.isEmpty());
    const Result<FeedPage> page = parse(body);
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(0));
    QVERIFY(page->inputRecords >= 1);
    if (!path.contains(QLatin1String("-Bundle-")))
        QCOMPARE(page->recordCount() > 0, true);
}

void tst_FhirAdapter::ukCoreRichardSmith_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("JSON") << ukCoreDir()
                                 + QStringLiteral("/json/UKCore-Patient-RichardSmith-Example.json");
    QTest::newRow("XML") << ukCoreDir()
                                + QStringLiteral("/xml/UKCore-Patient-RichardSmith-Example.xml");
}

void tst_FhirAdapter::ukCoreRichardSmith()
{
    QFETCH(QString, path);
    const Result<FeedPage> page = parse(test::readFile(path));
    QVERIFY_RESULT(page);
    QCOMPARE(page->persons.size(), size_t(1));
    const PersonRecord &richard = page->persons[0];
    QCOMPARE(richard.provenance.externalId, QStringLiteral("UKCore-Patient-RichardSmith-Example"));
    QCOMPARE(richard.givenName, QStringLiteral("Richard"));
    QCOMPARE(richard.familyName, QStringLiteral("SMITH"));
    QCOMPARE(richard.birthDate, QDate(1970, 9, 11));
    QCOMPARE(richard.sex, RecordSex::Male);
    QCOMPARE(richard.nhsStatus, NhsNumber::Status::Valid);
    QCOMPARE(richard.nhsDigits, QStringLiteral("9912003888"));
    QCOMPARE(richard.phone, QStringLiteral("01131231234"));
    QCOMPARE(richard.address.postcode, QStringLiteral("LS17 7DF"));
    QCOMPARE(richard.address.text, QStringLiteral("4 Sandmoor Drive, LEEDS"));
    QVERIFY(richard.otherNames.empty()); // the contact's name is not one of his
    QCOMPARE(page->addresses.size(), size_t(1));
}

void tst_FhirAdapter::ukCoreBabyCheckDigitKeptAndFlagged()
{
    const QStringList paths{
        ukCoreDir() + QStringLiteral("/json/UKCore-Patient-BabyPatient-Example.json"),
        ukCoreDir() + QStringLiteral("/xml/UKCore-Patient-BabyPatient-Example.xml")};
    for (const QString &path : paths) {
        const Result<FeedPage> page = parse(test::readFile(path));
        QVERIFY_RESULT(page);
        QCOMPARE(page->rejected.size(), size_t(0));
        QCOMPARE(page->persons.size(), size_t(1));
        const PersonRecord &baby = page->persons[0];
        QCOMPARE(baby.nhsStatus, NhsNumber::Status::CheckDigitFails);
        QCOMPARE(baby.nhsNumberAsGiven, QStringLiteral("9912003890"));
        QCOMPARE(baby.birthDate, QDate(2021, 2, 11)); // the birth time extension aside
        QCOMPARE(baby.familyName, QStringLiteral("JONES"));
    }
}

void tst_FhirAdapter::ukCoreEncounterAndFlag_data()
{
    QTest::addColumn<QString>("folder");
    QTest::newRow("JSON") << QStringLiteral("json");
    QTest::newRow("XML") << QStringLiteral("xml");
}

void tst_FhirAdapter::ukCoreEncounterAndFlag()
{
    QFETCH(QString, folder);
    const QString dir = ukCoreDir() + QLatin1Char('/') + folder + QLatin1Char('/');
    const QString ext = QLatin1Char('.') + folder;
    const Result<FeedPage> encounter = parse(
        test::readFile(dir + QStringLiteral("UKCore-Encounter-InpatientEncounter-Example") + ext),
        QStringLiteral("Encounter"));
    QVERIFY_RESULT(encounter);
    QCOMPARE(encounter->events.size(), size_t(1));
    const EventRecord &event = encounter->events[0];
    QCOMPARE(event.personExternalId, QStringLiteral("UKCore-Patient-RichardSmith-Example"));
    QCOMPARE(event.occurredAt, utc(2019, 12, 10, 13, 0));
    QCOMPARE(event.periodEnd, QDate(2019, 12, 11));
    QCOMPARE(event.title, QStringLiteral("Seen in hospital ward"));
    QCOMPARE(event.summary, QStringLiteral("General treatment"));
    QCOMPARE(event.significance, 2); // inpatient
    QVERIFY(event.outcome.startsWith(QLatin1String("Usual place of residence")));

    const Result<FeedPage> flag
        = parse(test::readFile(dir + QStringLiteral("UKCore-Flag-FoodAllergy-Example") + ext),
                QStringLiteral("Flag"));
    QVERIFY_RESULT(flag);
    QCOMPARE(flag->flags.size(), size_t(1));
    QCOMPARE(flag->flags[0].personExternalId,
             QStringLiteral("UKCore-Patient-RichardSmith-Example"));
    QCOMPARE(flag->flags[0].kind, FlagKind::Other);
    QCOMPARE(flag->flags[0].detail, QStringLiteral("Patient has a severe peanut allergy."));
    QCOMPARE(flag->flags[0].from, QDate(2019, 12, 10));
    QVERIFY(flag->flags[0].active);
}

void tst_FhirAdapter::searchsetPatient()
{
    const Result<FeedPage> page = parse(QByteArray(kSearchset));
    QVERIFY_RESULT(page);
    const PersonRecord *zoe = byId(page->persons, QStringLiteral("p1"));
    QVERIFY(zoe);
    QCOMPARE(zoe->givenName, QStringLiteral("Zoë"));
    QCOMPARE(zoe->middleNames, QStringLiteral("Anna Maria"));
    QCOMPARE(zoe->familyName, QStringLiteral("Wójcik-Brown"));
    QCOMPARE(zoe->provenance.updatedAt, utc(2024, 7, 1, 9, 0)); // +01:00 to UTC
    QCOMPARE(zoe->birthDate, QDate(1985, 3, 31));
    QCOMPARE(zoe->sex, RecordSex::Female);
    // Kept and flagged, never used to link: the status says so.
    QCOMPARE(zoe->nhsStatus, NhsNumber::Status::CheckDigitFails);
    QCOMPARE(zoe->nhsDigits, QStringLiteral("9434765918"));

    QCOMPARE(zoe->otherNames.size(), size_t(3));
    QCOMPARE(zoe->otherNames[0].use, NameUse::Nickname);
    QCOMPARE(zoe->otherNames[0].given, QStringLiteral("Zozo"));
    QCOMPARE(zoe->otherNames[1].use, NameUse::Maiden);
    QCOMPARE(zoe->otherNames[1].family, QStringLiteral("Wójcik"));
    QCOMPARE(zoe->otherNames[2].use, NameUse::Old);
    QCOMPARE(zoe->otherNames[2].family, QStringLiteral("Smith"));

    QCOMPARE(zoe->address.text, QStringLiteral("12 Elm Road, Flat 2, Norwich"));
    QCOMPARE(zoe->address.postcode, QStringLiteral("NR1 3JB"));
    const AddressRecord *old = byId(page->addresses, QStringLiteral("p1#address/1"));
    QVERIFY(old);
    QCOMPARE(old->personExternalId, QStringLiteral("p1"));
    QCOMPARE(old->location.postcode, QStringLiteral("LS1 1AA"));
    QCOMPARE(old->to, QDate(2010, 1, 1));
    const AddressRecord *home = byId(page->addresses, QStringLiteral("p1#address/2"));
    QVERIFY(home);
    QCOMPARE(home->from, QDate(2010, 1, 2));
    QVERIFY(!home->to.isValid());
}

void tst_FhirAdapter::contactIsNeverThePatient()
{
    const Result<FeedPage> page = parse(QByteArray(kSearchset));
    QVERIFY_RESULT(page);
    for (const PersonRecord &person : page->persons) {
        QVERIFY(person.familyName != QLatin1String("Jackson"));
        QVERIFY(person.phone != QLatin1String("07777123123"));
        QVERIFY(person.address.postcode != QLatin1String("LS17 6EH"));
        for (const NameRecord &name : person.otherNames)
            QVERIFY(name.family != QLatin1String("Jackson"));
    }
    for (const AddressRecord &address : page->addresses)
        QVERIFY(address.location.postcode != QLatin1String("LS17 6EH"));
    QCOMPARE(page->persons.size(), size_t(1));
}

void tst_FhirAdapter::searchsetReferencesAndEvents()
{
    const Result<FeedPage> page = parse(QByteArray(kSearchset));
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(0));
    QCOMPARE(page->inputRecords, qsizetype(5));

    const EventRecord *ae = byId(page->events, QStringLiteral("e1"));
    QVERIFY(ae);
    QCOMPARE(ae->personExternalId, QStringLiteral("p1")); // through the urn:uuid fullUrl
    QCOMPARE(ae->occurredAt, utc(2024, 6, 30, 22, 30));
    QCOMPARE(ae->periodEnd, QDate(2024, 7, 1));
    QCOMPARE(ae->title, QStringLiteral("A&E attendance"));
    QCOMPARE(ae->summary, QStringLiteral("Fall"));
    QCOMPARE(ae->outcome, QStringLiteral("Home"));
    QCOMPARE(ae->agencyContact, QStringLiteral("NNUH"));
    QCOMPARE(ae->significance, 2);
    QCOMPARE(ae->category, QStringLiteral("health"));

    const EventRecord *clinic = byId(page->events, QStringLiteral("e2"));
    QVERIFY(clinic);
    QCOMPARE(clinic->personExternalId, QStringLiteral("p2")); // relative
    QVERIFY(!clinic->occurredAt.isValid());
    QCOMPARE(clinic->occurredDate, QDate(2024, 7, 2)); // a date stays a date
    QCOMPARE(clinic->significance, 1);

    const FlagRecord *marac = byId(page->flags, QStringLiteral("f1"));
    QVERIFY(marac);
    QCOMPARE(marac->personExternalId, QStringLiteral("p1")); // absolute and versioned
    QCOMPARE(marac->kind, FlagKind::Marac);
    QCOMPARE(marac->detail, QStringLiteral("MARAC case"));
    QCOMPARE(marac->from, QDate(2024, 1, 1));
    QCOMPARE(page->maxUpdatedAt, utc(2024, 7, 1, 10, 7));
}

void tst_FhirAdapter::searchsetPaging()
{
    const Result<FeedPage> page = parse(QByteArray(kSearchset));
    QVERIFY_RESULT(page);
    QCOMPARE(page->next.toString(QUrl::FullyEncoded),
             QStringLiteral("https://127.0.0.1:8443/health/fhir/Patient?_page_token=abc%2B1"));
    QVERIFY(page->cursor.isEmpty());
}

void tst_FhirAdapter::badEntriesRejectedRestKept()
{
    const Result<FeedPage> page = parse(QByteArray(kCollection));
    QVERIFY_RESULT(page);
    QCOMPARE(page->inputRecords, qsizetype(7));

    // A partial birth date is not an impossible one: the person is kept without it.
    const PersonRecord *ann = byId(page->persons, QStringLiteral("p3"));
    QVERIFY(ann);
    QVERIFY(!ann->birthDate.isValid());
    QCOMPARE(ann->givenName, QStringLiteral("Ann"));
    QCOMPARE(ann->middleNames, QStringLiteral("Marie"));
    QCOMPARE(ann->familyName, QStringLiteral("Lee"));
    QCOMPARE(page->persons.size(), size_t(1));
    QCOMPARE(page->events.size(), size_t(0));

    QCOMPARE(page->rejected.size(), size_t(5));
    const QStringList locations{QStringLiteral("entry 1"), QStringLiteral("entry 3"),
                                QStringLiteral("entry 4"), QStringLiteral("entry 5"),
                                QStringLiteral("entry 6")};
    for (size_t i = 0; i < page->rejected.size(); ++i) {
        QCOMPARE(page->rejected[i].location, locations[qsizetype(i)]);
        QVERIFY(page->rejected[i].payload.contains("\"resource\""));
    }
    QVERIFY(page->rejected[0].reason.contains(QLatin1String("no id")));
    QVERIFY(page->rejected[1].reason.contains(QLatin1String("not in the page")));
    QCOMPARE(page->rejected[2].externalId, QStringLiteral("e4"));
    QVERIFY(page->rejected[2].reason.contains(QLatin1String("period.start")));
    QVERIFY(page->rejected[3].reason.contains(QLatin1String("birthDate")));
    QVERIFY(!page->rejected[3].reason.contains(QLatin1String("1970")));
    QVERIFY(page->rejected[4].reason.contains(QLatin1String("Patient")));
}

void tst_FhirAdapter::transactionAndWithdrawals()
{
    const Result<FeedPage> page = parse(QByteArray(kTransaction));
    QVERIFY_RESULT(page);
    const PersonRecord *put = byId(page->persons, QStringLiteral("p9"));
    QVERIFY(put);
    QVERIFY(!put->provenance.withdrawn);
    QCOMPARE(put->familyName, QStringLiteral("Put"));

    const EventRecord *wrong = byId(page->events, QStringLiteral("e9"));
    QVERIFY(wrong);
    QVERIFY(wrong->provenance.withdrawn); // entered-in-error
    QCOMPARE(wrong->personExternalId, QStringLiteral("p9"));
    QCOMPARE(wrong->occurredAt, utc(2024, 3, 31, 6, 30)); // -05:00

    const FlagRecord *wrongFlag = byId(page->flags, QStringLiteral("f9"));
    QVERIFY(wrongFlag);
    QVERIFY(wrongFlag->provenance.withdrawn);

    const PersonRecord *withdrawn = byId(page->persons, QStringLiteral("p8"));
    QVERIFY(withdrawn);
    QVERIFY(withdrawn->provenance.withdrawn);

    const FlagRecord *inactive = byId(page->flags, QStringLiteral("f10"));
    QVERIFY(inactive);
    QVERIFY(!inactive->active);
    QCOMPARE(inactive->kind, FlagKind::Other);
    QCOMPARE(inactive->to, QDate(2021, 1, 1));

    // A POST without an id has nothing to be kept under.
    QCOMPARE(page->rejected.size(), size_t(1));
    QCOMPARE(page->rejected[0].location, QStringLiteral("entry 5"));
}

void tst_FhirAdapter::historyDeletion()
{
    const Result<FeedPage> page = parse(QByteArray(kHistory));
    QVERIFY_RESULT(page);
    QCOMPARE(page->persons.size(), size_t(1));
    QCOMPARE(page->persons[0].provenance.externalId, QStringLiteral("p7"));
    QVERIFY(page->persons[0].provenance.withdrawn);
}

void tst_FhirAdapter::requests()
{
    QCOMPARE(m_adapter->streams(),
             (QStringList{QStringLiteral("Patient"), QStringLiteral("Encounter"),
                          QStringLiteral("Flag")}));
    StreamState state;
    QCOMPARE(m_adapter->requestFor(QStringLiteral("Encounter"), state),
             QUrl(QStringLiteral("https://127.0.0.1:8443/health/fhir/Encounter?"
                                 "_sort=_lastUpdated&_count=500")));
    state.since = utc(2024, 7, 1, 9, 0);
    const QUrl request = m_adapter->requestFor(QStringLiteral("Patient"), state);
    QCOMPARE(QUrlQuery(request).queryItemValue(QStringLiteral("_lastUpdated")),
             QStringLiteral("ge2024-07-01T09:00:00Z"));
    QCOMPARE(request.path(), QStringLiteral("/health/fhir/Patient"));
}

void tst_FhirAdapter::notFhirIsAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("JSON without resourceType") << QByteArrayLiteral(R"({"foo": 1})");
    QTest::newRow("HTML") << QByteArrayLiteral("<html><body>Bad gateway</body></html>");
    QTest::newRow("text") << QByteArrayLiteral("Service Unavailable");
    QTest::newRow("OperationOutcome") << QByteArrayLiteral(
        R"({"resourceType": "OperationOutcome", "issue": [{"severity": "error"}]})");
    QTest::newRow("truncated") << QByteArrayLiteral(R"({"resourceType": "Bundle", "entry": [)");
}

void tst_FhirAdapter::notFhirIsAnError()
{
    QFETCH(QByteArray, body);
    const Result<FeedPage> page = parse(body);
    QVERIFY(!page.ok());
    QVERIFY2(page.error().message.contains(kUrl), qPrintable(page.error().message));
}

BV_TEST_MAIN(tst_FhirAdapter)
#include "tst_fhiradapter.moc"
