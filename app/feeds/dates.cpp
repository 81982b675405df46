// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/dates.h"

#include <QObject>
#include <QRegularExpression>

#include <array>
#include <optional>

namespace bv::feeds {

namespace {

struct DateParts
{
    int year = 0;
    int month = 0;
    int day = 0;
};

int capturedInt(const QRegularExpressionMatch &match, const QString &name)
{
    return match.capturedView(name).toInt();
}

// English month names, whatever the process locale: feeds are written in English.
int monthFromName(QStringView name)
{
    static const std::array<QLatin1String, 12> months
        = {QLatin1String("JAN"), QLatin1String("FEB"), QLatin1String("MAR"), QLatin1String("APR"),
           QLatin1String("MAY"), QLatin1String("JUN"), QLatin1String("JUL"), QLatin1String("AUG"),
           QLatin1String("SEP"), QLatin1String("OCT"), QLatin1String("NOV"), QLatin1String("DEC")};
    static const std::array<QLatin1String, 12> fullMonths
        = {QLatin1String("JANUARY"), QLatin1String("FEBRUARY"), QLatin1String("MARCH"),
           QLatin1String("APRIL"),   QLatin1String("MAY"),      QLatin1String("JUNE"),
           QLatin1String("JULY"),    QLatin1String("AUGUST"),   QLatin1String("SEPTEMBER"),
           QLatin1String("OCTOBER"), QLatin1String("NOVEMBER"), QLatin1String("DECEMBER")};
    for (size_t i = 0; i < months.size(); ++i) {
        if (name.compare(months[i], Qt::CaseInsensitive) == 0
            || name.compare(fullMonths[i], Qt::CaseInsensitive) == 0
            || (i == 8 && name.compare(QLatin1String("SEPT"), Qt::CaseInsensitive) == 0))
            return static_cast<int>(i) + 1;
    }
    return 0;
}

// The time part after a date: "T00:00:00", "T00:00:00.000Z", "T00:00+01:00".
const QString &timeSuffixPattern()
{
    static const QString pattern = QStringLiteral(
        "(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?");
    return pattern;
}

// The date's fields in the order its form gives them, or nothing when no form matches.
std::optional<DateParts> splitDate(QStringView text)
{
    static const QRegularExpression iso(QStringLiteral("^(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})")
                                        + timeSuffixPattern() + QStringLiteral("$"));
    static const QRegularExpression ukSlashed(
        QStringLiteral("^(?<d>\\d{1,2})[/.](?<m>\\d{1,2})[/.](?<y>\\d{4})$"));
    static const QRegularExpression basic(QStringLiteral("^(?<y>\\d{4})(?<m>\\d{2})(?<d>\\d{2})$"));
    static const QRegularExpression named(
        QStringLiteral("^(?<d>\\d{1,2})[ -](?<mname>[A-Za-z]{3,9})[ -](?<y>\\d{4})$"));

    for (const QRegularExpression *pattern : {&iso, &ukSlashed, &basic}) {
        const QRegularExpressionMatch match = pattern->match(text);
        if (match.hasMatch())
            return DateParts{capturedInt(match, QStringLiteral("y")),
                             capturedInt(match, QStringLiteral("m")),
                             capturedInt(match, QStringLiteral("d"))};
    }
    const QRegularExpressionMatch match = named.match(text);
    if (match.hasMatch()) {
        const int month = monthFromName(match.capturedView(QStringLiteral("mname")));
        if (month == 0)
            return std::nullopt;
        return DateParts{capturedInt(match, QStringLiteral("y")), month,
                         capturedInt(match, QStringLiteral("d"))};
    }
    return std::nullopt;
}

Error emptyValue(const QString &field)
{
    return makeError(ErrorCode::Failure, QObject::tr("The %1 is empty.").arg(field));
}

Error notAValidDate(const QString &field)
{
    return makeError(ErrorCode::Failure, QObject::tr("The %1 is not a valid date.").arg(field));
}

Error unrecognisedForm(const QString &field, const char *what)
{
    return makeError(
        ErrorCode::Failure,
        QObject::tr("The %1 is not in a recognised %2 format.").arg(field, QObject::tr(what)));
}

} // namespace

Result<QDate> parseCalendarDate(QStringView text, const QString &field)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return emptyValue(field);
    const std::optional<DateParts> parts = splitDate(trimmed);
    if (!parts)
        return unrecognisedForm(field, QT_TR_NOOP("date"));
    // QDate rejects 30 February and month 13 instead of rolling them over, as we need.
    const QDate date(parts->year, parts->month, parts->day);
    if (!date.isValid())
        return notAValidDate(field);
    return date;
}

InstantParser::InstantParser(QTimeZone localZone)
    : m_localZone(std::move(localZone))
{}

QTimeZone InstantParser::ukZone()
{
    return QTimeZone(QByteArrayLiteral("Europe/London"));
}

Result<QDateTime> InstantParser::parse(QStringView text, const QString &field) const
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})[T ](?<h>\\d{2}):(?<mi>\\d{2})"
                       "(?::(?<s>\\d{2})(?:[.,](?<frac>\\d+))?)?"
                       "(?<zone>Z|(?<sign>[+-])(?<oh>\\d{2})(?::?(?<om>\\d{2}))?)?$"));

    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return emptyValue(field);
    const QRegularExpressionMatch match = pattern.match(trimmed);
    if (!match.hasMatch())
        return unrecognisedForm(field, QT_TR_NOOP("date and time"));

    const QDate date(capturedInt(match, QStringLiteral("y")),
                     capturedInt(match, QStringLiteral("mo")),
                     capturedInt(match, QStringLiteral("d")));
    // Milliseconds are all QDateTime keeps; further digits are truncated, never rounded up
    // into the next second.
    const QStringView fraction = match.capturedView(QStringLiteral("frac"));
    int milliseconds = 0;
    for (qsizetype i = 0; i < 3; ++i)
        milliseconds = milliseconds * 10 + (i < fraction.size() ? fraction[i].digitValue() : 0);
    const QTime time(capturedInt(match, QStringLiteral("h")),
                     capturedInt(match, QStringLiteral("mi")),
                     capturedInt(match, QStringLiteral("s")), milliseconds);
    if (!date.isValid() || !time.isValid())
        return notAValidDate(field);

    if (match.capturedView(QStringLiteral("zone")).isEmpty())
        return localToUtc(date, time);

    const int offsetHours = capturedInt(match, QStringLiteral("oh"));
    const int offsetMinutes = capturedInt(match, QStringLiteral("om"));
    if (offsetHours > 23 || offsetMinutes > 59)
        return notAValidDate(field);
    int offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60;
    if (match.capturedView(QStringLiteral("sign")) == QLatin1String("-"))
        offsetSeconds = -offsetSeconds;
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

Result<QDateTime> InstantParser::localToUtc(QDate date, QTime time) const
{
    if (!m_localZone.isValid())
        return makeError(ErrorCode::Failure,
                         QObject::tr("The local time zone is not known (is tzdata installed?)."));
    // The wall-clock reading as if it were UTC; each offset in force near it gives one
    // candidate instant, which is a true reading only if that offset is in force then.
    // A day either side catches both sides of any transition (UK ones are months apart).
    constexpr qint64 kDay = 24 * 60 * 60;
    const QDateTime wall(date, time, Qt::UTC);
    const int offsetBefore = m_localZone.offsetFromUtc(wall.addSecs(-kDay));
    const int offsetAfter = m_localZone.offsetFromUtc(wall.addSecs(kDay));

    std::optional<QDateTime> earliest;
    for (const int offset : {offsetBefore, offsetAfter}) {
        const QDateTime candidate = wall.addSecs(-offset);
        if (m_localZone.offsetFromUtc(candidate) != offset)
            continue;
        if (!earliest || candidate < *earliest)
            earliest = candidate; // overlap: the first occurrence
    }
    if (earliest)
        return *earliest;
    // Gap: no clock showed this time; read it with the offset before the change.
    return wall.addSecs(-offsetBefore);
}

} // namespace bv::feeds
