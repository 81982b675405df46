// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "identifiers.h"
#include "personview.h"
#include "simclock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bv::feedsim {

namespace {

using simclock::Style;

const QString kNhsSystem = QStringLiteral("https://fhir.nhs.uk/Id/nhs-number");
const QString kStatusSystem
    = QStringLiteral("https://broadview.example/fhir/CodeSystem/record-status");
const QString kFlagSystem = QStringLiteral("http://snomed.info/sct");

enum Table : quint32 { Patients, Encounters, Flags };

// Health encounters: FHIR class and type besides the shared texts.
struct HealthKind
{
    EventKind event;
    const char *classCode;
    const char *classDisplay;
    const char *typeCode;
    std::array<int, 3> weights; // child, adult, older
};

enum EncounterKind : quint8 {
    Emergency,
    EmergencyAdmission,
    Elective,
    MentalHealth,
    SelfHarm,
    Safeguarding,
    Delivery,
    kEncounterKinds,
    // The case study's own (casestudy.h): never drawn, so its weights are 0.
    CaseAfterMissing = kEncounterKinds,
    kAllEncounterKinds
};

const HealthKind kKinds[kAllEncounterKinds] = {
    {{"AE",
      "Emergency department attendance",
      1,
      {"Discharged home", "Referred to GP", "Left before treatment", "Referred to fracture clinic",
       nullptr},
      {"Fall at home", "Chest pain", "Head injury", "Abdominal pain"}},
     "EMER",
     "emergency",
     "4525004",
     {60, 50, 40}},
    {{"EMADM",
      "Emergency admission",
      2,
      {"Discharged home", "Discharged with package of care", "Discharged to care home",
       "Transferred to community hospital", nullptr},
      {"Breathing difficulty", "Fractured neck of femur", "Sepsis", "Stroke"}},
     "IMP",
     "inpatient encounter",
     "183452005",
     {20, 15, 35}},
    {{"ELADM",
      "Elective admission",
      1,
      {"Discharged home", "Discharged home with follow-up", nullptr, nullptr, nullptr},
      {"Planned hip replacement", "Cataract surgery", "Tonsillectomy", "Hernia repair"}},
     "IMP",
     "inpatient encounter",
     "8715000",
     {10, 15, 20}},
    {{"MHCRISIS",
      "Mental health crisis assessment",
      3,
      {"Home treatment team", "Detained under Mental Health Act s2", "Informal admission",
       "Discharged to GP care", nullptr},
      {"Brought in by police under s136", "Self-referral in crisis", "Referred by GP", nullptr}},
     "EMER",
     "emergency",
     "1090311000000101",
     {0, 10, 2}},
    {{"SELFHARM",
      "Self-harm presentation",
      3,
      {"Discharged with crisis plan", "Admitted to ward", "Referred to liaison psychiatry", nullptr,
       nullptr},
      {"Overdose of paracetamol", "Laceration to forearm", "Ligature", nullptr}},
     "EMER",
     "emergency",
     "225337009",
     {3, 5, 1}},
    {{"SAFEGUARD",
      "Safeguarding referral from hospital",
      3,
      {"Referral to children's social care", "Referral to adult social care",
       "Advice given, no referral", nullptr, nullptr},
      {"Unexplained bruising noted", "Concern about home conditions",
       "Disclosure of domestic abuse", nullptr}},
     "AMB",
     "ambulatory",
     "1099781000000102",
     {10, 5, 5}},
    {{"DELIVERY",
      "Delivery of baby",
      2,
      {"Mother and baby discharged home", "Discharged with midwife follow-up", nullptr, nullptr,
       nullptr},
      {"Spontaneous vaginal delivery", "Caesarean section", "Assisted delivery", nullptr}},
     "IMP",
     "inpatient encounter",
     "236973005",
     {0, 0, 0}},
    {{"AE",
      "Emergency department attendance",
      2,
      {"Discharged home to parent; safeguarding referral to children's services", nullptr, nullptr,
       nullptr, nullptr},
      {"Brought in by police after a missing episode, intoxicated", nullptr, nullptr, nullptr}},
     "EMER",
     "emergency",
     "4525004",
     {0, 0, 0}},
};

const char *const kProviders[] = {
    "Norfolk and Norwich University Hospitals NHS Foundation Trust",
    "James Paget University Hospitals NHS Foundation Trust",
    "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust",
};

// Simulator codes in SNOMED form (not claimed to be real concept ids): the mapping file
// maps them to flag kinds. Indexed by the bit number of PersonFlag.
struct FlagCode
{
    const char *code;
    const char *display;
    const char *category;
};
const FlagCode kFlagCodes[6] = {
    {"1112951000000100", "Vulnerable adult", "clinical"},
    {"1112921000000107", "Subject of child protection plan", "safety"},
    {"1112931000000109", "Looked after child", "safety"},
    {"1112941000000103", "Violent or aggressive patient: risk to staff", "behavioral"},
    {"1112961000000102", "MARAC case: domestic abuse risk", "safety"},
    {"1112971000000109", "Protected address", "admin"},
};

int bitIndex(quint8 flag)
{
    int index = 0;
    while (flag > 1) {
        flag >>= 1;
        ++index;
    }
    return index;
}

std::optional<qint64> parseLastUpdated(const QString &value)
{
    if (value.startsWith(QLatin1String("ge")))
        return simclock::parseIso(value.mid(2));
    if (value.startsWith(QLatin1String("gt"))) {
        const auto instant = simclock::parseIso(value.mid(2));
        return instant ? std::optional<qint64>(*instant + 1) : std::nullopt;
    }
    return std::nullopt;
}

QJsonObject coding(const QString &system, const QString &code, const QString &display)
{
    return QJsonObject{{QStringLiteral("system"), system},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("display"), display}};
}

class HealthFeed final : public AgencyFeed
{
public:
    HealthFeed(SimWorld &world, const ContentFaults &faults)
        : AgencyFeed(world, coverage::Agency::Health, faults)
    {}

    QString id() const override { return QStringLiteral("health"); }
    void build() override;
    SimResponse handle(const SimRequest &request) override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override { return {&m_patients, &m_encounters, &m_flags}; }

private:
    QString patientId(quint32 serial) const;
    QJsonObject patient(quint32 serial) const;
    QJsonObject encounter(quint32 serial) const;
    QJsonObject flag(quint32 serial) const;
    QJsonObject meta(const SimRecord &record) const;
    QJsonObject humanName(const QString &use, const QString &given, const QString &middle,
                          const QString &family) const;
    QJsonObject fhirAddress(quint32 address, const QString &use, qint32 from, qint32 to) const;
    void addEncounter(quint32 person, qint32 day, quint8 kind);
    void addCaseStudy(const CaseStudy &story);

    // patients: person, day = registered. encounters: person, day, kind = EncounterKind.
    // flags: person, day = since, kind = PersonFlag bit.
    RecordTable m_patients;
    RecordTable m_encounters;
    RecordTable m_flags;
};

void HealthFeed::addEncounter(quint32 person, qint32 day, quint8 kind)
{
    SimRecord record;
    record.person = person;
    record.day = day;
    record.kind = kind;
    m_encounters.append(record);
}

void HealthFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 start = m_world.historyStart();
    const qint32 today = m_world.today();
    const quint32 count = m_world.personCount();
    std::vector<bool> registered(count, false);
    for (quint32 i = 0; i < count; ++i) {
        const Person &p = m_world.person(i);
        const bool known = random.chance(coverage::kHealthRegistered);
        if (!known && p.flags == 0)
            continue;
        registered[i] = true;
        SimRecord record;
        record.person = i;
        record.day = std::max(p.birthDay, start - qint32(random.below(3650)));
        m_patients.append(record);

        const int age = m_world.ageOn(i, today);
        const int group = age < 18 ? 0 : age < 65 ? 1 : 2;
        const double mean = group == 0   ? coverage::kHealthEncountersChild
                            : group == 1 ? coverage::kHealthEncountersAdult
                                         : coverage::kHealthEncountersOlder;
        const qint32 firstDay = std::max(p.birthDay, start);
        const int encounters = firstDay < today ? random.poisson(mean) : 0;
        int total = 0;
        for (quint8 kind = 0; kind < kEncounterKinds; ++kind)
            total += kKinds[kind].weights[std::size_t(group)];
        for (int e = 0; e < encounters; ++e) {
            const qint32 day = qint32(random.between(firstDay, today - 1));
            int target = int(random.below(quint64(total)));
            quint8 kind = 0;
            while (target >= kKinds[kind].weights[std::size_t(group)]) {
                target -= kKinds[kind].weights[std::size_t(group)];
                ++kind;
            }
            addEncounter(i, day, kind);
        }
        // A birth in the history is the mother's delivery.
        if (p.mother != kNone && p.birthDay >= start && registered[p.mother])
            addEncounter(p.mother, p.birthDay, Delivery);

        const bool riskToStaff = random.chance(coverage::kHealthRiskToStaff);
        for (quint8 flag :
             {quint8(ChildProtectionPlan), quint8(LookedAfter), quint8(RiskToStaff)}) {
            if (!(p.flags & flag) || (flag == RiskToStaff && !riskToStaff))
                continue;
            SimRecord f;
            f.person = i;
            f.day = m_world.flagSince(i, flag);
            f.kind = flag;
            m_flags.append(f);
        }
    }
    addCaseStudy(caseStudyOf(m_world));
}

void HealthFeed::addCaseStudy(const CaseStudy &story)
{
    // Appended after everything drawn, so every other record keeps its id.
    if (!story.exists())
        return;
    if (m_patients.findPerson(story.person) == kNone) {
        SimRecord record;
        record.person = story.person;
        record.day = std::max(m_world.person(story.person).birthDay, m_world.historyStart());
        m_patients.append(record);
    }
    addEncounter(story.person, story.emergency, Emergency);
    addEncounter(story.person, story.secondMissing + 1, CaseAfterMissing);
}

QString HealthFeed::patientId(quint32 serial) const
{
    const quint64 hash = recordSeed(Patients, serial);
    return identifiers::uuidFrom(hash, mix64(hash));
}

QJsonObject HealthFeed::meta(const SimRecord &record) const
{
    QJsonObject meta{
        {QStringLiteral("versionId"), QString::number(record.version)},
        {QStringLiteral("lastUpdated"), simclock::formatInstant(record.updated, Style::IsoOffset)}};
    if (record.withdrawn())
        meta.insert(QStringLiteral("tag"),
                    QJsonArray{coding(kStatusSystem, QStringLiteral("withdrawn"),
                                      QStringLiteral("Withdrawn by the source"))});
    return meta;
}

QJsonObject HealthFeed::humanName(const QString &use, const QString &given, const QString &middle,
                                  const QString &family) const
{
    QJsonObject name{{QStringLiteral("use"), use}};
    if (!family.isEmpty())
        name.insert(QStringLiteral("family"), family);
    QJsonArray givens;
    if (!given.isEmpty())
        givens.append(given);
    if (!middle.isEmpty())
        givens.append(middle);
    if (!givens.isEmpty())
        name.insert(QStringLiteral("given"), givens);
    return name;
}

QJsonObject HealthFeed::fhirAddress(quint32 address, const QString &use, qint32 from,
                                    qint32 to) const
{
    const AddressParts parts = addressParts(m_world, address);
    QJsonObject json{{QStringLiteral("use"), use},
                     {QStringLiteral("line"), QJsonArray{parts.line}},
                     {QStringLiteral("city"), parts.town},
                     {QStringLiteral("postalCode"), parts.postcode}};
    QJsonObject period;
    if (from > 0)
        period.insert(QStringLiteral("start"),
                      simclock::formatDate(QDate::fromJulianDay(from), simclock::DateStyle::Iso));
    if (to > 0 && to != AddressPeriod::kOpen)
        period.insert(QStringLiteral("end"),
                      simclock::formatDate(QDate::fromJulianDay(to - 1), simclock::DateStyle::Iso));
    if (!period.isEmpty())
        json.insert(QStringLiteral("period"), period);
    return json;
}

QJsonObject HealthFeed::patient(quint32 serial) const
{
    const SimRecord &record = m_patients.at(serial);
    const qint32 asOf = qint32(simclock::ukDate(record.updated).toJulianDay());
    const quint64 seed = recordSeed(Patients, serial);
    const bool corrected = record.bits & SimRecord::kCorrected;
    const PersonView view = viewPerson(m_world, m_agency, seed, record.person, asOf, corrected);
    RecordRandom random(seed ^ 0xc0);
    const Person &p = m_world.person(record.person);

    QJsonObject json{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                     {QStringLiteral("id"), patientId(serial)},
                     {QStringLiteral("meta"), meta(record)},
                     {QStringLiteral("active"), !record.withdrawn()}};
    const QJsonObject verified{
        {QStringLiteral("url"), QStringLiteral("https://fhir.hl7.org.uk/StructureDefinition/"
                                               "Extension-UKCore-NHSNumberVerificationStatus")},
        {QStringLiteral("valueCodeableConcept"),
         QJsonObject{{QStringLiteral("coding"),
                      QJsonArray{coding(QStringLiteral("https://fhir.hl7.org.uk/CodeSystem/"
                                                       "UKCore-NHSNumberVerificationStatusEngland"),
                                        QStringLiteral("01"),
                                        QStringLiteral("Number present and verified"))}}}}};
    json.insert(QStringLiteral("identifier"),
                QJsonArray{QJsonObject{{QStringLiteral("extension"), QJsonArray{verified}},
                                       {QStringLiteral("system"), kNhsSystem},
                                       {QStringLiteral("value"), view.nhs}}});

    QJsonArray names{humanName(QStringLiteral("official"), view.given, view.middle, view.family)};
    if (!view.birthFamily.isEmpty())
        names.append(humanName(QStringLiteral("maiden"), QString(), QString(), view.birthFamily));
    if (!view.nickname.isEmpty())
        names.append(humanName(QStringLiteral("nickname"), view.nickname, QString(), QString()));
    if (corrected) {
        const PersonView before = viewPerson(m_world, m_agency, seed, record.person, asOf, false);
        names.append(humanName(QStringLiteral("old"), before.given, QString(), before.family));
    }
    json.insert(QStringLiteral("name"), names);
    const bool unknownGender = random.chance(0.003);
    json.insert(QStringLiteral("gender"), unknownGender        ? QStringLiteral("unknown")
                                          : p.sex == Sex::Male ? QStringLiteral("male")
                                                               : QStringLiteral("female"));
    if (view.birthDate.isValid())
        json.insert(QStringLiteral("birthDate"),
                    simclock::formatDate(view.birthDate, simclock::DateStyle::Iso));
    json.insert(QStringLiteral("telecom"),
                QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("phone")},
                                       {QStringLiteral("value"), m_world.phone(record.person)}}});

    QJsonArray addresses;
    const std::vector<AddressPeriod> history = m_world.householdHistoryOn(p.household, asOf);
    qint32 homeFrom = 0;
    for (const AddressPeriod &period : history) {
        if (period.address == view.address && period.to == AddressPeriod::kOpen)
            homeFrom = std::max(period.from, p.memberSince);
    }
    if (view.address != kNone)
        addresses.append(fhirAddress(view.address, QStringLiteral("home"), homeFrom, 0));
    int old = 0;
    for (auto it = history.rbegin(); it != history.rend() && old < 2; ++it) {
        if (it->to == AddressPeriod::kOpen || it->address == view.address || it->to <= p.birthDay)
            continue;
        addresses.append(fhirAddress(it->address, QStringLiteral("old"),
                                     std::max(it->from, p.birthDay), it->to));
        ++old;
    }
    if (!addresses.isEmpty())
        json.insert(QStringLiteral("address"), addresses);

    // Next of kin: a partner at home, else a parent; never the patient.
    quint32 kin = p.partner;
    if (kin == kNone || m_world.person(kin).household != p.household)
        kin = p.mother != kNone ? p.mother : p.father;
    if (kin != kNone && kin != record.person) {
        const Person &k = m_world.person(kin);
        json.insert(QStringLiteral("contact"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("relationship"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("coding"),
                              QJsonArray{coding(
                                  QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0131"),
                                  QStringLiteral("N"), QStringLiteral("Next-of-Kin"))}}}}},
                        {QStringLiteral("name"),
                         humanName(QStringLiteral("official"), m_world.text(k.givenName), QString(),
                                   m_world.text(m_world.familyNameOn(kin, asOf)))},
                        {QStringLiteral("telecom"),
                         QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("phone")},
                                                {QStringLiteral("value"), m_world.phone(kin)}}}}}});
    }
    if (random.chance(0.1)) {
        json.insert(QStringLiteral("extension"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("url"),
                         QStringLiteral("https://fhir.norfolk-ics.example/StructureDefinition/"
                                        "registration-source")},
                        {QStringLiteral("valueString"),
                         random.chance(0.5) ? QStringLiteral("Practice transfer")
                                            : QStringLiteral("New registration")}}});
    }

    if (const auto fault = malformed(Patients, serial, record)) {
        switch (*fault % 4) {
        case 0:
            json.remove(QStringLiteral("id"));
            break;
        case 1:
            json.remove(QStringLiteral("name"));
            break;
        case 2:
            json.insert(QStringLiteral("birthDate"),
                        simclock::impossibleDate(simclock::DateStyle::Iso));
            break;
        default: {
            QJsonArray identifier = json.value(QStringLiteral("identifier")).toArray();
            QJsonObject first = identifier.at(0).toObject();
            first.insert(QStringLiteral("value"), view.nhs.toLongLong());
            identifier[0] = first;
            json.insert(QStringLiteral("identifier"), identifier);
            break;
        }
        }
    }
    return json;
}

QJsonObject HealthFeed::encounter(quint32 serial) const
{
    const SimRecord &record = m_encounters.at(serial);
    const HealthKind &kind = kKinds[record.kind];
    RecordRandom random(recordSeed(Encounters, serial));
    const quint32 patientSerial = m_patients.findPerson(record.person);
    const qint64 start = simclock::fromUkLocal(QDate::fromJulianDay(record.day),
                                               int(random.between(7 * 3600, 23 * 3600)));
    const qint64 end = start
                       + (QLatin1String(kind.classCode) == QLatin1String("IMP")
                              ? random.between(1, 14) * simclock::kSecondsPerDay
                              : random.between(1800, 6 * 3600));
    const QString priority = kind.event.significance == 3   ? QStringLiteral("EM")
                             : kind.event.significance == 2 ? QStringLiteral("UR")
                                                            : QStringLiteral("R");
    const QString id = externalId("E", Encounters, serial);
    QJsonObject json{
        {QStringLiteral("resourceType"), QStringLiteral("Encounter")},
        {QStringLiteral("id"), id},
        {QStringLiteral("meta"), meta(record)},
        {QStringLiteral("status"),
         record.withdrawn() ? QStringLiteral("entered-in-error") : QStringLiteral("finished")},
        {QStringLiteral("class"),
         coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode"),
                QLatin1String(kind.classCode), QLatin1String(kind.classDisplay))},
        {QStringLiteral("type"),
         QJsonArray{QJsonObject{
             {QStringLiteral("coding"),
              QJsonArray{coding(QStringLiteral("http://snomed.info/sct"),
                                QLatin1String(kind.typeCode), QLatin1String(kind.event.title))}}}}},
        {QStringLiteral("priority"),
         QJsonObject{{QStringLiteral("coding"),
                      QJsonArray{coding(
                          QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActPriority"),
                          priority, priority)}}}},
        {QStringLiteral("subject"),
         QJsonObject{{QStringLiteral("reference"),
                      QString(QStringLiteral("Patient/") + patientId(patientSerial))}}},
        {QStringLiteral("period"),
         QJsonObject{{QStringLiteral("start"), simclock::formatInstant(start, Style::IsoOffset)},
                     {QStringLiteral("end"), simclock::formatInstant(end, Style::IsoOffset)}}},
        {QStringLiteral("reasonCode"),
         QJsonArray{QJsonObject{
             {QStringLiteral("text"), QLatin1String(drawText(kind.event.summaries, random))}}}},
        {QStringLiteral("hospitalization"),
         QJsonObject{{QStringLiteral("dischargeDisposition"),
                      QJsonObject{{QStringLiteral("text"),
                                   QLatin1String(drawText(kind.event.outcomes, random))}}}}},
        {QStringLiteral("serviceProvider"),
         QJsonObject{{QStringLiteral("display"), QLatin1String(random.pick(kProviders))}}},
    };
    if (random.chance(0.05))
        json.insert(QStringLiteral("extension"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("url"),
                         QStringLiteral("https://fhir.nnuh.example/StructureDefinition/ward")},
                        {QStringLiteral("valueString"),
                         QStringLiteral("Ward %1").arg(random.between(1, 40))}}});
    if (const auto fault = malformed(Encounters, serial, record)) {
        switch (*fault % 4) {
        case 0:
            json.remove(QStringLiteral("id"));
            break;
        case 1:
            json.remove(QStringLiteral("subject"));
            break;
        case 2:
            json.insert(QStringLiteral("period"),
                        QJsonObject{{QStringLiteral("start"),
                                     QStringLiteral("2023-02-30T10:00:00+00:00")}});
            break;
        default:
            json.insert(QStringLiteral("subject"),
                        QString(QStringLiteral("Patient/") + patientId(patientSerial)));
            break;
        }
    }
    return json;
}

QJsonObject HealthFeed::flag(quint32 serial) const
{
    const SimRecord &record = m_flags.at(serial);
    const FlagCode &code = kFlagCodes[bitIndex(record.kind)];
    const QString status
        = record.withdrawn() ? QStringLiteral("entered-in-error") : QStringLiteral("active");
    QJsonObject json{
        {QStringLiteral("resourceType"), QStringLiteral("Flag")},
        {QStringLiteral("id"), externalId("F", Flags, serial)},
        {QStringLiteral("meta"), meta(record)},
        {QStringLiteral("status"), status},
        {QStringLiteral("category"),
         QJsonArray{
             QJsonObject{{QStringLiteral("coding"),
                          QJsonArray{coding(
                              QStringLiteral("http://terminology.hl7.org/CodeSystem/flag-category"),
                              QLatin1String(code.category), QLatin1String(code.category))}}}}},
        {QStringLiteral("code"),
         QJsonObject{
             {QStringLiteral("coding"), QJsonArray{coding(kFlagSystem, QLatin1String(code.code),
                                                          QLatin1String(code.display))}},
             {QStringLiteral("text"), QLatin1String(code.display)}}},
        {QStringLiteral("subject"),
         QJsonObject{{QStringLiteral("reference"),
                      QString(QStringLiteral("Patient/")
                              + patientId(m_patients.findPerson(record.person)))}}},
        {QStringLiteral("period"),
         QJsonObject{
             {QStringLiteral("start"),
              simclock::formatDate(QDate::fromJulianDay(record.day), simclock::DateStyle::Iso)}}},
    };
    if (const auto fault = malformed(Flags, serial, record)) {
        switch (*fault % 3) {
        case 0:
            json.remove(QStringLiteral("id"));
            break;
        case 1:
            json.remove(QStringLiteral("code"));
            break;
        default:
            json.insert(QStringLiteral("period"),
                        QJsonObject{{QStringLiteral("start"), QStringLiteral("2023-02-30")}});
            break;
        }
    }
    return json;
}

SimResponse HealthFeed::handle(const SimRequest &request)
{
    static const QStringList kResources
        = {QStringLiteral("Patient"), QStringLiteral("Encounter"), QStringLiteral("Flag")};
    if (!request.path.startsWith(QLatin1String("fhir/")))
        return notFound();
    const auto stream = quint32(kResources.indexOf(request.path.mid(5)));
    if (stream >= quint32(kResources.size()))
        return notFound();
    if (!isGet(request))
        return methodNotAllowed();
    const Paging paging = parsePaging(request, streamCode(stream), QStringLiteral("_lastUpdated"),
                                      &parseLastUpdated, QStringLiteral("_page_token"),
                                      QStringLiteral("_count"), {QStringLiteral("_sort")});
    if (!paging.error.isEmpty())
        return badRequest(paging.error);
    const QString sort = request.query.queryItemValue(QStringLiteral("_sort"));
    if (request.query.hasQueryItem(QStringLiteral("_sort"))
        && sort != QLatin1String("_lastUpdated"))
        return badRequest(QStringLiteral("bad parameter: _sort supports only _lastUpdated"));

    const Page page = collect({stream}, paging.start);
    const QString path = QStringLiteral("/health/fhir/") + kResources[qsizetype(stream)];
    QJsonArray entries;
    for (const PageItem &item : page.items) {
        QJsonObject resource;
        QString fullUrl;
        if (stream == Patients) {
            resource = patient(item.serial);
            fullUrl = QStringLiteral("urn:uuid:") + patientId(item.serial);
        } else {
            resource = stream == Encounters ? encounter(item.serial) : flag(item.serial);
            const QString id = stream == Encounters ? externalId("E", Encounters, item.serial)
                                                    : externalId("F", Flags, item.serial);
            fullUrl = absolute(request, path + QLatin1Char('/') + id, QUrlQuery()).toString();
        }
        entries.append(
            QJsonObject{{QStringLiteral("fullUrl"), fullUrl},
                        {QStringLiteral("resource"), resource},
                        {QStringLiteral("search"),
                         QJsonObject{{QStringLiteral("mode"), QStringLiteral("match")}}}});
    }
    QJsonArray links{
        QJsonObject{{QStringLiteral("relation"), QStringLiteral("self")},
                    {QStringLiteral("url"), absolute(request, path, request.query).toString()}}};
    if (page.next) {
        QUrlQuery next;
        next.addQueryItem(QStringLiteral("_count"), QString::number(page.next->limit));
        next.addQueryItem(QStringLiteral("_page_token"), page.next->encode());
        links.append(
            QJsonObject{{QStringLiteral("relation"), QStringLiteral("next")},
                        {QStringLiteral("url"), absolute(request, path, next).toString()}});
    }
    const quint64 bundleHash
        = hashKeys({m_world.seed(), stream, quint64(paging.start.after.updated),
                    paging.start.after.serial, paging.start.repeat ? 1u : 0u});
    QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                       {QStringLiteral("id"), identifiers::uuidFrom(bundleHash, mix64(bundleHash))},
                       {QStringLiteral("type"), QStringLiteral("searchset")},
                       {QStringLiteral("link"), links},
                       {QStringLiteral("entry"), entries}};
    SimResponse response;
    response.headers.emplace_back("Content-Type", "application/fhir+json; charset=utf-8");
    response.body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
    return response;
}

void HealthFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    for (quint32 baby : changes.births) {
        SimRecord record;
        record.person = baby;
        record.day = changes.day;
        m_patients.stamp(m_patients.append(record), stamper.next());
        const quint32 mother = m_world.person(baby).mother;
        if (m_patients.findPerson(mother) != kNone) {
            addEncounter(mother, changes.day, Delivery);
            m_encounters.stamp(quint32(m_encounters.size() - 1), stamper.next());
        }
    }
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            const quint32 serial = m_patients.findPerson(member);
            if (serial != kNone && !m_patients.at(serial).withdrawn()
                && random.chance(coverage::kMoveNoticed[0]))
                m_patients.stamp(serial, stamper.next());
        }
    }
    for (const auto &[person, flag] : changes.newFlags) {
        if (flag != ChildProtectionPlan && flag != LookedAfter && flag != RiskToStaff)
            continue;
        if (m_patients.findPerson(person) == kNone)
            continue;
        SimRecord record;
        record.person = person;
        record.day = changes.day;
        record.kind = flag;
        m_flags.stamp(m_flags.append(record), stamper.next());
    }
    for (quint32 n = churn(m_encounters.size(), coverage::kTickNewEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_patients, random);
        if (serial == kNone)
            continue;
        addEncounter(m_patients.at(serial).person, changes.day,
                     quint8(random.below(Safeguarding + 1)));
        m_encounters.stamp(quint32(m_encounters.size() - 1), stamper.next());
    }
    for (quint32 n = churn(m_patients.size(), coverage::kTickNameCorrections); n > 0; --n) {
        const quint32 serial = pickLive(m_patients, random);
        if (serial == kNone || (m_patients.at(serial).bits & SimRecord::kCorrected)
            || !hasNameNoise(m_agency, recordSeed(Patients, serial)))
            continue;
        m_patients.edit(serial).bits |= SimRecord::kCorrected;
        m_patients.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_encounters.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_encounters, random);
        if (serial == kNone)
            continue;
        m_encounters.edit(serial).bits |= SimRecord::kWithdrawn;
        m_encounters.stamp(serial, stamper.next());
    }
    if (random.chance(double(m_flags.size()) * coverage::kTickWithdrawnEvents)) {
        const quint32 serial = pickLive(m_flags, random);
        if (serial != kNone) {
            m_flags.edit(serial).bits |= SimRecord::kWithdrawn;
            m_flags.stamp(serial, stamper.next());
        }
    }
    // Patients withdrawn (registered in error) only when nothing refers to them.
    std::vector<bool> referred(m_world.personCount(), false);
    for (const SimRecord &r : m_encounters.records())
        referred[r.person] = true;
    for (const SimRecord &r : m_flags.records())
        referred[r.person] = true;
    for (quint32 n = churn(m_patients.size(), coverage::kTickWithdrawnPersons); n > 0; --n) {
        const quint32 serial = pickLive(m_patients, random);
        if (serial == kNone || referred[m_patients.at(serial).person])
            continue;
        m_patients.edit(serial).bits |= SimRecord::kWithdrawn;
        m_patients.stamp(serial, stamper.next());
    }
}

RecordCounts HealthFeed::counts() const
{
    RecordCounts counts;
    for (const SimRecord &r : m_patients.records())
        counts.add("person", 1, r.withdrawn());
    for (const SimRecord &r : m_encounters.records())
        counts.add("event", 1, r.withdrawn());
    for (const SimRecord &r : m_flags.records())
        counts.add("flag", 1, r.withdrawn());
    return counts;
}

void HealthFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_patients.size(); ++serial) {
        out += "health,patient," + patientId(serial).toLatin1() + ','
               + CountyModel::personId(m_patients.at(serial).person).toLatin1() + '\n';
    }
}

} // namespace

std::unique_ptr<AgencyFeed> makeHealthFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<HealthFeed>(world, faults);
}

} // namespace bv::feedsim
