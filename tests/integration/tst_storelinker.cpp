// SPDX-License-Identifier: GPL-3.0-or-later
// Linking a store synced from the simulated county: every record in exactly one person, the
// NHS number rules kept, person ids stable across a relink, the review queue and the model
// written beside the links.
#include "access/session.h"
#include "common/syncedcounty.h"
#include "common/testsupport.h"
#include "linkage/comparablerecord.h"
#include "linkage/linkexplainer.h"
#include "linkage/nicknames.h"
#include "linkage/storedrecords.h"
#include "linkage/storelinker.h"
#include "store/database.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace bv;

class TestStoreLinker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyRecordIsInOnePerson();
    void nhsNumbersDecideWhereTheyCan();
    void relatedRecordsAreNeverOnePerson();
    void addressesKeptApartFromThePersonAreLinkedOn();
    void parentsDateOfBirthIsBoundedByTheChilds();
    void relinkKeepsPersonIds();
    void reviewAndModelAreKept();

private:
    qint64 count(const char *sql)
    {
        auto value = m_county->session().database().queryInt(sql);
        return value.ok() ? value.value() : -1;
    }

    QTemporaryDir m_work;
    std::unique_ptr<test::SyncedCounty> m_county;
};

void TestStoreLinker::initTestCase()
{
    QVERIFY(m_work.isValid());
    auto county = test::SyncedCounty::start(600, 7, m_work.filePath(QStringLiteral("feeds")));
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    auto linked = linkage::StoreLinker::link(m_county->session().database(), m_county->clock(),
                                             linkage::StoreLinkRequest{});
    QVERIFY_RESULT(linked);
    QVERIFY(linked->persons > 0);
    QCOMPARE(linked->newPersons, linked->persons);
}

void TestStoreLinker::cleanupTestCase()
{
    m_county.reset();
}

void TestStoreLinker::everyRecordIsInOnePerson()
{
    QCOMPARE(count("SELECT count(*) FROM source_person"),
             count("SELECT count(*) FROM person_link"));
    QCOMPARE(count("SELECT count(*) FROM person_link WHERE person_id NOT IN "
                   "(SELECT id FROM person)"),
             0);
    QCOMPARE(count("SELECT count(*) FROM person WHERE retired_at IS NULL AND id NOT IN "
                   "(SELECT person_id FROM person_link)"),
             0);
    QCOMPARE(count("SELECT sum(record_count) FROM person"),
             count("SELECT count(*) FROM person_link"));
    // Seven agencies know most people more than once: fewer persons than records.
    QVERIFY(count("SELECT count(*) FROM person") < count("SELECT count(*) FROM source_person"));
}

void TestStoreLinker::nhsNumbersDecideWhereTheyCan()
{
    // The same valid NHS number: one person.
    QCOMPARE(count("SELECT count(*) FROM (SELECT sp.nhs_number FROM source_person sp "
                   "JOIN person_link l ON l.source_person_id = sp.id "
                   "WHERE sp.nhs_number_valid = 1 GROUP BY sp.nhs_number "
                   "HAVING count(DISTINCT l.person_id) > 1)"),
             0);
    // Two different valid NHS numbers: never one person.
    QCOMPARE(count("SELECT count(*) FROM (SELECT l.person_id FROM person_link l "
                   "JOIN source_person sp ON sp.id = l.source_person_id "
                   "WHERE sp.nhs_number_valid = 1 GROUP BY l.person_id "
                   "HAVING count(DISTINCT sp.nhs_number) > 1)"),
             0);
}

void TestStoreLinker::relatedRecordsAreNeverOnePerson()
{
    // Parents, children, siblings and household members an agency recorded as related.
    QVERIFY(count("SELECT count(*) FROM relationship WHERE related_source_person_id IS NOT NULL")
            > 0);
    QCOMPARE(count("SELECT count(*) FROM relationship r "
                   "JOIN person_link a ON a.source_person_id = r.source_person_id "
                   "JOIN person_link b ON b.source_person_id = r.related_source_person_id "
                   "WHERE a.person_id = b.person_id"),
             0);
}

void TestStoreLinker::addressesKeptApartFromThePersonAreLinkedOn()
{
    // Police send a person's addresses as a history naming locations, not on the person.
    QCOMPARE(count("SELECT count(*) FROM source_person sp JOIN source s ON s.id = sp.source_id "
                   "WHERE s.code = 'police' AND coalesce(sp.postcode, '') <> ''"),
             0);
    auto nicknames = linkage::NicknameTable::loadShipped();
    QVERIFY_RESULT(nicknames);
    const linkage::RecordPreparer preparer(nicknames.value());
    auto stored = linkage::readStoredRecords(m_county->session().database(), preparer);
    QVERIFY_RESULT(stored);
    int police = 0;
    int withPostcode = 0;
    for (const linkage::LinkRecord &record : stored->records) {
        if (!record.id.startsWith(QLatin1String("police/")))
            continue;
        ++police;
        withPostcode += record.fields.postcodeKey.isEmpty() ? 0 : 1;
    }
    QVERIFY(police > 0);
    // Every police person with an address history is compared on the current address.
    QCOMPARE(withPostcode,
             int(count("SELECT count(DISTINCT ap.source_person_id) FROM address_period ap "
                       "JOIN source s ON s.id = ap.source_id WHERE s.code = 'police' "
                       "AND coalesce(ap.postcode, '') <> ''")));
}

void TestStoreLinker::parentsDateOfBirthIsBoundedByTheChilds()
{
    // A school contact recorded as a pupil's parent, with no date of birth of its own,
    // against the pupil's record: a parent born at least 12 years before the child cannot
    // be the child. The explanation, reading the two records alone, says so too.
    auto pairs = m_county->session().database().prepare(
        "SELECT r.related_source_person_id, r.source_person_id FROM relationship r "
        "JOIN source_person parent ON parent.id = r.related_source_person_id "
        "JOIN source_person child ON child.id = r.source_person_id "
        "WHERE r.kind = 'parent' AND parent.birth_date IS NULL "
        "AND child.birth_date IS NOT NULL ORDER BY r.id LIMIT 1");
    QVERIFY_RESULT(pairs);
    auto row = pairs->step();
    QVERIFY_RESULT(row);
    QVERIFY2(row.value(), "the demo county has no parent without a date of birth");
    const linkage::LinkExplainer explainer(m_county->session().database());
    auto explained = explainer.explainPair(pairs->int64(0), pairs->int64(1));
    QVERIFY_RESULT(explained);
    const auto &contributions = explained->match.contributions;
    const auto birth = std::find_if(
        contributions.begin(), contributions.end(),
        [](const linkage::FieldContribution &c) { return c.field == linkage::Field::BirthDate; });
    QVERIFY(birth != contributions.end());
    QCOMPARE(birth->level, int(linkage::BirthDateLevel::RuledOut));
    QVERIFY(birth->weight < 0.0);
}

void TestStoreLinker::relinkKeepsPersonIds()
{
    const qint64 before = count("SELECT sum(source_person_id * person_id) FROM person_link");
    linkage::StoreLinkRequest full;
    full.mode = linkage::LinkMode::Full;
    auto again
        = linkage::StoreLinker::link(m_county->session().database(), m_county->clock(), full);
    QVERIFY_RESULT(again);
    QVERIFY(!again->estimated);
    QCOMPARE(again->newPersons, qint64(0));
    QCOMPARE(again->retiredPersons, qint64(0));
    QCOMPARE(count("SELECT sum(source_person_id * person_id) FROM person_link"), before);
}

void TestStoreLinker::reviewAndModelAreKept()
{
    QCOMPARE(count("SELECT count(*) FROM link_parameters"), 1);
    QVERIFY(count("SELECT count(*) FROM link_term_share") > 100);
    QCOMPARE(count("SELECT count(*) FROM link_review WHERE probability < 0.05 "
                   "OR probability >= 0.5 AND reason = 'uncertain'"),
             0);
}

BV_TEST_MAIN(TestStoreLinker)
#include "tst_storelinker.moc"
