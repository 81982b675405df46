// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/comparablerecord.h"

#include "feeds/personname.h"
#include "feeds/postcode.h"

#include <algorithm>

namespace bv::linkage {

namespace {

QString canonicalUprn(QStringView uprn)
{
    const QStringView trimmed = uprn.trimmed();
    if (trimmed.isEmpty()
        || !std::all_of(trimmed.begin(), trimmed.end(),
                        [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }))
        return {};
    // Some systems pad UPRNs to twelve digits, others do not.
    qsizetype start = 0;
    while (start < trimmed.size() - 1 && trimmed[start] == QLatin1Char('0'))
        ++start;
    return trimmed.sliced(start).toString();
}

} // namespace

char sexCode(QStringView sex)
{
    const QStringView s = sex.trimmed();
    if (s.compare(QLatin1StringView("female"), Qt::CaseInsensitive) == 0
        || s.compare(QLatin1StringView("f"), Qt::CaseInsensitive) == 0)
        return 'F';
    if (s.compare(QLatin1StringView("male"), Qt::CaseInsensitive) == 0
        || s.compare(QLatin1StringView("m"), Qt::CaseInsensitive) == 0)
        return 'M';
    if (s.compare(QLatin1StringView("other"), Qt::CaseInsensitive) == 0
        || s.compare(QLatin1StringView("o"), Qt::CaseInsensitive) == 0)
        return 'O';
    return 0;
}

ComparableRecord RecordPreparer::prepare(const SourceFields &fields) const
{
    ComparableRecord record;
    record.givenName = feeds::normaliseName(fields.givenName);
    record.familyName = feeds::normaliseName(fields.familyName);
    record.givenPhonetic = doubleMetaphone(record.givenName);
    record.familyPhonetic = doubleMetaphone(record.familyName);
    record.givenNicknames = m_nicknames.groupsOf(record.givenName);
    record.birthDate = fields.birthDate;
    record.sex = sexCode(fields.sex);
    // A postcode that does not parse is not evidence: a partial one could agree by chance.
    if (const Result<feeds::Postcode> postcode = feeds::Postcode::parse(fields.postcode))
        record.postcode = postcode->text();
    record.uprn = canonicalUprn(fields.uprn);
    record.address = normaliseAddress(fields.address, record.postcode);
    return record;
}

} // namespace bv::linkage
