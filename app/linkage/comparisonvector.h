// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/datecompare.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <cstdint>
#include <type_traits>

// What a comparison of two records says, field by field: one level per field. The levels of
// each field are an ordered list from the most specific agreement to disagreement. Two rules
// hold for every field, and the rest of linkage relies on them:
// - level 0 is Missing: one record or both lack the field, so it is no evidence (weight 0);
// - level 1 is exact agreement, the level term-frequency adjustment applies to.
namespace bv::linkage {

enum class Field : std::uint8_t { GivenName, FamilyName, BirthDate, Sex, Postcode, Address, Uprn };

inline constexpr int kFieldCount = 7;
inline constexpr std::array<Field, kFieldCount> kFields{
    Field::GivenName, Field::FamilyName, Field::BirthDate, Field::Sex,
    Field::Postcode,  Field::Address,    Field::Uprn};
// The most levels any field has; sizes the fixed arrays of per-level parameters.
inline constexpr int kMaxLevels = 8;
inline constexpr int kMissingLevel = 0;
inline constexpr int kExactLevel = 1;

// Names: the first matching level wins, in this order. Jaro-Winkler thresholds are those
// commonly used for given and family names (0.94 for a likely typo, 0.88 for a looser one).
enum class GivenNameLevel : std::uint8_t {
    Missing,
    Exact,
    Swapped,       // this record's given name is the other's family name and vice versa
    JaroWinkler94, // Jaro-Winkler >= 0.94
    JaroWinkler88, // Jaro-Winkler >= 0.88
    Phonetic,      // a Double Metaphone code in common
    Nickname,      // the nickname table puts them in one row (Bill, William)
    Disagree,
};

// As given names, without nicknames.
// No Swapped level: names exchanged are one event, counted once on the given name, with the
// family name left Missing.
enum class FamilyNameLevel : std::uint8_t {
    Missing,
    Exact,
    JaroWinkler94,
    JaroWinkler88,
    Phonetic,
    Disagree,
};

// BirthDateLevel is in datecompare.h.

enum class SexLevel : std::uint8_t { Missing, Agree, Disagree };

// Postcode units share a sector ("NR1 3") or at least a district ("NR1") when people move
// nearby or a digit of the inward code is mistyped.
// OneEdit: otherwise one typing slip apart (see withinOneEdit), which in a UK postcode means
// the outward code was mistyped, and in a postcode without sectors is the only near level.
enum class PostcodeLevel : std::uint8_t { Missing, Exact, Sector, District, OneEdit, Disagree };

// Addresses as normalised text (see addressnormaliser.h): identical, or most words shared
// with the house numbers consistent.
enum class AddressLevel : std::uint8_t { Missing, Exact, TokenOverlapHigh, Disagree };

// OneEdit only where the field is a person's identifier (ComparableRecord::dwellingAddressing
// false): neighbouring properties' UPRNs are often one digit apart, so a near UPRN says
// nothing for one home, while a near identifier is most likely a typing slip.
enum class UprnLevel : std::uint8_t { Missing, Exact, OneEdit, Disagree };

// How many levels a field has, Missing included.
[[nodiscard]] int levelCount(Field field);

// Stable ASCII keys for storing parameters and explanations ("given_name", "jw94"); never
// translated, never renamed.
[[nodiscard]] QLatin1StringView fieldKey(Field field);
[[nodiscard]] QLatin1StringView levelKey(Field field, int level);
// For people: "Given name", "Jaro-Winkler 0.94 or more" (translated).
[[nodiscard]] QString fieldLabel(Field field);
[[nodiscard]] QString levelLabel(Field field, int level);

// One level per field: the outcome of comparing two records. A default-constructed vector
// is all Missing.
class ComparisonVector
{
public:
    constexpr ComparisonVector() = default;

    constexpr int level(Field field) const { return m_levels[index(field)]; }
    // level between 0 and levelCount(field) - 1; compare() only makes such levels.
    constexpr void setLevel(Field field, int level)
    {
        Q_ASSERT(level >= 0 && level < kMaxLevels);
        m_levels[index(field)] = std::uint8_t(level);
    }
    template<typename Level>
    requires std::is_enum_v<Level>
    constexpr void setLevel(Field field, Level level) { setLevel(field, int(level)); }

    // Three bits per field: the key under which identical vectors are counted together.
    constexpr std::uint32_t packed() const
    {
        std::uint32_t key = 0;
        for (int i = kFieldCount - 1; i >= 0; --i)
            key = (key << kBitsPerField) | m_levels[std::size_t(i)];
        return key;
    }
    static constexpr ComparisonVector fromPacked(std::uint32_t key)
    {
        ComparisonVector vector;
        for (std::size_t i = 0; i < std::size_t(kFieldCount); ++i) {
            vector.m_levels[i] = std::uint8_t(key & kFieldMask);
            key >>= kBitsPerField;
        }
        return vector;
    }

    friend constexpr bool operator==(const ComparisonVector &, const ComparisonVector &) = default;

private:
    static constexpr int kBitsPerField = 3;
    static constexpr std::uint32_t kFieldMask = (1U << kBitsPerField) - 1;
    static_assert(kMaxLevels <= (1 << kBitsPerField));

    static constexpr std::size_t index(Field field) { return std::size_t(field); }

    std::array<std::uint8_t, kFieldCount> m_levels{};
};

} // namespace bv::linkage
