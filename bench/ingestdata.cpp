// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestdata.h"

#include <QByteArray>
#include <QDate>

#include <algorithm>

namespace bv::bench {

namespace {

using Strings = std::array<const char *, 6>;

// The period the events cover, and the instant the sync "received" them.
constexpr qint64 kFirstEventSecs = 1451606400; // 2016-01-01T00:00:00Z
constexpr qint64 kEventSpanSecs = 10LL * 365 * 24 * 3600;
constexpr qint64 kReceivedSecs = 1772357400; // 2026-03-01T09:30:00Z

// What each feed's events are about. Indexes match feeds().
struct FeedVocabulary
{
    Strings categories;
    Strings titles;
    const char *idPrefix; // the agency's own reference scheme; nullptr: FHIR UUIDs
    double dateOnlyShare; // share of events with a calendar date and no time
    double periodShare;   // share of date-only events that span a period
    double contactShare;  // share naming an agency contact
    Strings contacts;
};

const std::array<FeedVocabulary, 7> kVocabulary{{
    {{"gp_consultation", "ae_attendance", "admission", "discharge", "outpatient", "mh_assessment"},
     {"Seen by GP", "A&E attendance", "Admitted to ward", "Discharged home", "Clinic review",
      "Crisis team assessment"},
     nullptr,
     0.1,
     0.2,
     0.3,
     {"Dr Patel", "Ward 7 sister", "ED triage nurse", "Crisis team", "Practice nurse",
      "Dr Hughes"}},
    {{"domestic_incident", "welfare_check", "missing_person", "arrest", "victim_of_crime", "asb"},
     {"Domestic incident", "Concern for welfare", "Reported missing", "Arrested", "Victim of theft",
      "ASB report"},
     "OCC/",
     0.0,
     0.0,
     0.6,
     {"PC 4471", "PC 2208", "DC 1190", "PS 0311", "PCSO 5527", "PC 3086"}},
    {{"dwelling_fire", "hfsv", "rtc", "false_alarm", "assist_agency", "bariatric_assist"},
     {"Kitchen fire", "Safety visit", "Road collision", "Alarm activation", "Assist ambulance",
      "Gain entry"},
     "INC-",
     0.0,
     0.0,
     0.4,
     {"Watch Red", "Watch Blue", "Station 12", "Station 4", "Prevention team", "Watch Green"}},
    {{"referral", "assessment", "strategy_meeting", "cp_conference", "home_visit", "placement"},
     {"Referral received", "Assessment done", "Strategy meeting", "Initial conference",
      "Home visit", "Placement moved"},
     "CSC",
     0.7,
     0.15,
     0.5,
     {"Duty team A", "Duty team B", "J Okafor SW", "K Walsh SW", "IRO service", "MASH"}},
    {{"safeguarding", "care_act_assessment", "package_review", "home_visit", "discharge_support",
      "carer_assessment"},
     {"Safeguarding concern", "Care Act assessment", "Package review", "Home visit",
      "Discharge support", "Carer assessment"},
     "ASC",
     0.7,
     0.1,
     0.5,
     {"Locality team N", "Locality team S", "OT service", "Reablement", "A Brown SW", "Hub"}},
    {{"exclusion", "attendance", "school_move", "send_review", "safeguarding_note", "part_time"},
     {"Fixed-term exclusion", "Low attendance", "Changed school", "EHCP review", "DSL note",
      "Part-time timetable"},
     "EDU-",
     0.8,
     0.2,
     0.3,
     {"DSL", "Head of year", "SENCo", "EWO", "Deputy head", "Class teacher"}},
    {{"repair", "tenancy_visit", "arrears", "asb_report", "homelessness", "adaptation"},
     {"Repair raised", "Tenancy visit", "Rent arrears", "ASB logged", "Homeless application",
      "Adaptation request"},
     "HSG",
     0.5,
     0.1,
     0.4,
     {"Housing officer", "Repairs desk", "Income team", "ASB team", "Options team", "OT liaison"}},
}};

// Free text is assembled from short clauses so that rows differ without being random noise.
const Strings kOpeners{"Seen with mother.", "Seen alone.",     "Called by neighbour.",
                       "Seen at home.",     "Seen at school.", "Seen with carer."};
const Strings kMiddles{"Injury to left arm noted.", "Low mood reported.",
                       "House cold and damp.",      "No concerns raised.",
                       "Alcohol involved.",         "Missed two appointments."};
const Strings kOutcomes{"Referred to MASH", "No further action", "Advice given",
                        "Follow-up booked", "Shared with GP",    "Safety plan made"};
const Strings kStreets{"Mill Lane",     "Church Street", "Station Road",
                       "Victoria Road", "The Green",     "Park Avenue"};
const Strings kTowns{"Northam", "Eastleigh", "Brookford", "Ashby Marsh", "Kings Holt", "Wenford"};
const std::array<const char *, 12> kGiven{"Oliver", "Amelia", "Noah",   "Isla",  "Jack", "Ava",
                                          "Leo",    "Mia",    "Arthur", "Grace", "Zara", "Yusuf"};
const std::array<const char *, 12> kFamily{"Smith",    "Jones",  "Taylor", "Brown",
                                           "Williams", "Wilson", "Khan",   "Evans",
                                           "Patel",    "Walker", "Nowak",  "Okafor"};
const std::array<const char *, 3> kPrecision{"uprn", "postcode_unit", "district"};

QString utc(qint64 secs)
{
    const QDate day = QDate(1970, 1, 1).addDays(secs / 86400);
    const int s = static_cast<int>(secs % 86400);
    return QString::asprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", day.year(), day.month(), day.day(),
                             s / 3600, s / 60 % 60, s % 60);
}

QString date(qint64 secs)
{
    return QDate(1970, 1, 1).addDays(secs / 86400).toString(Qt::ISODate);
}

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

// A version 4 UUID, as FHIR servers commonly give a resource's logical id.
QString uuid(Rng &rng)
{
    const std::uint64_t hi = rng.next();
    const std::uint64_t lo = rng.next();
    return QString::asprintf("%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                             static_cast<unsigned>(hi >> 16 & 0xffff),
                             static_cast<unsigned>(hi & 0xfff),
                             static_cast<unsigned>(0x8000 | (lo >> 48 & 0x3fff)),
                             static_cast<unsigned long long>(lo & 0xffffffffffffULL));
}

// An NHS number in the 999 test range with a valid modulus 11 check digit.
QString nhsNumber(Rng &rng)
{
    for (;;) {
        int digits[9] = {9, 9, 9};
        for (int i = 3; i < 9; ++i)
            digits[i] = static_cast<int>(rng.below(10));
        int sum = 0;
        for (int i = 0; i < 9; ++i)
            sum += digits[i] * (10 - i);
        const int check = (11 - sum % 11) % 11;
        if (check == 10)
            continue; // no valid number with these digits
        QString text;
        for (int d : digits)
            text += QChar(u'0' + d);
        return text + QChar(u'0' + check);
    }
}

QString postcode(Rng &rng)
{
    return QString::asprintf("NR%u %u%c%c", 1 + rng.below(30), rng.below(10),
                             'A' + static_cast<char>(rng.below(26)),
                             'A' + static_cast<char>(rng.below(26)));
}

void digestBytes(std::uint64_t &digest, const void *data, std::size_t size)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < size; ++i) {
        digest ^= bytes[i];
        digest *= 0x100000001b3ULL;
    }
}

void digestText(std::uint64_t &digest, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const unsigned char marker = text.isNull() ? 0xfe : 0xff;
    digestBytes(digest, utf8.constData(), static_cast<std::size_t>(utf8.size()));
    digestBytes(digest, &marker, 1);
}

template<typename T>
void digestValue(std::uint64_t &digest, T value)
{
    digestBytes(digest, &value, sizeof value);
}

qint64 textBytes(const QString &text)
{
    return text.isNull() ? 0 : text.toUtf8().size();
}

} // namespace

std::uint64_t Rng::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint32_t Rng::below(std::uint32_t n)
{
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
}

double Rng::unit()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

const std::array<FeedSpec, 7> &feeds()
{
    // Shares of the event volume: health and police dominate, as in a real county.
    static const std::array<FeedSpec, 7> kFeeds{{
        {"health-fhir", "health", "fhir-r4", 0.34},
        {"police-pole", "police", "json", 0.18},
        {"fire-incidents", "fire", "json", 0.06},
        {"csc-notes", "childrens_social_care", "csv", 0.15},
        {"asc-notes", "adult_social_care", "csv", 0.10},
        {"education-ctf", "education", "xml", 0.09},
        {"housing-repairs", "housing", "csv", 0.08},
    }};
    return kFeeds;
}

qint64 EventRow::payloadBytes() const
{
    constexpr qint64 kNumber = 8;
    qint64 bytes = 3 * kNumber; // source_id, source_person_id, significance
    for (const QString *text : {&externalId, &occurredAt, &occurredDate, &periodEndDate, &category,
                                &title, &summary, &outcome, &sensitivity, &placeText,
                                &placePrecision, &agencyContact, &receivedAt, &updatedAt})
        bytes += textBytes(*text);
    if (lat)
        bytes += 2 * kNumber;
    return bytes;
}

void EventRow::addToDigest(std::uint64_t &digest) const
{
    digestValue(digest, sourceId);
    digestValue(digest, sourcePersonId);
    digestValue(digest, significance);
    for (const QString *text : {&externalId, &occurredAt, &occurredDate, &periodEndDate, &category,
                                &title, &summary, &outcome, &sensitivity, &placeText,
                                &placePrecision, &agencyContact, &receivedAt, &updatedAt})
        digestText(digest, *text);
    digestValue(digest, lat.value_or(-999.0));
    digestValue(digest, lon.value_or(-999.0));
}

SyntheticCounty::SyntheticCounty(std::uint64_t seed, qint64 eventCount)
    : m_eventCount(eventCount)
    , m_rng(seed ^ 0x5eedfeedULL)
{
    // About ten events per source record, as in a county's multi-year history.
    const qint64 personTotal = std::max<qint64>(100, eventCount / 10);
    qint64 eventsLeft = eventCount;
    qint64 firstPerson = 1;
    for (std::size_t i = 0; i < feeds().size(); ++i) {
        FeedState state;
        const bool last = i + 1 == feeds().size();
        state.total
            = last
                  ? eventsLeft
                  : static_cast<qint64>(static_cast<double>(eventCount) * feeds()[i].shareOfEvents);
        eventsLeft -= state.total;
        state.firstPerson = firstPerson;
        state.personCount = std::max<qint64>(
            1, static_cast<qint64>(static_cast<double>(personTotal) * feeds()[i].shareOfEvents));
        state.nextSequence = 100000 + static_cast<qint64>(m_rng.below(800000));
        firstPerson += state.personCount;
        m_feeds.push_back(state);
    }
    makePersons(m_rng);
}

void SyntheticCounty::makePersons(Rng &rng)
{
    const QString received = utc(kReceivedSecs);
    for (std::size_t f = 0; f < m_feeds.size(); ++f) {
        const bool hasNhsNumber = f == 0 || f == 3 || f == 4; // health and social care
        for (qint64 i = 0; i < m_feeds[f].personCount; ++i) {
            PersonRow person;
            person.sourceIndex = static_cast<int>(f);
            person.externalId
                = QString::asprintf("%s-P%07lld", feeds()[f].code, static_cast<long long>(i + 1));
            person.givenName = latin1(rng.pick(kGiven));
            person.familyName = latin1(rng.pick(kFamily));
            person.givenNorm = person.givenName.toUpper();
            person.familyNorm = person.familyName.toUpper();
            person.birthDate = date(-315619200 + static_cast<qint64>(rng.below(30000)) * 86400);
            person.sex = rng.chance(0.5) ? QStringLiteral("female") : QStringLiteral("male");
            if (hasNhsNumber && rng.chance(0.9))
                person.nhsNumber = nhsNumber(rng);
            person.postcode = postcode(rng);
            person.address = QString::asprintf("%u %s, %s", 1 + rng.below(120), rng.pick(kStreets),
                                               rng.pick(kTowns));
            person.receivedAt = received;
            m_persons.push_back(std::move(person));
        }
    }
}

void SyntheticCounty::nextPage(int pageRows, std::vector<EventRow> &page)
{
    page.clear();
    // Round-robin over the feeds that still have events to deliver.
    for (std::size_t tried = 0; tried < m_feeds.size(); ++tried) {
        const std::size_t f = m_nextFeed;
        m_nextFeed = (m_nextFeed + 1) % m_feeds.size();
        FeedState &feed = m_feeds[f];
        if (feed.delivered >= feed.total)
            continue;
        const qint64 rows = std::min<qint64>(pageRows, feed.total - feed.delivered);
        page.resize(static_cast<std::size_t>(rows));
        for (EventRow &row : page)
            makeEvent(static_cast<int>(f), feed, row);
        return;
    }
}

void SyntheticCounty::makeEvent(int feedIndex, FeedState &feed, EventRow &row)
{
    Rng &rng = m_rng;
    const FeedVocabulary &vocabulary = kVocabulary[static_cast<std::size_t>(feedIndex)];
    row = EventRow{};
    row.sourceId = feedIndex + 1;

    // A few people have many events and most have few; a fixed odd multiplier scatters
    // the busy ones across the id range instead of bunching them at the start.
    const double u = rng.unit();
    const auto rank = static_cast<qint64>(u * u * static_cast<double>(feed.personCount));
    row.sourcePersonId = feed.firstPerson + (rank * 2654435761LL) % feed.personCount;

    // Ascending in time, as a `_lastUpdated` cursor delivers them, with some jitter.
    const double position
        = (static_cast<double>(feed.delivered) + rng.unit()) / static_cast<double>(feed.total);
    const qint64 occurred = kFirstEventSecs + static_cast<qint64>(position * kEventSpanSecs);
    ++feed.delivered;

    row.externalId = vocabulary.idPrefix ? QString::asprintf(
                         "%s%lld", vocabulary.idPrefix, static_cast<long long>(feed.nextSequence++))
                                         : uuid(rng);
    if (rng.chance(vocabulary.dateOnlyShare)) {
        row.occurredDate = date(occurred);
        if (rng.chance(vocabulary.periodShare))
            row.periodEndDate = date(occurred + 86400LL * (7 + rng.below(180)));
    } else {
        row.occurredAt = utc(occurred);
    }
    const std::uint32_t kind = rng.below(6);
    row.category = latin1(vocabulary.categories[kind]);
    row.title = latin1(vocabulary.titles[kind]);
    row.summary = latin1(rng.pick(kOpeners));
    if (rng.chance(0.5))
        row.summary += QLatin1Char(' ') + latin1(rng.pick(kMiddles));
    if (rng.chance(0.55))
        row.outcome = latin1(rng.pick(kOutcomes));
    const double s = rng.unit();
    row.significance = s < 0.7 ? 1 : s < 0.92 ? 2 : 3;
    row.sensitivity
        = rng.chance(0.8) ? QStringLiteral("official") : QStringLiteral("official-sensitive");
    if (rng.chance(0.65)) {
        row.placeText = QString::asprintf("%u %s, %s", 1 + rng.below(120), rng.pick(kStreets),
                                          rng.pick(kTowns));
        row.lat = 52.45 + rng.unit() * 0.5;
        row.lon = 0.95 + rng.unit() * 0.8;
        row.placePrecision = latin1(rng.pick(kPrecision));
    }
    if (rng.chance(vocabulary.contactShare))
        row.agencyContact = latin1(rng.pick(vocabulary.contacts));
    row.receivedAt = utc(kReceivedSecs + feed.delivered / 50);
    row.updatedAt = utc(occurred + rng.below(72 * 3600));
}

} // namespace bv::bench
