// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/em.h"

#include <QTest>

#include <random>

using namespace bv;
using namespace bv::linkage;

namespace {

// The parameters the synthetic pairs are drawn from, deliberately unlike the starting values.
ModelParameters trueParameters()
{
    ModelParameters p;
    p.lambda = 0.1;
    const auto set
        = [&p](Field field, std::initializer_list<double> m, std::initializer_list<double> u) {
              std::copy(m.begin(), m.end(), p[field].m.begin() + kExactLevel);
              std::copy(u.begin(), u.end(), p[field].u.begin() + kExactLevel);
          };
    set(Field::GivenName, {0.75, 0.01, 0.08, 0.04, 0.03, 0.04, 0.05},
        {0.02, 0.001, 0.01, 0.02, 0.03, 0.005, 0.914});
    set(Field::FamilyName, {0.83, 0.06, 0.03, 0.03, 0.05}, {0.011, 0.005, 0.02, 0.02, 0.944});
    set(Field::BirthDate, {0.88, 0.02, 0.07, 0.001, 0.029}, {0.002, 0.0005, 0.03, 0.01, 0.9575});
    set(Field::Sex, {0.98, 0.02}, {0.5, 0.5});
    set(Field::Postcode, {0.6, 0.1, 0.1, 0.05, 0.15}, {0.005, 0.01, 0.05, 0.001, 0.934});
    set(Field::Address, {0.5, 0.2, 0.3}, {0.003, 0.01, 0.987});
    set(Field::Uprn, {0.7, 0.05, 0.25}, {0.002, 0.001, 0.997});
    return p;
}

// How often each field is absent from a pair, as in real feeds (few UPRNs).
constexpr std::array<double, kFieldCount> kMissingRate{0.02, 0.01, 0.05, 0.1, 0.2, 0.3, 0.7};

class PairGenerator
{
public:
    PairGenerator(const ModelParameters &parameters, std::uint64_t seed)
        : m_parameters(parameters)
        , m_random(seed)
    {}

    ComparisonVector next(bool match)
    {
        ComparisonVector vector;
        for (const Field field : kFields) {
            if (m_uniform(m_random) < kMissingRate[std::size_t(field)])
                continue;
            const LevelProbabilities &probabilities
                = match ? m_parameters[field].m : m_parameters[field].u;
            double draw = m_uniform(m_random);
            int level = kExactLevel;
            for (; level < levelCount(field) - 1; ++level) {
                draw -= probabilities[std::size_t(level)];
                if (draw < 0.0)
                    break;
            }
            vector.setLevel(field, level);
        }
        return vector;
    }

    bool isMatch() { return m_uniform(m_random) < m_parameters.lambda; }

private:
    ModelParameters m_parameters;
    std::mt19937_64 m_random;
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
};

constexpr double kTolerance = 0.02;

} // namespace

class tst_Em : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void patternCounter();
    void recoversKnownParameters();
    void deterministic();
    void keepsUWhenAsked();
    void lambdaOverAllPairs();
    void uFromRandomPairs();
    void rejectsBadInput();

private:
    std::vector<PatternCount> m_patterns;
    std::uint64_t m_pairs = 0;
};

void tst_Em::initTestCase()
{
    QVERIFY_RESULT(FellegiSunterModel::create(trueParameters()));
    PairGenerator generator(trueParameters(), 20240611);
    PatternCounter counter;
    for (int i = 0; i < 300000; ++i)
        counter.add(generator.next(generator.isMatch()));
    m_patterns = counter.patterns();
    m_pairs = counter.total();
}

void tst_Em::patternCounter()
{
    QCOMPARE(m_pairs, std::uint64_t(300000));
    // Hundreds of thousands of pairs collapse to a few thousand patterns.
    QVERIFY(m_patterns.size() < 20000);
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < m_patterns.size(); ++i) {
        sum += m_patterns[i].count;
        if (i > 0)
            QVERIFY(m_patterns[i - 1].vector.packed() < m_patterns[i].vector.packed());
    }
    QCOMPARE(sum, m_pairs);

    PatternCounter a;
    PatternCounter b;
    ComparisonVector v;
    v.setLevel(Field::Sex, SexLevel::Agree);
    a.add(v, 2);
    b.add(v);
    b.add(ComparisonVector());
    a.merge(b);
    QCOMPARE(a.total(), std::uint64_t(4));
    QCOMPARE(a.distinctPatterns(), 2);
    const std::vector<PatternCount> merged = a.patterns();
    QCOMPARE(merged[0].vector, ComparisonVector());
    QCOMPARE(merged[1].count, std::uint64_t(3));
}

void tst_Em::recoversKnownParameters()
{
    EmOptions options;
    options.tolerance = 1e-7;
    options.maxIterations = 2000;
    const Result<EmResult> result
        = estimateParameters(m_patterns, ModelParameters::startingValues(), options);
    QVERIFY_RESULT(result);
    QVERIFY(result->converged);
    const ModelParameters truth = trueParameters();
    const ModelParameters &fitted = result->parameters;
    QVERIFY2(qAbs(fitted.lambda - truth.lambda) < kTolerance / 4,
             qPrintable(QString::number(fitted.lambda)));
    for (const Field field : kFields) {
        for (int level = kExactLevel; level < levelCount(field); ++level) {
            const auto i = std::size_t(level);
            const QString where = QStringLiteral("%1 %2: m %3 (true %4), u %5 (true %6)")
                                      .arg(fieldKey(field), levelKey(field, level))
                                      .arg(fitted[field].m[i])
                                      .arg(truth[field].m[i])
                                      .arg(fitted[field].u[i])
                                      .arg(truth[field].u[i]);
            QVERIFY2(qAbs(fitted[field].m[i] - truth[field].m[i]) < kTolerance, qPrintable(where));
            QVERIFY2(qAbs(fitted[field].u[i] - truth[field].u[i]) < kTolerance, qPrintable(where));
        }
    }
    // What comes out is a valid model.
    QVERIFY_RESULT(FellegiSunterModel::create(fitted));
}

void tst_Em::deterministic()
{
    const Result<EmResult> first
        = estimateParameters(m_patterns, ModelParameters::startingValues());
    const Result<EmResult> second
        = estimateParameters(m_patterns, ModelParameters::startingValues());
    QVERIFY_RESULT(first);
    QVERIFY_RESULT(second);
    QCOMPARE(first->iterations, second->iterations);
    QCOMPARE(first->logLikelihood, second->logLikelihood);
    QCOMPARE(first->parameters.lambda, second->parameters.lambda);
    for (const Field field : kFields) {
        QCOMPARE(first->parameters[field].m, second->parameters[field].m);
        QCOMPARE(first->parameters[field].u, second->parameters[field].u);
    }
}

void tst_Em::keepsUWhenAsked()
{
    ModelParameters start = ModelParameters::startingValues();
    const ModelParameters truth = trueParameters();
    for (const Field field : kFields)
        start[field].u = truth[field].u;
    EmOptions options;
    options.estimateU = false;
    const Result<EmResult> result = estimateParameters(m_patterns, start, options);
    QVERIFY_RESULT(result);
    for (const Field field : kFields) {
        QCOMPARE(result->parameters[field].u, truth[field].u);
        for (int level = kExactLevel; level < levelCount(field); ++level)
            QVERIFY(qAbs(result->parameters[field].m[std::size_t(level)]
                         - truth[field].m[std::size_t(level)])
                    < kTolerance);
    }
}

void tst_Em::lambdaOverAllPairs()
{
    // Blocking keeps the pairs that agree exactly on a given name, a date of birth or a
    // postcode; EM sees only those, and is told how many pairs there were in all.
    const auto blocked = [](const ComparisonVector &vector) {
        return vector.level(Field::GivenName) == kExactLevel
               || vector.level(Field::BirthDate) == kExactLevel
               || vector.level(Field::Postcode) == kExactLevel;
    };
    std::vector<PatternCount> candidates;
    std::uint64_t candidatePairs = 0;
    for (const PatternCount &pattern : m_patterns) {
        if (blocked(pattern.vector)) {
            candidates.push_back(pattern);
            candidatePairs += pattern.count;
        }
    }
    QVERIFY(candidatePairs < m_pairs / 2);
    ModelParameters start = ModelParameters::startingValues();
    const ModelParameters truth = trueParameters();
    for (const Field field : kFields)
        start[field].u = truth[field].u;
    EmOptions options;
    options.estimateU = false;
    options.allPairs = double(m_pairs);
    const Result<EmResult> result = estimateParameters(candidates, start, options);
    QVERIFY_RESULT(result);
    // About 1% of matches fall outside the blocks.
    QVERIFY2(qAbs(result->parameters.lambda - truth.lambda) < 0.005,
             qPrintable(QString::number(result->parameters.lambda)));
    for (const Field field : kFields) {
        for (int level = kExactLevel; level < levelCount(field); ++level)
            QVERIFY(qAbs(result->parameters[field].m[std::size_t(level)]
                         - truth[field].m[std::size_t(level)])
                    < kTolerance);
    }

    options.allPairs = double(candidatePairs) - 1.0;
    QCOMPARE(estimateParameters(candidates, start, options).error().code, ErrorCode::Usage);
}

void tst_Em::uFromRandomPairs()
{
    PairGenerator generator(trueParameters(), 99);
    std::vector<ComparisonVector> random;
    for (int i = 0; i < 200000; ++i)
        random.push_back(generator.next(false));
    const Result<UEstimate> estimate = estimateUFromRandomPairs(random);
    QVERIFY_RESULT(estimate);
    const ModelParameters truth = trueParameters();
    for (const Field field : kFields) {
        QVERIFY(estimate->observed[std::size_t(field)] > 0);
        double sum = 0.0;
        for (int level = kExactLevel; level < levelCount(field); ++level) {
            const double u = estimate->u[std::size_t(field)][std::size_t(level)];
            sum += u;
            QVERIFY(qAbs(u - truth[field].u[std::size_t(level)]) < 0.005);
        }
        QVERIFY(qAbs(sum - 1.0) < 1e-12);
    }

    // A level no random pair shows is rare, not impossible; a field never present keeps the
    // caller's u.
    std::vector<ComparisonVector> few(10);
    for (ComparisonVector &v : few)
        v.setLevel(Field::Uprn, UprnLevel::Disagree);
    const Result<UEstimate> small = estimateUFromRandomPairs(few);
    QVERIFY_RESULT(small);
    const double exact = small->u[std::size_t(Field::Uprn)][kExactLevel];
    QVERIFY(exact > 0.0 && exact < 0.1);
    QCOMPARE(small->observed[std::size_t(Field::Sex)], std::uint64_t(0));
    const ModelParameters start = ModelParameters::startingValues();
    const ModelParameters combined = withEstimatedU(start, small.value());
    QCOMPARE(combined[Field::Sex].u, start[Field::Sex].u);
    QCOMPARE(combined[Field::Uprn].u, small->u[std::size_t(Field::Uprn)]);
}

void tst_Em::rejectsBadInput()
{
    const ModelParameters start = ModelParameters::startingValues();
    QVERIFY(!estimateParameters({}, start).ok());
    const std::vector<PatternCount> zero{PatternCount{ComparisonVector(), 0}};
    QVERIFY(!estimateParameters(zero, start).ok());

    ComparisonVector bad;
    bad.setLevel(Field::Sex, 5); // Sex has three levels
    const std::vector<PatternCount> badPatterns{PatternCount{bad, 10}};
    const Result<EmResult> badLevel = estimateParameters(badPatterns, start);
    QVERIFY(!badLevel.ok());
    QVERIFY(badLevel.error().message.contains(QLatin1String("sex")));

    ModelParameters badStart = start;
    badStart.lambda = 0.0;
    QVERIFY(!estimateParameters(m_patterns, badStart).ok());
    EmOptions badOptions;
    badOptions.maxIterations = 0;
    QCOMPARE(estimateParameters(m_patterns, start, badOptions).error().code, ErrorCode::Usage);

    QVERIFY(!estimateUFromRandomPairs({}).ok());
    const std::vector<ComparisonVector> badPairs{bad};
    QVERIFY(!estimateUFromRandomPairs(badPairs).ok());
}

BV_TEST_MAIN(tst_Em)
#include "tst_em.moc"
