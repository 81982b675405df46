// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// String similarity for names. Both functions compare UTF-16 code units exactly, so they
// expect the comparable form of a name (feeds::normaliseName: upper case, diacritics removed,
// punctuation folded): "Siân" and "SIAN" only agree once both are normalised. Neither
// allocates for strings of up to 64 code units, which covers every real name.
namespace bv::linkage {

// The Jaro similarity in [0, 1]. Characters match when equal and no further apart than
// max(|a|, |b|) / 2 - 1 positions; t is half the number of matched characters that appear
// in a different order. jaro = (m / |a| + m / |b| + (m - t) / m) / 3, or 0 when m is 0.
// Two empty strings are identical (1); one empty string against a non-empty one gives 0.
// Symmetric: jaro(a, b) == jaro(b, a).
[[nodiscard]] double jaro(QStringView a, QStringView b);

// Winkler's refinement: similarity that starts with the same letters counts for more,
// because typing errors are rarer at the start of a name.
// jaroWinkler = jaro + l * 0.1 * (1 - jaro), where l is the common prefix, at most 4. As in
// Winkler's definition, the boost applies only when jaro exceeds 0.7 (below it, the prefix
// of two otherwise unrelated names is more likely chance).
[[nodiscard]] double jaroWinkler(QStringView a, QStringView b);

// Whether at most one typing slip separates a and b: one character inserted, deleted or
// replaced, or two neighbours exchanged (the optimal string alignment distance is at most 1).
// Exact and symmetric; never allocates.
[[nodiscard]] bool withinOneEdit(QStringView a, QStringView b);

inline constexpr double kWinklerPrefixScale = 0.1;
inline constexpr int kWinklerMaxPrefix = 4;
inline constexpr double kWinklerBoostThreshold = 0.7;

} // namespace bv::linkage
