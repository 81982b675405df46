// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/personassembly.h"

#include <QTest>

#include <algorithm>

using namespace bv;
using namespace bv::linkage;

namespace {

constexpr std::uint64_t kNhsA = 9434765919;
constexpr std::uint64_t kNhsB = 9434765870;

// Pairs as the scorer would give them; probability from the weight with a prior of -10 bits.
struct Link
{
    std::uint32_t a;
    std::uint32_t b;
    double weight;
};

std::vector<ScoredPair> scored(const std::vector<Link> &links)
{
    std::vector<ScoredPair> pairs;
    for (const Link &link : links) {
        ScoredPair pair;
        pair.a = std::min(link.a, link.b);
        pair.b = std::max(link.a, link.b);
        pair.weight = link.weight;
        pair.probability = FellegiSunterModel::probabilityFromWeight(link.weight, 1.0 / 1025.0);
        pairs.push_back(pair);
    }
    return pairs;
}

std::vector<LinkRecord> recordsWith(const std::vector<std::uint64_t> &nhsNumbers)
{
    std::vector<LinkRecord> records(nhsNumbers.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        records[i].nhsNumber = nhsNumbers[i];
    return records;
}

struct Assembled
{
    Assembly assembly;
    std::vector<std::uint32_t> person;
};

Assembled assembleAll(const std::vector<std::uint64_t> &nhsNumbers, const std::vector<Link> &links,
                      const LinkConstraints &constraints = {})
{
    const std::vector<LinkRecord> records = recordsWith(nhsNumbers);
    ClusterBuilder persons(nhsNumbers);
    Assembled result;
    result.assembly
        = assemblePersons(records, scored(links), LinkThresholds{}, constraints, persons);
    result.person = persons.labels();
    return result;
}

const ScoredPair *reviewed(const Assembly &assembly, std::uint32_t a, std::uint32_t b)
{
    const auto found
        = std::find_if(assembly.review.begin(), assembly.review.end(), [&](const ScoredPair &pair) {
              return pair.a == std::min(a, b) && pair.b == std::max(a, b);
          });
    return found == assembly.review.end() ? nullptr : &*found;
}

} // namespace

class tst_PersonAssembly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void relatedRecordsStayApart();
    void decisionOutweighsRelationship();
    void nearEqualLinksToTwoPersonsGoToReview_data();
    void nearEqualLinksToTwoPersonsGoToReview();
    void decidedRecordIsNotHeld();
    void strongestLinkPerPersonDecides();
    void personItCannotBeIsNoCandidate_data();
    void personItCannotBeIsNoCandidate();
};

void tst_PersonAssembly::relatedRecordsStayApart()
{
    // 0 and 1 are a parent and child an agency recorded as related; 2 is the child's other
    // record, which the parent's also links to (as strongly, and it would be held as
    // ambiguous: see nearEqualLinksToTwoPersonsGoToReview). The two must still not join.
    LinkConstraints constraints;
    constraints.related.push_back({0, 1});
    const Assembled result = assembleAll({0, 0, 0}, {{0, 2, 12.0}, {1, 2, 25.0}}, constraints);
    QCOMPARE(result.person[1], result.person[2]);
    QVERIFY(result.person[0] != result.person[2]);
    // Kept apart is settled: not a question for review either.
    QVERIFY(!reviewed(result.assembly, 0, 2));
}

void tst_PersonAssembly::decisionOutweighsRelationship()
{
    // A person decided that two records recorded as related are one (a relationship entered
    // against the wrong record): the decision stands.
    LinkConstraints constraints;
    constraints.related.push_back({0, 1});
    constraints.together.push_back({0, 1});
    const Assembled result = assembleAll({0, 0}, {}, constraints);
    QCOMPARE(result.person[0], result.person[1]);
    QVERIFY(result.assembly.contradicted.empty());
}

void tst_PersonAssembly::nearEqualLinksToTwoPersonsGoToReview_data()
{
    QTest::addColumn<double>("toA");
    QTest::addColumn<double>("toB");
    QTest::addColumn<bool>("held");
    // Record 2 has no NHS number and links to records 0 and 1, which hold different ones.
    QTest::newRow("equal") << 20.0 << 20.0 << true;
    QTest::newRow("within the margin") << 20.0 << 15.0 << true;
    QTest::newRow("clearly stronger to one") << 25.0 << 12.0 << false;
    QTest::newRow("clearly stronger to the other") << 12.0 << 25.0 << false;
}

void tst_PersonAssembly::nearEqualLinksToTwoPersonsGoToReview()
{
    QFETCH(double, toA);
    QFETCH(double, toB);
    QFETCH(bool, held);
    const Assembled result = assembleAll({kNhsA, kNhsB, 0}, {{0, 2, toA}, {1, 2, toB}});
    QVERIFY(result.person[0] != result.person[1]);
    const ScoredPair *withA = reviewed(result.assembly, 0, 2);
    const ScoredPair *withB = reviewed(result.assembly, 1, 2);
    if (held) {
        QVERIFY(result.person[2] != result.person[0] && result.person[2] != result.person[1]);
        QVERIFY(withA && withB);
        QCOMPARE(withA->reason, PairReason::Ambiguous);
        QCOMPARE(withB->reason, PairReason::Ambiguous);
        QVERIFY(result.assembly.linked.empty());
        return;
    }
    // The stronger link wins; the weaker, refused by the NHS guard, is reviewed as such.
    const std::uint32_t stronger = toA > toB ? 0 : 1;
    QCOMPARE(result.person[2], result.person[stronger]);
    const ScoredPair *weaker = stronger == 0 ? withB : withA;
    QVERIFY(weaker);
    QCOMPARE(weaker->reason, PairReason::NhsConflict);
}

void tst_PersonAssembly::decidedRecordIsNotHeld()
{
    // A person placed record 2 with record 0: no longer a question, however it scores.
    LinkConstraints constraints;
    constraints.together.push_back({0, 2});
    const Assembled result
        = assembleAll({kNhsA, kNhsB, 0}, {{0, 2, 20.0}, {1, 2, 20.0}}, constraints);
    QCOMPARE(result.person[2], result.person[0]);
    QVERIFY(result.person[2] != result.person[1]);
}

void tst_PersonAssembly::strongestLinkPerPersonDecides()
{
    // Record 3 links to person {0, 1} (NHS A) at 40 and 20 bits, and to record 2 (NHS B) at
    // 22: its weak link to A is near B's, but its strongest to A is far above. Not held.
    const Assembled result = assembleAll({kNhsA, kNhsA, kNhsB, 0},
                                         {{0, 1, 50.0}, {0, 3, 40.0}, {1, 3, 20.0}, {2, 3, 22.0}});
    QCOMPARE(result.person[3], result.person[0]);
    QVERIFY(result.person[3] != result.person[2]);
}

void tst_PersonAssembly::personItCannotBeIsNoCandidate_data()
{
    QTest::addColumn<bool>("byDecision"); // else by a recorded relationship
    QTest::newRow("decided apart") << true;
    QTest::newRow("recorded as related") << false;
}

void tst_PersonAssembly::personItCannotBeIsNoCandidate()
{
    // Record 2 scores alike against records 0 and 1 (different NHS numbers), but it is kept
    // apart from 0: only 1 can be it, so it links there and is no question for review.
    QFETCH(bool, byDecision);
    LinkConstraints constraints;
    (byDecision ? constraints.apart : constraints.related).push_back({0, 2});
    const Assembled result
        = assembleAll({kNhsA, kNhsB, 0}, {{0, 2, 20.0}, {1, 2, 19.0}}, constraints);
    QCOMPARE(result.person[2], result.person[1]);
    QVERIFY(!reviewed(result.assembly, 1, 2));
}

BV_TEST_MAIN(tst_PersonAssembly)
#include "tst_personassembly.moc"
