// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/explanation.h"
#include "linkage/fellegisunter.h"
#include "linkage/termfrequency.h"

#include <QTest>

#include <cmath>

using namespace bv;
using namespace bv::linkage;

class tst_FellegiSunter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rejectsBadParameters_data();
    void rejectsBadParameters();
    void weightIsTheSumOfLevelWeights();
    void probabilityFromWeight_data();
    void probabilityFromWeight();
    void floorKeepsWeightsFinite();
    void termFrequencyAdjustment();
    void termFrequencyTable();
    void explanationAddsUp();
    void explanationSentences();
    void explanationMarksAdjustedWeights();

private:
    static ComparisonVector sampleVector();
    ModelParameters m_parameters;
};

void tst_FellegiSunter::initTestCase()
{
    m_parameters = ModelParameters::startingValues();
    QVERIFY_RESULT(FellegiSunterModel::create(m_parameters));
}

ComparisonVector tst_FellegiSunter::sampleVector()
{
    ComparisonVector vector;
    vector.setLevel(Field::GivenName, GivenNameLevel::Nickname);
    vector.setLevel(Field::FamilyName, FamilyNameLevel::Exact);
    vector.setLevel(Field::BirthDate, BirthDateLevel::OneComponentDiffers);
    vector.setLevel(Field::Sex, SexLevel::Agree);
    vector.setLevel(Field::Postcode, PostcodeLevel::Disagree);
    vector.setLevel(Field::Address, AddressLevel::Missing);
    vector.setLevel(Field::Uprn, UprnLevel::Missing);
    return vector;
}

void tst_FellegiSunter::rejectsBadParameters_data()
{
    QTest::addColumn<int>("fault");
    QTest::newRow("lambda 0") << 0;
    QTest::newRow("lambda 1") << 1;
    QTest::newRow("lambda NaN") << 2;
    QTest::newRow("m does not sum to 1") << 3;
    QTest::newRow("negative u") << 4;
}

void tst_FellegiSunter::rejectsBadParameters()
{
    QFETCH(int, fault);
    ModelParameters p = m_parameters;
    switch (fault) {
    case 0:
        p.lambda = 0.0;
        break;
    case 1:
        p.lambda = 1.0;
        break;
    case 2:
        p.lambda = std::nan("");
        break;
    case 3:
        p[Field::Postcode].m[kExactLevel] += 0.1;
        break;
    case 4:
        p[Field::Sex].u[1] = -0.5;
        p[Field::Sex].u[2] = 1.5;
        break;
    }
    const Result<FellegiSunterModel> model = FellegiSunterModel::create(p);
    QVERIFY(!model.ok());
    QVERIFY(!model.error().message.isEmpty());
}

void tst_FellegiSunter::weightIsTheSumOfLevelWeights()
{
    const FellegiSunterModel model = FellegiSunterModel::create(m_parameters).value();
    const ComparisonVector vector = sampleVector();
    const ModelParameters &p = m_parameters;
    const auto w = [&p](Field field, int level) {
        return std::log2(p[field].m[std::size_t(level)] / p[field].u[std::size_t(level)]);
    };
    // By hand: the five present fields; address and UPRN are missing and add nothing.
    const double expected = w(Field::GivenName, int(GivenNameLevel::Nickname))
                            + w(Field::FamilyName, int(FamilyNameLevel::Exact))
                            + w(Field::BirthDate, int(BirthDateLevel::OneComponentDiffers))
                            + w(Field::Sex, int(SexLevel::Agree))
                            + w(Field::Postcode, int(PostcodeLevel::Disagree));
    QVERIFY(qAbs(model.matchWeight(vector) - expected) < 1e-12);
    // Starting values: nickname 0.03 / 0.002 (normalised), family exact 0.85 / 0.005, ...
    QVERIFY(qAbs(model.levelWeight(Field::Sex, int(SexLevel::Agree)) - std::log2(0.97 / 0.5))
            < 1e-12);
    QCOMPARE(model.levelWeight(Field::Address, kMissingLevel), 0.0);
    QCOMPARE(model.matchWeight(ComparisonVector()), 0.0);

    const FieldWeights weights = model.fieldWeights(vector);
    double sum = 0.0;
    for (const double weight : weights)
        sum += weight;
    QVERIFY(qAbs(sum - expected) < 1e-12);

    const double probability = model.matchProbability(vector);
    const double odds = std::exp2(expected) * m_parameters.lambda / (1.0 - m_parameters.lambda);
    QVERIFY(qAbs(probability - odds / (1.0 + odds)) < 1e-12);
}

void tst_FellegiSunter::probabilityFromWeight_data()
{
    QTest::addColumn<double>("weight");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("probability");

    QTest::newRow("even prior, no evidence") << 0.0 << 0.5 << 0.5;
    QTest::newRow("even prior, one bit") << 1.0 << 0.5 << 2.0 / 3.0;
    QTest::newRow("prior cancels the weight") << std::log2(99.0) << 0.01 << 0.5;
    QTest::newRow("strong evidence") << 20.0 << 0.001 << 1.0 / (1.0 + 999.0 / 1048576.0);
    QTest::newRow("against") << -10.0 << 0.5 << 1.0 / 1025.0;
}

void tst_FellegiSunter::probabilityFromWeight()
{
    QFETCH(double, weight);
    QFETCH(double, lambda);
    QFETCH(double, probability);
    QVERIFY(qAbs(FellegiSunterModel::probabilityFromWeight(weight, lambda) - probability) < 1e-12);
}

void tst_FellegiSunter::floorKeepsWeightsFinite()
{
    ModelParameters p = m_parameters;
    p[Field::Uprn].m = {0.0, 1.0, 0.0};
    p[Field::Uprn].u = {0.0, 0.0, 1.0};
    const FellegiSunterModel model = FellegiSunterModel::create(p).value();
    QVERIFY(qAbs(model.levelWeight(Field::Uprn, kExactLevel) - std::log2(1.0 / kProbabilityFloor))
            < 1e-9);
    QVERIFY(std::isfinite(model.levelWeight(Field::Uprn, int(UprnLevel::Disagree))));
}

void tst_FellegiSunter::termFrequencyAdjustment()
{
    const FellegiSunterModel model = FellegiSunterModel::create(m_parameters).value();
    const double mExact = model.m(Field::FamilyName, kExactLevel);
    // A rare name counts for more than the average exact match; a common one for less.
    const double rare = model.termFrequencyAdjustedWeight(Field::FamilyName, kExactLevel, 0.0001);
    const double common = model.termFrequencyAdjustedWeight(Field::FamilyName, kExactLevel, 0.02);
    QVERIFY(qAbs(rare - std::log2(mExact / 0.0001)) < 1e-12);
    QVERIFY(qAbs(common - std::log2(mExact / 0.02)) < 1e-12);
    QVERIFY(rare > model.levelWeight(Field::FamilyName, kExactLevel));
    QVERIFY(common < model.levelWeight(Field::FamilyName, kExactLevel));
    // Other levels, and frequencies that say nothing, are left alone.
    const int phonetic = int(FamilyNameLevel::Phonetic);
    QCOMPARE(model.termFrequencyAdjustedWeight(Field::FamilyName, phonetic, 0.02),
             model.levelWeight(Field::FamilyName, phonetic));
    QCOMPARE(model.termFrequencyAdjustedWeight(Field::FamilyName, kExactLevel, 0.0),
             model.levelWeight(Field::FamilyName, kExactLevel));
    QCOMPARE(model.termFrequencyAdjustedWeight(Field::FamilyName, kExactLevel, 1.5),
             model.levelWeight(Field::FamilyName, kExactLevel));
}

void tst_FellegiSunter::termFrequencyTable()
{
    TermFrequencyTable table;
    table.add(QStringLiteral("SMITH"), 3);
    table.add(QStringLiteral("JONES"));
    table.add(QString()); // missing, not counted
    QCOMPARE(table.total(), 4);
    QCOMPARE(table.frequency(QStringLiteral("SMITH")), 0.75);
    QCOMPARE(table.frequency(QStringLiteral("JONES")), 0.25);
    QCOMPARE(table.frequency(QStringLiteral("BROWN")), 0.0);
    QCOMPARE(TermFrequencyTable().frequency(QStringLiteral("SMITH")), 0.0);
}

void tst_FellegiSunter::explanationAddsUp()
{
    const FellegiSunterModel model = FellegiSunterModel::create(m_parameters).value();
    const ComparisonVector vector = sampleVector();
    const MatchExplanation explanation = explainMatch(model, vector);
    QCOMPARE(int(explanation.contributions.size()), kFieldCount);
    QVERIFY(qAbs(explanation.matchWeight - model.matchWeight(vector)) < 1e-12);
    QVERIFY(qAbs(explanation.priorWeight - std::log2(0.01 / 0.99)) < 1e-12);
    QVERIFY(qAbs(explanation.probability - model.matchProbability(vector)) < 1e-12);
    for (std::size_t i = 0; i < explanation.contributions.size(); ++i) {
        const FieldContribution &c = explanation.contributions[i];
        QCOMPARE(c.field, kFields[i]);
        QCOMPARE(c.level, vector.level(c.field));
        QCOMPARE(c.weight, model.levelWeight(c.field, c.level));
        QCOMPARE(c.levelKey, levelKey(c.field, c.level));
        QVERIFY(!c.termFrequencyAdjusted);
        QVERIFY(!c.fieldLabel.isEmpty());
        QVERIFY(!c.levelLabel.isEmpty());
    }
}

void tst_FellegiSunter::explanationSentences()
{
    const FellegiSunterModel model = FellegiSunterModel::create(m_parameters).value();
    const MatchExplanation explanation = explainMatch(model, sampleVector());
    const auto sentence = [&explanation](Field field) {
        return explanation.contributions[std::size_t(field)].sentence;
    };
    QCOMPARE(explanation.priorSentence,
             QStringLiteral("Before any field is compared, about 1 pair in 100 is expected to be "
                            "the same person."));
    QVERIFY2(sentence(Field::GivenName)
                 .startsWith(QStringLiteral("One given name is a nickname or short form of the "
                                            "other. That is ")),
             qPrintable(sentence(Field::GivenName)));
    QVERIFY(sentence(Field::GivenName)
                .endsWith(QStringLiteral("times as likely for records of the same person as for "
                                         "records of two different people.")));
    // Family exact: 0.85 / 0.005 (before normalising), about 170 times.
    QVERIFY2(sentence(Field::FamilyName).contains(QStringLiteral(" 17")),
             qPrintable(sentence(Field::FamilyName)));
    QVERIFY2(sentence(Field::Postcode)
                 .endsWith(QStringLiteral("times as likely for records of two different people "
                                          "as for records of the same person.")),
             qPrintable(sentence(Field::Postcode)));
    QCOMPARE(sentence(Field::Address),
             QStringLiteral("The address is missing from one record or both, or already counted "
                            "with the shared property reference, so it counts neither way here."));
}

void tst_FellegiSunter::explanationMarksAdjustedWeights()
{
    const FellegiSunterModel model = FellegiSunterModel::create(m_parameters).value();
    const ComparisonVector vector = sampleVector();
    FieldWeights weights = model.fieldWeights(vector);
    weights[std::size_t(Field::FamilyName)]
        = model.termFrequencyAdjustedWeight(Field::FamilyName, kExactLevel, 0.0001);
    const MatchExplanation explanation = explainMatch(model, vector, weights);
    const FieldContribution &family = explanation.contributions[std::size_t(Field::FamilyName)];
    QVERIFY(family.termFrequencyAdjusted);
    QVERIFY(family.sentence.contains(QStringLiteral("how common this value is")));
    QVERIFY(!explanation.contributions[std::size_t(Field::GivenName)].termFrequencyAdjusted);
    double sum = 0.0;
    for (const FieldContribution &c : explanation.contributions)
        sum += c.weight;
    QVERIFY(qAbs(explanation.matchWeight - sum) < 1e-12);
    QVERIFY(explanation.matchWeight > model.matchWeight(vector));
}

BV_TEST_MAIN(tst_FellegiSunter)
#include "tst_fellegisunter.moc"
