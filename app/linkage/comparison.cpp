// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/comparison.h"

#include "linkage/stringcompare.h"

namespace bv::linkage {

namespace {

// The levels both name fields share, before the field's own last ones.
enum class NameSimilarity { Exact, JaroWinklerHigh, JaroWinklerMedium, Phonetic, None };

NameSimilarity nameSimilarity(const QString &a, const QString &b, const PhoneticKey &codesA,
                              const PhoneticKey &codesB)
{
    if (a == b)
        return NameSimilarity::Exact;
    const double similarity = jaroWinkler(a, b);
    if (similarity >= kNameJaroWinklerHigh)
        return NameSimilarity::JaroWinklerHigh;
    if (similarity >= kNameJaroWinklerMedium)
        return NameSimilarity::JaroWinklerMedium;
    if (codesA.soundsLike(codesB))
        return NameSimilarity::Phonetic;
    return NameSimilarity::None;
}

// Given and family names exchanged between the records: forms filled in the wrong order, or
// a name order the system did not expect. Both names must be present on both sides and
// differ, or every record whose given and family names are equal ("JAMES JAMES") would count;
// that also means swapped given names are never equal, so exact agreement cannot be hidden.
bool namesSwapped(const ComparableRecord &a, const ComparableRecord &b)
{
    return a.givenName == b.familyName && a.familyName == b.givenName && !a.givenName.isEmpty()
           && !a.familyName.isEmpty() && a.givenName != a.familyName;
}

} // namespace

GivenNameLevel compareGivenNames(const ComparableRecord &a, const ComparableRecord &b)
{
    if (a.givenName.isEmpty() || b.givenName.isEmpty())
        return GivenNameLevel::Missing;
    switch (nameSimilarity(a.givenName, b.givenName, a.givenPhonetic, b.givenPhonetic)) {
    case NameSimilarity::Exact:
        return GivenNameLevel::Exact;
    case NameSimilarity::JaroWinklerHigh:
        return GivenNameLevel::JaroWinkler94;
    case NameSimilarity::JaroWinklerMedium:
        return GivenNameLevel::JaroWinkler88;
    case NameSimilarity::Phonetic:
        return GivenNameLevel::Phonetic;
    case NameSimilarity::None:
        break;
    }
    return shareNicknameGroup(a.givenNicknames, b.givenNicknames) ? GivenNameLevel::Nickname
                                                                  : GivenNameLevel::Disagree;
}

FamilyNameLevel compareFamilyNames(const ComparableRecord &a, const ComparableRecord &b)
{
    if (a.familyName.isEmpty() || b.familyName.isEmpty())
        return FamilyNameLevel::Missing;
    switch (nameSimilarity(a.familyName, b.familyName, a.familyPhonetic, b.familyPhonetic)) {
    case NameSimilarity::Exact:
        return FamilyNameLevel::Exact;
    case NameSimilarity::JaroWinklerHigh:
        return FamilyNameLevel::JaroWinkler94;
    case NameSimilarity::JaroWinklerMedium:
        return FamilyNameLevel::JaroWinkler88;
    case NameSimilarity::Phonetic:
        return FamilyNameLevel::Phonetic;
    case NameSimilarity::None:
        break;
    }
    return FamilyNameLevel::Disagree;
}

SexLevel compareSex(char a, char b)
{
    if (a == 0 || b == 0)
        return SexLevel::Missing;
    return a == b ? SexLevel::Agree : SexLevel::Disagree;
}

PostcodeLevel comparePostcodes(const PostcodeKey &a, const PostcodeKey &b)
{
    if (a.isEmpty() || b.isEmpty())
        return PostcodeLevel::Missing;
    if (a.unit == b.unit)
        return PostcodeLevel::Exact;
    if (a.sector == b.sector)
        return PostcodeLevel::Sector;
    if (a.district == b.district)
        return PostcodeLevel::District;
    return PostcodeLevel::Disagree;
}

AddressLevel compareAddresses(const NormalisedAddress &a, const NormalisedAddress &b)
{
    if (a.isEmpty() || b.isEmpty())
        return AddressLevel::Missing;
    // The hash rules out almost every different pair without reading either text.
    if (a.textHash == b.textHash && a.text == b.text)
        return AddressLevel::Exact;
    const TokenOverlap overlap = tokenOverlap(a.tokens, b.tokens);
    if (overlap.numbersConsistent && overlap.dice >= kAddressOverlapHigh)
        return AddressLevel::TokenOverlapHigh;
    return AddressLevel::Disagree;
}

UprnLevel compareUprns(std::uint64_t a, std::uint64_t b)
{
    if (a == 0 || b == 0)
        return UprnLevel::Missing;
    return a == b ? UprnLevel::Exact : UprnLevel::Disagree;
}

ComparisonVector compare(const ComparableRecord &a, const ComparableRecord &b)
{
    ComparisonVector vector;
    if (namesSwapped(a, b)) {
        vector.setLevel(Field::GivenName, GivenNameLevel::Swapped);
        vector.setLevel(Field::FamilyName, FamilyNameLevel::Swapped);
    } else {
        vector.setLevel(Field::GivenName, compareGivenNames(a, b));
        vector.setLevel(Field::FamilyName, compareFamilyNames(a, b));
    }
    vector.setLevel(Field::BirthDate, compareBirthDates(a.birthParts, b.birthParts));
    vector.setLevel(Field::Sex, compareSex(a.sex, b.sex));
    // Where the person lives, most specific first: an agreement leaves the fields it implies
    // Missing (see comparison.h).
    const UprnLevel uprn = compareUprns(a.uprn, b.uprn);
    vector.setLevel(Field::Uprn, uprn);
    if (!a.dwellingAddressing || !b.dwellingAddressing) {
        vector.setLevel(Field::Address, compareAddresses(a.address, b.address));
        vector.setLevel(Field::Postcode, comparePostcodes(a.postcodeKey, b.postcodeKey));
        return vector;
    }
    const AddressLevel address
        = uprn == UprnLevel::Exact ? AddressLevel::Missing : compareAddresses(a.address, b.address);
    vector.setLevel(Field::Address, address);
    const bool sameDwelling = uprn == UprnLevel::Exact || address == AddressLevel::Exact
                              || address == AddressLevel::TokenOverlapHigh;
    if (!sameDwelling)
        vector.setLevel(Field::Postcode, comparePostcodes(a.postcodeKey, b.postcodeKey));
    else if (vector.level(Field::FamilyName) == int(FamilyNameLevel::Exact))
        vector.setLevel(Field::FamilyName, FamilyNameLevel::Missing);
    return vector;
}

} // namespace bv::linkage
