// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/comparisonvector.h"

#include <QCoreApplication>

#include <span>

namespace bv::linkage {

namespace {

constexpr char kLevelContext[] = "bv::linkage::Level";

struct LevelName
{
    const char *key;
    const char *label; // marked for lupdate, translated when asked for
};

constexpr LevelName kGivenLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"swapped", QT_TRANSLATE_NOOP("bv::linkage::Level", "Given and family names swapped")},
    {"jw94", QT_TRANSLATE_NOOP("bv::linkage::Level", "Jaro-Winkler 0.94 or more")},
    {"jw88", QT_TRANSLATE_NOOP("bv::linkage::Level", "Jaro-Winkler 0.88 or more")},
    {"phonetic", QT_TRANSLATE_NOOP("bv::linkage::Level", "Sounds alike")},
    {"nickname", QT_TRANSLATE_NOOP("bv::linkage::Level", "Nickname")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kFamilyLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"jw94", QT_TRANSLATE_NOOP("bv::linkage::Level", "Jaro-Winkler 0.94 or more")},
    {"jw88", QT_TRANSLATE_NOOP("bv::linkage::Level", "Jaro-Winkler 0.88 or more")},
    {"phonetic", QT_TRANSLATE_NOOP("bv::linkage::Level", "Sounds alike")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kBirthDateLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"day_month_swapped", QT_TRANSLATE_NOOP("bv::linkage::Level", "Day and month swapped")},
    {"one_component",
     QT_TRANSLATE_NOOP("bv::linkage::Level", "Day, month or year differs, or one typing slip")},
    {"ruled_out", QT_TRANSLATE_NOOP("bv::linkage::Level", "Ruled out by a relationship")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kSexLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Agree")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kPostcodeLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"sector", QT_TRANSLATE_NOOP("bv::linkage::Level", "Same sector")},
    {"district", QT_TRANSLATE_NOOP("bv::linkage::Level", "Same district")},
    {"one_edit", QT_TRANSLATE_NOOP("bv::linkage::Level", "One typing slip apart")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kAddressLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"token_overlap", QT_TRANSLATE_NOOP("bv::linkage::Level", "Most words shared")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};
constexpr LevelName kUprnLevels[] = {
    {"missing", QT_TRANSLATE_NOOP("bv::linkage::Level", "Missing")},
    {"exact", QT_TRANSLATE_NOOP("bv::linkage::Level", "Exact")},
    {"one_edit", QT_TRANSLATE_NOOP("bv::linkage::Level", "One typing slip apart")},
    {"disagree", QT_TRANSLATE_NOOP("bv::linkage::Level", "Disagree")},
};

static_assert(std::size(kGivenLevels) == std::size_t(GivenNameLevel::Disagree) + 1);
static_assert(std::size(kFamilyLevels) == std::size_t(FamilyNameLevel::Disagree) + 1);
static_assert(std::size(kBirthDateLevels) == std::size_t(BirthDateLevel::Disagree) + 1);
static_assert(std::size(kSexLevels) == std::size_t(SexLevel::Disagree) + 1);
static_assert(std::size(kPostcodeLevels) == std::size_t(PostcodeLevel::Disagree) + 1);
static_assert(std::size(kAddressLevels) == std::size_t(AddressLevel::Disagree) + 1);
static_assert(std::size(kUprnLevels) == std::size_t(UprnLevel::Disagree) + 1);
static_assert(std::size(kGivenLevels) == std::size_t(kMaxLevels));

std::span<const LevelName> levelsOf(Field field)
{
    switch (field) {
    case Field::GivenName:
        return kGivenLevels;
    case Field::FamilyName:
        return kFamilyLevels;
    case Field::BirthDate:
        return kBirthDateLevels;
    case Field::Sex:
        return kSexLevels;
    case Field::Postcode:
        return kPostcodeLevels;
    case Field::Address:
        return kAddressLevels;
    case Field::Uprn:
        return kUprnLevels;
    }
    return {};
}

const LevelName &levelName(Field field, int level)
{
    const std::span<const LevelName> levels = levelsOf(field);
    // An out-of-range level is a caller's bug; answering "missing" keeps an explanation
    // readable rather than crashing a review screen.
    if (level < 0 || std::size_t(level) >= levels.size())
        return levels[std::size_t(kMissingLevel)];
    return levels[std::size_t(level)];
}

} // namespace

int levelCount(Field field)
{
    return int(levelsOf(field).size());
}

QLatin1StringView fieldKey(Field field)
{
    switch (field) {
    case Field::GivenName:
        return QLatin1StringView("given_name");
    case Field::FamilyName:
        return QLatin1StringView("family_name");
    case Field::BirthDate:
        return QLatin1StringView("birth_date");
    case Field::Sex:
        return QLatin1StringView("sex");
    case Field::Postcode:
        return QLatin1StringView("postcode");
    case Field::Address:
        return QLatin1StringView("address");
    case Field::Uprn:
        return QLatin1StringView("uprn");
    }
    return {};
}

QLatin1StringView levelKey(Field field, int level)
{
    return QLatin1StringView(levelName(field, level).key);
}

QString fieldLabel(Field field)
{
    switch (field) {
    case Field::GivenName:
        return QCoreApplication::translate("bv::linkage::Field", "Given name");
    case Field::FamilyName:
        return QCoreApplication::translate("bv::linkage::Field", "Family name");
    case Field::BirthDate:
        return QCoreApplication::translate("bv::linkage::Field", "Date of birth");
    case Field::Sex:
        return QCoreApplication::translate("bv::linkage::Field", "Sex");
    case Field::Postcode:
        return QCoreApplication::translate("bv::linkage::Field", "Postcode");
    case Field::Address:
        return QCoreApplication::translate("bv::linkage::Field", "Address");
    case Field::Uprn:
        return QCoreApplication::translate("bv::linkage::Field", "UPRN");
    }
    return {};
}

QString levelLabel(Field field, int level)
{
    return QCoreApplication::translate(kLevelContext, levelName(field, level).label);
}

} // namespace bv::linkage
