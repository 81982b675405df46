// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/addressnormaliser.h"
#include "linkage/nicknames.h"
#include "linkage/phonetic.h"

#include <QDate>
#include <QString>

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

// A record ready for compare(): everything that costs time to work out (normalised text,
// phonetic codes, nickname rows, address words) is worked out once here, so comparing a pair
// allocates nothing. Make these with RecordPreparer.
struct ComparableRecord
{
    QString givenName;  // feeds::normaliseName form
    QString familyName; // feeds::normaliseName form
    PhoneticCodes givenPhonetic;
    PhoneticCodes familyPhonetic;
    NicknameGroups givenNicknames;
    QDate birthDate; // invalid when unknown
    char sex = 0;    // 'F', 'M' or 'O'; 0 when unknown
    QString postcode; // canonical ("NR1 3JB"), empty when absent or not a valid postcode
    QString uprn;     // digits with leading zeros removed, empty when absent or not digits
    NormalisedAddress address;
};

// 'F', 'M' or 'O' for the spellings the store and the feeds use; 0 for unknown or anything
// else.
[[nodiscard]] char sexCode(QStringView sex);

// Turns source fields into comparable records. Holds the nickname table by reference, since
// one table serves every record: the table must outlive the preparer (not the records, which
// keep their own copy of what they need). Thread-safe: prepare() only reads.
class RecordPreparer
{
public:
    explicit RecordPreparer(const NicknameTable &nicknames)
        : m_nicknames(nicknames)
    {}

    [[nodiscard]] ComparableRecord prepare(const SourceFields &fields) const;

private:
    const NicknameTable &m_nicknames;
};

} // namespace bv::linkage
