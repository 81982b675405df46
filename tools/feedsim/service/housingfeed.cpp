// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "csvfeed.h"
#include "identifiers.h"

namespace bv::feedsim {

namespace {

enum Table : quint32 { Tenants, Tenancies, Cases };

enum CaseKind : quint8 {
    Repair,
    Damp,
    AntiSocial,
    Arrears,
    Homelessness,
    WelfareCheck,
    kCaseKinds,
    // The case study's own (casestudy.h): never drawn.
    CaseFireRepair = kCaseKinds,
    CaseYoungHomeless,
    kAllCaseKinds
};

const EventKind kKinds[kAllCaseKinds] = {
    {"REPAIR",
     "Responsive repair",
     1,
     {"Works completed", "No access: appointment missed", "Passed to contractor", nullptr, nullptr},
     {"Leaking kitchen tap", "Broken front door lock", "Boiler not working", "Loose stair rail"}},
    {"DAMP",
     "Damp and mould report",
     2,
     {"Treatment and ventilation works completed", "Advice on ventilation given",
      "Tenant decanted during works", nullptr, nullptr},
     {"Black mould in the children's bedroom", "Condensation on windows and walls", nullptr,
      nullptr}},
    {"ASB",
     "Anti-social behaviour case",
     2,
     {"Warning letter sent", "Acceptable behaviour contract signed", "Injunction obtained",
      "Closed: no further action", nullptr},
     {"Complaints of loud music late at night", "Dispute between neighbours over parking",
      "Harassment of a neighbour reported", nullptr}},
    {"ARREARS",
     "Rent arrears",
     2,
     {"Payment plan agreed", "Notice of seeking possession served", "Arrears cleared",
      "Referred for money advice", nullptr},
     {"Arrears after a change in Universal Credit", "Missed payments for eight weeks", nullptr,
      nullptr}},
    {"HOMELESS",
     "Homelessness application",
     3,
     {"Main housing duty accepted", "Prevention duty: accommodation secured", "Not homeless",
      "Relief duty ended", nullptr},
     {"Asked to leave by family", "Fleeing domestic abuse", "End of private tenancy", nullptr}},
    {"WELFARE",
     "Tenancy welfare visit",
     2,
     {"Referred to adult social care", "Tenancy support arranged", "No concerns found", nullptr,
      nullptr},
     {"Neighbours concerned they had not seen the tenant", "Concern about hoarding",
      "Property in poor condition at inspection", nullptr}},
    {"REPAIR",
     "Responsive repair",
     1,
     {"Works completed", nullptr, nullptr, nullptr, nullptr},
     {"Kitchen fire damage: cooker hood and wall cupboard replaced", nullptr, nullptr, nullptr}},
    {"HOMELESS",
     "Homelessness application",
     3,
     {"Prevention duty: returned home with family mediation", nullptr, nullptr, nullptr, nullptr},
     {"Young person of 16 or 17 asked to leave by their parent: joint assessment with "
      "children's services",
      nullptr, nullptr, nullptr}},
};

const char *const kOfficers[] = {"Housing Officer North", "Housing Officer City",
                                 "Tenancy Enforcement", "Housing Options Team", "Repairs Desk"};
const char *const kTenancyTypes[] = {"Secure", "Introductory", "Secure", "Flexible"};
const char *const kOptionsOfficer = "Housing Options Team";

class HousingFeed final : public CsvFeed
{
public:
    HousingFeed(SimWorld &world, const ContentFaults &faults)
        : CsvFeed(world, coverage::Agency::Housing, faults,
                  CsvStyle{true, simclock::DateStyle::DayMonYear, simclock::Style::UkLocalSpace, 2})
    {}

    QString id() const override { return QStringLiteral("housing"); }
    void build() override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override { return {&m_tenants, &m_tenancies, &m_cases}; }
    QStringList files() const override
    {
        return {QStringLiteral("tenants.csv"), QStringLiteral("tenancies.csv"),
                QStringLiteral("cases.csv")};
    }
    QStringList header(quint32 stream) const override;
    QStringList row(quint32 stream, quint32 serial) const override;
    QString rowId(quint32 stream, quint32 serial) const override;
    const RecordTable &table(quint32 stream) const override
    {
        return stream == Tenants ? m_tenants : stream == Tenancies ? m_tenancies : m_cases;
    }

private:
    void addTenancies(quint32 tenant, qint32 day, std::size_t fromPeriod, Stamper *stamper);
    void addCase(quint32 tenant, qint32 opened, quint8 kind, qint32 closed);
    void addCaseStudy(const CaseStudy &story);
    int flagCount(const SimRecord &record) const;
    bool riskToStaffKnown(quint32 person) const;

    // tenants: person. tenancies: person = tenant, aux = index in the household's address
    // history, day = start. cases: person = lead tenant, day = opened, aux = closed (0 open).
    RecordTable m_tenants;
    RecordTable m_tenancies;
    RecordTable m_cases;
};

void HousingFeed::addTenancies(quint32 tenant, qint32 day, std::size_t fromPeriod, Stamper *stamper)
{
    const Person &p = m_world.person(tenant);
    const std::vector<AddressPeriod> history = m_world.householdHistoryOn(p.household, day);
    for (std::size_t i = fromPeriod; i < history.size(); ++i) {
        if (history[i].to <= p.memberSince)
            continue;
        SimRecord record;
        record.person = tenant;
        record.aux = quint32(i);
        record.day = std::max(history[i].from, p.memberSince);
        const quint32 serial = m_tenancies.append(record);
        if (stamper)
            m_tenancies.stamp(serial, stamper->next());
    }
}

void HousingFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 start = m_world.historyStart();
    const qint32 today = m_world.today();
    const auto &households = m_world.county().households();
    for (quint32 h = 0; h < households.size(); ++h) {
        const double rate = households[h].kind == HouseholdKind::SingleParent
                                ? coverage::kHousingTenantSingleParent
                                : coverage::kHousingTenantHousehold;
        if (!random.chance(rate))
            continue;
        quint32 lead = kNone;
        for (quint32 member : m_world.membersOn(h, today)) {
            if (m_world.isChild(member))
                continue;
            lead = lead == kNone ? member : lead;
            SimRecord tenant;
            tenant.person = member;
            m_tenants.append(tenant);
            addTenancies(member, today, 0, nullptr);
        }
        if (lead == kNone)
            continue;
        const qint32 first = std::max(start, m_world.person(lead).memberSince);
        for (int n = random.poisson(coverage::kHousingCasesMean); n > 0 && first < today; --n) {
            SimRecord record;
            record.person = lead;
            record.day = qint32(random.between(first, today - 1));
            record.kind = quint8(random.below(kCaseKinds));
            const qint32 closed = qint32(record.day + random.between(3, 200));
            record.aux = closed < today ? quint32(closed) : 0;
            m_cases.append(record);
        }
    }
    addCaseStudy(caseStudyOf(m_world));
}

void HousingFeed::addCase(quint32 tenant, qint32 opened, quint8 kind, qint32 closed)
{
    SimRecord record;
    record.person = tenant;
    record.day = opened;
    record.kind = kind;
    record.aux = closed < m_world.today() ? quint32(closed) : 0;
    m_cases.append(record);
}

void HousingFeed::addCaseStudy(const CaseStudy &story)
{
    // Appended after everything drawn, so every other record keeps its id. The household is a
    // social tenancy (the parent its tenant, if the draw above did not make it one); the young
    // person is known as a homelessness applicant, not a tenant, so has no tenancy of their own.
    if (!story.exists())
        return;
    if (m_tenants.findPerson(story.parent) == kNone) {
        SimRecord tenant;
        tenant.person = story.parent;
        m_tenants.append(tenant);
        addTenancies(story.parent, m_world.today(), 0, nullptr);
    }
    addCase(story.parent, story.kitchenFire + 2, CaseFireRepair, story.kitchenFire + 30);
    if (m_tenants.findPerson(story.person) == kNone) {
        SimRecord applicant;
        applicant.person = story.person;
        m_tenants.append(applicant);
    }
    addCase(story.person, story.homelessApplication, CaseYoungHomeless, story.homelessClosed);
}

QStringList HousingFeed::header(quint32 stream) const
{
    switch (stream) {
    case Tenants:
        return {QStringLiteral("title"),        QStringLiteral("forenames"),
                QStringLiteral("surname"),      QStringLiteral("dob"),
                QStringLiteral("nhs_number"),   QStringLiteral("uprn"),
                QStringLiteral("address"),      QStringLiteral("postcode"),
                QStringLiteral("phone"),        QStringLiteral("protected_address"),
                QStringLiteral("risk_to_staff")};
    case Tenancies:
        return {QStringLiteral("tenant_id"),   QStringLiteral("uprn"),
                QStringLiteral("address"),     QStringLiteral("postcode"),
                QStringLiteral("start_date"),  QStringLiteral("end_date"),
                QStringLiteral("tenancy_type")};
    default:
        return {QStringLiteral("tenant_id"), QStringLiteral("type"),     QStringLiteral("opened"),
                QStringLiteral("closed"),    QStringLiteral("title"),    QStringLiteral("summary"),
                QStringLiteral("outcome"),   QStringLiteral("priority"), QStringLiteral("officer")};
    }
}

QString HousingFeed::rowId(quint32 stream, quint32 serial) const
{
    static const char *const kPrefixes[] = {"T", "TY", "HC"};
    return externalId(kPrefixes[stream], stream, serial);
}

bool HousingFeed::riskToStaffKnown(quint32 person) const
{
    return RecordRandom(hashKeys({m_world.seed(), 0x4a5, person}))
        .chance(coverage::kHousingRiskToStaff);
}

QStringList HousingFeed::row(quint32 stream, quint32 serial) const
{
    const SimRecord &record = table(stream).at(serial);
    if (stream == Tenants) {
        const PersonView v = view(stream, serial);
        const Person &p = m_world.person(record.person);
        const AddressParts address = addressParts(m_world, v.address);
        const quint8 flags = m_world.flagsOn(record.person, asOf(record));
        const QString title = v.sex == Sex::Male   ? QStringLiteral("Mr")
                              : p.partner != kNone ? QStringLiteral("Mrs")
                                                   : QStringLiteral("Ms");
        return {title,
                v.middle.isEmpty() ? v.given : v.given + QLatin1Char(' ') + v.middle,
                v.family,
                date(v.birthDate),
                identifiers::spacedNhsNumber(v.nhs),
                address.uprn,
                v.address == kNone ? QString() : address.line + QStringLiteral(", ") + address.town,
                postcodeStyled(address.postcode, m_style.postcode),
                m_world.phone(record.person),
                yesNo(flags & ProtectedAddress),
                yesNo((flags & RiskToStaff) && riskToStaffKnown(record.person))};
    }
    if (stream == Tenancies) {
        const Person &p = m_world.person(record.person);
        const std::vector<AddressPeriod> history
            = m_world.householdHistoryOn(p.household, asOf(record));
        const AddressPeriod period
            = record.aux < history.size() ? history[record.aux] : AddressPeriod();
        const AddressParts address = addressParts(m_world, period.address);
        RecordRandom random(recordSeed(stream, serial));
        return {rowId(Tenants, m_tenants.findPerson(record.person)),
                address.uprn,
                address.line + QStringLiteral(", ") + address.town,
                postcodeStyled(address.postcode, m_style.postcode),
                date(record.day),
                period.to == AddressPeriod::kOpen ? QString() : date(period.to - 1),
                QLatin1String(random.pick(kTenancyTypes))};
    }
    const EventKind &kind = kKinds[record.kind];
    RecordRandom random(recordSeed(stream, serial));
    const QString summary = QLatin1String(drawText(kind.summaries, random));
    const QString outcome
        = record.aux == 0 ? QString() : QString(QLatin1String(drawText(kind.outcomes, random)));
    return {
        rowId(Tenants, m_tenants.findPerson(record.person)),
        QLatin1String(kind.code),
        date(record.day),
        endDate(record.aux),
        QLatin1String(kind.title),
        summary,
        outcome,
        QString::number(kind.significance),
        QLatin1String(record.kind == CaseYoungHomeless ? kOptionsOfficer : random.pick(kOfficers))};
}

void HousingFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            const quint32 serial = m_tenants.findPerson(member);
            if (serial == kNone || m_tenants.at(serial).withdrawn())
                continue;
            // Housing always knows: the old tenancy ends, a new one starts.
            m_tenants.stamp(serial, stamper.next());
            const std::size_t periods = m_world.householdHistoryOn(household, changes.day).size();
            for (quint32 t = 0; t < m_tenancies.size(); ++t) {
                const SimRecord &tenancy = m_tenancies.at(t);
                if (tenancy.person == member && tenancy.aux + 2 == periods)
                    m_tenancies.stamp(t, stamper.next());
            }
            addTenancies(member, changes.day, periods - 1, &stamper);
        }
    }
    for (const auto &[person, flag] : changes.newFlags) {
        if (flag != ProtectedAddress && flag != RiskToStaff)
            continue;
        const quint32 serial = m_tenants.findPerson(person);
        if (serial != kNone)
            m_tenants.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_cases.size(), coverage::kTickNewEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_tenants, random);
        if (serial == kNone)
            continue;
        SimRecord record;
        record.person = m_tenants.at(serial).person;
        record.day = changes.day;
        record.kind = quint8(random.below(kCaseKinds));
        m_cases.stamp(m_cases.append(record), stamper.next());
    }
    for (quint32 n = churn(m_tenants.size(), coverage::kTickNameCorrections); n > 0; --n) {
        const quint32 serial = pickLive(m_tenants, random);
        if (serial == kNone || (m_tenants.at(serial).bits & SimRecord::kCorrected)
            || !hasNameNoise(m_agency, recordSeed(Tenants, serial)))
            continue;
        m_tenants.edit(serial).bits |= SimRecord::kCorrected;
        m_tenants.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_cases.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_cases, random);
        if (serial == kNone)
            continue;
        m_cases.edit(serial).bits |= SimRecord::kWithdrawn;
        m_cases.stamp(serial, stamper.next());
    }
}

int HousingFeed::flagCount(const SimRecord &record) const
{
    const quint8 flags = m_world.flagsOn(record.person, asOf(record));
    return (flags & ProtectedAddress ? 1 : 0)
           + ((flags & RiskToStaff) && riskToStaffKnown(record.person) ? 1 : 0);
}

RecordCounts HousingFeed::counts() const
{
    RecordCounts counts;
    for (const SimRecord &r : m_tenants.records()) {
        counts.add("person", 1, r.withdrawn());
        counts.add("flag", flagCount(r), r.withdrawn());
    }
    for (const SimRecord &r : m_tenancies.records())
        counts.add("address", 1, r.withdrawn());
    for (const SimRecord &r : m_cases.records())
        counts.add("event", 1, r.withdrawn());
    return counts;
}

void HousingFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_tenants.size(); ++serial)
        out += "housing,tenant," + rowId(Tenants, serial).toLatin1() + ','
               + CountyModel::personId(m_tenants.at(serial).person).toLatin1() + '\n';
}

} // namespace

std::unique_ptr<AgencyFeed> makeHousingFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<HousingFeed>(world, faults);
}

} // namespace bv::feedsim
