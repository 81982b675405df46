// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/datecompare.h"

namespace bv::linkage {

DateParts DateParts::from(QDate date)
{
    DateParts parts;
    if (date.isValid())
        date.getDate(&parts.year, &parts.month, &parts.day);
    return parts;
}

BirthDateLevel compareBirthDates(QDate a, QDate b)
{
    return compareBirthDates(DateParts::from(a), DateParts::from(b));
}

BirthDateLevel compareBirthDates(const DateParts &a, const DateParts &b)
{
    if (!a.isValid() || !b.isValid())
        return BirthDateLevel::Missing;
    if (a == b)
        return BirthDateLevel::Exact;
    const bool sameDay = a.day == b.day;
    const bool sameMonth = a.month == b.month;
    const bool sameYear = a.year == b.year;
    if (sameYear && a.day == b.month && a.month == b.day)
        return BirthDateLevel::DayMonthSwapped;
    if (int(sameDay) + int(sameMonth) + int(sameYear) == 2)
        return BirthDateLevel::OneComponentDiffers;
    return BirthDateLevel::Disagree;
}

} // namespace bv::linkage
