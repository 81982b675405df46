// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/comparison.h"

#include "linkage/stringcompare.h"

#include <array>

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
// a name order the system did not expect. One name must agree crosswise exactly and the
// other at least nearly (a typo made while swapping: "CHLOE RYAN" and "RYNA CHLOE"). Both
// names must be present on both sides and a record's two names differ, or every record whose
// given and family names are equal ("JAMES JAMES") would count; and given names that agree
// exactly are compared as they are, so exact agreement is never hidden.
bool namesSwapped(const ComparableRecord &a, const ComparableRecord &b)
{
    if (a.givenName.isEmpty() || a.familyName.isEmpty() || b.givenName.isEmpty()
        || b.familyName.isEmpty() || a.givenName == a.familyName || b.givenName == b.familyName
        || a.givenName == b.givenName)
        return false;
    if (a.givenName == b.familyName)
        return a.familyName == b.givenName
               || jaroWinkler(a.familyName, b.givenName) >= kNameJaroWinklerMedium;
    if (a.familyName == b.givenName)
        return jaroWinkler(a.givenName, b.familyName) >= kNameJaroWinklerMedium;
    return false;
}

// Digits on the stack, for withinOneEdit without allocating.
struct Digits
{
    std::array<char16_t, 24> text{};
    qsizetype size = 0;
    QStringView view() const { return {text.data(), size}; }
};

Digits decimalDigits(std::uint64_t value)
{
    Digits digits;
    std::array<char16_t, 24> reversed{};
    do {
        reversed[std::size_t(digits.size++)] = char16_t(u'0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (qsizetype i = 0; i < digits.size; ++i)
        digits.text[std::size_t(i)] = reversed[std::size_t(digits.size - 1 - i)];
    return digits;
}

// yyyyMMdd, as the date would be typed.
Digits dateDigits(const DateParts &date)
{
    return decimalDigits(std::uint64_t(date.year) * 10000 + std::uint64_t(date.month) * 100
                         + std::uint64_t(date.day));
}

// Whether undated's relationships rule out dated's date of birth for it.
bool birthRuledOut(const ComparableRecord &undated, const ComparableRecord &dated)
{
    if (undated.birthParts.isValid() || !dated.birthParts.isValid())
        return false;
    return (undated.bornBy.isValid() && dated.birthParts > undated.bornBy)
           || (undated.bornAfter.isValid() && dated.birthParts < undated.bornAfter);
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

PostcodeLevel comparePostcodes(const ComparableRecord &a, const ComparableRecord &b)
{
    const PostcodeKey &keyA = a.postcodeKey;
    const PostcodeKey &keyB = b.postcodeKey;
    if (keyA.isEmpty() || keyB.isEmpty())
        return PostcodeLevel::Missing;
    if (keyA.unit == keyB.unit)
        return PostcodeLevel::Exact;
    if (keyA.sector == keyB.sector)
        return PostcodeLevel::Sector;
    if (keyA.district == keyB.district)
        return PostcodeLevel::District;
    return withinOneEdit(a.postcode, b.postcode) ? PostcodeLevel::OneEdit : PostcodeLevel::Disagree;
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

UprnLevel compareUprns(const ComparableRecord &a, const ComparableRecord &b)
{
    if (a.uprn == 0 || b.uprn == 0)
        return UprnLevel::Missing;
    if (a.uprn == b.uprn)
        return UprnLevel::Exact;
    if (a.dwellingAddressing || b.dwellingAddressing)
        return UprnLevel::Disagree;
    return withinOneEdit(decimalDigits(a.uprn).view(), decimalDigits(b.uprn).view())
               ? UprnLevel::OneEdit
               : UprnLevel::Disagree;
}

ComparisonVector compare(const ComparableRecord &a, const ComparableRecord &b)
{
    ComparisonVector vector;
    if (namesSwapped(a, b)) {
        vector.setLevel(Field::GivenName, GivenNameLevel::Swapped);
        // One event, counted once: PairScorer weighs it by how common both names are.
        vector.setLevel(Field::FamilyName, FamilyNameLevel::Missing);
    } else {
        vector.setLevel(Field::GivenName, compareGivenNames(a, b));
        vector.setLevel(Field::FamilyName, compareFamilyNames(a, b));
    }
    vector.setLevel(Field::BirthDate, compareBirthDates(a.birthParts, b.birthParts));
    if (vector.level(Field::BirthDate) == int(BirthDateLevel::Missing)
        && (birthRuledOut(a, b) || birthRuledOut(b, a)))
        vector.setLevel(Field::BirthDate, BirthDateLevel::RuledOut);
    // A typing slip that runs across two parts of the date (1985-10-12 typed as 1985-11-02)
    // is as near as one that changes one part.
    if (vector.level(Field::BirthDate) == int(BirthDateLevel::Disagree)
        && withinOneEdit(dateDigits(a.birthParts).view(), dateDigits(b.birthParts).view()))
        vector.setLevel(Field::BirthDate, BirthDateLevel::OneComponentDiffers);
    vector.setLevel(Field::Sex, compareSex(a.sex, b.sex));
    // Where the person lives, most specific first: an agreement leaves the fields it implies
    // Missing (see comparison.h).
    const UprnLevel uprn = compareUprns(a, b);
    vector.setLevel(Field::Uprn, uprn);
    if (!a.dwellingAddressing || !b.dwellingAddressing) {
        vector.setLevel(Field::Address, compareAddresses(a.address, b.address));
        vector.setLevel(Field::Postcode, comparePostcodes(a, b));
        return vector;
    }
    const AddressLevel address
        = uprn == UprnLevel::Exact ? AddressLevel::Missing : compareAddresses(a.address, b.address);
    vector.setLevel(Field::Address, address);
    const bool sameDwelling = uprn == UprnLevel::Exact || address == AddressLevel::Exact
                              || address == AddressLevel::TokenOverlapHigh;
    if (!sameDwelling)
        vector.setLevel(Field::Postcode, comparePostcodes(a, b));
    else if (const int family = vector.level(Field::FamilyName);
             family != int(FamilyNameLevel::Disagree))
        vector.setLevel(Field::FamilyName, FamilyNameLevel::Missing);
    return vector;
}

} // namespace bv::linkage
