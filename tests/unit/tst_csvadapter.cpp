// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/csvparser.h"
#include "feedtestsupport.h"

#include <QTest>
#include <QUrlQuery>

using namespace bv;
using namespace bv::feeds;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kBom = QByteArrayLiteral("\xEF\xBB\xBF");

// The people files of the three feeds, as the simulator writes them.
const QByteArray kPeopleHeader = QByteArrayLiteral(
    "id,modified,status,forename,middle_names,surname,former_surname,dob,gender,nhs_number,"
    "address,postcode,cp_plan_from,looked_after_from\r\n");

// One person row of the feed's people file with the given values.
QByteArray personPage(const QString &feed, const QString &modified, const QString &dob,
                      const QString &postcode)
{
    if (feed == QLatin1String("asc"))
        return QStringLiteral("id,modified,status,first_name,last_name,date_of_birth,sex,"
                              "nhs_number,address_line,postcode,phone,vulnerable_adult,"
                              "vulnerable_adult_from,risk_to_staff\n"
                              "P1,%1,active,A,B,%2,F,,1 Road,%3,,N,,N\n")
            .arg(modified, dob, postcode)
            .toUtf8();
    if (feed == QLatin1String("housing"))
        return QStringLiteral("id,modified,status,title,forenames,surname,dob,nhs_number,uprn,"
                              "address,postcode,phone,protected_address,risk_to_staff\n"
                              "P1,%1,active,Ms,A,B,%2,,10001,1 Road,%3,,N,N\n")
            .arg(modified, dob, postcode)
            .toUtf8();
    return kPeopleHeader
           + QStringLiteral("P1,%1,active,A,,B,,%2,F,,1 Road,%3,,\n")
                 .arg(modified, dob, postcode)
                 .toUtf8();
}

std::unique_ptr<FeedAdapter> adapter(const QString &feed)
{
    Result<std::unique_ptr<FeedAdapter>> made
        = createFeedAdapter(test::demoFeed(feed, QStringLiteral("csv")));
    if (!made)
        qWarning("%s", qPrintable(made.error().message));
    return made ? std::move(made).value() : nullptr;
}

QString url(const QString &feed, const QString &file)
{
    return QStringLiteral("https://127.0.0.1:8443/") + feed + QStringLiteral("/extract/") + file
           + QStringLiteral("?page_size=500");
}

template<typename Records>
const auto *byId(const Records &records, const QString &id)
{
    for (const auto &record : records) {
        if (record.provenance.externalId == id)
            return &record;
    }
    return static_cast<const typename Records::value_type *>(nullptr);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

} // namespace

class tst_CsvAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parserReadsRfc4180_data();
    void parserReadsRfc4180();
    void cscChildrenWithBomAndQuotes();
    void eachFeedsInstants_data();
    void eachFeedsInstants();
    void eachFeedsDatesAndPostcodes_data();
    void eachFeedsDatesAndPostcodes();
    void cscEpisodesAreEvents();
    void ascClientFlagsAreNested();
    void housingTenanciesAreAddresses();
    void relationships();
    void withdrawnRows();
    void badRowsAreQuarantined();
    void linkHeaderPaging_data();
    void linkHeaderPaging();
    void requestsWriteSinceAsTheFeedDoes_data();
    void requestsWriteSinceAsTheFeedDoes();
    void notTheExtractIsAnError_data();
    void notTheExtractIsAnError();
};

void tst_CsvAdapter::parserReadsRfc4180_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<QStringList>>("records");
    QTest::addColumn<QList<qsizetype>>("lines");

    QTest::newRow("plain, CRLF") << QStringLiteral("a,b\r\n1,2\r\n")
                                 << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")},
                                                       {QStringLiteral("1"), QStringLiteral("2")}}
                                 << QList<qsizetype>{1, 2};
    QTest::newRow("LF, no final newline")
        << QStringLiteral("a,b\n1,2") << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}}
        << QList<qsizetype>{1, 2};
    QTest::newRow("quoted comma, quote and newline")
        << QStringLiteral("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n3,4\n")
        << QList<QStringList>{{u"a"_s, u"b"_s},
                              {u"x, y"_s, u"say \"hi\"\nthere"_s},
                              {u"3"_s, u"4"_s}}
        << QList<qsizetype>{1, 2, 4};
    QTest::newRow("empty fields") << QStringLiteral(",\n,,\n")
                                  << QList<QStringList>{{u""_s, u""_s}, {u""_s, u""_s, u""_s}}
                                  << QList<qsizetype>{1, 2};
    QTest::newRow("blank lines skipped")
        << QStringLiteral("a\n\n\nb\n") << QList<QStringList>{{u"a"_s}, {u"b"_s}}
        << QList<qsizetype>{1, 4};
    QTest::newRow("bare quote inside a field kept")
        << QStringLiteral("5\" tall,x\n") << QList<QStringList>{{u"5\" tall"_s, u"x"_s}}
        << QList<qsizetype>{1};
}

void tst_CsvAdapter::parserReadsRfc4180()
{
    QFETCH(QString, text);
    QFETCH(QList<QStringList>, records);
    QFETCH(QList<qsizetype>, lines);
    CsvParser parser(text);
    QList<QStringList> read;
    QList<qsizetype> readLines;
    while (!parser.atEnd()) {
        const CsvRecord record = parser.next();
        QVERIFY(record.error.isEmpty());
        read.append(record.fields);
        readLines.append(record.line);
    }
    QCOMPARE(read, records);
    QCOMPARE(readLines, lines);
}

void tst_CsvAdapter::cscChildrenWithBomAndQuotes()
{
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    const QByteArray body
        = kBom + kPeopleHeader
          + QByteArrayLiteral(
              "C1,01/07/2024 10:00,active,Zoë,\"Anne, Marie\",\"O'Neill \"\"Jr\"\"\",,"
              "11/09/2015,F,943 476 5919,\"Flat 2,\n10 Elm Road, Norwich\",NR1 3JB,01/02/2024,\r\n"
              "C2,01/07/2024 10:05,active,Sam,,Smith,Jones,29/02/2016,M,943 476 5918,,,,\r\n");
    const Result<FeedPage> page = csc->parsePage(
        QStringLiteral("children"),
        test::response(url(QStringLiteral("csc"), QStringLiteral("children.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->inputRecords, qsizetype(2));
    QCOMPARE(page->rejected.size(), size_t(0));
    QCOMPARE(page->persons.size(), size_t(2));
    const PersonRecord &zoe = page->persons[0];
    QCOMPARE(zoe.provenance.externalId, QStringLiteral("C1")); // the BOM is not in the column name
    QCOMPARE(zoe.givenName, QStringLiteral("Zoë"));
    QCOMPARE(zoe.middleNames, QStringLiteral("Anne, Marie"));
    QCOMPARE(zoe.familyName, QStringLiteral("O'Neill \"Jr\""));
    QCOMPARE(zoe.birthDate, QDate(2015, 9, 11));
    QCOMPARE(zoe.sex, RecordSex::Female);
    QCOMPARE(zoe.address.text, QStringLiteral("Flat 2, 10 Elm Road, Norwich"));
    QCOMPARE(zoe.address.postcode, QStringLiteral("NR1 3JB"));
    QCOMPARE(zoe.address.precision, LocationPrecision::PostcodeUnit);
    QCOMPARE(zoe.nhsStatus, NhsNumber::Status::Valid);
    QVERIFY(zoe.otherNames.empty()); // no former surname
    // The open plan is a flag nested in the child.
    QCOMPARE(page->flags.size(), size_t(1));
    QCOMPARE(page->flags[0].provenance.externalId, QStringLiteral("C1#flag/child_protection_plan"));
    QCOMPARE(page->flags[0].kind, FlagKind::ChildProtectionPlan);
    QCOMPARE(page->flags[0].from, QDate(2024, 2, 1));
    QCOMPARE(page->flags[0].personExternalId, QStringLiteral("C1"));
    // A check digit that fails: kept and flagged, never refused.
    const PersonRecord &sam = page->persons[1];
    QCOMPARE(sam.nhsStatus, NhsNumber::Status::CheckDigitFails);
    QCOMPARE(sam.nhsNumberAsGiven, QStringLiteral("943 476 5918"));
    QCOMPARE(sam.birthDate, QDate(2016, 2, 29));
    QVERIFY(sam.address.text.isEmpty());
    QCOMPARE(sam.otherNames.size(), size_t(1));
    QCOMPARE(sam.otherNames[0].use, NameUse::Old);
    QCOMPARE(sam.otherNames[0].family, QStringLiteral("Jones"));
    QCOMPARE(sam.otherNames[0].given, QStringLiteral("Sam"));
}

void tst_CsvAdapter::eachFeedsInstants_data()
{
    QTest::addColumn<QString>("feed");
    QTest::addColumn<QString>("modified");
    QTest::addColumn<QDateTime>("expected");

    // csc: DD/MM/YYYY HH:MM in UK local time, across both changes of 2024.
    QTest::newRow("csc winter") << u"csc"_s << u"15/01/2024 10:00"_s << utc(2024, 1, 15, 10, 0);
    QTest::newRow("csc summer") << u"csc"_s << u"01/07/2024 10:00"_s << utc(2024, 7, 1, 9, 0);
    QTest::newRow("csc before spring change")
        << u"csc"_s << u"31/03/2024 00:59"_s << utc(2024, 3, 31, 0, 59);
    QTest::newRow("csc in the spring gap")
        << u"csc"_s << u"31/03/2024 01:30"_s << utc(2024, 3, 31, 1, 30);
    QTest::newRow("csc after spring change")
        << u"csc"_s << u"31/03/2024 02:00"_s << utc(2024, 3, 31, 1, 0);
    QTest::newRow("csc autumn overlap, first")
        << u"csc"_s << u"27/10/2024 01:30"_s << utc(2024, 10, 27, 0, 30);
    QTest::newRow("csc after autumn change")
        << u"csc"_s << u"27/10/2024 02:00"_s << utc(2024, 10, 27, 2, 0);
    // asc: ISO with Z.
    QTest::newRow("asc summer") << u"asc"_s << u"2024-07-01T10:00:00Z"_s << utc(2024, 7, 1, 10, 0);
    // housing: YYYY-MM-DD HH:MM:SS in UK local time.
    QTest::newRow("housing summer")
        << u"housing"_s << u"2024-07-01 10:00:30"_s << utc(2024, 7, 1, 9, 0, 30);
    QTest::newRow("housing winter")
        << u"housing"_s << u"2024-12-01 10:00:30"_s << utc(2024, 12, 1, 10, 0, 30);
}

void tst_CsvAdapter::eachFeedsInstants()
{
    QFETCH(QString, feed);
    QFETCH(QString, modified);
    QFETCH(QDateTime, expected);
    const auto csv = adapter(feed);
    QVERIFY(csv);
    const QString stream = csv->streams().first();
    const QByteArray body = personPage(feed, modified, QString(), QString());
    const Result<FeedPage> page
        = csv->parsePage(stream, test::response(url(feed, stream + QStringLiteral(".csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->persons.size(), size_t(1));
    QCOMPARE(page->persons[0].provenance.updatedAt, expected);
    QCOMPARE(page->maxUpdatedAt, expected);
}

void tst_CsvAdapter::eachFeedsDatesAndPostcodes_data()
{
    QTest::addColumn<QString>("feed");
    QTest::addColumn<QString>("dob");
    QTest::addColumn<QString>("postcode");

    QTest::newRow("csc") << u"csc"_s << u"01/04/1990"_s << u"NR1 3JB"_s;
    QTest::newRow("asc") << u"asc"_s << u"1990-04-01"_s << u"nr13jb"_s;
    QTest::newRow("housing") << u"housing"_s << u"01-Apr-1990"_s << u"NR1  3JB"_s;
    QTest::newRow("housing, capitals") << u"housing"_s << u"01-APR-1990"_s << u"nr1 3jb"_s;
}

void tst_CsvAdapter::eachFeedsDatesAndPostcodes()
{
    QFETCH(QString, feed);
    QFETCH(QString, dob);
    QFETCH(QString, postcode);
    const auto csv = adapter(feed);
    QVERIFY(csv);
    const QString stream = csv->streams().first();
    const QString modified = feed == QLatin1String("csc")   ? QStringLiteral("01/07/2024 10:00")
                             : feed == QLatin1String("asc") ? QStringLiteral("2024-07-01T10:00:00Z")
                                                            : QStringLiteral("2024-07-01 10:00:00");
    const QByteArray body = personPage(feed, modified, dob, postcode);
    const Result<FeedPage> page
        = csv->parsePage(stream, test::response(url(feed, stream + QStringLiteral(".csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(0));
    QCOMPARE(page->persons[0].birthDate, QDate(1990, 4, 1));
    QCOMPARE(page->persons[0].address.postcode, QStringLiteral("NR1 3JB"));
    if (feed == QLatin1String("housing")) {
        QCOMPARE(page->persons[0].address.uprn, QStringLiteral("10001"));
        QCOMPARE(page->persons[0].address.precision, LocationPrecision::Uprn);
    } else {
        QCOMPARE(page->persons[0].address.precision, LocationPrecision::PostcodeUnit);
    }
}

void tst_CsvAdapter::cscEpisodesAreEvents()
{
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    const QByteArray body = QByteArrayLiteral(
        "id,modified,status,child_id,type,start_date,end_date,title,summary,outcome,priority,"
        "worker\n"
        "E1,02/07/2024 09:00,active,C1,REFERRAL,01/07/2024 14:30,,Referral received,"
        "\"School, worried\",NFA,1,MASH Norfolk\n"
        "E2,02/07/2024 09:00,active,C1,CP_PLAN,03/07/2024,01/01/2025,Child protection plan,"
        "Core group,,3,Child Protection Team West\n");
    const Result<FeedPage> page = csc->parsePage(
        QStringLiteral("episodes"),
        test::response(url(QStringLiteral("csc"), QStringLiteral("episodes.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->events.size(), size_t(2));
    const EventRecord *referral = byId(page->events, QStringLiteral("E1"));
    QCOMPARE(referral->personExternalId, QStringLiteral("C1"));
    QCOMPARE(referral->occurredAt, utc(2024, 7, 1, 13, 30)); // BST
    QCOMPARE(referral->title, QStringLiteral("Referral received"));
    QCOMPARE(referral->category, QStringLiteral("children's social care"));
    QCOMPARE(referral->summary, QStringLiteral("School, worried"));
    QCOMPARE(referral->outcome, QStringLiteral("NFA"));
    QCOMPARE(referral->agencyContact, QStringLiteral("MASH Norfolk"));
    QCOMPARE(referral->significance, 1);
    const EventRecord *plan = byId(page->events, QStringLiteral("E2"));
    QVERIFY(!plan->occurredAt.isValid());
    QCOMPARE(plan->occurredDate, QDate(2024, 7, 3));
    QCOMPARE(plan->periodEnd, QDate(2025, 1, 1));
    QCOMPARE(plan->significance, 3);
}

void tst_CsvAdapter::ascClientFlagsAreNested()
{
    const auto asc = adapter(QStringLiteral("asc"));
    QVERIFY(asc);
    const QByteArray body = QByteArrayLiteral(
        "id,modified,status,first_name,last_name,date_of_birth,sex,nhs_number,address_line,"
        "postcode,phone,vulnerable_adult,vulnerable_adult_from,risk_to_staff\n"
        "A1,2024-07-01T10:00:00Z,active,Ann,Lee,1940-01-01,F,,\"61 School Close, Lynn\","
        "ip265la,,Y,2022-04-08,Y\n"
        "A2,2024-07-01T10:00:00Z,active,Bob,Lee,1941-01-01,M,,,,,N,,N\n");
    const Result<FeedPage> page = asc->parsePage(
        QStringLiteral("clients"),
        test::response(url(QStringLiteral("asc"), QStringLiteral("clients.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->persons.size(), size_t(2));
    QCOMPARE(page->persons[0].address.postcode, QStringLiteral("IP26 5LA"));
    QCOMPARE(page->flags.size(), size_t(2));
    const FlagRecord *vulnerable = byId(page->flags, QStringLiteral("A1#flag/vulnerable_adult"));
    QVERIFY(vulnerable);
    QCOMPARE(vulnerable->kind, FlagKind::VulnerableAdult);
    QCOMPARE(vulnerable->personExternalId, QStringLiteral("A1"));
    QCOMPARE(vulnerable->from, QDate(2022, 4, 8));
    QVERIFY(vulnerable->active);
    QCOMPARE(vulnerable->provenance.updatedAt, utc(2024, 7, 1, 10, 0));
    QCOMPARE(byId(page->flags, QStringLiteral("A1#flag/risk_to_staff"))->kind,
             FlagKind::RiskToStaff);
}

void tst_CsvAdapter::housingTenanciesAreAddresses()
{
    const auto housing = adapter(QStringLiteral("housing"));
    QVERIFY(housing);
    const QByteArray body = QByteArrayLiteral(
        "id,modified,status,tenant_id,uprn,address,postcode,start_date,end_date,tenancy_type\n"
        "T1,2024-07-01 10:00:00,active,H1,100090001,\"12 Elm Road, Norwich\",NR1  3JB,"
        "01-Jan-2020,31-Dec-2022,Secure\n");
    const Result<FeedPage> page = housing->parsePage(
        QStringLiteral("tenancies"),
        test::response(url(QStringLiteral("housing"), QStringLiteral("tenancies.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->addresses.size(), size_t(1));
    const AddressRecord &tenancy = page->addresses[0];
    QCOMPARE(tenancy.provenance.externalId, QStringLiteral("T1"));
    QCOMPARE(tenancy.personExternalId, QStringLiteral("H1"));
    QCOMPARE(tenancy.location.uprn, QStringLiteral("100090001"));
    QCOMPARE(tenancy.location.postcode, QStringLiteral("NR1 3JB"));
    QCOMPARE(tenancy.location.precision, LocationPrecision::Uprn);
    QCOMPARE(tenancy.from, QDate(2020, 1, 1));
    QCOMPARE(tenancy.to, QDate(2022, 12, 31));
}

void tst_CsvAdapter::relationships()
{
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    const QByteArray body = QByteArrayLiteral(
        "id,modified,status,child_id,contact_id,relationship,start_date,end_date\n"
        "R1,01/07/2024 10:00,active,C1,K1,Mother,11/09/2015,\n"
        "R2,01/07/2024 10:00,active,C1,K2,Father,11/09/2015,\n"
        "R3,01/07/2024 10:00,active,C1,K3,Neighbour,,\n");
    const Result<FeedPage> page = csc->parsePage(
        QStringLiteral("relationships"),
        test::response(url(QStringLiteral("csc"), QStringLiteral("relationships.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->relationships.size(), size_t(3));
    QCOMPARE(page->relationships[0].personExternalId, QStringLiteral("C1"));
    QCOMPARE(page->relationships[0].relatedExternalId, QStringLiteral("K1"));
    QCOMPARE(page->relationships[0].kind, RelationshipKind::Parent);
    QCOMPARE(page->relationships[0].from, QDate(2015, 9, 11));
    QCOMPARE(page->relationships[1].kind, RelationshipKind::Parent);
    QCOMPARE(page->relationships[2].kind, RelationshipKind::HouseholdMember);
}

void tst_CsvAdapter::withdrawnRows()
{
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    // A withdrawn row needs only its id: a field gone bad does not keep the record alive.
    const QByteArray body
        = kPeopleHeader
          + QByteArrayLiteral("C9,01/07/2024 10:00,withdrawn,A,,B,,31/02/2010,,,,,,\n"
                              "C8,01/07/2024 10:00,Withdrawn,,,,,,,,,,,\n");
    const Result<FeedPage> page = csc->parsePage(
        QStringLiteral("children"),
        test::response(url(QStringLiteral("csc"), QStringLiteral("children.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->rejected.size(), size_t(0));
    QCOMPARE(page->persons.size(), size_t(2));
    QVERIFY(page->persons[0].provenance.withdrawn);
    QVERIFY(page->persons[1].provenance.withdrawn);
}

void tst_CsvAdapter::badRowsAreQuarantined()
{
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    const QByteArray body
        = kPeopleHeader
          + QByteArrayLiteral("C1,01/07/2024 10:00,active,Good,,Row,,01/01/2010,F,,,,,\n"
                              ",01/07/2024 10:00,active,No,,Id,,01/01/2010,F,,,,,\n"
                              "C3,01/07/2024 10:00,active,Bad,,Date,,31/02/2010,F,,,,,\n"
                              "C4,01/07/2024 10:00,active,Too,,Few\n"
                              "C5,not a time,active,Bad,,Modified,,01/01/2010,F,,,,,\n"
                              "C6,01/07/2024 10:00,active,Also,,Good,,01/01/2011,M,,,,,\n"
                              "C7,01/07/2024 10:00,active,\"Open,,Quote,,01/01/2010,F,,,,,\n");
    const Result<FeedPage> page = csc->parsePage(
        QStringLiteral("children"),
        test::response(url(QStringLiteral("csc"), QStringLiteral("children.csv")), body));
    QVERIFY_RESULT(page);
    QCOMPARE(page->inputRecords, qsizetype(7));
    QCOMPARE(page->persons.size(), size_t(2));
    QCOMPARE(page->rejected.size(), size_t(5));

    const QStringList lines{QStringLiteral("line 3"), QStringLiteral("line 4"),
                            QStringLiteral("line 5"), QStringLiteral("line 6"),
                            QStringLiteral("line 8")};
    for (size_t i = 0; i < page->rejected.size(); ++i) {
        const RejectedInput &rejected = page->rejected[i];
        QCOMPARE(rejected.location, lines[qsizetype(i)]);
        QVERIFY(!rejected.reason.isEmpty());
        QVERIFY(!rejected.payload.isEmpty());
        // Reasons name fields, never their values.
        QVERIFY2(!rejected.reason.contains(QLatin1String("31/02")), qPrintable(rejected.reason));
    }
    QVERIFY(page->rejected[0].reason.contains(QLatin1String("id")));
    QCOMPARE(page->rejected[1].externalId, QStringLiteral("C3"));
    QVERIFY(page->rejected[1].reason.contains(QLatin1String("birthDate")));
    QCOMPARE(page->rejected[1].payload,
             QByteArrayLiteral("C3,01/07/2024 10:00,active,Bad,,Date,,31/02/2010,F,,,,,"));
    QVERIFY(page->rejected[2].reason.contains(QLatin1String("fields")));
    QVERIFY(page->rejected[3].reason.contains(QLatin1String("updated")));
}

void tst_CsvAdapter::linkHeaderPaging_data()
{
    QTest::addColumn<QByteArray>("link");
    QTest::addColumn<QString>("next");

    const QString base = QStringLiteral("https://127.0.0.1:8443/csc/extract/children.csv");
    QTest::newRow("absolute") << QByteArrayLiteral(
        "<https://127.0.0.1:8443/csc/extract/children.csv?page_size=500&after=C1>; rel=\"next\"")
                              << base + QStringLiteral("?page_size=500&after=C1");
    QTest::newRow("relative, with others")
        << QByteArrayLiteral("</csc/extract/children.csv?first=1>; rel=\"first\", "
                             "<children.csv?after=C1>; rel=\"next\"")
        << base + QStringLiteral("?after=C1");
    QTest::newRow("unquoted, several relations")
        << QByteArrayLiteral("<?after=C9>;rel=next last") << base + QStringLiteral("?after=C9");
    QTest::newRow("no next") << QByteArrayLiteral("<?first=1>; rel=\"first\"") << QString();
    QTest::newRow("no header") << QByteArray() << QString();
}

void tst_CsvAdapter::linkHeaderPaging()
{
    QFETCH(QByteArray, link);
    QFETCH(QString, next);
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    std::vector<std::pair<QByteArray, QByteArray>> headers{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/csv")}};
    if (!link.isEmpty())
        headers.emplace_back(QByteArrayLiteral("link"), link);
    const Result<FeedPage> page
        = csc->parsePage(QStringLiteral("children"),
                         test::response(url(QStringLiteral("csc"), QStringLiteral("children.csv")),
                                        kPeopleHeader, headers));
    QVERIFY_RESULT(page);
    QCOMPARE(page->next, next.isEmpty() ? QUrl() : QUrl(next));
}

void tst_CsvAdapter::requestsWriteSinceAsTheFeedDoes_data()
{
    QTest::addColumn<QString>("feed");
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QDateTime>("since");
    QTest::addColumn<QString>("expected");

    const QDateTime summer = utc(2024, 7, 1, 9, 0, 30);
    QTest::newRow("csc, local minutes")
        << u"csc"_s << u"children"_s << summer << u"01/07/2024 10:00"_s;
    QTest::newRow("asc, UTC") << u"asc"_s << u"episodes"_s << summer << u"2024-07-01T09:00:30Z"_s;
    QTest::newRow("housing, local seconds")
        << u"housing"_s << u"cases"_s << summer << u"2024-07-01 10:00:30"_s;
    QTest::newRow("csc winter") << u"csc"_s << u"episodes"_s << utc(2024, 12, 1, 9, 0)
                                << u"01/12/2024 09:00"_s;
}

void tst_CsvAdapter::requestsWriteSinceAsTheFeedDoes()
{
    QFETCH(QString, feed);
    QFETCH(QString, stream);
    QFETCH(QDateTime, since);
    QFETCH(QString, expected);
    const auto csv = adapter(feed);
    QVERIFY(csv);
    StreamState state;
    const QUrl first = csv->requestFor(stream, state);
    QCOMPARE(first, QUrl(url(feed, stream + QStringLiteral(".csv"))));
    state.since = since;
    const QUrl request = csv->requestFor(stream, state);
    QCOMPARE(
        QUrlQuery(request).queryItemValue(QStringLiteral("modified_since"), QUrl::FullyDecoded),
        expected);
    QCOMPARE(QUrlQuery(request).queryItemValue(QStringLiteral("page_size")), QStringLiteral("500"));
}

void tst_CsvAdapter::notTheExtractIsAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("HTML") << QByteArrayLiteral("<html><body>Service unavailable</body></html>\n");
    QTest::newRow("another file") << QByteArrayLiteral("ref,when\n1,2\n");
    QTest::newRow("repeated column") << QByteArrayLiteral("id,id,modified\n");
}

void tst_CsvAdapter::notTheExtractIsAnError()
{
    QFETCH(QByteArray, body);
    const auto csc = adapter(QStringLiteral("csc"));
    QVERIFY(csc);
    const QString pageUrl = url(QStringLiteral("csc"), QStringLiteral("children.csv"));
    const Result<FeedPage> page
        = csc->parsePage(QStringLiteral("children"), test::response(pageUrl, body));
    QVERIFY(!page.ok());
    QVERIFY2(page.error().message.contains(pageUrl), qPrintable(page.error().message));
}

BV_TEST_MAIN(tst_CsvAdapter)
#include "tst_csvadapter.moc"
