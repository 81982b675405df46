// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/fieldnormaliser.h"

#include "feeds/postcode.h"

#include <QLocale>
#include <QObject>
#include <QRegularExpression>

#include <cmath>

namespace bv::feeds {

namespace {

int englishMonth(QStringView name)
{
    static const char *const months[]
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3)
        return 0;
    const QString lower = name.toString().toLower();
    for (int i = 0; i < 12; ++i) {
        if (lower.startsWith(QLatin1String(months[i])))
            return i + 1;
    }
    return 0;
}

struct PatternFields
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

// A small, locale-free reader of Qt-style patterns, so "dd/MM/yyyy HH:mm" means the same on
// every machine and a wall-clock time in a DST gap still parses (QDateTime would refuse it).
std::optional<PatternFields> readPattern(QStringView text, QStringView pattern)
{
    struct Token
    {
        QStringView code;
        const char *regex;
    };
    static constexpr Token tokens[] = {
        {u"yyyy", "(\\d{4})"}, {u"MMM", "([A-Za-z]{3,9})"}, {u"MM", "(\\d{2})"},
        {u"M", "(\\d{1,2})"},  {u"dd", "(\\d{2})"},         {u"d", "(\\d{1,2})"},
        {u"HH", "(\\d{2})"},   {u"H", "(\\d{1,2})"},        {u"mm", "(\\d{2})"},
        {u"ss", "(\\d{2})"},
    };
    QString regex = QStringLiteral("^");
    QList<QStringView> order;
    qsizetype pos = 0;
    while (pos < pattern.size()) {
        bool matched = false;
        for (const Token &token : tokens) {
            if (pattern.mid(pos).startsWith(token.code)) {
                regex += QLatin1String(token.regex);
                order.append(token.code);
                pos += token.code.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            regex += QRegularExpression::escape(pattern.mid(pos, 1).toString());
            ++pos;
        }
    }
    regex += QLatin1Char('$');
    const QRegularExpression expression(regex);
    const QRegularExpressionMatch match = expression.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    PatternFields fields;
    for (qsizetype i = 0; i < order.size(); ++i) {
        const QStringView captured = match.capturedView(int(i) + 1);
        const QStringView code = order[i];
        if (code == u"yyyy")
            fields.year = captured.toInt();
        else if (code == u"MMM")
            fields.month = englishMonth(captured);
        else if (code.startsWith(u'M'))
            fields.month = captured.toInt();
        else if (code.startsWith(u'd'))
            fields.day = captured.toInt();
        else if (code.startsWith(u'H'))
            fields.hour = captured.toInt();
        else if (code == u"mm")
            fields.minute = captured.toInt();
        else if (code == u"ss")
            fields.second = captured.toInt();
    }
    return fields;
}

bool isIsoFormat(const QString &format)
{
    return format.isEmpty() || format == QLatin1String("iso");
}

Error invalidDate(const QString &field)
{
    return makeError(ErrorCode::Failure, QObject::tr("The %1 is not a valid date.").arg(field));
}

} // namespace

FieldNormaliser::FieldNormaliser(const DateSpec &dates)
    : m_dates(dates)
    , m_instants(QTimeZone(dates.zone.toUtf8()))
{}

Result<QDate> FieldNormaliser::date(QStringView text, const QString &format,
                                    const QString &field) const
{
    const QString effective = format.isEmpty() ? m_dates.dateFormat : format;
    if (effective.isEmpty() || effective == QLatin1String("auto")) {
        // A date field given a date and time ("01/04/2024 10:00") holds the date as written.
        const QStringView trimmed = text.trimmed();
        const qsizetype space = trimmed.indexOf(u' ');
        if (space > 0 && hasTimeOfDay(trimmed.mid(space)))
            return parseCalendarDate(trimmed.left(space), field);
        return parseCalendarDate(text, field);
    }
    const std::optional<PatternFields> fields = readPattern(text.trimmed(), effective);
    if (!fields)
        return makeError(
            ErrorCode::Failure,
            QObject::tr("The %1 is not in the date format the mapping gives.").arg(field));
    const QDate date(fields->year, fields->month, fields->day);
    if (!date.isValid())
        return invalidDate(field);
    return date;
}

Result<QDateTime> FieldNormaliser::instant(QStringView text, const QString &format,
                                           const QString &field) const
{
    const QString effective = format.isEmpty() ? m_dates.instantFormat : format;
    if (isIsoFormat(effective))
        return m_instants.parse(text, field);
    const std::optional<PatternFields> fields = readPattern(text.trimmed(), effective);
    if (!fields)
        return makeError(
            ErrorCode::Failure,
            QObject::tr("The %1 is not in the date and time format the mapping gives.").arg(field));
    const QDate date(fields->year, fields->month, fields->day);
    const QTime time(fields->hour, fields->minute, fields->second);
    if (!date.isValid() || !time.isValid())
        return invalidDate(field);
    return m_instants.localToUtc(date, time);
}

bool FieldNormaliser::hasTimeOfDay(QStringView text)
{
    static const QRegularExpression time(QStringLiteral("\\d{1,2}:\\d{2}"));
    return time.match(text).hasMatch();
}

QString FieldNormaliser::formatInstant(const QDateTime &utc, const QString &format) const
{
    if (isIsoFormat(format))
        return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
    const QDateTime local = utc.toTimeZone(QTimeZone(m_dates.zone.toUtf8()));
    return QLocale::c().toString(local, format);
}

Result<Location> FieldNormaliser::location(const LocationParts &parts)
{
    Location location;
    location.text = tidyText(parts.text);
    location.uprn = tidyText(parts.uprn);
    if (!parts.postcode.trimmed().isEmpty()) {
        if (const Result<Postcode> postcode = Postcode::parse(parts.postcode); postcode)
            location.postcode = postcode->text();
    }
    if (parts.lat && parts.lon) {
        if (!std::isfinite(*parts.lat) || !std::isfinite(*parts.lon) || std::abs(*parts.lat) > 90
            || std::abs(*parts.lon) > 180)
            return makeError(ErrorCode::Failure,
                             QObject::tr("The latitude and longitude are out of range."));
        location.lat = parts.lat;
        location.lon = parts.lon;
    } else if (parts.easting && parts.northing) {
        if (!m_grid) {
            Result<GridConverter> grid = GridConverter::create();
            if (!grid)
                return grid.error();
            m_grid.emplace(std::move(grid).value());
        }
        const Result<LonLat> lonLat = m_grid->toLonLat(*parts.easting, *parts.northing);
        if (!lonLat)
            return lonLat.error();
        location.lat = lonLat->lat;
        location.lon = lonLat->lon;
    }
    if (parts.precision && location.lat)
        location.precision = *parts.precision;
    else if (!location.uprn.isEmpty())
        location.precision = LocationPrecision::Uprn;
    else if (!location.postcode.isEmpty())
        location.precision = LocationPrecision::PostcodeUnit;
    return location;
}

QString tidyText(QStringView text)
{
    return text.toString().simplified();
}

} // namespace bv::feeds
