// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>

#include <cstdint>

namespace bv::linkage {

// How two dates of birth agree, most to least specific. Missing is first, so that a
// default-constructed comparison says "no evidence" (every field's level 0 means that).
enum class BirthDateLevel : std::uint8_t {
    Missing,             // either date is unknown (invalid): no evidence either way
    Exact,               // the same date
    DayMonthSwapped,     // 03/04 against 04/03 in the same year: US order, or a slip
    OneComponentDiffers, // day, month or year differs and the other two agree (a typo,
                         // a year off by one, a transposed year such as 1985 and 1958)
    RuledOut, // one date unknown, but that record's relationships rule out the other's date
              // (ComparableRecord::bornBy / bornAfter; compare() decides it)
    Disagree, // anything else
};

// A date split once into its parts: QDate works them out from a day number on every call,
// which would cost more than the rest of a record comparison together.
struct DateParts
{
    int year = 0;
    int month = 0; // 0 when the date is unknown
    int day = 0;

    static DateParts from(QDate date);
    bool isValid() const { return month != 0; }
    friend auto operator<=>(const DateParts &, const DateParts &) = default; // in date order
};

[[nodiscard]] BirthDateLevel compareBirthDates(QDate a, QDate b);
[[nodiscard]] BirthDateLevel compareBirthDates(const DateParts &a, const DateParts &b);

} // namespace bv::linkage
