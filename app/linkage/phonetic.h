// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>

// Phonetic keys for names, so that spellings that sound alike ("Smith", "Smyth", "Schmidt")
// can agree when their letters do not.
namespace bv::linkage {

// The two codes Double Metaphone gives a name. The alphabet is A (an initial vowel), F, H, J,
// K, L, M, N, P, R, S, T, X (the "sh" sound) and 0 (zero, the "th" sound). alternate is the
// second reading of names with two plausible pronunciations (Smith: SM0, and XMT as the
// German Schmidt would be said); where there is only one reading it equals primary, so a
// caller compares all four combinations without special cases. Both are empty when the
// name has no letters.
struct PhoneticCodes
{
    QString primary;
    QString alternate;

    bool isEmpty() const { return primary.isEmpty() && alternate.isEmpty(); }
    // Two names sound alike when any code of one equals any code of the other.
    bool soundsLike(const PhoneticCodes &other) const;

    friend bool operator==(const PhoneticCodes &, const PhoneticCodes &) = default;
};

// The codes packed into integers, one ASCII character a byte, which is what a prepared
// record keeps: comparing two then needs no string. 0 stands for no code. Only the first
// four characters of a code are kept, which is the whole of a code of the usual length.
struct PhoneticKey
{
    std::uint32_t primary = 0;
    std::uint32_t alternate = 0;

    [[nodiscard]] static PhoneticKey from(const PhoneticCodes &codes);
    bool soundsLike(const PhoneticKey &other) const
    {
        return (primary != 0 && (primary == other.primary || primary == other.alternate))
               || (alternate != 0 && (alternate == other.primary || alternate == other.alternate));
    }

    friend bool operator==(const PhoneticKey &, const PhoneticKey &) = default;
};

// Codes no longer than this, as in Philips' published algorithm: four consonant sounds
// separate names well, and longer codes make spelling noise late in a name count again.
inline constexpr int kDoubleMetaphoneLength = 4;

// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users
// Journal, June 2000), implemented here from the rules the article describes. Expects the
// comparable form of a name (feeds::normaliseName: upper case A-Z, words separated by one
// space), and upper-cases anything else it is given; characters other than letters are
// skipped. A multi-word name is coded as one string, as in the original ("VAN ", "SAN " at
// the start change the rules).
[[nodiscard]] PhoneticCodes doubleMetaphone(QStringView name,
                                            int maxLength = kDoubleMetaphoneLength);

} // namespace bv::linkage
