// SPDX-License-Identifier: GPL-3.0-or-later
#include "simclock.h"

#include <QDateTime>
#include <QTime>

namespace bv::feedsim::simclock {

namespace {

constexpr int kSecondsPerHour = 3600;

const char *const kMonths[]
    = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

qint64 startOfUtcDay(QDate day)
{
    return (day.toJulianDay() - kUnixEpochJulianDay) * kSecondsPerDay;
}

// 01:00 UTC on the last Sunday of the month.
qint64 lastSundayOneAm(int year, int month)
{
    QDate day(year, month, QDate(year, month, 1).daysInMonth());
    day = day.addDays(-(day.dayOfWeek() % 7));
    return startOfUtcDay(day) + kSecondsPerHour;
}

QString twoDigits(int value)
{
    return QString::number(value).rightJustified(2, QLatin1Char('0'));
}

} // namespace

int ukOffsetSeconds(qint64 utc)
{
    const int year = utcDate(utc).year();
    return utc >= lastSundayOneAm(year, 3) && utc < lastSundayOneAm(year, 10) ? kSecondsPerHour : 0;
}

qint64 fromUkLocal(QDate day, int secondsOfDay)
{
    const qint64 local = startOfUtcDay(day) + secondsOfDay;
    const qint64 summer = local - kSecondsPerHour;
    return ukOffsetSeconds(summer) == kSecondsPerHour ? summer : local;
}

QDate utcDate(qint64 utc)
{
    qint64 days = utc / kSecondsPerDay;
    if (utc < 0 && utc % kSecondsPerDay != 0)
        --days;
    return QDate::fromJulianDay(days + kUnixEpochJulianDay);
}

QDate ukDate(qint64 utc)
{
    return utcDate(utc + ukOffsetSeconds(utc));
}

QString formatInstant(qint64 utc, Style style)
{
    const int offset = style == Style::IsoUtc ? 0 : ukOffsetSeconds(utc);
    const qint64 local = utc + offset;
    const QDate date = utcDate(local);
    const int seconds = int(local - startOfUtcDay(date));
    const QString hh = twoDigits(seconds / kSecondsPerHour);
    const QString mm = twoDigits(seconds / 60 % 60);
    const QString ss = twoDigits(seconds % 60);
    switch (style) {
    case Style::IsoUtc:
        return formatDate(date, DateStyle::Iso) + QLatin1Char('T') + hh + QLatin1Char(':') + mm
               + QLatin1Char(':') + ss + QLatin1Char('Z');
    case Style::IsoOffset:
        return formatDate(date, DateStyle::Iso) + QLatin1Char('T') + hh + QLatin1Char(':') + mm
               + QLatin1Char(':') + ss
               + (offset != 0 ? QLatin1String("+01:00") : QLatin1String("+00:00"));
    case Style::UkSlashMinutes:
        return formatDate(date, DateStyle::UkSlash) + QLatin1Char(' ') + hh + QLatin1Char(':') + mm;
    case Style::UkLocalSpace:
        return formatDate(date, DateStyle::Iso) + QLatin1Char(' ') + hh + QLatin1Char(':') + mm
               + QLatin1Char(':') + ss;
    }
    return QString();
}

QString formatDate(QDate date, DateStyle style)
{
    const QString year = QString::number(date.year()).rightJustified(4, QLatin1Char('0'));
    switch (style) {
    case DateStyle::Iso:
        return year + QLatin1Char('-') + twoDigits(date.month()) + QLatin1Char('-')
               + twoDigits(date.day());
    case DateStyle::UkSlash:
        return twoDigits(date.day()) + QLatin1Char('/') + twoDigits(date.month()) + QLatin1Char('/')
               + year;
    case DateStyle::DayMonYear:
        return twoDigits(date.day()) + QLatin1Char('-') + QLatin1String(kMonths[date.month() - 1])
               + QLatin1Char('-') + year;
    }
    return QString();
}

QString impossibleDate(DateStyle style)
{
    switch (style) {
    case DateStyle::Iso:
        return QStringLiteral("2023-02-30");
    case DateStyle::UkSlash:
        return QStringLiteral("30/02/2023");
    case DateStyle::DayMonYear:
        return QStringLiteral("30-Feb-2023");
    }
    return QString();
}

std::optional<qint64> parseIso(QString text)
{
    text = text.trimmed();
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return fromUkLocal(date, 0);
    }
    // "2025-01-01T10:00:00 00:00": a '+' that arrived unencoded in a query.
    if (text.size() >= 25 && text.at(text.size() - 6) == QLatin1Char(' '))
        text[text.size() - 6] = QLatin1Char('+');
    const QDateTime instant = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!instant.isValid() || instant.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return instant.toSecsSinceEpoch();
}

std::optional<qint64> parseUkSlashMinutes(const QString &text)
{
    const QDate date = QDate::fromString(text.left(10), QStringLiteral("dd/MM/yyyy"));
    const QTime time = QTime::fromString(text.mid(11), QStringLiteral("HH:mm"));
    if (text.size() != 16 || !date.isValid() || !time.isValid())
        return std::nullopt;
    return fromUkLocal(date, time.msecsSinceStartOfDay() / 1000);
}

std::optional<qint64> parseUkLocalSpace(const QString &text)
{
    const QDate date = QDate::fromString(text.left(10), Qt::ISODate);
    const QTime time = QTime::fromString(text.mid(11), QStringLiteral("HH:mm:ss"));
    if (text.size() != 19 || !date.isValid() || !time.isValid())
        return std::nullopt;
    return fromUkLocal(date, time.msecsSinceStartOfDay() / 1000);
}

} // namespace bv::feedsim::simclock
