// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/explanation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace bv::linkage {

namespace {

constexpr char kContext[] = "bv::linkage::Explanation";

// What each level of each field means, as a sentence; the first of each row is Missing.
constexpr const char *kGivenSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The given name is missing from one record or both, so it counts neither "
                      "way."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The given names are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The given name on each record is the family name on the other; both "
                      "names count here, once."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The given names are spelt almost the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The given names are spelt similarly."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The given names sound alike."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "One given name is a nickname or short form of the other."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The given names are different."),
};
constexpr const char *kFamilySentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The family name is missing from one record or both, or already counted "
                      "with the shared home, so it counts neither way here."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The family names are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The family names are spelt almost the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The family names are spelt similarly."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The family names sound alike."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The family names are different."),
};
constexpr const char *kBirthDateSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The date of birth is missing from one record or both, so it counts "
                      "neither way."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The dates of birth are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The dates of birth are the same except that the day and month are "
                      "swapped."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The dates of birth differ only in the day, the month or the year, or by "
                      "one typing slip."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "One record has no date of birth, but it is recorded as a parent or child "
                      "of someone whose date of birth rules out the other record's."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The dates of birth are different."),
};
constexpr const char *kSexSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "Sex is not recorded on one record or both, so it counts neither way."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The recorded sex is the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The recorded sex is different."),
};
constexpr const char *kPostcodeSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The postcode is missing from one record or both, or already counted with "
                      "the shared home, so it counts neither way here."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The postcodes are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The postcodes are different but in the same sector, a few streets "
                      "apart."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The postcodes are different but in the same district."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The postcodes differ by one typing slip."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The postcodes are in different districts."),
};
constexpr const char *kAddressSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The address is missing from one record or both, or already counted with "
                      "the shared property reference, so it counts neither way here."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The addresses are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The addresses share most of their words and their house numbers agree."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The addresses are different."),
};
constexpr const char *kUprnSentences[] = {
    QT_TRANSLATE_NOOP("bv::linkage::Explanation",
                      "The property reference (UPRN) is missing from one record or both, so it "
                      "counts neither way."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The property references (UPRN) are the same."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The identifiers differ by one typing slip."),
    QT_TRANSLATE_NOOP("bv::linkage::Explanation", "The property references (UPRN) are different."),
};

static_assert(std::size(kGivenSentences) == std::size_t(GivenNameLevel::Disagree) + 1);
static_assert(std::size(kFamilySentences) == std::size_t(FamilyNameLevel::Disagree) + 1);
static_assert(std::size(kBirthDateSentences) == std::size_t(BirthDateLevel::Disagree) + 1);
static_assert(std::size(kSexSentences) == std::size_t(SexLevel::Disagree) + 1);
static_assert(std::size(kPostcodeSentences) == std::size_t(PostcodeLevel::Disagree) + 1);
static_assert(std::size(kAddressSentences) == std::size_t(AddressLevel::Disagree) + 1);
static_assert(std::size(kUprnSentences) == std::size_t(UprnLevel::Disagree) + 1);

QString levelSentence(Field field, int level)
{
    const auto pick = [level](const auto &sentences) {
        const bool inRange = level >= 0 && std::size_t(level) < std::size(sentences);
        return QCoreApplication::translate(kContext, sentences[inRange ? level : 0]);
    };
    switch (field) {
    case Field::GivenName:
        return pick(kGivenSentences);
    case Field::FamilyName:
        return pick(kFamilySentences);
    case Field::BirthDate:
        return pick(kBirthDateSentences);
    case Field::Sex:
        return pick(kSexSentences);
    case Field::Postcode:
        return pick(kPostcodeSentences);
    case Field::Address:
        return pick(kAddressSentences);
    case Field::Uprn:
        return pick(kUprnSentences);
    }
    return {};
}

// "12" or "1.5": how many times likelier, to two significant figures at most.
QString ratioText(double bits)
{
    const double ratio = std::exp2(std::abs(bits));
    const QLocale locale;
    if (ratio >= 100.0) {
        const double scale = std::pow(10.0, std::floor(std::log10(ratio)) - 1.0);
        return locale.toString(std::round(ratio / scale) * scale, 'f', 0);
    }
    if (ratio >= 10.0)
        return locale.toString(std::round(ratio), 'f', 0);
    return locale.toString(ratio, 'f', 1);
}

// Below this a field's evidence is too slight to describe as pointing either way.
constexpr double kNeutralBits = 0.1;

QString weightSentence(double bits)
{
    if (std::abs(bits) < kNeutralBits)
        return QCoreApplication::translate(
            "bv::linkage::Explanation",
            "That is about as likely for two different people as for the same person.");
    if (bits > 0)
        return QCoreApplication::translate(
                   "bv::linkage::Explanation",
                   "That is %1 times as likely for records of the same person as for records "
                   "of two different people.")
            .arg(ratioText(bits));
    return QCoreApplication::translate("bv::linkage::Explanation",
                                       "That is %1 times as likely for records of two different "
                                       "people as for records of the same person.")
        .arg(ratioText(bits));
}

QString priorSentence(double lambda)
{
    const double oneIn = std::max(1.0, std::round(1.0 / lambda));
    return QCoreApplication::translate("bv::linkage::Explanation",
                                       "Before any field is compared, about 1 pair in %1 is "
                                       "expected to be the same person.")
        .arg(QLocale().toString(oneIn, 'f', 0));
}

// The fields that counted most each way, by name, then the resulting probability.
QString summarySentence(const MatchExplanation &explanation)
{
    std::vector<const FieldContribution *> sorted;
    for (const FieldContribution &contribution : explanation.contributions) {
        if (std::abs(contribution.weight) >= kNeutralBits)
            sorted.push_back(&contribution);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto *x, const auto *y) {
        return std::abs(x->weight) > std::abs(y->weight);
    });
    QStringList forMatch;
    QStringList against;
    for (const FieldContribution *contribution : sorted) {
        QStringList &side = contribution->weight > 0 ? forMatch : against;
        if (side.size() < 3)
            side << contribution->fieldLabel.toLower();
    }
    const QString none = QCoreApplication::translate("bv::linkage::Explanation", "nothing");
    QString percent;
    if (explanation.probability > 0.999)
        percent = QCoreApplication::translate("bv::linkage::Explanation", "more than 99.9%");
    else if (explanation.probability < 0.001)
        percent = QCoreApplication::translate("bv::linkage::Explanation", "less than 0.1%");
    else
        percent = QLocale().toString(explanation.probability * 100.0, 'f', 1) + QLatin1Char('%');
    return QCoreApplication::translate("bv::linkage::Explanation",
                                       "Counted most for the same person: %1. Counted most "
                                       "against: %2. Probability of the same person: %3.")
        .arg(forMatch.isEmpty() ? none : forMatch.join(QStringLiteral(", ")),
             against.isEmpty() ? none : against.join(QStringLiteral(", ")), percent);
}

} // namespace

MatchExplanation explainMatch(const FellegiSunterModel &model, const ComparisonVector &vector)
{
    return explainMatch(model, vector, model.fieldWeights(vector));
}

MatchExplanation explainMatch(const FellegiSunterModel &model, const ComparisonVector &vector,
                              const FieldWeights &weights)
{
    MatchExplanation explanation;
    explanation.priorWeight = model.priorWeight();
    explanation.priorSentence = priorSentence(model.lambda());
    explanation.contributions.reserve(std::size_t(kFieldCount));
    for (const Field field : kFields) {
        FieldContribution contribution;
        contribution.field = field;
        contribution.level = vector.level(field);
        contribution.levelKey = levelKey(field, contribution.level);
        contribution.fieldLabel = fieldLabel(field);
        contribution.levelLabel = levelLabel(field, contribution.level);
        const bool missing = contribution.level == kMissingLevel;
        contribution.weight = missing ? 0.0 : weights[std::size_t(field)];
        contribution.termFrequencyAdjusted
            = !missing && contribution.weight != model.levelWeight(field, contribution.level);
        contribution.sentence = levelSentence(field, contribution.level);
        if (field == Field::FamilyName
            && vector.level(Field::GivenName) == int(GivenNameLevel::Swapped))
            contribution.sentence = QCoreApplication::translate(
                "bv::linkage::Explanation",
                "The names are exchanged between the records: counted once, with the given "
                "name.");
        if (!missing) {
            contribution.sentence += QLatin1Char(' ') + weightSentence(contribution.weight);
            if (contribution.termFrequencyAdjusted)
                contribution.sentence += QLatin1Char(' ')
                                         + QCoreApplication::translate(
                                             "bv::linkage::Explanation",
                                             "The weight allows for how common this value is "
                                             "among all records.");
        }
        explanation.matchWeight += contribution.weight;
        explanation.contributions.push_back(std::move(contribution));
    }
    explanation.probability
        = FellegiSunterModel::probabilityFromWeight(explanation.matchWeight, model.lambda());
    explanation.summary = summarySentence(explanation);
    return explanation;
}

} // namespace bv::linkage
