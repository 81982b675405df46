// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/blocking.h"
#include "linkage/csvlinkinput.h"
#include "linkage/linker.h"
#include "linkage/nicknames.h"

#include <QTest>

#include <set>

using namespace bv;
using namespace bv::linkage;

namespace {

QString febrl(const char *file)
{
    return QStringLiteral(BROADVIEW_SHARED_DATA_DIR "/febrl/") + QLatin1String(file);
}

QString febrlMapping()
{
    return QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/linkage/febrl.json");
}

// FEBRL's truth is in its ids: rec-<n>-org and rec-<n>-dup-<k> are entity <n>.
QString entityOf(const QString &id)
{
    return id.section(QLatin1Char('-'), 1, 1);
}

} // namespace

class tst_Linker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deduplicatesFebrl();
    void sameNhsNumberLinksDifferentOnesNever();
    void resultDoesNotDependOnThreads();
    void badThresholdsAreRefused();
    void screeningDropsNoPairWorthReviewing();

private:
    std::optional<NicknameTable> m_nicknames;
    std::vector<LinkRecord> febrlRecords();
};

void tst_Linker::initTestCase()
{
    auto table = NicknameTable::loadShipped();
    QVERIFY_RESULT(table);
    m_nicknames.emplace(std::move(table).value());
}

std::vector<LinkRecord> tst_Linker::febrlRecords()
{
    auto mapping = CsvLinkMapping::load(febrlMapping());
    if (!mapping)
        qFatal("%s", qPrintable(mapping.error().message));
    const RecordPreparer preparer(*m_nicknames, mapping->postcodeScheme);
    auto input = readCsvForLinking(febrl("dataset1.csv"), mapping.value(), preparer, 0);
    if (!input)
        qFatal("%s", qPrintable(input.error().message));
    return std::move(input->records);
}

void tst_Linker::deduplicatesFebrl()
{
    const std::vector<LinkRecord> records = febrlRecords();
    QCOMPARE(records.size(), std::size_t(1000));
    auto result = link(records, LinkOptions{});
    QVERIFY_RESULT(result);
    QVERIFY(result->statistics.emConverged);
    // Every pair within a person is a predicted match; FEBRL's ids say which are right.
    std::size_t predicted = 0;
    std::size_t right = 0;
    for (std::uint32_t a = 0; a < records.size(); ++a) {
        for (std::uint32_t b = a + 1; b < records.size(); ++b) {
            if (result->person[a] != result->person[b])
                continue;
            ++predicted;
            right += entityOf(records[a].id) == entityOf(records[b].id) ? 1 : 0;
        }
    }
    const std::size_t truePairs = 500;
    const double precision = double(right) / double(predicted);
    const double recall = double(right) / double(truePairs);
    QVERIFY2(precision >= 0.99, qPrintable(QString::number(precision)));
    QVERIFY2(recall >= 0.97, qPrintable(QString::number(recall)));
}

void tst_Linker::sameNhsNumberLinksDifferentOnesNever()
{
    const RecordPreparer preparer(*m_nicknames);
    const auto record = [&preparer](const char *id, const char *given, std::uint64_t nhs) {
        SourceFields fields;
        fields.givenName = QString::fromLatin1(given);
        fields.familyName = QStringLiteral("Oakley");
        fields.birthDate = QDate(1990, 4, 1);
        fields.sex = QStringLiteral("female");
        fields.postcode = QStringLiteral("NR1 3JB");
        fields.address = QStringLiteral("12 Riverside Road, Norwich");
        LinkRecord r;
        r.id = QString::fromLatin1(id);
        r.nhsNumber = nhs;
        r.fields = preparer.prepare(fields);
        return r;
    };
    // Identical in every compared field; what tells them apart is the NHS number. The third
    // has none, and never bridges the two.
    std::vector<LinkRecord> records{record("a", "Alice", 9434765919),
                                    record("b", "Alice", 9434765870), record("c", "Alice", 0),
                                    record("d", "Alys", 9434765919)};
    // Background records, so EM has non-matches to learn from.
    for (int i = 0; i < 300; ++i) {
        SourceFields fields;
        fields.givenName = QStringLiteral("Given%1").arg(QChar(u'A' + i % 26));
        fields.familyName = QStringLiteral("Family%1%2").arg(QChar(u'A' + i % 26)).arg(i);
        fields.birthDate = QDate(1950, 1, 1).addDays(i * 37);
        LinkRecord r;
        r.id = QStringLiteral("bg%1").arg(i);
        r.fields = preparer.prepare(fields);
        records.push_back(std::move(r));
    }
    auto result = link(records, LinkOptions{});
    QVERIFY_RESULT(result);
    const auto &person = result->person;
    QVERIFY(person[0] != person[1]); // different valid numbers
    QCOMPARE(person[0], person[3]);  // the same number, whatever the names say
    // c matches both alike: which one it is, is a person's call, not the order of two equal
    // links.
    QVERIFY(person[2] != person[0] && person[2] != person[1]);
    QVERIFY(std::any_of(result->review.begin(), result->review.end(), [](const ScoredPair &pair) {
        return pair.b == 2 && pair.reason == PairReason::Ambiguous;
    }));
    for (const ScoredPair &pair : result->linked)
        QVERIFY(pair.reason != PairReason::NhsConflict);
    const bool conflictLinked
        = std::any_of(result->linked.begin(), result->linked.end(),
                      [](const ScoredPair &pair) { return pair.a == 0 && pair.b == 1; });
    QVERIFY(!conflictLinked);
}

void tst_Linker::resultDoesNotDependOnThreads()
{
    const std::vector<LinkRecord> records = febrlRecords();
    LinkOptions one;
    one.threads = 1;
    LinkOptions four;
    four.threads = 4;
    auto a = link(records, one);
    auto b = link(records, four);
    QVERIFY_RESULT(a);
    QVERIFY_RESULT(b);
    QCOMPARE(a->person, b->person);
    QCOMPARE(a->linked.size(), b->linked.size());
    QCOMPARE(a->review.size(), b->review.size());
}

void tst_Linker::badThresholdsAreRefused()
{
    LinkOptions options;
    options.thresholds.review = 0.995;
    options.thresholds.link = 0.9;
    auto result = link(febrlRecords(), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Usage);
}

void tst_Linker::screeningDropsNoPairWorthReviewing()
{
    // The linker skips scoring the pairs whose comparison pattern cannot reach the review
    // threshold at any name share in the model. Score every candidate pair in full, with
    // names swapped among them (weighed by the product of two shares): each pair at or above
    // the review threshold must be in one person or in review.
    std::vector<LinkRecord> records = febrlRecords();
    const RecordPreparer preparer(*m_nicknames, PostcodeScheme::Exact);
    for (std::uint32_t i = 0; i < 200; i += 2) {
        SourceFields swapped;
        swapped.givenName = records[i].fields.familyName;
        swapped.familyName = records[i].fields.givenName;
        swapped.birthDate = records[i].fields.birthDate;
        LinkRecord copy;
        copy.id = records[i].id + QStringLiteral("-swapped");
        copy.fields = preparer.prepare(swapped);
        records.push_back(std::move(copy));
    }
    auto result = link(records, LinkOptions{});
    QVERIFY_RESULT(result);
    auto model = FellegiSunterModel::create(result->model.parameters);
    QVERIFY_RESULT(model);
    const PairScorer scorer(model.value(), records, result->model.givenNames,
                            result->model.familyNames);
    std::set<std::pair<std::uint32_t, std::uint32_t>> reviewed;
    for (const ScoredPair &pair : result->review)
        reviewed.emplace(pair.a, pair.b);
    int checked = 0;
    int swaps = 0;
    for (const std::uint64_t packed : candidatePairs(records, LinkOptions{}.blocking)) {
        const ScoredPair pair = scorer.score(pairFirst(packed), pairSecond(packed));
        if (pair.probability < result->model.thresholds.review)
            continue;
        ++checked;
        swaps += pair.vector.level(Field::GivenName) == int(GivenNameLevel::Swapped) ? 1 : 0;
        QVERIFY2(result->person[pair.a] == result->person[pair.b]
                     || reviewed.count({pair.a, pair.b}),
                 qPrintable(records[pair.a].id + QLatin1Char(' ') + records[pair.b].id));
    }
    QVERIFY(checked > 500);
    QVERIFY(swaps >= 50);
}

BV_TEST_MAIN(tst_Linker)
#include "tst_linker.moc"
