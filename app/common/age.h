// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>

namespace bv {

// Age in whole years on a day, as UK law counts it: someone born on 29 February is a year
// older on 1 March in a year with no 29 February, not on 28 February.
[[nodiscard]] inline int ageOn(QDate birth, QDate day)
{
    int age = day.year() - birth.year();
    if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day()))
        --age;
    return age;
}

} // namespace bv
