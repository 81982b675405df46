// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/addressnormaliser.h"
#include "linkage/datecompare.h"
#include "linkage/nicknames.h"
#include "linkage/phonetic.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace bv::linkage {

// One source record's identifying fields as an agency gave them (or as the store keeps them
// in source_person). Any of them may be empty or invalid: a missing field is no evidence.
struct SourceFields
{
    QString givenName; // the first given name; given_norm in the store is fine as it is
    QString familyName;
    QDate birthDate;
    QString sex; // "female", "male", "other", "unknown", or F / M / O / U
    QString postcode;
    QString uprn;
    QString address; // one line, as the source gave it
};

// A canonical postcode ("NR1 3JB", at most eight ASCII characters) with its sector ("NR1 3")
// and district ("NR1"), each packed into an integer so that comparing them reads no string.
// All 0 when there is no postcode.
struct PostcodeKey
{
    std::uint64_t unit = 0;
    std::uint64_t sector = 0;
    std::uint64_t district = 0;

    // canonical as feeds::Postcode::text() gives it; anything else gives an empty key.
    [[nodiscard]] static PostcodeKey from(QStringView canonical);
    bool isEmpty() const { return unit == 0; }
};

// A record ready for compare(): everything that costs time to work out (normalised text,
// phonetic codes, nickname rows, date parts, address words) is worked out once here, so
// comparing a pair allocates nothing and reads little beyond the record itself. The readable
// fields (givenName, postcode, ...) are for people and tests; compare() reads the keys beside
// them. Make these with RecordPreparer.
struct ComparableRecord
{
    QString givenName;  // feeds::normaliseName form, first given name only
    QString familyName; // feeds::normaliseName form
    PhoneticKey givenPhonetic;
    PhoneticKey familyPhonetic;
    NicknameGroups givenNicknames;
    QDate birthDate; // invalid when unknown
    DateParts birthParts;
    // When the date of birth is unknown, the latest and earliest it can be by the record's
    // relationships (a parent is born at least kGenerationYears before their child); invalid
    // when unbounded. Set by whoever knows the relationships (readStoredRecords), not
    // RecordPreparer.
    DateParts bornBy;
    DateParts bornAfter;
    char sex = 0;     // 'F', 'M' or 'O'; 0 when unknown
    QString postcode; // canonical ("NR1 3JB"), empty when absent or not a valid postcode
    PostcodeKey postcodeKey;
    std::uint64_t uprn = 0; // 0 when absent or not a number
    NormalisedAddress address;
    // UK addressing (PostcodeScheme::UnitedKingdom): uprn names a dwelling, so postcode,
    // address and UPRN describe one home and compare() counts a shared home once. Otherwise
    // (link-csv's exact scheme, where uprn may be any identifier, FEBRL's social security
    // number) the fields are independent evidence.
    bool dwellingAddressing = true;
};

// The least a parent is older than their child, for ComparableRecord::bornBy and bornAfter:
// low enough never to rule out a real parent.
inline constexpr int kGenerationYears = 12;

// 'F', 'M' or 'O' for the spellings the store and the feeds use; 0 for unknown or anything
// else.
[[nodiscard]] char sexCode(QStringView sex);

// A UPRN as a number (at most 12 digits; leading zeros, which some systems pad with, do not
// matter); 0 when empty or not a UPRN.
[[nodiscard]] std::uint64_t uprnNumber(QStringView uprn);

// Turns source fields into comparable records. Holds the nickname table by reference, since
// one table serves every record: the table must outlive the preparer (not the records, which
// keep their own copy of what they need). Thread-safe: prepare() only reads.
// How postcodes are read. UK postcodes are parsed and compared by unit, sector and district;
// other systems (FEBRL's Australian four digits) are compared as they are, exactly or not.
enum class PostcodeScheme : std::uint8_t { UnitedKingdom, Exact };

class RecordPreparer
{
public:
    explicit RecordPreparer(const NicknameTable &nicknames,
                            PostcodeScheme postcodes = PostcodeScheme::UnitedKingdom)
        : m_nicknames(nicknames)
        , m_postcodes(postcodes)
    {}

    [[nodiscard]] ComparableRecord prepare(const SourceFields &fields) const;

private:
    const NicknameTable &m_nicknames;
    PostcodeScheme m_postcodes;
};

} // namespace bv::linkage
