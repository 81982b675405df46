// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/addressnormaliser.h"

#include "feeds/personname.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace bv::linkage {

namespace {

// Royal Mail's and councils' usual abbreviations of street types and a few common words.
// ST is taken as STREET: SAINT at the start of a street name is rarer in addresses than the
// street type, and both records are expanded alike, so a wrong guess still agrees.
QStringView expansion(QStringView word)
{
    static constexpr struct
    {
        QStringView abbreviation;
        QStringView word;
    } kExpansions[] = {
        {u"APT", u"APARTMENT"}, {u"AV", u"AVENUE"},  {u"AVE", u"AVENUE"}, {u"CL", u"CLOSE"},
        {u"CRES", u"CRESCENT"}, {u"CT", u"COURT"},   {u"DR", u"DRIVE"},   {u"FLT", u"FLAT"},
        {u"GDNS", u"GARDENS"},  {u"GR", u"GROVE"},   {u"GRN", u"GREEN"},  {u"HSE", u"HOUSE"},
        {u"LN", u"LANE"},       {u"PDE", u"PARADE"}, {u"PK", u"PARK"},    {u"PL", u"PLACE"},
        {u"RD", u"ROAD"},       {u"SQ", u"SQUARE"},  {u"ST", u"STREET"},  {u"TER", u"TERRACE"},
        {u"TERR", u"TERRACE"},  {u"WY", u"WAY"},
    };
    for (const auto &entry : kExpansions) {
        if (entry.abbreviation == word)
            return entry.word;
    }
    return word;
}

bool hasDigit(QStringView word)
{
    return std::any_of(word.begin(), word.end(), [](QChar c) { return c.isDigit(); });
}

} // namespace

NormalisedAddress normaliseAddress(QStringView address, QStringView postcode)
{
    QStringList drop;
    if (!postcode.isEmpty()) {
        const QString code = feeds::normaliseName(postcode);
        drop = code.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        drop.append(QString(code).remove(QLatin1Char(' ')));
    }

    NormalisedAddress result;
    const QString words = feeds::normaliseName(address);
    for (const QStringView word : QStringView(words).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (drop.contains(word))
            continue;
        const QStringView expanded = expansion(word);
        if (!result.text.isEmpty())
            result.text.append(QLatin1Char(' '));
        result.text.append(expanded);
        // Seed 0: the same word hashes alike in every process, so prepared records could be
        // cached between runs.
        const std::uint64_t hash
            = (std::uint64_t(qHash(expanded, 0)) << 1) | (hasDigit(expanded) ? 1U : 0U);
        result.tokens.push_back(hash);
    }
    result.textHash = qHash(result.text, 0);
    std::sort(result.tokens.begin(), result.tokens.end());
    result.tokens.erase(std::unique(result.tokens.begin(), result.tokens.end()),
                        result.tokens.end());
    return result;
}

TokenOverlap tokenOverlap(const std::vector<std::uint64_t> &a, const std::vector<std::uint64_t> &b)
{
    if (a.empty() && b.empty())
        return {};
    std::size_t shared = 0;
    std::size_t sharedNumbers = 0;
    std::size_t numbersA = 0;
    std::size_t numbersB = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() || j != b.end()) {
        if (j == b.end() || (i != a.end() && *i < *j)) {
            numbersA += *i & 1U;
            ++i;
        } else if (i == a.end() || *j < *i) {
            numbersB += *j & 1U;
            ++j;
        } else {
            ++shared;
            sharedNumbers += *i & 1U;
            numbersA += *i & 1U;
            numbersB += *j & 1U;
            ++i;
            ++j;
        }
    }
    TokenOverlap overlap;
    overlap.dice = 2.0 * double(shared) / double(a.size() + b.size());
    overlap.numbersConsistent = sharedNumbers == std::min(numbersA, numbersB);
    return overlap;
}

} // namespace bv::linkage
