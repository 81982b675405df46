// SPDX-License-Identifier: GPL-3.0-or-later
// Person search through the real path: seven simulated agency feeds synced into a store
// (which keeps the search index as it writes), linked, then searched.
#include "access/session.h"
#include "common/syncedcounty.h"
#include "common/testsupport.h"
#include "feeds/nhsnumber.h"
#include "linkage/storelinker.h"
#include "search/personsearch.h"
#include "search/personsearchindex.h"
#include "store/database.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bv;

namespace {

// One linked person, as one of its health records gives them.
struct Known
{
    qint64 person = 0;
    QString given;
    QString family;
    QDate birthDate;
    QString nhsNumber;
    QString postcode;
};

} // namespace

class TestPersonSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void findsAPersonBy_data();
    void findsAPersonBy();
    void resultsAreComplete();
    void onlyVisibleRecordsFindAndDescribe();
    void rebuildEqualsWhatSyncWrote();
    void nothingSearchableFindsNothing();
    void protectedAddressIsNotFoundByPostcode();

private:
    search::SearchResult find(const QString &text, int limit = 1000,
                              const std::optional<access::AccessContext> &context = {});
    QString indexRows();

    QTemporaryDir m_work;
    std::unique_ptr<test::SyncedCounty> m_county;
    Known m_known;
    const QDate m_today{2026, 11, 25};
};

void TestPersonSearch::initTestCase()
{
    QVERIFY(m_work.isValid());
    auto county = test::SyncedCounty::start(400, 11, m_work.filePath(QStringLiteral("feeds")));
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    store::Database &db = m_county->db();
    // A new store's index is built from the start (every write keeps it): never rebuilt.
    QCOMPARE(search::PersonSearchIndex::isBuilt(db).value(), true);
    QVERIFY_RESULT(linkage::StoreLinker::link(db, m_county->clock(), linkage::StoreLinkRequest{}));

    auto known = db.prepare(
        "SELECT pl.person_id, sp.given_name, sp.family_name, sp.birth_date, sp.nhs_number, "
        "sp.postcode FROM source_person sp JOIN source s ON s.id = sp.source_id "
        "JOIN person_link pl ON pl.source_person_id = sp.id WHERE s.agency = 'health' "
        "AND sp.nhs_number_valid = 1 AND sp.birth_date IS NOT NULL AND sp.postcode IS NOT NULL "
        "AND length(sp.family_name) >= 4 ORDER BY sp.id LIMIT 1");
    QVERIFY_RESULT(known);
    auto row = known->step();
    QVERIFY_RESULT(row);
    QVERIFY(row.value());
    m_known = {known->int64(0), known->text(1),
               known->text(2),  QDate::fromString(known->text(3), Qt::ISODate),
               known->text(4),  known->text(5)};
}

search::SearchResult TestPersonSearch::find(const QString &text, int limit,
                                            const std::optional<access::AccessContext> &context)
{
    const search::PersonSearch search(m_county->session().database());
    auto found = search.search(context.value_or(m_county->session().context()),
                               search::SearchQuery::parse(text), m_today, limit);
    if (!found.ok())
        qFatal("%s", qPrintable(found.error().message));
    return found.value();
}

void TestPersonSearch::findsAPersonBy_data()
{
    QTest::addColumn<QString>("query");
    const Known &k = m_known;
    const feeds::NhsNumber nhs = feeds::NhsNumber::parse(k.nhsNumber);
    QString compactPostcode = k.postcode;
    compactPostcode.remove(QLatin1Char(' '));
    QTest::newRow("full name") << k.given + QLatin1Char(' ') + k.family;
    QTest::newRow("names the other way round") << k.family + QLatin1Char(' ') + k.given;
    QTest::newRow("family name as it starts") << k.family.left(3);
    QTest::newRow("lower case") << k.family.toLower();
    QTest::newRow("NHS number") << k.nhsNumber;
    QTest::newRow("NHS number as printed") << nhs.formatted();
    QTest::newRow("date of birth, UK") << k.birthDate.toString(QStringLiteral("dd/MM/yyyy"));
    QTest::newRow("date of birth, ISO") << k.birthDate.toString(Qt::ISODate);
    QTest::newRow("postcode") << k.postcode;
    QTest::newRow("postcode without the space") << compactPostcode.toLower();
    QTest::newRow("outward code and family name")
        << k.postcode.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ') + k.family;
    QTest::newRow("name and date of birth")
        << k.family + QLatin1Char(' ') + k.birthDate.toString(QStringLiteral("d/M/yyyy"));
}

void TestPersonSearch::findsAPersonBy()
{
    QFETCH(QString, query);
    const search::SearchResult result = find(query);
    const bool found
        = std::any_of(result.persons.begin(), result.persons.end(),
                      [&](const search::PersonHit &hit) { return hit.personId == m_known.person; });
    QVERIFY2(found, qPrintable(QStringLiteral("%1 hits").arg(result.persons.size())));
}

void TestPersonSearch::resultsAreComplete()
{
    const search::SearchResult result = find(m_known.nhsNumber);
    QCOMPARE(result.persons.size(), std::size_t(1));
    const search::PersonHit &hit = result.persons.front();
    QCOMPARE(hit.personId, m_known.person);
    QVERIFY(!hit.name.isEmpty());
    QCOMPARE(hit.birthDate, m_known.birthDate);
    QVERIFY(hit.age.has_value());
    QVERIFY(hit.agencies.contains(QStringLiteral("health")));
    QCOMPARE(
        hit.records,
        int(m_county->session()
                .database()
                .queryInt(QStringLiteral("SELECT count(*) FROM person_link WHERE person_id = %1")
                              .arg(m_known.person)
                              .toStdString())
                .value()));
    QCOMPARE(hit.withheldRecords, 0);
}

void TestPersonSearch::onlyVisibleRecordsFindAndDescribe()
{
    // A person known to health (with an NHS number housing does not hold) and to housing.
    auto both = m_county->session().database().prepare(
        "SELECT hl.person_id, h.nhs_number, ho.family_name FROM source_person h "
        "JOIN source hs ON hs.id = h.source_id AND hs.agency = 'health' "
        "JOIN person_link hl ON hl.source_person_id = h.id "
        "JOIN person_link ol ON ol.person_id = hl.person_id "
        "JOIN source_person ho ON ho.id = ol.source_person_id "
        "JOIN source os ON os.id = ho.source_id AND os.agency = 'housing' "
        "WHERE h.nhs_number_valid = 1 AND coalesce(ho.nhs_number, '') <> h.nhs_number "
        "AND length(ho.family_name) >= 3 ORDER BY h.id LIMIT 1");
    QVERIFY_RESULT(both);
    auto row = both->step();
    QVERIFY_RESULT(row);
    QVERIFY(row.value());
    const qint64 person = both->int64(0);
    const QString nhsNumber = both->text(1);
    const QString housingFamily = both->text(2);

    // A reader who may see housing records only: the health record's NHS number finds no
    // one, and the person is found by the housing record's name, described from it alone.
    access::AccessContext housingOnly = m_county->session().context();
    housingOnly.agencies = {QStringLiteral("housing")};
    QVERIFY(find(nhsNumber, 1000, housingOnly).persons.empty());
    QCOMPARE(find(nhsNumber).persons.size(), std::size_t(1));
    const search::SearchResult byName = find(housingFamily, 1000, housingOnly);
    const auto hit = std::find_if(byName.persons.begin(), byName.persons.end(),
                                  [&](const search::PersonHit &h) { return h.personId == person; });
    QVERIFY(hit != byName.persons.end());
    QCOMPARE(hit->agencies, QStringList{QStringLiteral("housing")});
    QVERIFY(hit->withheldRecords >= 1);
    for (const search::PersonHit &other : byName.persons)
        QCOMPARE(other.agencies, QStringList{QStringLiteral("housing")});
}

QString TestPersonSearch::indexRows()
{
    auto rows = m_county->session().database().prepare(
        "SELECT docid, names, keys FROM person_search ORDER BY docid");
    if (!rows.ok())
        qFatal("%s", qPrintable(rows.error().message));
    QString all;
    for (;;) {
        auto row = rows->step();
        if (!row.ok() || !row.value())
            break;
        all += rows->text(0) + QLatin1Char('|') + rows->text(1) + QLatin1Char('|') + rows->text(2)
               + QLatin1Char('\n');
    }
    return all;
}

void TestPersonSearch::rebuildEqualsWhatSyncWrote()
{
    const QString written = indexRows();
    QVERIFY(!written.isEmpty());
    auto rows = search::PersonSearchIndex::rebuild(m_county->session().database());
    QVERIFY_RESULT(rows);
    QVERIFY(rows.value() > 0);
    QCOMPARE(indexRows(), written);
}

void TestPersonSearch::nothingSearchableFindsNothing()
{
    QVERIFY(search::SearchQuery::parse(QStringLiteral("31/02/1985 7")).isEmpty());
    QVERIFY(find(QStringLiteral("31/02/1985")).persons.empty());
    QVERIFY(find(QStringLiteral("zzqxv")).persons.empty());
}

void TestPersonSearch::protectedAddressIsNotFoundByPostcode()
{
    // Someone in a refuge: found by name, never by the postcode where they are.
    store::Database &db = m_county->session().database();
    QVERIFY_RESULT(db.exec(
        "INSERT INTO source_person(id, source_id, external_id, given_name, family_name, "
        "postcode, received_at) VALUES (900001, (SELECT id FROM source WHERE agency = 'police'), "
        "'refuge-1', 'Zephyrine', 'Quistmore', 'NR1 3JB', '2026-11-25T00:00:00Z');"
        "INSERT INTO person(id, created_at, updated_at) VALUES (900001, '2026-11-25', "
        "'2026-11-25');"
        "INSERT INTO person_link(source_person_id, person_id, decided_by, decided_at) VALUES "
        "(900001, 900001, 'auto', '2026-11-25');"
        "INSERT INTO flag(source_id, source_person_id, kind, received_at) VALUES "
        "((SELECT id FROM source WHERE agency = 'police'), 900001, 'protected_address', "
        "'2026-11-25')"));
    auto index = search::PersonSearchIndex::prepare(db);
    QVERIFY_RESULT(index);
    QVERIFY_RESULT(index->refresh(900001));
    const auto has = [](const search::SearchResult &result) {
        return std::any_of(result.persons.begin(), result.persons.end(),
                           [](const search::PersonHit &hit) { return hit.personId == 900001; });
    };
    QVERIFY(has(find(QStringLiteral("Quistmore"))));
    QVERIFY(!has(find(QStringLiteral("NR1 3JB"))));
    QVERIFY(!has(find(QStringLiteral("NR1 Quistmore"))));
}

BV_TEST_MAIN(TestPersonSearch)
#include "tst_personsearch.moc"
