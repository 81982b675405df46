// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/dates.h"
#include "feeds/feedmapping.h"
#include "feeds/feedrecords.h"
#include "feeds/gridconverter.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace bv::feeds {

// The parts of a place as a record gave them, before normalisation.
struct LocationParts
{
    QString text;
    QString postcode;
    QString uprn;
    std::optional<double> lat;
    std::optional<double> lon;
    std::optional<double> easting;
    std::optional<double> northing;
    std::optional<LocationPrecision> precision;
};

// Turns one feed's field values into Broadview's forms: dates stay dates, instants go to UTC
// (read in the mapping's zone when they carry no offset), British National Grid goes to WGS84.
// Errors name the field, never its value.
//
// Not thread-safe: the grid converter (made on first use, since PROJ is slow to start and most
// feeds never need it) holds a PROJ context, which one thread may use at a time.
class FieldNormaliser
{
public:
    explicit FieldNormaliser(const DateSpec &dates);

    // format: "auto" (or empty) for every form parseCalendarDate knows, else a pattern of
    // yyyy, MM, M, MMM (English month names, any case), dd, d and literal characters.
    [[nodiscard]] Result<QDate> date(QStringView text, const QString &format,
                                     const QString &field) const;
    // format: "iso" (or empty) for ISO 8601 with or without an offset, else a pattern as for
    // dates plus HH, H, mm, ss, read as wall-clock time in the mapping's zone.
    [[nodiscard]] Result<QDateTime> instant(QStringView text, const QString &format,
                                            const QString &field) const;
    // Whether a date-or-instant text carries a time of day.
    static bool hasTimeOfDay(QStringView text);

    // An instant written for a request: "iso" gives UTC with "Z"; a pattern is written in the
    // mapping's zone (rounded down to what the pattern shows, so an inclusive "since" never
    // skips a record).
    QString formatInstant(const QDateTime &utc, const QString &format) const;

    // Normalises the parts; fails only when coordinates are out of range or cannot be converted.
    [[nodiscard]] Result<Location> location(const LocationParts &parts);

    const QString &defaultDateFormat() const { return m_dates.dateFormat; }
    const QString &defaultInstantFormat() const { return m_dates.instantFormat; }

private:
    DateSpec m_dates;
    InstantParser m_instants;
    std::optional<GridConverter> m_grid;
};

// Whitespace runs to one space, ends trimmed: for names, ids, codes and one-line addresses.
QString tidyText(QStringView text);

} // namespace bv::feeds
