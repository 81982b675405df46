// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace bv::feeds {

// A calendar date (a date of birth, a date-only event) in any of the forms feeds use:
// "1990-04-01", "01/04/1990" (UK order: day first), "1990-04-01T00:00:00", "19900401",
// "1 Apr 1990". The result has no time zone, so it can never shift by a day; a time part is
// ignored, since the date as the agency wrote it is the fact (converting to UTC would move
// a midnight birth in summer to the day before).
// field names the value for the error ("date of birth"); the value itself never appears
// in the message, because messages reach logs and a date of birth is personal data.
[[nodiscard]] Result<QDate> parseCalendarDate(QStringView text, const QString &field);

// Instants (when something happened) in ISO 8601: "2024-03-31T01:30:00+01:00", "...Z",
// fractional seconds (kept to the millisecond, the rest truncated), a space allowed for the
// "T". The result is in UTC.
//
// An instant without an offset is read as UK civil time, because UK agency systems record
// local wall-clock time and say nothing of the zone. Where that time is ambiguous the choice
// is fixed, so a re-sync gives the same instant:
// - in the spring gap (01:00 to 02:00 on the last Sunday of March, a time no clock showed),
//   the offset before the change applies: 01:30 is read as 01:30 GMT (02:30 BST);
// - in the autumn overlap (01:00 to 02:00 on the last Sunday of October, shown twice), the
//   first occurrence applies: 01:30 is read as 01:30 BST (00:30 UTC).
// Not thread-safe to share across threads while in use; make one per thread.
class InstantParser
{
public:
    // localZone is what instants without an offset are read in; Europe/London by default.
    explicit InstantParser(QTimeZone localZone = ukZone());

    [[nodiscard]] Result<QDateTime> parse(QStringView text, const QString &field) const;

    // Wall-clock time in the local zone to UTC, with the gap and overlap rules above.
    [[nodiscard]] Result<QDateTime> localToUtc(QDate date, QTime time) const;

    static QTimeZone ukZone();

private:
    QTimeZone m_localZone;
};

} // namespace bv::feeds
