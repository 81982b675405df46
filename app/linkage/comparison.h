// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/comparablerecord.h"
#include "linkage/comparisonvector.h"

namespace bv::linkage {

// The thresholds behind the levels. Jaro-Winkler 0.94 and 0.88 are the cut-offs usual in
// name linkage (0.94 keeps most single-letter typos of names longer than four letters and
// little else); a Dice of 0.8 over address words allows a missing flat prefix or town.
inline constexpr double kNameJaroWinklerHigh = 0.94;
inline constexpr double kNameJaroWinklerMedium = 0.88;
inline constexpr double kAddressOverlapHigh = 0.8;

// Compares two prepared records field by field. UPRN, address and postcode all say where a
// person lives, and one shared dwelling makes all three agree: summed as independent evidence
// it would count three times, enough to outweigh a different given name and date of birth,
// so every member of a household would look like one person. So the most specific agreement
// speaks for the dwelling and leaves what it implies Missing (no further evidence): the same
// UPRN leaves address and postcode Missing, the same address (exact or most words) leaves the
// postcode Missing. And as household members share a family name, a shared home leaves a
// family name that agrees, exactly or nearly, Missing too (a different family name still
// counts against; a near one is as likely a household's spelling variant): otherwise
// a parent's record with no date of birth (a school's contact) would link to a child at the
// same home on the family name and the home alone. Disagreements are all kept. Only for UK
// addressing (ComparableRecord::dwellingAddressing); otherwise every field is compared as
// independent evidence. Deterministic and symmetric
// (compare(a, b) == compare(b, a)), allocates nothing for names of up to 64 characters, and
// safe to call from many threads at once.
[[nodiscard]] ComparisonVector compare(const ComparableRecord &a, const ComparableRecord &b);

// The single fields, for tests and for callers that compare one field alone. Name levels
// other than Swapped need only the one field; Swapped needs both names of both records,
// which is why compare() decides it. compare() also moves a date of birth one typing slip
// apart from Disagree to OneComponentDiffers.
[[nodiscard]] GivenNameLevel compareGivenNames(const ComparableRecord &a,
                                               const ComparableRecord &b);
[[nodiscard]] FamilyNameLevel compareFamilyNames(const ComparableRecord &a,
                                                 const ComparableRecord &b);
[[nodiscard]] SexLevel compareSex(char a, char b);
// By postcodeKey, then one typing slip apart in the postcode text.
[[nodiscard]] PostcodeLevel comparePostcodes(const ComparableRecord &a, const ComparableRecord &b);
[[nodiscard]] AddressLevel compareAddresses(const NormalisedAddress &a, const NormalisedAddress &b);
// The uprn fields (uprnNumber, 0 for none); OneEdit only when neither record uses dwelling
// addressing (see UprnLevel).
[[nodiscard]] UprnLevel compareUprns(const ComparableRecord &a, const ComparableRecord &b);

} // namespace bv::linkage
