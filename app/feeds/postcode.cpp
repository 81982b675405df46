// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/postcode.h"

#include <QObject>
#include <QRegularExpression>

namespace bv::feeds {

namespace {

constexpr int kInwardLength = 3;

// The outward code's shapes, after upper-casing. Letters only in the positions the Royal
// Mail format allows; finer rules (which letters may stand where) are left to the lookup.
const QRegularExpression &outwardPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?:[A-Z][0-9]|[A-Z][0-9]{2}|[A-Z]{2}[0-9]|[A-Z]{2}[0-9]{2}"
                       "|[A-Z][0-9][A-Z]|[A-Z]{2}[0-9][A-Z])$"));
    return pattern;
}

const QRegularExpression &inwardPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9][A-Z]{2}$"));
    return pattern;
}

bool isAsciiAlphanumeric(QChar c)
{
    return (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
           || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

Error invalid()
{
    // The value itself stays out of the message: a postcode is personal data.
    return makeError(ErrorCode::Failure, QObject::tr("The postcode is not in the UK format."));
}

} // namespace

Result<Postcode> Postcode::parse(QStringView text)
{
    QString compact;
    compact.reserve(text.size());
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        const QChar upper = c.toUpper();
        if (!isAsciiAlphanumeric(upper))
            return invalid();
        compact.append(upper);
    }
    if (compact.isEmpty())
        return makeError(ErrorCode::Failure, QObject::tr("The postcode is empty."));
    // The inward code is always three characters, so the split needs no space in the input.
    if (compact.size() < kInwardLength + 2)
        return invalid();
    const QString outward = compact.left(compact.size() - kInwardLength);
    const QString inward = compact.right(kInwardLength);
    const bool girobank = outward == QLatin1String("GIR") && inward == QLatin1String("0AA");
    if (!girobank
        && (!outwardPattern().match(outward).hasMatch()
            || !inwardPattern().match(inward).hasMatch()))
        return invalid();
    return Postcode(outward + QLatin1Char(' ') + inward);
}

QString Postcode::district() const
{
    return m_text.left(m_text.indexOf(QLatin1Char(' ')));
}

QString Postcode::area() const
{
    const QString outward = district();
    qsizetype letters = 0;
    while (letters < outward.size() && outward[letters].isLetter())
        ++letters;
    return outward.left(letters);
}

QString Postcode::sector() const
{
    return m_text.left(m_text.indexOf(QLatin1Char(' ')) + 2);
}

} // namespace bv::feeds
