// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "csvfeed.h"
#include "identifiers.h"

namespace bv::feedsim {

namespace {

enum Table : quint32 { Clients, Episodes };

enum EpisodeKind : quint8 {
    Assessment,
    Safeguarding,
    Package,
    Review,
    CarerAssessment,
    OccupationalTherapy,
    kEpisodeKinds,
    // The case study's own (casestudy.h): never drawn.
    CaseTransition = kEpisodeKinds,
    kAllEpisodeKinds
};

const EventKind kKinds[kAllEpisodeKinds] = {
    {"ASSESSMENT",
     "Care Act needs assessment",
     1,
     {"Eligible needs: care and support plan", "Not eligible: information and advice given",
      "Referred to reablement", nullptr, nullptr},
     {"Assessment at home with a family member present",
      "Assessment on hospital ward before discharge", "Telephone assessment", nullptr}},
    {"S42",
     "Section 42 safeguarding enquiry",
     3,
     {"Risk removed", "Risk reduced", "Risk remains", "No further action", nullptr},
     {"Concern about financial abuse by a relative", "Concern about self-neglect",
      "Unexplained bruising reported by a carer", "Concern about neglect in a care setting"}},
    {"PACKAGE",
     "Care package",
     2,
     {"Home care package started", "Residential placement", "Direct payment agreed",
      "Package ended", nullptr},
     {"Two calls a day for personal care", "Respite stay arranged", "Day centre three days a week",
      nullptr}},
    {"REVIEW",
     "Care and support plan review",
     1,
     {"No change to the plan", "Package increased", "Package reduced", nullptr, nullptr},
     {"Annual review", "Review after a fall", "Review requested by family", nullptr}},
    {"CARER",
     "Carer's assessment",
     1,
     {"Carer's support plan agreed", "Information and advice given", nullptr, nullptr, nullptr},
     {"Partner caring full time", "Adult child caring for a parent", nullptr, nullptr}},
    {"OT",
     "Occupational therapy assessment",
     1,
     {"Equipment provided", "Minor adaptations fitted", "Referred for a disabled facilities grant",
      nullptr, nullptr},
     {"Difficulty with stairs", "Bathing difficulties", nullptr, nullptr}},
    {"ASSESSMENT",
     "Transition assessment (preparing for adulthood)",
     2,
     {nullptr, nullptr, nullptr, nullptr, nullptr}, // open: no outcome yet
     {"Care Act transition assessment before 18, referred by children's services", nullptr, nullptr,
      nullptr}},
};

const char *const kWorkers[]
    = {"Older People Team Norwich", "Learning Disabilities Team", "Safeguarding Adults Team",
       "Hospital Discharge Team", "Mental Health Social Work Team"};
const char *const kTransitionWorker = "Preparing for Adulthood Team";

class AscFeed final : public CsvFeed
{
public:
    AscFeed(SimWorld &world, const ContentFaults &faults)
        : CsvFeed(world, coverage::Agency::Asc, faults,
                  CsvStyle{false, simclock::DateStyle::Iso, simclock::Style::IsoUtc, 1})
    {}

    QString id() const override { return QStringLiteral("asc"); }
    void build() override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override { return {&m_clients, &m_episodes}; }
    QStringList files() const override
    {
        return {QStringLiteral("clients.csv"), QStringLiteral("episodes.csv")};
    }
    QStringList header(quint32 stream) const override;
    QStringList row(quint32 stream, quint32 serial) const override;
    QString rowId(quint32 stream, quint32 serial) const override;
    const RecordTable &table(quint32 stream) const override
    {
        return stream == Clients ? m_clients : m_episodes;
    }

private:
    void addEpisode(quint32 client, qint32 day, quint8 kind, qint32 end, Stamper *stamper);
    void addCaseStudy(const CaseStudy &story);
    int flagCount(const SimRecord &record) const;

    // clients: person. episodes: person, day = start, aux = end day (0 open), kind.
    RecordTable m_clients;
    RecordTable m_episodes;
};

void AscFeed::addEpisode(quint32 client, qint32 day, quint8 kind, qint32 end, Stamper *stamper)
{
    SimRecord record;
    record.person = client;
    record.day = day;
    record.kind = kind;
    record.aux = end > 0 ? quint32(end) : 0;
    const quint32 serial = m_episodes.append(record);
    if (stamper)
        m_episodes.stamp(serial, stamper->next());
}

void AscFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 start = m_world.historyStart();
    const qint32 today = m_world.today();
    const auto count = quint32(m_world.county().persons().size());
    for (quint32 i = 0; i < count; ++i) {
        const int age = m_world.ageOn(i, today);
        const bool drawn
            = random.chance(age >= 65 ? coverage::kAscOlderAdult : coverage::kAscAdult);
        const Person &p = m_world.person(i);
        const bool vulnerable = p.flags & VulnerableAdult;
        if (m_world.isChild(i) || age < 18 || (!drawn && !vulnerable))
            continue;
        SimRecord client;
        client.person = i;
        m_clients.append(client);
        const qint32 adult = qint32(QDate::fromJulianDay(p.birthDay).addYears(18).toJulianDay());
        const qint32 first = std::max(start, adult);
        if (vulnerable) {
            const qint32 since = std::max(first, m_world.flagSince(i, VulnerableAdult));
            addEpisode(i, since, Safeguarding, qint32(since + random.between(14, 90)), nullptr);
        } else if (!random.chance(0.85)) {
            continue; // information and advice only: a client with no episodes
        }
        if (first >= today)
            continue;
        const qint32 assessed = qint32(random.between(first, today - 1));
        addEpisode(i, assessed, Assessment, qint32(assessed + random.between(7, 40)), nullptr);
        for (int n = random.poisson(coverage::kAscEpisodesMean); n > 0; --n) {
            const qint32 day = qint32(random.between(assessed, today - 1));
            const auto kind = quint8(Package + random.below(kEpisodeKinds - Package));
            const qint32 end = qint32(day + random.between(30, 720));
            addEpisode(i, day, kind, kind == Package && end >= today ? 0 : std::min(end, today - 1),
                       nullptr);
        }
    }
    addCaseStudy(caseStudyOf(m_world));
}

void AscFeed::addCaseStudy(const CaseStudy &story)
{
    // A client at 17 (the only one under 18), appended so every other record keeps its id.
    if (!story.exists())
        return;
    if (m_clients.findPerson(story.person) == kNone) {
        SimRecord client;
        client.person = story.person;
        m_clients.append(client);
    }
    addEpisode(story.person, story.transitionAssessment, CaseTransition, 0, nullptr);
}

QStringList AscFeed::header(quint32 stream) const
{
    if (stream == Clients)
        return {QStringLiteral("first_name"),       QStringLiteral("last_name"),
                QStringLiteral("date_of_birth"),    QStringLiteral("sex"),
                QStringLiteral("nhs_number"),       QStringLiteral("address_line"),
                QStringLiteral("postcode"),         QStringLiteral("phone"),
                QStringLiteral("vulnerable_adult"), QStringLiteral("vulnerable_adult_from"),
                QStringLiteral("risk_to_staff")};
    return {QStringLiteral("client_id"), QStringLiteral("type"),     QStringLiteral("start_date"),
            QStringLiteral("end_date"),  QStringLiteral("title"),    QStringLiteral("summary"),
            QStringLiteral("outcome"),   QStringLiteral("priority"), QStringLiteral("worker")};
}

QString AscFeed::rowId(quint32 stream, quint32 serial) const
{
    return externalId(stream == Clients ? "AC" : "AE", stream, serial);
}

QStringList AscFeed::row(quint32 stream, quint32 serial) const
{
    const SimRecord &record = table(stream).at(serial);
    if (stream == Clients) {
        const PersonView v = view(stream, serial);
        const AddressParts address = addressParts(m_world, v.address);
        const quint8 flags = m_world.flagsOn(record.person, asOf(record));
        const bool vulnerable = flags & VulnerableAdult;
        return {v.given,
                v.family,
                date(v.birthDate),
                genderCode(v.sex),
                v.nhs,
                v.address == kNone ? QString() : address.line + QStringLiteral(", ") + address.town,
                postcodeStyled(address.postcode, m_style.postcode),
                m_world.phone(record.person),
                yesNo(vulnerable),
                vulnerable ? date(m_world.flagSince(record.person, VulnerableAdult)) : QString(),
                yesNo(flags & RiskToStaff)};
    }
    const EventKind &kind = kKinds[record.kind];
    RecordRandom random(recordSeed(stream, serial));
    const QString summary = QLatin1String(drawText(kind.summaries, random));
    const QString outcome = record.aux == 0 && record.kind == Package
                                ? QStringLiteral("Home care package started")
                                : QString(QLatin1String(drawText(kind.outcomes, random)));
    return {
        rowId(Clients, m_clients.findPerson(record.person)),
        QLatin1String(kind.code),
        date(record.day),
        endDate(record.aux),
        QLatin1String(kind.title),
        summary,
        outcome,
        QString::number(kind.significance),
        QLatin1String(record.kind == CaseTransition ? kTransitionWorker : random.pick(kWorkers))};
}

void AscFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    for (const auto &[person, flag] : changes.newFlags) {
        if (flag != VulnerableAdult && flag != RiskToStaff)
            continue;
        quint32 serial = m_clients.findPerson(person);
        if (serial == kNone && flag == RiskToStaff)
            continue;
        if (serial == kNone) {
            SimRecord client;
            client.person = person;
            serial = m_clients.append(client);
        }
        m_clients.stamp(serial, stamper.next());
        if (flag == VulnerableAdult)
            addEpisode(person, changes.day, Safeguarding, 0, &stamper);
    }
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            const quint32 serial = m_clients.findPerson(member);
            if (serial != kNone && random.chance(coverage::kMoveNoticed[3]))
                m_clients.stamp(serial, stamper.next());
        }
    }
    for (quint32 n = churn(m_episodes.size(), coverage::kTickNewEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_clients, random);
        if (serial == kNone)
            continue;
        addEpisode(m_clients.at(serial).person, changes.day,
                   quint8(Review + random.below(kEpisodeKinds - Review)), changes.day, &stamper);
    }
    for (quint32 n = churn(m_clients.size(), coverage::kTickNameCorrections); n > 0; --n) {
        const quint32 serial = pickLive(m_clients, random);
        if (serial == kNone || (m_clients.at(serial).bits & SimRecord::kCorrected)
            || !hasNameNoise(m_agency, recordSeed(Clients, serial)))
            continue;
        m_clients.edit(serial).bits |= SimRecord::kCorrected;
        m_clients.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_episodes.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_episodes, random);
        if (serial == kNone)
            continue;
        m_episodes.edit(serial).bits |= SimRecord::kWithdrawn;
        m_episodes.stamp(serial, stamper.next());
    }
    // Clients with no episodes (information and advice) may be withdrawn as duplicates.
    std::vector<bool> referred(m_world.personCount(), false);
    for (const SimRecord &r : m_episodes.records())
        referred[r.person] = true;
    for (quint32 n = churn(m_clients.size(), coverage::kTickWithdrawnPersons); n > 0; --n) {
        const quint32 serial = pickLive(m_clients, random);
        if (serial == kNone || referred[m_clients.at(serial).person])
            continue;
        m_clients.edit(serial).bits |= SimRecord::kWithdrawn;
        m_clients.stamp(serial, stamper.next());
    }
}

int AscFeed::flagCount(const SimRecord &record) const
{
    const quint8 flags = m_world.flagsOn(record.person, asOf(record));
    return (flags & VulnerableAdult ? 1 : 0) + (flags & RiskToStaff ? 1 : 0);
}

RecordCounts AscFeed::counts() const
{
    RecordCounts counts;
    for (const SimRecord &r : m_clients.records()) {
        counts.add("person", 1, r.withdrawn());
        counts.add("flag", flagCount(r), r.withdrawn());
    }
    for (const SimRecord &r : m_episodes.records())
        counts.add("event", 1, r.withdrawn());
    return counts;
}

void AscFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_clients.size(); ++serial)
        out += "asc,client," + rowId(Clients, serial).toLatin1() + ','
               + CountyModel::personId(m_clients.at(serial).person).toLatin1() + '\n';
}

} // namespace

std::unique_ptr<AgencyFeed> makeAscFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<AscFeed>(world, faults);
}

} // namespace bv::feedsim
