// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

// Simulated instants are Unix seconds (UTC). The feeds show them in UK time in several
// styles; the UK rule is computed here rather than read from the system's time zone data,
// so a page is the same bytes on every machine.
namespace bv::feedsim::simclock {

inline constexpr qint64 kSecondsPerDay = 86400;
inline constexpr qint64 kUnixEpochJulianDay = 2440588;

// 0 in GMT, 3600 in BST (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC).
int ukOffsetSeconds(qint64 utc);

// UTC seconds of a UK wall-clock time on a day (times in the spring gap or autumn overlap
// resolve to the earlier reading; the simulator avoids 01:00-02:00).
qint64 fromUkLocal(QDate day, int secondsOfDay);

QDate utcDate(qint64 utc);
QDate ukDate(qint64 utc);

enum class Style {
    IsoUtc,         // 2025-01-01T10:00:00Z
    IsoOffset,      // 2025-07-01T11:00:00+01:00 (UK local with its offset)
    UkSlashMinutes, // 01/07/2025 11:00 (UK local, no offset)
    UkLocalSpace,   // 2025-07-01 11:00:00 (UK local, no offset)
};

QString formatInstant(qint64 utc, Style style);

enum class DateStyle {
    Iso,        // 2025-07-01
    UkSlash,    // 01/07/2025
    DayMonYear, // 01-Jul-2025
};

QString formatDate(QDate date, DateStyle style);

// An impossible date in the style, for malformed records: the 30th of February.
QString impossibleDate(DateStyle style);

// ISO 8601 with Z or an offset ("2025-01-01T10:00:00+00:00"; a space where the '+' of the
// offset was, as an unencoded query gives it, is accepted), or a date alone (midnight UK).
std::optional<qint64> parseIso(QString text);

// The feed's own formats, read as UK local time.
std::optional<qint64> parseUkSlashMinutes(const QString &text);
std::optional<qint64> parseUkLocalSpace(const QString &text);

} // namespace bv::feedsim::simclock
