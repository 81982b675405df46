// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

// Every rate the agencies are built with, in one table: docs/feeds-protocol.md "Coverage and
// noise" repeats it, so change both together. Rates are probabilities per person, household
// or record as named; "over the history" means the ten years before CountyModel::today().
// Besides these rates, one young person of every county is known to all seven agencies: the
// case study of casestudy.h.
namespace bv::feedsim::coverage {

// Who each agency knows.
inline constexpr double kHealthRegistered = 0.995;         // persons registered with a GP
inline constexpr double kPolicePrimaryAdult = 0.10;        // adults reported in an occurrence
inline constexpr double kPolicePrimaryTeen = 0.03;         // children 12-17 likewise
inline constexpr double kPoliceDomestic = 0.30;            // occurrences at home with the partner
inline constexpr double kPoliceChildWitness = 0.5;         // per child at home in a domestic
inline constexpr double kPoliceOtherParty = 0.35;          // occurrences with a second adult
inline constexpr double kPoliceRepeatMean = 0.6;           // further occurrences per primary
inline constexpr double kCscChild = 0.045;                 // children, besides every flagged one
inline constexpr double kAscAdult = 0.012;                 // adults 18-64, besides vulnerable ones
inline constexpr double kAscOlderAdult = 0.06;             // adults 65+, likewise
inline constexpr double kHousingTenantHousehold = 0.15;    // households in social tenancies
inline constexpr double kHousingTenantSingleParent = 0.35; // single parents (17% overall)
inline constexpr double kEducationPupil = 0.98;            // children 4-17 (the rest home educated)
inline constexpr int kEducationMinAge = 4;
inline constexpr double kFireIncidentHousehold = 0.02;      // households with an incident
inline constexpr double kFireVisitHousehold = 0.04;         // households visited (fire safety)
inline constexpr double kFireVisitOlderOrVulnerable = 0.20; // when someone is 75+ or vulnerable
inline constexpr int kFireMaxOccupants = 6;
inline constexpr double kFireCasualty = 0.08; // per occupant of an incident

// Events per known person over the history (means of a Poisson draw).
inline constexpr double kHealthEncountersChild = 0.8;
inline constexpr double kHealthEncountersAdult = 0.6;
inline constexpr double kHealthEncountersOlder = 1.8; // 65+
inline constexpr double kAscEpisodesMean = 2.0;       // besides the first assessment
inline constexpr double kHousingCasesMean = 2.5;      // per tenant household
inline constexpr double kEducationExclusion = 0.04;   // pupils 6+ with exclusions
inline constexpr double kEducationAttendance = 0.08;  // pupils with attendance concerns
inline constexpr double kEducationSen = 0.14;         // pupils with an SEN history

// Flags: which agencies surface the county's flags, besides the main one.
inline constexpr double kHealthRiskToStaff = 0.5;  // violent patient marker
inline constexpr double kPoliceVulnerable = 0.4;   // vulnerable adults police know of
inline constexpr double kHousingRiskToStaff = 0.7; // tenants with the county flag

// Noise in person records, per record (see noiseRates()).
struct NoiseRates
{
    double typo = 0.05;         // one letter wrong in the given or family name
    double nickname = 0.05;     // a nickname or variant as the given name
    double swappedNames = 0.02; // given and family name swapped
    double swappedDob = 0.03;   // day and month swapped (day off by one when day > 12)
    double oldAddress = 0.10;   // an address from before a move
    double missingDob = 0.0;
    double nhsMissing = 0.22;
    double nhsMistyped = 0.08; // one digit wrong, so the check digit fails
    double birthName = 0.3;    // birth family name after a change of name
};

enum class Agency { Health, Police, Csc, Asc, Housing, Education, Fire };
inline constexpr int kAgencies = 7;

inline constexpr NoiseRates noiseRates(Agency agency)
{
    NoiseRates rates;
    switch (agency) {
    case Agency::Health: // health has everyone's number and the current name
        rates.nhsMissing = 0.0;
        rates.nhsMistyped = 0.0;
        rates.birthName = 0.0;
        break;
    case Agency::Police:
        rates.missingDob = 0.10;
        break;
    case Agency::Csc:
        rates.missingDob = 0.02;
        break;
    case Agency::Asc:
        rates.missingDob = 0.01;
        break;
    case Agency::Housing:
        rates.missingDob = 0.05;
        rates.birthName = 0.5;
        break;
    case Agency::Education:
        break;
    case Agency::Fire: // no NHS numbers; dates of birth often not asked
        rates.missingDob = 0.35;
        rates.nhsMissing = 1.0;
        rates.nhsMistyped = 0.0;
        break;
    }
    return rates;
}

// How readily an agency notices a household's move (restamps its records at the new address).
inline constexpr std::array<double, kAgencies> kMoveNoticed = {0.9, 0.5, 0.8, 0.8, 1.0, 0.9, 0.0};

// tick(): per simulated day, as fractions of what exists (at least one of each a day).
inline constexpr double kTickMovesPerHousehold = 0.0003;
inline constexpr double kTickBirthsPerPerson = 0.00003;
inline constexpr double kTickNewFlagsPerPerson = 0.00005;
inline constexpr double kTickNewEvents = 0.002;         // of a feed's events
inline constexpr double kTickNameCorrections = 0.001;   // of a feed's person records
inline constexpr double kTickWithdrawnEvents = 0.0005;  // of a feed's events (and flags)
inline constexpr double kTickWithdrawnPersons = 0.0002; // of person records without events

// Initial load: records stamped in batches that share one second.
inline constexpr int kLoadMaxBatch = 1500;
inline constexpr int kTickMaxBatch = 200;

} // namespace bv::feedsim::coverage
