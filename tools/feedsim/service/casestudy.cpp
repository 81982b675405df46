// SPDX-License-Identifier: GPL-3.0-or-later
#include "casestudy.h"

#include "recordrandom.h"

#include <QDate>

#include <algorithm>

namespace bv::feedsim {

namespace {

constexpr quint64 kCaseStudySalt = 0xca5e57;
// The story runs over the young person's last four years (13 to 17), counted back from today.
constexpr int kCinReferralDaysAgo = 1300;
constexpr int kAttendanceDaysAgo = 1000;
constexpr int kEmergencyDaysAgo = 800;
constexpr int kFirstMissingDaysAgo = 640;
constexpr int kSuspensionDaysAgo = 330;
constexpr int kKitchenFireDaysAgo = 260;
constexpr int kHomelessDaysAgo = 200;
constexpr int kTransitionLatestDaysAgo = 150; // within months of the 17th birthday

} // namespace

CaseStudy caseStudyOf(const SimWorld &world)
{
    CaseStudy story;
    const quint32 person = world.county().caseStudy();
    if (person == kNone)
        return story;
    const Person &p = world.person(person);
    story.person = person;
    story.parent = p.mother != kNone ? p.mother : p.father;
    story.household = p.household;

    RecordRandom random(hashKeys({world.seed(), kCaseStudySalt, person}));
    const qint32 today = world.today();
    const auto daysAgo = [&](int days, int jitter) {
        return qint32(today - days - random.between(0, jitter));
    };
    story.cinReferral = daysAgo(kCinReferralDaysAgo, 60);
    story.cinAssessed = story.cinReferral + qint32(random.between(20, 40));
    story.cinPlanEnd = story.cinAssessed + qint32(random.between(240, 300));
    story.attendanceConcern = daysAgo(kAttendanceDaysAgo, 40);
    story.emergency = daysAgo(kEmergencyDaysAgo, 60);
    story.firstMissing = daysAgo(kFirstMissingDaysAgo, 30);
    story.lookedAfterFrom = story.firstMissing + qint32(random.between(21, 35));
    story.lookedAfterTo = story.lookedAfterFrom + qint32(random.between(90, 130));
    story.secondMissing = story.lookedAfterTo + qint32(random.between(60, 90));
    story.suspension = daysAgo(kSuspensionDaysAgo, 20);
    story.kitchenFire = daysAgo(kKitchenFireDaysAgo, 20);
    story.fireSafetyVisit = story.kitchenFire + qint32(random.between(10, 21));
    story.homelessApplication = daysAgo(kHomelessDaysAgo, 20);
    story.homelessClosed = story.homelessApplication + qint32(random.between(35, 50));
    // Adult social care assesses before 18 (Care Act s58): soon after the 17th birthday.
    const auto seventeen = qint32(QDate::fromJulianDay(p.birthDay).addYears(17).toJulianDay() + 14);
    story.transitionAssessment
        = std::clamp(seventeen, today - kTransitionLatestDaysAgo, qint32(today - 1));
    return story;
}

} // namespace bv::feedsim
