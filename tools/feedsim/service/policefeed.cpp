// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "gridconvert.h"
#include "identifiers.h"
#include "personview.h"
#include "simclock.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace bv::feedsim {

namespace {

using simclock::Style;

enum Table : quint32 { Locations, Persons, Occurrences };

enum Role : quint32 { Victim, Suspect, Witness, Subject };
const char *const kRoles[] = {"victim", "suspect", "witness", "subject"};
constexpr quint32 kRoleShift = 29;
constexpr quint32 kPersonMask = (1u << kRoleShift) - 1;

struct PoliceKind
{
    EventKind event;
    Role primaryRole;
    bool atHome; // at the primary's address, else somewhere in the county
    int adultWeight;
    int teenWeight;
};

enum Category : quint8 {
    Domestic,
    Burglary,
    Theft,
    Asb,
    Assault,
    Damage,
    Missing,
    Welfare,
    PublicOrder,
    Collision,
    Fraud,
    Sexual,
    kCategories,
    // The case study's own (casestudy.h): never drawn, so their weights are 0.
    CaseMissingFromHome = kCategories,
    CaseMissingFromCollege,
    kAllCategories
};

const PoliceKind kKinds[kAllCategories] = {
    {{"DOMESTIC",
      "Domestic abuse",
      3,
      {"Suspect arrested", "DASH risk high: referred to MARAC", "Words of advice given",
       "Victim did not support prosecution", "Charged"},
      {"Report of a verbal argument escalating to assault at the home address",
       "Neighbour called police hearing shouting and a child crying",
       "Victim reports controlling behaviour and threats", nullptr}},
     Suspect,
     true,
     0,
     0},
    {{"BURGLARY",
      "Burglary dwelling",
      2,
      {"No suspects identified", "Suspect charged", "Crime prevention advice given", nullptr,
       nullptr},
      {"Entry forced through rear door while occupants out", "Shed broken into, tools taken",
       "Items taken from hallway through letterbox", nullptr}},
     Victim,
     true,
     10,
     0},
    {{"THEFT",
      "Theft",
      1,
      {"No further action", "Suspect cautioned", "Community resolution", nullptr, nullptr},
      {"Bicycle stolen from outside shop", "Purse taken from handbag in town centre",
       "Shoplifting reported by store security", nullptr}},
     Victim,
     false,
     15,
     20},
    {{"ASB",
      "Anti-social behaviour",
      1,
      {"Words of advice given", "Community protection warning issued",
       "Referred to council ASB team", "No further action", nullptr},
      {"Group of youths causing a nuisance", "Noise from neighbouring property late at night",
       "Repeated disputes between neighbours", nullptr}},
     Suspect,
     false,
     15,
     35},
    {{"ASSAULT",
      "Assault",
      2,
      {"Suspect charged", "Suspect cautioned", "Victim did not support prosecution",
       "No further action", nullptr},
      {"Fight outside licensed premises", "Assault in the street after an argument",
       "Assault at a bus stop", nullptr}},
     Suspect,
     false,
     12,
     15},
    {{"DAMAGE",
      "Criminal damage",
      1,
      {"No suspects identified", "Community resolution", "Suspect charged", nullptr, nullptr},
      {"Car window smashed overnight", "Graffiti on garden wall", "Fence kicked down", nullptr}},
     Suspect,
     false,
     8,
     10},
    {{"MISSING",
      "Missing person",
      3,
      {"Found safe and well", "Returned home of own accord", "Found and taken to hospital", nullptr,
       nullptr},
      {"Reported missing by family after not returning home",
       "Left care placement and did not return", "Missing from hospital ward", nullptr}},
     Subject,
     true,
     5,
     15},
    {{"WELFARE",
      "Concern for welfare",
      2,
      {"Found safe and well", "Referred to adult social care", "Ambulance requested",
       "Referred to mental health services", nullptr},
      {"Family unable to contact an older relative", "Neighbour concerned about unusual behaviour",
       "Caller concerned about a person in distress", nullptr}},
     Subject,
     true,
     10,
     3},
    {{"PUBORDER",
      "Public order",
      1,
      {"Fixed penalty notice issued", "Words of advice given", "Suspect arrested", nullptr,
       nullptr},
      {"Threatening behaviour in a shop", "Disturbance at a takeaway", "Abusive language to staff",
       nullptr}},
     Suspect,
     false,
     8,
     7},
    {{"RTC",
      "Road traffic collision",
      1,
      {"Details exchanged", "Driver reported for careless driving", "Advice given", nullptr,
       nullptr},
      {"Minor collision at a roundabout", "Vehicle left the road", "Pedestrian clipped by a car",
       nullptr}},
     Subject,
     false,
     8,
     0},
    {{"FRAUD",
      "Fraud",
      1,
      {"Referred to Action Fraud", "No further action", "Bank refunded the loss", nullptr, nullptr},
      {"Telephone scam posing as the bank", "Doorstep trader overcharged for roof repairs",
       "Online purchase never arrived", nullptr}},
     Victim,
     true,
     6,
     0},
    {{"SEXUAL",
      "Sexual offence",
      3,
      {"Suspect arrested", "Under investigation",
       "Victim referred to the sexual assault referral centre", nullptr, nullptr},
      {"Historical report of sexual assault", "Indecent exposure reported",
       "Online grooming concern", nullptr}},
     Victim,
     false,
     3,
     5},
    {{"MISSING",
      "Missing person",
      3,
      {"Found safe and well at a friend's address", nullptr, nullptr, nullptr, nullptr},
      {"Young person reported missing by their parent after not returning home overnight", nullptr,
       nullptr, nullptr}},
     Subject,
     true,
     0,
     0},
    {{"MISSING",
      "Missing person",
      3,
      {"Found intoxicated and taken to hospital", nullptr, nullptr, nullptr, nullptr},
      {"Young person reported missing by their parent after not returning from college", nullptr,
       nullptr, nullptr}},
     Subject,
     true,
     0,
     0},
};

QString namesJoined(const QString &given, const QString &middle)
{
    return middle.isEmpty() ? given : given + QLatin1Char(' ') + middle;
}

class PoliceFeed final : public AgencyFeed
{
public:
    PoliceFeed(SimWorld &world, const ContentFaults &faults)
        : AgencyFeed(world, coverage::Agency::Police, faults)
        , m_locationOf(world.county().addresses().size(), kNone)
    {}

    QString id() const override { return QStringLiteral("police"); }
    void build() override;
    SimResponse handle(const SimRequest &request) override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override
    {
        return {&m_locations, &m_persons, &m_occurrences};
    }

private:
    struct AddressEntry
    {
        quint32 address;
        qint32 from; // 0: unknown
        qint32 to;   // AddressPeriod::kOpen: still there
    };

    void addOccurrence(quint32 primary, qint32 day, RecordRandom &random);
    void addCaseStudy(const CaseStudy &story);
    std::vector<AddressEntry> addressesOf(quint32 person, qint32 day) const;
    quint32 ensureLocation(quint32 address, Stamper *stamper);
    QStringList markersOf(const SimRecord &record) const;
    QString personId(quint32 serial) const;
    QString locationId(quint32 serial) const;
    QString occurrenceId(quint32 serial) const;
    QJsonObject personData(quint32 serial, const PersonView &view, qint32 asOf) const;
    QJsonObject locationData(quint32 serial) const;
    QJsonObject occurrenceData(quint32 serial) const;
    QJsonObject change(const PageItem &item) const;

    // locations: aux = address. persons: person. occurrences: person = first party, day,
    // kind = Category, aux = offset in m_parties of [address, count, person | role << 29...].
    RecordTable m_locations;
    RecordTable m_persons;
    RecordTable m_occurrences;
    std::vector<quint32> m_parties;
    std::vector<quint32> m_locationOf; // address -> location serial
};

void PoliceFeed::addOccurrence(quint32 primary, qint32 day, RecordRandom &random)
{
    const int age = m_world.ageOn(primary, day);
    const Person &p = m_world.person(primary);
    const bool partnerAtHome = p.partner != kNone
                               && m_world.person(p.partner).household == p.household
                               && m_world.person(p.partner).memberSince <= day;
    std::vector<std::pair<quint32, Role>> parties;
    Category category = Domestic;
    if (age >= 18 && partnerAtHome && random.chance(coverage::kPoliceDomestic)) {
        parties.emplace_back(primary, Suspect);
        parties.emplace_back(p.partner, Victim);
        for (quint32 member : m_world.membersOn(p.household, day)) {
            if (m_world.isChild(member) && random.chance(coverage::kPoliceChildWitness))
                parties.emplace_back(member, Witness);
        }
    } else {
        int total = 0;
        for (quint8 k = 0; k < kCategories; ++k)
            total += age >= 18 ? kKinds[k].adultWeight : kKinds[k].teenWeight;
        int target = int(random.below(quint64(std::max(total, 1))));
        quint8 chosen = Burglary;
        for (; chosen < kCategories; ++chosen) {
            const int weight = age >= 18 ? kKinds[chosen].adultWeight : kKinds[chosen].teenWeight;
            if (target < weight)
                break;
            target -= weight;
        }
        category = Category(std::min<quint8>(chosen, kCategories - 1));
        const Role role = kKinds[category].primaryRole;
        parties.emplace_back(primary, role);
        if (random.chance(coverage::kPoliceOtherParty)) {
            const auto other = quint32(random.below(m_world.county().persons().size()));
            if (other != primary && m_world.ageOn(other, day) >= 16) {
                const Role counterpart = role == Suspect  ? Victim
                                         : role == Victim ? Suspect
                                                          : Witness;
                parties.emplace_back(other, counterpart);
            }
        }
    }
    quint32 address = m_world.addressOn(primary, day);
    if (!kKinds[category].atHome || address == kNone) {
        const auto &addresses = m_world.county().addresses();
        address = quint32(random.below(addresses.size()));
    }
    SimRecord record;
    record.person = primary;
    record.day = day;
    record.kind = category;
    record.aux = quint32(m_parties.size());
    m_parties.push_back(address);
    m_parties.push_back(quint32(parties.size()));
    for (const auto &[person, role] : parties)
        m_parties.push_back(person | (quint32(role) << kRoleShift));
    m_occurrences.append(record);
}

std::vector<PoliceFeed::AddressEntry> PoliceFeed::addressesOf(quint32 person, qint32 day) const
{
    const Person &p = m_world.person(person);
    std::vector<AddressEntry> entries;
    if (p.priorAddress != kNone && p.memberSince > p.birthDay)
        entries.push_back({p.priorAddress, 0, p.memberSince});
    for (const AddressPeriod &period : m_world.householdHistoryOn(p.household, day)) {
        if (period.to <= p.memberSince)
            continue;
        entries.push_back({period.address, std::max(period.from, p.memberSince), period.to});
    }
    return entries;
}

quint32 PoliceFeed::ensureLocation(quint32 address, Stamper *stamper)
{
    if (m_locationOf[address] != kNone)
        return m_locationOf[address];
    SimRecord record;
    record.aux = address;
    const quint32 serial = m_locations.append(record);
    m_locationOf[address] = serial;
    if (stamper)
        m_locations.stamp(serial, stamper->next());
    return serial;
}

void PoliceFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 start = m_world.historyStart();
    const qint32 today = m_world.today();
    const auto count = quint32(m_world.county().persons().size());
    for (quint32 i = 0; i < count; ++i) {
        const int age = m_world.ageOn(i, today);
        const double rate = age >= 18   ? coverage::kPolicePrimaryAdult
                            : age >= 12 ? coverage::kPolicePrimaryTeen
                                        : 0.0;
        if (!random.chance(rate))
            continue;
        const int occurrences = 1 + random.poisson(coverage::kPoliceRepeatMean);
        const Person &p = m_world.person(i);
        // Old enough for the role it will have: 12 for teens, 16 for adults' history.
        const qint32 first = std::max<qint32>(
            start,
            qint32(QDate::fromJulianDay(p.birthDay).addYears(age >= 18 ? 16 : 12).toJulianDay()));
        for (int n = 0; n < occurrences && first < today; ++n)
            addOccurrence(i, qint32(random.between(first, today - 1)), random);
    }
    std::vector<quint32> persons;
    for (std::size_t offset = 0; offset < m_parties.size();) {
        const quint32 parties = m_parties[offset + 1];
        for (quint32 k = 0; k < parties; ++k)
            persons.push_back(m_parties[offset + 2 + k] & kPersonMask);
        offset += 2 + parties;
    }
    std::sort(persons.begin(), persons.end());
    persons.erase(std::unique(persons.begin(), persons.end()), persons.end());

    // Locations: every address a person's history or an occurrence names, in address order.
    std::vector<bool> used(m_locationOf.size(), false);
    for (quint32 person : persons) {
        for (const AddressEntry &entry : addressesOf(person, today))
            used[entry.address] = true;
    }
    for (const SimRecord &occurrence : m_occurrences.records())
        used[m_parties[occurrence.aux]] = true;
    for (quint32 address = 0; address < used.size(); ++address) {
        if (used[address])
            ensureLocation(address, nullptr);
    }
    for (quint32 person : persons) {
        SimRecord record;
        record.person = person;
        m_persons.append(record);
    }
    addCaseStudy(caseStudyOf(m_world));
}

void PoliceFeed::addCaseStudy(const CaseStudy &story)
{
    // After everything drawn, and appended, so every other record keeps its id.
    if (!story.exists())
        return;
    for (const auto &[day, kind] : {std::pair(story.firstMissing, CaseMissingFromHome),
                                    std::pair(story.secondMissing, CaseMissingFromCollege)}) {
        const quint32 home = m_world.addressOn(story.person, day);
        if (home == kNone)
            continue; // cannot happen: the household is settled years before the story
        SimRecord record;
        record.person = story.person;
        record.day = day;
        record.kind = kind;
        record.aux = quint32(m_parties.size());
        m_parties.push_back(home);
        m_parties.push_back(1);
        m_parties.push_back(story.person | (quint32(Subject) << kRoleShift));
        m_occurrences.append(record);
        ensureLocation(home, nullptr);
    }
    if (m_persons.findPerson(story.person) != kNone)
        return;
    for (const AddressEntry &entry : addressesOf(story.person, m_world.today()))
        ensureLocation(entry.address, nullptr);
    SimRecord record;
    record.person = story.person;
    m_persons.append(record);
}

QString PoliceFeed::personId(quint32 serial) const
{
    return externalId("NP", Persons, serial);
}

QString PoliceFeed::locationId(quint32 serial) const
{
    return externalId("LOC", Locations, serial);
}

QString PoliceFeed::occurrenceId(quint32 serial) const
{
    return externalId("OCC", Occurrences, serial);
}

QStringList PoliceFeed::markersOf(const SimRecord &record) const
{
    const qint32 asOf = qint32(simclock::ukDate(record.updated).toJulianDay());
    const quint8 flags = m_world.flagsOn(record.person, asOf);
    QStringList markers;
    if (flags & RiskToStaff)
        markers << QStringLiteral("RISK_TO_STAFF");
    if (flags & Marac)
        markers << QStringLiteral("MARAC");
    if (flags & ProtectedAddress)
        markers << QStringLiteral("PROTECTED_ADDRESS");
    if ((flags & VulnerableAdult)
        && RecordRandom(hashKeys({m_world.seed(), 0x7a1, record.person}))
               .chance(coverage::kPoliceVulnerable))
        markers << QStringLiteral("VULNERABLE");
    return markers;
}

QJsonObject PoliceFeed::personData(quint32 serial, const PersonView &view, qint32 asOf) const
{
    const SimRecord &record = m_persons.at(serial);
    QJsonObject data{
        {QStringLiteral("person_id"), personId(serial)},
        {QStringLiteral("forenames"), namesJoined(view.given, view.middle)},
        {QStringLiteral("surname"), view.family},
        {QStringLiteral("dob"), view.birthDate.isValid() ? QJsonValue(
                                    simclock::formatDate(view.birthDate, simclock::DateStyle::Iso))
                                                         : QJsonValue()},
        {QStringLiteral("gender"), genderCode(view.sex)},
        {QStringLiteral("nhs_no"),
         view.nhs.isEmpty() ? QJsonValue() : QJsonValue(identifiers::spacedNhsNumber(view.nhs))}};
    // The address history as police have it: up to the address they last heard of.
    std::vector<AddressEntry> entries = addressesOf(record.person, asOf);
    for (std::size_t i = entries.size(); i-- > 0;) {
        if (entries[i].address == view.address) {
            entries.resize(i + 1);
            entries.back().to = AddressPeriod::kOpen;
            break;
        }
    }
    QJsonArray addresses;
    for (const AddressEntry &entry : entries) {
        const quint32 location = m_locationOf[entry.address];
        if (location == kNone)
            continue; // cannot happen: locations are made with the persons naming them
        addresses.append(QJsonObject{
            {QStringLiteral("location_id"), locationId(location)},
            {QStringLiteral("from"),
             entry.from > 0 ? QJsonValue(
                 simclock::formatDate(QDate::fromJulianDay(entry.from), simclock::DateStyle::Iso))
                            : QJsonValue()},
            {QStringLiteral("to"),
             entry.to != AddressPeriod::kOpen ? QJsonValue(
                 simclock::formatDate(QDate::fromJulianDay(entry.to - 1), simclock::DateStyle::Iso))
                                              : QJsonValue()}});
    }
    data.insert(QStringLiteral("addresses"), addresses);
    data.insert(QStringLiteral("markers"), QJsonArray::fromStringList(markersOf(record)));
    QJsonArray aliases;
    if (!view.nickname.isEmpty())
        aliases.append(QJsonObject{{QStringLiteral("forenames"), view.nickname},
                                   {QStringLiteral("surname"), view.family}});
    if (!view.birthFamily.isEmpty())
        aliases.append(QJsonObject{{QStringLiteral("forenames"), view.given},
                                   {QStringLiteral("surname"), view.birthFamily}});
    data.insert(QStringLiteral("aliases"), aliases);
    return data;
}

QJsonObject PoliceFeed::locationData(quint32 serial) const
{
    const AddressParts parts = addressParts(m_world, m_locations.at(serial).aux);
    const LatLon position = gridToWgs84(parts.easting, parts.northing);
    return QJsonObject{
        {QStringLiteral("location_id"), locationId(serial)},
        {QStringLiteral("address"), QString(parts.line + QStringLiteral(", ") + parts.town)},
        {QStringLiteral("postcode"), parts.postcode},
        {QStringLiteral("lat"), std::round(position.lat * 1e6) / 1e6},
        {QStringLiteral("lon"), std::round(position.lon * 1e6) / 1e6}};
}

QJsonObject PoliceFeed::occurrenceData(quint32 serial) const
{
    const SimRecord &record = m_occurrences.at(serial);
    const PoliceKind &kind = kKinds[record.kind];
    RecordRandom random(recordSeed(Occurrences, serial));
    const qint64 reported = simclock::fromUkLocal(QDate::fromJulianDay(record.day),
                                                  int(random.between(6 * 3600, 23 * 3600 + 3599)));
    QJsonArray persons;
    const quint32 parties = m_parties[record.aux + 1];
    for (quint32 k = 0; k < parties; ++k) {
        const quint32 entry = m_parties[record.aux + 2 + k];
        persons.append(QJsonObject{
            {QStringLiteral("person_id"), personId(m_persons.findPerson(entry & kPersonMask))},
            {QStringLiteral("role"), QLatin1String(kRoles[entry >> kRoleShift])}});
    }
    // Graded on the call, which mostly but not always matches how it turned out.
    const int grade = std::clamp(kind.event.significance + int(random.between(-1, 1)), 1, 3);
    return QJsonObject{
        {QStringLiteral("occurrence_id"), occurrenceId(serial)},
        {QStringLiteral("reported_at"), simclock::formatInstant(reported, Style::IsoOffset)},
        {QStringLiteral("category"), QLatin1String(kind.event.title)},
        {QStringLiteral("description"), QLatin1String(drawText(kind.event.summaries, random))},
        {QStringLiteral("grade"), random.chance(0.8) ? kind.event.significance : grade},
        {QStringLiteral("outcome"), QLatin1String(drawText(kind.event.outcomes, random))},
        {QStringLiteral("location_id"), locationId(m_locationOf[m_parties[record.aux]])},
        {QStringLiteral("officer"),
         QStringLiteral("%1 %2")
             .arg(random.chance(0.7) ? QStringLiteral("PC") : QStringLiteral("DC"))
             .arg(random.between(100, 2999))},
        {QStringLiteral("persons"), persons}};
}

QJsonObject PoliceFeed::change(const PageItem &item) const
{
    const RecordTable &table = item.table == Locations ? m_locations
                               : item.table == Persons ? m_persons
                                                       : m_occurrences;
    const SimRecord &record = table.at(item.serial);
    static const char *const kEntities[] = {"location", "person", "occurrence"};
    const QString id = item.table == Locations ? locationId(item.serial)
                       : item.table == Persons ? personId(item.serial)
                                               : occurrenceId(item.serial);
    QJsonObject json{
        {QStringLiteral("entity"), QLatin1String(kEntities[item.table])},
        {QStringLiteral("op"),
         record.withdrawn() ? QStringLiteral("delete") : QStringLiteral("upsert")},
        {QStringLiteral("id"), id},
        {QStringLiteral("updated"), simclock::formatInstant(record.updated, Style::IsoUtc)}};
    // A delete carries the record's last data, so a client can withdraw what it made of it.
    QJsonObject data;
    QString nhs;
    if (item.table == Locations) {
        data = locationData(item.serial);
    } else if (item.table == Persons) {
        const qint32 asOf = qint32(simclock::ukDate(record.updated).toJulianDay());
        const PersonView view
            = viewPerson(m_world, m_agency, recordSeed(Persons, item.serial), record.person, asOf,
                         record.bits & SimRecord::kCorrected);
        nhs = view.nhs;
        data = personData(item.serial, view, asOf);
    } else {
        data = occurrenceData(item.serial);
    }
    if (const auto fault = malformed(item.table, item.serial, record)) {
        static const QString kIdKeys[]
            = {QStringLiteral("location_id"), QStringLiteral("person_id"),
               QStringLiteral("occurrence_id")};
        switch (*fault % 4) {
        case 0:
            json.remove(QStringLiteral("id"));
            data.remove(kIdKeys[item.table]);
            break;
        case 1:
            if (item.table == Persons)
                data.remove(QStringLiteral("surname"));
            else
                data.remove(kIdKeys[item.table]);
            break;
        case 2:
            if (item.table == Persons)
                data.insert(QStringLiteral("dob"),
                            simclock::impossibleDate(simclock::DateStyle::Iso));
            else if (item.table == Occurrences)
                data.insert(QStringLiteral("reported_at"),
                            QStringLiteral("2023-02-30T23:10:00+00:00"));
            else
                data.insert(QStringLiteral("lat"), QStringLiteral("fifty-two"));
            break;
        default:
            if (item.table == Persons)
                data.insert(QStringLiteral("nhs_no"),
                            nhs.isEmpty() ? 0.0 : double(nhs.toLongLong()));
            else if (item.table == Occurrences)
                data.insert(QStringLiteral("persons"), QStringLiteral("see notes"));
            else
                data.insert(QStringLiteral("postcode"), 12345);
            break;
        }
    }
    json.insert(QStringLiteral("data"), data);
    return json;
}

SimResponse PoliceFeed::handle(const SimRequest &request)
{
    if (request.path != QLatin1String("api/v1/changes"))
        return notFound();
    if (!isGet(request))
        return methodNotAllowed();
    const Paging paging = parsePaging(request, streamCode(0), QString(),
                                      [](const QString &) { return std::optional<qint64>(); },
                                      QStringLiteral("cursor"), QStringLiteral("limit"), {});
    if (!paging.error.isEmpty())
        return badRequest(paging.error);
    const Page page = collect({Locations, Persons, Occurrences}, paging.start);
    QJsonArray changes;
    for (const PageItem &item : page.items)
        changes.append(change(item));
    const QJsonObject body{{QStringLiteral("changes"), changes},
                           {QStringLiteral("next_cursor"), page.resume.encode()},
                           {QStringLiteral("has_more"), page.next.has_value()}};
    SimResponse response;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

void PoliceFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    const auto restampPerson = [&](quint32 serial) {
        for (const AddressEntry &entry : addressesOf(m_persons.at(serial).person, changes.day))
            ensureLocation(entry.address, &stamper);
        m_persons.stamp(serial, stamper.next());
    };
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            const quint32 serial = m_persons.findPerson(member);
            if (serial != kNone && random.chance(coverage::kMoveNoticed[1]))
                restampPerson(serial);
        }
    }
    for (const auto &[person, flag] : changes.newFlags) {
        const quint32 serial = m_persons.findPerson(person);
        if (serial != kNone && flag != ChildProtectionPlan && flag != LookedAfter)
            restampPerson(serial);
    }
    // New occurrences: a county person aged 12+, known to police or not yet.
    for (quint32 n = churn(m_occurrences.size(), coverage::kTickNewEvents); n > 0; --n) {
        const auto primary = quint32(random.below(m_world.personCount()));
        if (m_world.ageOn(primary, changes.day) < 12)
            continue;
        addOccurrence(primary, changes.day, random);
        const SimRecord &record = m_occurrences.at(quint32(m_occurrences.size() - 1));
        ensureLocation(m_parties[record.aux], &stamper);
        const quint32 parties = m_parties[record.aux + 1];
        for (quint32 k = 0; k < parties; ++k) {
            const quint32 person = m_parties[record.aux + 2 + k] & kPersonMask;
            if (m_persons.findPerson(person) != kNone)
                continue;
            SimRecord added;
            added.person = person;
            restampPerson(m_persons.append(added));
        }
        m_occurrences.stamp(quint32(m_occurrences.size() - 1), stamper.next());
    }
    for (quint32 n = churn(m_persons.size(), coverage::kTickNameCorrections); n > 0; --n) {
        const quint32 serial = pickLive(m_persons, random);
        if (serial == kNone || (m_persons.at(serial).bits & SimRecord::kCorrected)
            || !hasNameNoise(m_agency, recordSeed(Persons, serial)))
            continue;
        m_persons.edit(serial).bits |= SimRecord::kCorrected;
        restampPerson(serial);
    }
    for (quint32 n = churn(m_occurrences.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_occurrences, random);
        if (serial == kNone)
            continue;
        m_occurrences.edit(serial).bits |= SimRecord::kWithdrawn;
        m_occurrences.stamp(serial, stamper.next());
    }
}

RecordCounts PoliceFeed::counts() const
{
    RecordCounts counts;
    counts.add("location", qint64(m_locations.size()), false);
    for (const SimRecord &r : m_persons.records()) {
        counts.add("person", 1, false);
        counts.add("flag", markersOf(r).size(), false);
    }
    for (const SimRecord &r : m_occurrences.records())
        counts.add("event", m_parties[r.aux + 1], r.withdrawn());
    return counts;
}

void PoliceFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_persons.size(); ++serial) {
        out += "police,person," + personId(serial).toLatin1() + ','
               + CountyModel::personId(m_persons.at(serial).person).toLatin1() + '\n';
    }
}

} // namespace

std::unique_ptr<AgencyFeed> makePoliceFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<PoliceFeed>(world, faults);
}

} // namespace bv::feedsim
