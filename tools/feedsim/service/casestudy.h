// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "simworld.h"

namespace bv::feedsim {

// The case study of docs/feeds-protocol.md: the young person of CountyModel::caseStudy(), aged
// 17 in a single-parent social tenancy, whom every agency knows. Each feed adds its part of
// the story after its own draws (so no other record changes) on the days set here, so that
// the seven agencies tell one story in order: a child in need plan from a school referral,
// attendance concerns, two missing episodes with a spell in section 20 accommodation between
// them and A&E after the second, a suspension, a kitchen fire and the home fire safety visit
// after it, a homelessness application when asked to leave (prevention: back home with
// mediation) and, at 17, adult social care's transition assessment (preparing for adulthood).
struct CaseStudy
{
    quint32 person = kNone;
    quint32 parent = kNone;
    quint32 household = kNone;

    // Julian days, all in the history and before today().
    qint32 cinReferral = 0; // csc: referral from school, assessment, child in need plan
    qint32 cinAssessed = 0;
    qint32 cinPlanEnd = 0;
    qint32 attendanceConcern = 0; // education
    qint32 emergency = 0;         // health: an A&E attendance
    qint32 firstMissing = 0;      // police; csc's referral and assessment follow it
    qint32 lookedAfterFrom = 0;   // csc: section 20 accommodation, then home again
    qint32 lookedAfterTo = 0;
    qint32 secondMissing = 0; // police; health's A&E attendance the day after
    qint32 suspension = 0;    // education
    qint32 kitchenFire = 0;   // fire: an incident, then a home fire safety visit
    qint32 fireSafetyVisit = 0;
    qint32 homelessApplication = 0; // housing: opened, and closed on homelessClosed
    qint32 homelessClosed = 0;
    qint32 transitionAssessment = 0; // asc: open

    bool exists() const { return person != kNone; }
};

// The county's case study, the same for every call with one world; exists() is false for a
// county of one person.
CaseStudy caseStudyOf(const SimWorld &world);

} // namespace bv::feedsim
