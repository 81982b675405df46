// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "coverage.h"
#include "simworld.h"

#include <QDate>
#include <QString>

namespace bv::feedsim {

// A person as one agency's record has them: the county's truth through that agency's noise.
struct PersonView
{
    QString given;
    QString middle;
    QString family;
    QString birthFamily; // the family name before a change, when the person changed it
    QString nickname;    // a known nickname or variant that is not the given name used
    QDate birthDate;     // invalid when the agency has none
    Sex sex = Sex::Female;
    QString nhs; // ten digits, empty when missing; a mistyped one fails the check
    quint32 address = kNone;
    bool nameNoise = false; // typo, nickname or swap applied (what a correction removes)
};

// The view of `person` in the record seeded `recordSeed`, as of `day` (the record's last
// update). Same arguments, same view: nothing is stored. `corrected` drops the name noise.
PersonView viewPerson(const SimWorld &world, coverage::Agency agency, quint64 recordSeed,
                      quint32 person, qint32 day, bool corrected);

// Whether the record's view has name noise a correction would remove (cheap, for tick()).
bool hasNameNoise(coverage::Agency agency, quint64 recordSeed);

QString genderCode(Sex sex); // "M" or "F"

} // namespace bv::feedsim
