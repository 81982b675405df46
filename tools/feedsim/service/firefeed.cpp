// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "identifiers.h"
#include "personview.h"
#include "simclock.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <bit>

namespace bv::feedsim {

namespace {

enum Table : quint32 { Incidents, Visits };

enum IncidentKind : quint8 {
    KitchenFire,
    ElectricalFire,
    ChimneyFire,
    SmokingFire,
    FalseAlarm,
    Rescue,
    kIncidentKinds,
    // The case study's own (casestudy.h): never drawn.
    CaseKitchenFire = kIncidentKinds,
    kAllIncidentKinds
};

const EventKind kKinds[kAllIncidentKinds] = {
    {"Primary fire: dwelling (kitchen)",
     "Kitchen fire",
     2,
     {"Fire extinguished by FRS", "Fire out on arrival", "Occupant taken to hospital",
      "Referred for a home fire safety visit", nullptr},
     {"Chip pan fire left unattended", "Grill fire spread to a wall cupboard",
      "Cooker fire after falling asleep", nullptr}},
    {"Primary fire: dwelling (electrical)",
     "Electrical fire",
     2,
     {"Fire extinguished by FRS", "Fire out on arrival", "Property uninhabitable", nullptr,
      nullptr},
     {"Overloaded extension lead", "Tumble dryer fire", "Charger fire in a bedroom", nullptr}},
    {"Chimney fire",
     "Chimney fire",
     1,
     {"Fire extinguished by FRS", "Advice on chimney sweeping given", nullptr, nullptr, nullptr},
     {"Chimney fire in an open fireplace", nullptr, nullptr, nullptr}},
    {"Primary fire: dwelling (smoking materials)",
     "Smoking-related fire",
     3,
     {"Occupant rescued by FRS", "Fire extinguished by FRS", "Referred to adult social care",
      nullptr, nullptr},
     {"Cigarette dropped on bedding", "Ashtray fire in the living room", nullptr, nullptr}},
    {"False alarm: good intent",
     "False alarm",
     1,
     {"No action required", "Smoke alarm tested and reset", nullptr, nullptr, nullptr},
     {"Neighbour saw smoke from a barbecue", "Burnt toast set off the alarm", nullptr, nullptr}},
    {"Special service: assist person",
     "Person rescue",
     2,
     {"Entry forced, person assisted", "Handed to ambulance service",
      "Referred to adult social care", nullptr, nullptr},
     {"Person fallen and unable to reach the door", "Person locked in and unwell", nullptr,
      nullptr}},
    {"Primary fire: dwelling (kitchen)",
     "Kitchen fire",
     2,
     {"Fire out on arrival; referred for a home fire safety visit", nullptr, nullptr, nullptr,
      nullptr},
     {"Pan left on the hob; fire spread to a wall cupboard", nullptr, nullptr, nullptr}},
};

const EventKind kVisit
    = {"Home fire safety visit",
       "Home fire safety visit",
       1,
       {"Smoke alarms fitted", "Advice given, alarms working", "Fire retardant bedding supplied",
        "Referred to adult social care", nullptr},
       {"Visit after a referral from adult social care", "Visit requested by a family member",
        "Targeted visit to older residents", "Visit after a nearby incident"}};
const EventKind kCaseVisit
    = {"Home fire safety visit",
       "Home fire safety visit",
       1,
       {"Smoke alarms fitted", nullptr, nullptr, nullptr, nullptr},
       {"Visit after a kitchen fire at the address", nullptr, nullptr, nullptr}};

// Bits of a visit's risk factors, in the order written.
const char *const kRiskFactors[]
    = {"lives_alone", "mobility",     "oxygen",           "hoarding",
       "smoker",      "older_person", "vulnerable_adult", "no_working_alarm"};
enum RiskBit : quint8 {
    LivesAlone = 1,
    Mobility = 2,
    Oxygen = 4,
    Hoarding = 8,
    Smoker = 16,
    OlderPerson = 32,
    Vulnerable = 64,
    NoAlarm = 128
};

class FireFeed final : public AgencyFeed
{
public:
    FireFeed(SimWorld &world, const ContentFaults &faults)
        : AgencyFeed(world, coverage::Agency::Fire, faults)
    {}

    QString id() const override { return QStringLiteral("fire"); }
    void build() override;
    SimResponse handle(const SimRequest &request) override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override { return {&m_incidents, &m_visits}; }

private:
    std::vector<quint32> occupants(const SimRecord &record) const;
    quint8 riskFactors(quint32 household, qint32 day, RecordRandom &random) const;
    bool addItem(Table table, quint32 household, qint32 day, RecordRandom &random,
                 Stamper *stamper);
    void addCaseStudy(const CaseStudy &story);
    QString ref(quint32 table, quint32 serial) const;
    QJsonObject item(quint32 table, quint32 serial) const;

    // incidents: aux = household, day, kind = IncidentKind. visits: aux = household, day,
    // kind = RiskBit mask. Occupants are the household's members on the day.
    RecordTable m_incidents;
    RecordTable m_visits;
    quint32 m_caseVisit = kNone; // the case study's visit: texts of its own
};

std::vector<quint32> FireFeed::occupants(const SimRecord &record) const
{
    std::vector<quint32> members = m_world.membersOn(record.aux, record.day);
    if (members.size() > std::size_t(coverage::kFireMaxOccupants))
        members.resize(std::size_t(coverage::kFireMaxOccupants));
    return members;
}

quint8 FireFeed::riskFactors(quint32 household, qint32 day, RecordRandom &random) const
{
    const std::vector<quint32> members = m_world.membersOn(household, day);
    quint8 factors = 0;
    int adults = 0;
    for (quint32 member : members) {
        adults += m_world.isChild(member) ? 0 : 1;
        if (m_world.ageOn(member, day) >= 75)
            factors |= OlderPerson;
        if (m_world.flagsOn(member, day) & VulnerableAdult)
            factors |= Vulnerable;
    }
    if (adults == 1 && members.size() == 1)
        factors |= LivesAlone;
    const bool frail = factors & (OlderPerson | Vulnerable);
    if (random.chance(frail ? 0.4 : 0.05))
        factors |= Mobility;
    if (random.chance(frail ? 0.08 : 0.01))
        factors |= Oxygen;
    if (random.chance(0.03))
        factors |= Hoarding;
    if (random.chance(0.15))
        factors |= Smoker;
    if (random.chance(0.2))
        factors |= NoAlarm;
    return factors;
}

bool FireFeed::addItem(Table table, quint32 household, qint32 day, RecordRandom &random,
                       Stamper *stamper)
{
    if (m_world.membersOn(household, day).empty())
        return false;
    SimRecord record;
    record.aux = household;
    record.day = day;
    record.person = m_world.membersOn(household, day).front();
    record.kind = table == Incidents ? quint8(random.below(kIncidentKinds))
                                     : riskFactors(household, day, random);
    RecordTable &records = table == Incidents ? m_incidents : m_visits;
    const quint32 serial = records.append(record);
    if (stamper)
        records.stamp(serial, stamper->next());
    return true;
}

void FireFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 start = m_world.historyStart();
    const qint32 today = m_world.today();
    for (quint32 h = 0; h < m_world.householdCount(); ++h) {
        const bool incident = random.chance(coverage::kFireIncidentHousehold);
        const qint32 incidentDay = qint32(random.between(start, today - 1));
        bool priority = false;
        for (quint32 member : m_world.membersOn(h, today)) {
            priority = priority || m_world.ageOn(member, today) >= 75
                       || (m_world.person(member).flags & VulnerableAdult);
        }
        const bool visit = random.chance(priority ? coverage::kFireVisitOlderOrVulnerable
                                                  : coverage::kFireVisitHousehold);
        const qint32 visitDay = qint32(random.between(start, today - 1));
        if (incident)
            addItem(Incidents, h, incidentDay, random, nullptr);
        if (visit)
            addItem(Visits, h, visitDay, random, nullptr);
    }
    addCaseStudy(caseStudyOf(m_world));
}

void FireFeed::addCaseStudy(const CaseStudy &story)
{
    // Appended after everything drawn, so every other record keeps its id. Occupants are the
    // household's members on the day, as for every item.
    if (!story.exists())
        return;
    SimRecord incident;
    incident.aux = story.household;
    incident.day = story.kitchenFire;
    incident.person = story.person;
    incident.kind = CaseKitchenFire;
    m_incidents.append(incident);
    SimRecord visit = incident;
    visit.day = story.fireSafetyVisit;
    visit.kind = NoAlarm;
    m_caseVisit = m_visits.append(visit);
}

QString FireFeed::ref(quint32 table, quint32 serial) const
{
    return externalId(table == Incidents ? "INC" : "HFSV", table, serial);
}

QJsonObject FireFeed::item(quint32 table, quint32 serial) const
{
    const RecordTable &records = table == Incidents ? m_incidents : m_visits;
    const SimRecord &record = records.at(serial);
    const quint64 seed = recordSeed(table, serial);
    RecordRandom random(seed);
    const EventKind &kind = table == Incidents      ? kKinds[record.kind]
                            : serial == m_caseVisit ? kCaseVisit
                                                    : kVisit;
    const qint64 when = simclock::fromUkLocal(QDate::fromJulianDay(record.day),
                                              int(random.between(8 * 3600, 22 * 3600)));
    const quint32 address = m_world.addressOn(record.person, record.day);
    const AddressParts parts = addressParts(m_world, address);
    const QString id = ref(table, serial);
    QJsonArray people;
    const std::vector<quint32> members = occupants(record);
    for (std::size_t o = 0; o < members.size(); ++o) {
        // The name as given at the door on the day.
        const PersonView v
            = viewPerson(m_world, m_agency, mix64(seed + o + 1), members[o], record.day, false);
        people.append(QJsonObject{
            {QStringLiteral("occupant_id"),
             QString(id + QLatin1Char('-') + QString::number(o + 1))},
            {QStringLiteral("name"), QString(v.given + QLatin1Char(' ') + v.family)},
            {QStringLiteral("dob"), v.birthDate.isValid() ? QJsonValue(
                                        simclock::formatDate(v.birthDate, simclock::DateStyle::Iso))
                                                          : QJsonValue()},
            {QStringLiteral("casualty"),
             table == Incidents && random.chance(coverage::kFireCasualty)}});
    }
    QJsonObject json{
        {QStringLiteral("incident_ref"), id},
        {QStringLiteral("datetime"), simclock::formatInstant(when, simclock::Style::IsoOffset)},
        {QStringLiteral("type"), QLatin1String(kind.code)},
        {QStringLiteral("description"), QLatin1String(drawText(kind.summaries, random))},
        {QStringLiteral("outcome"), QLatin1String(drawText(kind.outcomes, random))},
        {QStringLiteral("easting"), parts.easting},
        {QStringLiteral("northing"), parts.northing},
        {QStringLiteral("address"), QString(parts.line + QStringLiteral(", ") + parts.town)},
        {QStringLiteral("postcode"), parts.postcode},
        {QStringLiteral("occupants"), people},
        {QStringLiteral("updated"),
         simclock::formatInstant(record.updated, simclock::Style::IsoUtc)},
        {QStringLiteral("withdrawn"), record.withdrawn()}};
    if (table == Visits) {
        QJsonArray factors;
        for (int bit = 0; bit < 8; ++bit) {
            if (record.kind & (1u << bit))
                factors.append(QLatin1String(kRiskFactors[bit]));
        }
        json.insert(QStringLiteral("risk_factors"), factors);
    }
    if (const auto fault = malformed(table, serial, record)) {
        switch (*fault % 4) {
        case 0:
            json.remove(QStringLiteral("incident_ref"));
            break;
        case 1: {
            QJsonObject first = people.at(0).toObject();
            first.remove(QStringLiteral("name"));
            people[0] = first;
            json.insert(QStringLiteral("occupants"), people);
            break;
        }
        case 2:
            json.insert(QStringLiteral("datetime"), QStringLiteral("2023-02-30T14:03:00+00:00"));
            break;
        default:
            json.insert(QStringLiteral("easting"), QStringLiteral("%1m").arg(parts.easting));
            break;
        }
    }
    return json;
}

SimResponse FireFeed::handle(const SimRequest &request)
{
    quint32 table = 0;
    if (request.path == QLatin1String("api/incidents"))
        table = Incidents;
    else if (request.path == QLatin1String("api/visits"))
        table = Visits;
    else
        return notFound();
    if (!isGet(request))
        return methodNotAllowed();
    const Paging paging
        = parsePaging(request, streamCode(table), QStringLiteral("since"),
                      [](const QString &text) { return simclock::parseIso(text); },
                      QStringLiteral("page_token"), QStringLiteral("page_size"), {});
    if (!paging.error.isEmpty())
        return badRequest(paging.error);
    const Page page = collect({table}, paging.start);
    QJsonArray items;
    for (const PageItem &entry : page.items)
        items.append(item(entry.table, entry.serial));
    const QJsonObject body{{QStringLiteral("items"), items},
                           {QStringLiteral("next_page_token"),
                            page.next ? QJsonValue(page.next->encode()) : QJsonValue()}};
    SimResponse response;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

void FireFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    const std::size_t items = m_incidents.size() + m_visits.size();
    for (quint32 n = churn(items, coverage::kTickNewEvents); n > 0; --n) {
        const auto household = quint32(random.below(m_world.householdCount()));
        addItem(random.chance(0.3) ? Incidents : Visits, household, changes.day, random, &stamper);
    }
    for (quint32 n = churn(items, coverage::kTickWithdrawnEvents); n > 0; --n) {
        RecordTable &records = random.chance(0.5) ? m_incidents : m_visits;
        const quint32 serial = pickLive(records, random);
        if (serial == kNone)
            continue;
        records.edit(serial).bits |= SimRecord::kWithdrawn;
        records.stamp(serial, stamper.next());
    }
}

RecordCounts FireFeed::counts() const
{
    RecordCounts counts;
    for (const RecordTable *records : {&m_incidents, &m_visits}) {
        for (const SimRecord &r : records->records()) {
            const auto people = qint64(occupants(r).size());
            counts.add("person", people, r.withdrawn());
            counts.add("event", people, r.withdrawn());
            if (records == &m_visits) // each risk factor is a flag on each occupant
                counts.add("flag", std::popcount(r.kind) * people, r.withdrawn());
        }
    }
    return counts;
}

void FireFeed::writeTruth(QByteArray &out) const
{
    for (quint32 table : {quint32(Incidents), quint32(Visits)}) {
        const RecordTable &records = table == Incidents ? m_incidents : m_visits;
        for (quint32 serial = 0; serial < records.size(); ++serial) {
            const QByteArray id = ref(table, serial).toLatin1();
            const std::vector<quint32> members = occupants(records.at(serial));
            for (std::size_t o = 0; o < members.size(); ++o)
                out += "fire,occupant," + id + '-' + QByteArray::number(qulonglong(o + 1)) + ','
                       + CountyModel::personId(members[o]).toLatin1() + '\n';
        }
    }
}

} // namespace

std::unique_ptr<AgencyFeed> makeFireFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<FireFeed>(world, faults);
}

} // namespace bv::feedsim
