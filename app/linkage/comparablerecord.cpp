// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/comparablerecord.h"

#include "feeds/personname.h"
#include "feeds/postcode.h"

#include <QHashFunctions>

#include <algorithm>

namespace bv::linkage {

namespace {

constexpr qsizetype kMaxPackedLength = 8;
constexpr qsizetype kMaxUprnDigits = 12;

// Up to eight ASCII characters, one a byte. Distinct strings of that length give distinct
// keys, and no non-empty string gives 0.
std::uint64_t pack(QStringView text)
{
    std::uint64_t key = 0;
    for (const QChar c : text)
        key = (key << 8) | (c.unicode() & 0xFFU);
    return key;
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

} // namespace

PostcodeKey PostcodeKey::from(QStringView canonical)
{
    const qsizetype space = canonical.indexOf(QLatin1Char(' '));
    if (canonical.size() > kMaxPackedLength || space < 1 || space + 2 > canonical.size()
        || !std::all_of(canonical.begin(), canonical.end(),
                        [](QChar c) { return c.unicode() < 0x80; }))
        return {};
    return PostcodeKey{pack(canonical), pack(canonical.first(space + 2)),
                       pack(canonical.first(space))};
}

char sexCode(QStringView sex)
{
    const QStringView s = sex.trimmed();
    const auto is = [s](const char *word) {
        return s.compare(QLatin1StringView(word), Qt::CaseInsensitive) == 0;
    };
    if (is("female") || is("f"))
        return 'F';
    if (is("male") || is("m"))
        return 'M';
    if (is("other") || is("o"))
        return 'O';
    return 0;
}

std::uint64_t uprnNumber(QStringView uprn)
{
    const QStringView digits = uprn.trimmed();
    if (digits.isEmpty() || !std::all_of(digits.begin(), digits.end(), isAsciiDigit))
        return 0;
    std::uint64_t value = 0;
    qsizetype significant = 0;
    for (const QChar c : digits) {
        value = value * 10 + std::uint64_t(c.unicode() - u'0');
        if (value != 0 && ++significant > kMaxUprnDigits)
            return 0;
    }
    return value;
}

ComparableRecord RecordPreparer::prepare(const SourceFields &fields) const
{
    ComparableRecord record;
    // The first given name only: some agencies put middle names in the forename field
    // ("KELLY REBECCA"), and compared whole those would disagree with the same person's
    // "KELLY" from an agency that keeps middle names apart.
    record.givenName = feeds::normaliseName(fields.givenName);
    if (const qsizetype space = record.givenName.indexOf(QLatin1Char(' ')); space > 0)
        record.givenName.truncate(space);
    record.familyName = feeds::normaliseName(fields.familyName);
    record.givenPhonetic = PhoneticKey::from(doubleMetaphone(record.givenName));
    record.familyPhonetic = PhoneticKey::from(doubleMetaphone(record.familyName));
    record.givenNicknames = m_nicknames.groupsOf(record.givenName);
    record.birthDate = fields.birthDate;
    record.birthParts = DateParts::from(fields.birthDate);
    record.sex = sexCode(fields.sex);
    record.dwellingAddressing = m_postcodes == PostcodeScheme::UnitedKingdom;
    if (m_postcodes == PostcodeScheme::Exact) {
        // Unit, sector and district all the code itself: equal, or a disagreement.
        record.postcode = fields.postcode.trimmed().toUpper();
        const std::uint64_t packed
            = record.postcode.isEmpty() ? 0 : std::uint64_t(qHash(record.postcode, 0x5eed)) | 1U;
        record.postcodeKey = PostcodeKey{packed, packed, packed};
    } else if (const Result<feeds::Postcode> postcode = feeds::Postcode::parse(fields.postcode)) {
        // A postcode that does not parse is not evidence: a partial one could agree by chance.
        record.postcode = postcode->text();
        record.postcodeKey = PostcodeKey::from(record.postcode);
    }
    record.uprn = uprnNumber(fields.uprn);
    record.address = normaliseAddress(fields.address, record.postcode);
    return record;
}

} // namespace bv::linkage
