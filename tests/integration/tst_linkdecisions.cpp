// SPDX-License-Identifier: GPL-3.0-or-later
// People's decisions about who is whom: a split, a merge and "not the same person" hold across
// relinks and re-estimation, are audited, can be undone, and a contradiction is refused with
// nothing changed. Every record's place in its person can be explained field by field.
#include "access/session.h"
#include "common/syncedcounty.h"
#include "common/testsupport.h"
#include "linkage/linkdecisions.h"
#include "linkage/linkexplainer.h"
#include "linkage/storelinker.h"
#include "store/database.h"
#include "store/statement.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bv;

class TestLinkDecisions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void splitHoldsAcrossRelinks_data();
    void splitHoldsAcrossRelinks();
    void undoRestoresThePerson();
    void mergeHoldsEvenAcrossNhsNumbers();
    void contradictionIsRefusedAndChangesNothing();
    void apartTakesThePairOutOfReview();
    void badRequestsAreRefused();
    void everyRecordCanBeExplained();

private:
    qint64 count(const QString &sql)
    {
        auto value = db().queryInt(sql.toStdString());
        return value.ok() ? value.value() : -1;
    }
    qint64 personOf(qint64 record)
    {
        return count(QStringLiteral("SELECT person_id FROM person_link WHERE source_person_id = %1")
                         .arg(record));
    }
    std::vector<qint64> recordsOf(qint64 person)
    {
        std::vector<qint64> records;
        auto select = db().prepare("SELECT source_person_id FROM person_link WHERE person_id = ?1 "
                                   "ORDER BY source_person_id");
        select->bind(1, person);
        while (select->step().value())
            records.push_back(select->int64(0));
        return records;
    }
    Result<linkage::StoreLinkOutcome> relink(linkage::LinkMode mode)
    {
        linkage::StoreLinkRequest request;
        request.mode = mode;
        return linkage::StoreLinker::link(db(), m_county->clock(), request);
    }
    store::Database &db() { return m_county->session().database(); }
    linkage::LinkDecisions decisions()
    {
        return linkage::LinkDecisions(db(), m_county->session().audit(), m_county->clock());
    }
    const access::AccessContext &context() { return m_county->session().context(); }

    QTemporaryDir m_work;
    std::unique_ptr<test::SyncedCounty> m_county;
    qint64 m_splitPerson = 0;
    qint64 m_splitRecord = 0;
    qint64 m_splitDecision = 0;
};

void TestLinkDecisions::initTestCase()
{
    QVERIFY(m_work.isValid());
    auto county = test::SyncedCounty::start(400, 5, m_work.filePath(QStringLiteral("feeds")));
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    QVERIFY_RESULT(relink(linkage::LinkMode::Incremental));
}

void TestLinkDecisions::cleanupTestCase()
{
    m_county.reset();
}

void TestLinkDecisions::splitHoldsAcrossRelinks_data()
{
    QTest::addColumn<linkage::LinkMode>("mode");
    QTest::newRow("incremental") << linkage::LinkMode::Incremental;
    QTest::newRow("full") << linkage::LinkMode::Full;
    QTest::newRow("re-estimated") << linkage::LinkMode::Reestimate;
}

void TestLinkDecisions::splitHoldsAcrossRelinks()
{
    QFETCH(linkage::LinkMode, mode);
    if (m_splitDecision == 0) {
        // A person the linker made from several records, one of them joined by weight alone.
        m_splitPerson = count(QStringLiteral(
            "SELECT person_id FROM person_link GROUP BY person_id HAVING count(*) >= 3 AND "
            "sum(reason = 'match_weight') >= 1 ORDER BY person_id LIMIT 1"));
        QVERIFY(m_splitPerson > 0);
        m_splitRecord = recordsOf(m_splitPerson).back();
        const qint64 auditBefore = count(QStringLiteral("SELECT count(*) FROM audit"));
        auto split = decisions().split(context(), m_splitPerson, {m_splitRecord},
                                       QStringLiteral("Another child of the same name"));
        QVERIFY_RESULT(split);
        m_splitDecision = split->decisionId;
        QCOMPARE(split->persons.size(), std::size_t(2));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit")), auditBefore + 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit WHERE action = "
                                      "'persons.decide' AND subject = 'decision:%1'")
                           .arg(m_splitDecision)),
                 1);
        // The reason is free text: kept in the store, never in the audit.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit WHERE detail LIKE '%child%'")),
                 0);
    }
    QVERIFY_RESULT(relink(mode));
    // The rest kept the person's id; the record went elsewhere (alone, or to someone else it
    // matches) and never back to any of the records it was split from.
    const std::vector<qint64> rest = recordsOf(m_splitPerson);
    QVERIFY(rest.size() >= 2);
    QVERIFY(std::find(rest.begin(), rest.end(), m_splitRecord) == rest.end());
    QVERIFY(personOf(m_splitRecord) != m_splitPerson);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM person_link WHERE source_person_id = %1 "
                                  "AND decided_by = 'auto' AND reason = 'decision'")
                       .arg(m_splitRecord)),
             0);
}

void TestLinkDecisions::undoRestoresThePerson()
{
    QVERIFY(m_splitDecision > 0);
    const qint64 splitOff = personOf(m_splitRecord);
    auto undone = decisions().revoke(context(), m_splitDecision,
                                     QStringLiteral("The school had the wrong record"));
    QVERIFY_RESULT(undone);
    QCOMPARE(personOf(m_splitRecord), m_splitPerson);
    // Where the record went is retired if it held nothing else, pointing where its record
    // went; its id is never given to anyone else.
    if (recordsOf(splitOff).empty())
        QCOMPARE(count(QStringLiteral("SELECT merged_into FROM person WHERE id = %1 AND "
                                      "retired_at IS NOT NULL")
                           .arg(splitOff)),
                 m_splitPerson);
    auto listed = decisions().list(true);
    QVERIFY_RESULT(listed);
    QCOMPARE(listed->size(), std::size_t(1));
    QVERIFY(!listed->front().revokedAt.isEmpty());
    QVERIFY(decisions().list(false)->empty());
    // Undoing twice is refused.
    auto again = decisions().revoke(context(), m_splitDecision, QStringLiteral("again"));
    QVERIFY(!again.ok());
}

void TestLinkDecisions::mergeHoldsEvenAcrossNhsNumbers()
{
    // Two persons with different valid NHS numbers: the linker never joins them, a person may.
    const qint64 a = count(QStringLiteral(
        "SELECT min(l.person_id) FROM person_link l JOIN source_person sp ON sp.id = "
        "l.source_person_id WHERE sp.nhs_number_valid = 1"));
    const qint64 b
        = count(QStringLiteral(
                    "SELECT min(l.person_id) FROM person_link l JOIN source_person sp ON sp.id = "
                    "l.source_person_id WHERE sp.nhs_number_valid = 1 AND l.person_id > %1")
                    .arg(a));
    QVERIFY(a > 0 && b > a);
    const std::vector<qint64> recordsA = recordsOf(a);
    const std::vector<qint64> recordsB = recordsOf(b);
    auto merged = decisions().merge(context(), a, b, QStringLiteral("Number recorded wrongly"));
    QVERIFY_RESULT(merged);
    QCOMPARE(merged->persons.size(), std::size_t(1));
    const qint64 person = merged->persons.front();
    QVERIFY(person == a || person == b);
    QVERIFY_RESULT(relink(linkage::LinkMode::Full));
    QCOMPARE(recordsOf(person).size(), recordsA.size() + recordsB.size());
}

void TestLinkDecisions::contradictionIsRefusedAndChangesNothing()
{
    // The merged person above: splitting one of its records off contradicts the merge.
    const qint64 person = count(QStringLiteral(
        "SELECT person_id FROM person_link WHERE reason = 'decision' ORDER BY person_id LIMIT 1"));
    QVERIFY(person > 0);
    const std::vector<qint64> before = recordsOf(person);
    const qint64 decisionsBefore = count(QStringLiteral("SELECT count(*) FROM link_decision"));
    const qint64 auditBefore = count(QStringLiteral("SELECT count(*) FROM audit"));
    auto refused = decisions().split(context(), person, {before.front()}, QStringLiteral("no"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY(refused.error().message.contains(QStringLiteral("undo")));
    QVERIFY(recordsOf(person) == before);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM link_decision")), decisionsBefore);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit")), auditBefore);
}

void TestLinkDecisions::apartTakesThePairOutOfReview()
{
    const qint64 a = count(QStringLiteral(
        "SELECT source_person_a FROM link_review WHERE reason = 'uncertain' ORDER BY "
        "probability DESC LIMIT 1"));
    const qint64 b = count(QStringLiteral(
        "SELECT source_person_b FROM link_review WHERE reason = 'uncertain' ORDER BY "
        "probability DESC LIMIT 1"));
    QVERIFY(a > 0 && b > 0);
    const qint64 personA = personOf(a);
    const qint64 personB = personOf(b);
    QVERIFY(personA != personB);
    auto apart
        = decisions().keepApart(context(), personA, personB, QStringLiteral("Checked: two people"));
    QVERIFY_RESULT(apart);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM link_review WHERE source_person_a = %1 "
                                  "AND source_person_b = %2")
                       .arg(a)
                       .arg(b)),
             0);
    QVERIFY_RESULT(relink(linkage::LinkMode::Reestimate));
    QVERIFY(personOf(a) != personOf(b));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM link_review WHERE source_person_a = %1 "
                                  "AND source_person_b = %2")
                       .arg(a)
                       .arg(b)),
             0);
}

void TestLinkDecisions::badRequestsAreRefused()
{
    const qint64 person = count(QStringLiteral("SELECT min(person_id) FROM person_link"));
    QCOMPARE(decisions().merge(context(), person, person, QStringLiteral("x")).error().code,
             ErrorCode::Usage);
    QCOMPARE(decisions().merge(context(), person, 999999, QStringLiteral("x")).error().code,
             ErrorCode::NotFound);
    QCOMPARE(decisions().keepApart(context(), person, person + 1, QStringLiteral(" ")).error().code,
             ErrorCode::Usage);
    QCOMPARE(
        decisions().split(context(), person, recordsOf(person), QStringLiteral("all")).error().code,
        ErrorCode::Usage);
    QCOMPARE(decisions().revoke(context(), 999999, QStringLiteral("x")).error().code,
             ErrorCode::NotFound);
}

void TestLinkDecisions::everyRecordCanBeExplained()
{
    const linkage::LinkExplainer explainer(db());
    auto select = db().prepare("SELECT source_person_id FROM person_link WHERE person_id IN "
                               "(SELECT person_id FROM person_link GROUP BY person_id HAVING "
                               "count(*) > 1) ORDER BY source_person_id LIMIT 200");
    QVERIFY_RESULT(select);
    int explained = 0;
    while (select->step().value()) {
        auto why = explainer.explainRecord(select->int64(0));
        QVERIFY_RESULT(why);
        QVERIFY(why->strongest.has_value());
        const linkage::MatchExplanation &match = why->strongest->match;
        QCOMPARE(match.contributions.size(), std::size_t(linkage::kFieldCount));
        double sum = 0.0;
        for (const linkage::FieldContribution &c : match.contributions) {
            sum += c.weight;
            QVERIFY(!c.sentence.isEmpty());
        }
        QVERIFY(std::abs(sum - match.matchWeight) < 1e-9);
        QVERIFY(!match.summary.isEmpty());
        // Either the weights link them, or an NHS number or a decision does.
        QVERIFY(match.probability >= 0.5 || why->strongest->sameNhsNumber
                || why->reason == QLatin1String("decision")
                || why->reason == QLatin1String("match_weight"));
        // The same pair explained from the other side weighs the same.
        auto pair = explainer.explainPair(why->strongest->recordB, why->strongest->recordA);
        QVERIFY_RESULT(pair);
        QVERIFY(std::abs(pair->match.matchWeight - match.matchWeight) < 1e-9);
        ++explained;
    }
    QVERIFY(explained > 50);
}

BV_TEST_MAIN(TestLinkDecisions)
#include "tst_linkdecisions.moc"
