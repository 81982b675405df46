// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feedtestsupport.h"

#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace bv;
using namespace bv::feeds;

namespace {

// A CTF-style page written to docs/feeds-protocol.md: a full pupil (two of whose attendance
// concerns share a date), one with an NHS number whose check digit fails, one with an
// impossible date of birth, one withdrawn, and a next token.
const char kPage[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <NextPageToken>page-2 token</NextPageToken>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>A123456789012</UPN>
      <Surname>Nowak</Surname>
      <Forename>Łucja</Forename>
      <MiddleNames>Maria Ann</MiddleNames>
      <PreferredSurname>Smith</PreferredSurname>
      <DOB>2012-05-17</DOB>
      <Sex>F</Sex>
      <NHSnumber>943 476 5919</NHSnumber>
      <LastUpdated>2026-11-20T14:03:11+00:00</LastUpdated>
      <Status>active</Status>
      <Address>
        <BS7666Address>
          <PAON>12</PAON>
          <Street>Elm Road</Street>
          <Town>Norwich</Town>
          <PostCode>nr1 3jb</PostCode>
          <UPRN>100091234567</UPRN>
        </BS7666Address>
      </Address>
      <Contacts>
        <Contact>
          <ContactID>K1</ContactID>
          <Forename>Anna</Forename>
          <Surname>Nowak</Surname>
          <Relationship>PAR</Relationship>
        </Contact>
        <Contact>
          <ContactID>K2</ContactID>
          <Forename>Jan</Forename>
          <Surname>Kowalski</Surname>
          <Relationship>CAR</Relationship>
        </Contact>
      </Contacts>
      <Exclusions>
        <Exclusion>
          <EventID>EXC00000001</EventID>
          <StartDate>2025-01-14</StartDate>
          <Category>FIXD</Category>
          <Reason>Persistent disruptive behaviour</Reason>
          <Outcome>Returned after 3 days</Outcome>
        </Exclusion>
      </Exclusions>
      <Attendance>
        <Concern><EventID>ATT00000002</EventID><Date>2025-02-03</Date>
          <Detail>Absent 8 of 10 sessions</Detail></Concern>
        <Concern><EventID>ATT00000003</EventID><Date>2025-03-03</Date>
          <Detail>Late every day</Detail></Concern>
        <Concern><EventID>ATT00000004</EventID><Date>2025-03-03</Date>
          <Detail>Missing from education</Detail></Concern>
      </Attendance>
      <SENhistory>
        <SEN><EventID>SEN00000005</EventID><StartDate>2024-09-01</StartDate>
          <Provision>K</Provision><Need>SEMH</Need></SEN>
      </SENhistory>
      <UnknownElement attribute="x"><Nested/></UnknownElement>
    </Pupil>
    <Pupil>
      <UPN>B123456789012</UPN>
      <Surname>Brown</Surname>
      <Forename>Tom</Forename>
      <DOB>2013-01-02</DOB>
      <Sex>M</Sex>
      <NHSnumber>9434765918</NHSnumber>
      <LastUpdated>2026-11-20T15:00:00Z</LastUpdated>
      <Status>active</Status>
    </Pupil>
    <Pupil>
      <UPN>C123456789012</UPN>
      <Surname>Grey</Surname>
      <Forename>Amy</Forename>
      <DOB>2013-02-30</DOB>
      <Sex>F</Sex>
      <LastUpdated>2026-11-20T15:00:00Z</LastUpdated>
      <Status>active</Status>
    </Pupil>
    <Pupil>
      <UPN>D123456789012</UPN>
      <LastUpdated>2026-11-20T16:00:00Z</LastUpdated>
      <Status>withdrawn</Status>
    </Pupil>
    <Pupil>
      <Surname>NoUpn</Surname>
      <LastUpdated>2026-11-20T16:00:00Z</LastUpdated>
      <Status>active</Status>
    </Pupil>
  </CTFpupilData>
</CTfile>
)";

const QString kUrl = QStringLiteral("https://127.0.0.1:8443/education/ctf?page_size=500");

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

class tst_XmlAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pupils();
    void contactsArePeopleAndRelationships();
    void nestedEvents();
    void eventsOnOneDateKeepTheirOwnIds();
    void eventWithoutAnIdRejectsThePupil();
    void malformedPupilsAreRejected();
    void nextPageToken();
    void requests();
    void notTheFormatIsAnError_data();
    void notTheFormatIsAnError();

private:
    std::unique_ptr<FeedAdapter> m_adapter;
    std::optional<FeedPage> m_page;
};

void tst_XmlAdapter::initTestCase()
{
    Result<std::unique_ptr<FeedAdapter>> adapter
        = createFeedAdapter(test::demoFeed(QStringLiteral("education"), QStringLiteral("xml")));
    QVERIFY_RESULT(adapter);
    m_adapter = std::move(adapter).value();
    Result<FeedPage> page
        = m_adapter->parsePage(QStringLiteral("pupils"), test::response(kUrl, QByteArray(kPage)));
    QVERIFY_RESULT(page);
    m_page = std::move(page).value();
}

void tst_XmlAdapter::pupils()
{
    QCOMPARE(m_page->inputRecords, qsizetype(5));
    const PersonRecord *lucja = byId(m_page->persons, QStringLiteral("A123456789012"));
    QVERIFY(lucja);
    QCOMPARE(lucja->givenName, QStringLiteral("Łucja"));
    QCOMPARE(lucja->middleNames, QStringLiteral("Maria Ann"));
    QCOMPARE(lucja->familyName, QStringLiteral("Nowak"));
    QCOMPARE(lucja->birthDate, QDate(2012, 5, 17));
    QCOMPARE(lucja->sex, RecordSex::Female);
    QCOMPARE(lucja->nhsStatus, NhsNumber::Status::Valid);
    QCOMPARE(lucja->provenance.updatedAt,
             QDateTime(QDate(2026, 11, 20), QTime(14, 3, 11), Qt::UTC));
    QCOMPARE(lucja->address.text, QStringLiteral("12, Elm Road, Norwich"));
    QCOMPARE(lucja->address.postcode, QStringLiteral("NR1 3JB"));
    QCOMPARE(lucja->address.uprn, QStringLiteral("100091234567"));
    QCOMPARE(lucja->otherNames.size(), size_t(1));
    QCOMPARE(lucja->otherNames[0].use, NameUse::Usual);
    QCOMPARE(lucja->otherNames[0].family, QStringLiteral("Smith"));

    const PersonRecord *tom = byId(m_page->persons, QStringLiteral("B123456789012"));
    QVERIFY(tom);
    QCOMPARE(tom->nhsStatus, NhsNumber::Status::CheckDigitFails);
    QVERIFY(tom->otherNames.empty());

    const PersonRecord *withdrawn = byId(m_page->persons, QStringLiteral("D123456789012"));
    QVERIFY(withdrawn);
    QVERIFY(withdrawn->provenance.withdrawn);
    QCOMPARE(m_page->maxUpdatedAt, QDateTime(QDate(2026, 11, 20), QTime(16, 0), Qt::UTC));
}

void tst_XmlAdapter::contactsArePeopleAndRelationships()
{
    const PersonRecord *anna = byId(m_page->persons, QStringLiteral("K1"));
    QVERIFY(anna);
    QCOMPARE(anna->givenName, QStringLiteral("Anna"));
    QVERIFY(!anna->provenance.withdrawn);
    QVERIFY(byId(m_page->persons, QStringLiteral("K2")));

    QCOMPARE(m_page->relationships.size(), size_t(2));
    const RelationshipRecord *parent
        = byId(m_page->relationships, QStringLiteral("A123456789012#contact/K1"));
    QVERIFY(parent);
    QCOMPARE(parent->personExternalId, QStringLiteral("A123456789012"));
    QCOMPARE(parent->relatedExternalId, QStringLiteral("K1"));
    QCOMPARE(parent->kind, RelationshipKind::Parent);
    QCOMPARE(byId(m_page->relationships, QStringLiteral("A123456789012#contact/K2"))->kind,
             RelationshipKind::HouseholdMember);
}

void tst_XmlAdapter::nestedEvents()
{
    QCOMPARE(m_page->events.size(), size_t(5));
    const EventRecord *exclusion
        = byId(m_page->events, QStringLiteral("A123456789012#exclusion/EXC00000001"));
    QVERIFY(exclusion);
    QCOMPARE(exclusion->occurredDate, QDate(2025, 1, 14));
    QVERIFY(!exclusion->occurredAt.isValid());
    QCOMPARE(exclusion->title, QStringLiteral("Suspension"));
    QCOMPARE(exclusion->outcome, QStringLiteral("Returned after 3 days"));
    QCOMPARE(exclusion->significance, 2);
    QCOMPARE(exclusion->category, QStringLiteral("education"));
    QVERIFY(byId(m_page->events, QStringLiteral("A123456789012#concern/ATT00000002")));
    const EventRecord *sen = byId(m_page->events, QStringLiteral("A123456789012#sen/SEN00000005"));
    QVERIFY(sen);
    QCOMPARE(sen->title, QStringLiteral("SEN support"));
    QCOMPARE(sen->summary, QStringLiteral("SEMH"));
}

// Two concerns of one pupil on one date are two events: an id made from the date gave both
// the same one, and the store kept only the first.
void tst_XmlAdapter::eventsOnOneDateKeepTheirOwnIds()
{
    const EventRecord *late
        = byId(m_page->events, QStringLiteral("A123456789012#concern/ATT00000003"));
    const EventRecord *missing
        = byId(m_page->events, QStringLiteral("A123456789012#concern/ATT00000004"));
    QVERIFY(late);
    QVERIFY(missing);
    QCOMPARE(late->occurredDate, QDate(2025, 3, 3));
    QCOMPARE(missing->occurredDate, QDate(2025, 3, 3));
    QCOMPARE(late->summary, QStringLiteral("Late every day"));
    QCOMPARE(missing->summary, QStringLiteral("Missing from education"));
    QSet<QString> ids;
    for (const EventRecord &event : m_page->events)
        ids.insert(event.provenance.externalId);
    QCOMPARE(ids.size(), qsizetype(m_page->events.size()));
}

// The id is required: an event without one cannot be told from its neighbours, so its pupil
// is rejected whole rather than stored with an event missing.
void tst_XmlAdapter::eventWithoutAnIdRejectsThePupil()
{
    const QByteArray body = R"(<CTfile><Header/><CTFpupilData><Pupil>
      <UPN>E123456789012</UPN><Surname>Green</Surname><Forename>Ann</Forename>
      <LastUpdated>2026-11-20T16:00:00Z</LastUpdated><Status>active</Status>
      <Attendance><Concern><Date>2025-03-03</Date><Detail>Late</Detail></Concern></Attendance>
    </Pupil></CTFpupilData></CTfile>)";
    const Result<FeedPage> page
        = m_adapter->parsePage(QStringLiteral("pupils"), test::response(kUrl, body));
    QVERIFY_RESULT(page);
    QVERIFY(page->events.empty());
    QVERIFY(page->persons.empty());
    QCOMPARE(page->rejected.size(), size_t(1));
    QVERIFY2(page->rejected[0].reason.contains(QLatin1String("EventID")),
             qPrintable(page->rejected[0].reason));
}

void tst_XmlAdapter::malformedPupilsAreRejected()
{
    QCOMPARE(m_page->rejected.size(), size_t(2));
    const RejectedInput &impossible = m_page->rejected[0];
    QCOMPARE(impossible.location, QStringLiteral("Pupil 3"));
    QCOMPARE(impossible.externalId, QStringLiteral("C123456789012"));
    QVERIFY2(impossible.reason.contains(QLatin1String("birthDate")), qPrintable(impossible.reason));
    QVERIFY(!impossible.reason.contains(QLatin1String("2013")));
    QVERIFY(impossible.payload.startsWith("<Pupil>"));
    QVERIFY(impossible.payload.endsWith("</Pupil>"));
    QVERIFY(impossible.payload.contains("<UPN>C123456789012</UPN>"));
    QVERIFY(!impossible.payload.contains("B123456789012"));
    QVERIFY(!byId(m_page->persons, QStringLiteral("C123456789012")));

    const RejectedInput &noUpn = m_page->rejected[1];
    QCOMPARE(noUpn.location, QStringLiteral("Pupil 5"));
    QVERIFY(noUpn.reason.contains(QLatin1String("UPN")));
}

void tst_XmlAdapter::nextPageToken()
{
    QCOMPARE(
        QUrlQuery(m_page->next).queryItemValue(QStringLiteral("page_token"), QUrl::FullyDecoded),
        QStringLiteral("page-2 token"));
    QCOMPARE(QUrlQuery(m_page->next).queryItemValue(QStringLiteral("page_size")),
             QStringLiteral("500"));

    const Result<FeedPage> last = m_adapter->parsePage(
        QStringLiteral("pupils"),
        test::response(kUrl + QStringLiteral("&page_token=x"),
                       QByteArrayLiteral("<CTfile><Header/><CTFpupilData/></CTfile>")));
    QVERIFY_RESULT(last);
    QVERIFY(last->next.isEmpty());
    QCOMPARE(last->inputRecords, qsizetype(0));
}

void tst_XmlAdapter::requests()
{
    StreamState state;
    QCOMPARE(m_adapter->requestFor(QStringLiteral("pupils"), state),
             QUrl(QStringLiteral("https://127.0.0.1:8443/education/ctf?page_size=500")));
    state.since = QDateTime(QDate(2026, 11, 20), QTime(14, 3, 11), Qt::UTC);
    QCOMPARE(m_adapter->requestFor(QStringLiteral("pupils"), state),
             QUrl(QStringLiteral(
                 "https://127.0.0.1:8443/education/ctf?since=2026-11-20T14:03:11Z&page_size=500")));
}

void tst_XmlAdapter::notTheFormatIsAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("JSON") << QByteArrayLiteral(R"({"items": []})");
    QTest::newRow("another root") << QByteArrayLiteral("<html><body/></html>");
    QTest::newRow("not well-formed")
        << QByteArrayLiteral("<CTfile><CTFpupilData><Pupil><UPN>1</UPN></CTFpupilData></CTfile>");
    QTest::newRow("truncated") << QByteArrayLiteral("<CTfile><CTFpupilData><Pupil><UPN>1</UP");
}

void tst_XmlAdapter::notTheFormatIsAnError()
{
    QFETCH(QByteArray, body);
    const Result<FeedPage> page
        = m_adapter->parsePage(QStringLiteral("pupils"), test::response(kUrl, body));
    QVERIFY(!page.ok());
    QVERIFY2(page.error().message.contains(kUrl), qPrintable(page.error().message));
}

BV_TEST_MAIN(tst_XmlAdapter)
#include "tst_xmladapter.moc"
