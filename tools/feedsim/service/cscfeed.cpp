// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "csvfeed.h"
#include "identifiers.h"

#include <QHash>

namespace bv::feedsim {

namespace {

enum Table : quint32 { Children, Contacts, Relationships, Episodes };

enum EpisodeKind : quint8 {
    Referral,
    AssessNfa,
    AssessCin,
    AssessS47,
    Strategy,
    Icpc,
    CpPlan,
    CinPlan,
    LookedAfterEpisode,
    Review,
    kEpisodeKinds,
    // The case study's own (casestudy.h), with the texts of its story.
    CaseSchoolReferral = kEpisodeKinds,
    CaseCinAssessment,
    CaseCinPlan,
    CaseMissingReferral,
    CaseHomeAssessment,
    CaseAccommodated,
    kAllEpisodeKinds
};

const EventKind kKinds[kAllEpisodeKinds] = {
    {"REFERRAL",
     "Referral received",
     1,
     {"Progressed to assessment", nullptr, nullptr, nullptr, nullptr},
     {"Referral from school about the child's presentation",
      "Police notification of a domestic incident with the child present",
      "Health visitor concern about home conditions", "Anonymous referral from a neighbour"}},
    {"ASSESSMENT",
     "Child and family assessment",
     1,
     {"No further action", "Signposted to early help", nullptr, nullptr, nullptr},
     {"Assessment completed within timescale", "Parents engaged with the assessment", nullptr,
      nullptr}},
    {"ASSESSMENT",
     "Child and family assessment",
     2,
     {"Child in need plan", nullptr, nullptr, nullptr, nullptr},
     {"Needs identified around school attendance and parental mental health",
      "Family struggling with housing and finances", nullptr, nullptr}},
    {"S47",
     "Section 47 enquiry",
     3,
     {"Initial child protection conference convened", nullptr, nullptr, nullptr, nullptr},
     {"Enquiry following an unexplained injury", "Enquiry following a disclosure at school",
      "Enquiry after repeated domestic abuse incidents", nullptr}},
    {"STRATEGY",
     "Strategy discussion",
     2,
     {"Section 47 enquiry to proceed", nullptr, nullptr, nullptr, nullptr},
     {"Strategy discussion with police and health", nullptr, nullptr, nullptr}},
    {"ICPC",
     "Initial child protection conference",
     3,
     {"Child protection plan: neglect", "Child protection plan: emotional abuse",
      "Child protection plan: physical abuse", "Child protection plan: sexual abuse", nullptr},
     {"Conference attended by parents, school, health visitor and police", nullptr, nullptr,
      nullptr}},
    {"CP_PLAN",
     "Child protection plan",
     3,
     {"Plan ended: stepped down to child in need", nullptr, nullptr, nullptr, nullptr},
     {"Core group meeting every four weeks", nullptr, nullptr, nullptr}},
    {"CIN_PLAN",
     "Child in need plan",
     2,
     {"Plan ended: needs met", "Plan ended: family moved away", nullptr, nullptr, nullptr},
     {"Support from family support worker", nullptr, nullptr, nullptr}},
    {"LAC",
     "Looked after episode",
     3,
     {"Section 20 voluntary accommodation", "Interim care order", "Care order", nullptr, nullptr},
     {"Placed with foster carers", "Placed with kinship carers", "Placed in residential care",
      nullptr}},
    {"REVIEW",
     "Review child protection conference",
     2,
     {"Plan to continue", "Plan ended", nullptr, nullptr, nullptr},
     {"Review conference held", nullptr, nullptr, nullptr}},
    {"REFERRAL",
     "Referral received",
     1,
     {"Progressed to assessment", nullptr, nullptr, nullptr, nullptr},
     {"Referral from school: falling attendance and concern about the child's wellbeing", nullptr,
      nullptr, nullptr}},
    {"ASSESSMENT",
     "Child and family assessment",
     2,
     {"Child in need plan", nullptr, nullptr, nullptr, nullptr},
     {"Needs identified around school attendance and the parent's mental health", nullptr, nullptr,
      nullptr}},
    {"CIN_PLAN",
     "Child in need plan",
     2,
     {"Plan ended: needs met", nullptr, nullptr, nullptr, nullptr},
     {"Support from a family support worker and the school's pastoral team", nullptr, nullptr,
      nullptr}},
    {"REFERRAL",
     "Referral received",
     2,
     {"Progressed to assessment", nullptr, nullptr, nullptr, nullptr},
     {"Police notification: the young person was reported missing from home overnight", nullptr,
      nullptr, nullptr}},
    {"ASSESSMENT",
     "Child and family assessment",
     2,
     {"Accommodated under section 20 with the parent's agreement", nullptr, nullptr, nullptr,
      nullptr},
     {"Relationship between the young person and their parent has broken down", nullptr, nullptr,
      nullptr}},
    {"LAC",
     "Looked after episode",
     3,
     {"Section 20 voluntary accommodation: returned home with family support", nullptr, nullptr,
      nullptr, nullptr},
     {"Placed with foster carers", nullptr, nullptr, nullptr}},
};

const char *const kWorkers[]
    = {"Family Support Team North", "Assessment Team Norwich", "Children in Care Team",
       "Child Protection Team West", "MASH Norfolk"};

class CscFeed final : public CsvFeed
{
public:
    CscFeed(SimWorld &world, const ContentFaults &faults)
        : CsvFeed(world, coverage::Agency::Csc, faults,
                  CsvStyle{true, simclock::DateStyle::UkSlash, simclock::Style::UkSlashMinutes, 0})
    {}

    QString id() const override { return QStringLiteral("csc"); }
    void build() override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override
    {
        return {&m_children, &m_contacts, &m_relationships, &m_episodes};
    }
    QStringList files() const override
    {
        return {QStringLiteral("children.csv"), QStringLiteral("contacts.csv"),
                QStringLiteral("relationships.csv"), QStringLiteral("episodes.csv")};
    }
    QStringList header(quint32 stream) const override;
    QStringList row(quint32 stream, quint32 serial) const override;
    QString rowId(quint32 stream, quint32 serial) const override;
    const RecordTable &table(quint32 stream) const override
    {
        return stream == Children        ? m_children
               : stream == Contacts      ? m_contacts
               : stream == Relationships ? m_relationships
                                         : m_episodes;
    }

private:
    // Adds the child, its parents as contacts, and returns the child's serial.
    quint32 addChild(quint32 child, Stamper *stamper);
    void addEpisode(quint32 child, qint32 day, quint8 kind, qint32 end, Stamper *stamper);
    void addJourney(quint32 child, qint32 today, RecordRandom &random, Stamper *stamper);
    void addCaseStudy(const CaseStudy &story);
    std::pair<int, int> flagCount(const SimRecord &record) const;

    // children, contacts: person. relationships: person = child, aux = contact serial,
    // kind = 0 mother / 1 father. episodes: person = child, day = start, aux = end day (0
    // open), kind = EpisodeKind.
    RecordTable m_children;
    RecordTable m_contacts;
    RecordTable m_relationships;
    RecordTable m_episodes;
    QHash<quint32, quint32> m_contactOf; // parent person -> contact serial (lookups only)
};

quint32 CscFeed::addChild(quint32 child, Stamper *stamper)
{
    SimRecord record;
    record.person = child;
    const quint32 serial = m_children.append(record);
    if (stamper)
        m_children.stamp(serial, stamper->next());
    const Person &p = m_world.person(child);
    quint8 relationship = 0;
    for (quint32 parent : {p.mother, p.father}) {
        const quint8 kind = relationship++;
        if (parent == kNone)
            continue;
        auto contact = m_contactOf.constFind(parent);
        if (contact == m_contactOf.constEnd()) {
            SimRecord c;
            c.person = parent;
            contact = m_contactOf.insert(parent, m_contacts.append(c));
            if (stamper)
                m_contacts.stamp(*contact, stamper->next());
        }
        SimRecord link;
        link.person = child;
        link.aux = *contact;
        link.kind = kind;
        link.day = p.birthDay;
        const quint32 linkSerial = m_relationships.append(link);
        if (stamper)
            m_relationships.stamp(linkSerial, stamper->next());
    }
    return serial;
}

void CscFeed::addEpisode(quint32 child, qint32 day, quint8 kind, qint32 end, Stamper *stamper)
{
    SimRecord record;
    record.person = child;
    record.day = day;
    record.kind = kind;
    record.aux = end > 0 ? quint32(end) : 0;
    const quint32 serial = m_episodes.append(record);
    if (stamper)
        m_episodes.stamp(serial, stamper->next());
}

void CscFeed::addJourney(quint32 child, qint32 today, RecordRandom &random, Stamper *stamper)
{
    const Person &p = m_world.person(child);
    const qint32 earliest = std::max(m_world.historyStart(), p.birthDay);
    const quint8 flags = m_world.flagsOn(child, today);
    const auto clampDay = [&](qint64 day) {
        return qint32(std::clamp<qint64>(day, earliest, today));
    };
    if (flags & (ChildProtectionPlan | LookedAfter)) {
        const bool cp = flags & ChildProtectionPlan;
        const qint32 start = m_world.flagSince(child, cp ? ChildProtectionPlan : LookedAfter);
        const qint32 referral = clampDay(start - random.between(20, 45));
        addEpisode(child, referral, Referral, referral, stamper);
        const qint32 strategy = clampDay(referral + random.between(1, 3));
        addEpisode(child, strategy, Strategy, strategy, stamper);
        addEpisode(child, strategy, AssessS47, clampDay(strategy + random.between(5, 15)), stamper);
        if (cp) {
            addEpisode(child, start, Icpc, start, stamper);
            addEpisode(child, start, CpPlan, 0, stamper);
            if (start + 90 < today)
                addEpisode(child, start + 90, Review, start + 90, stamper);
        } else {
            addEpisode(child, start, LookedAfterEpisode, 0, stamper);
        }
        return;
    }
    const qint32 referral = qint32(random.between(earliest, std::max(earliest, today - 1)));
    addEpisode(child, referral, Referral, referral, stamper);
    const qint32 assessed = clampDay(referral + random.between(10, 45));
    if (random.chance(0.6)) {
        addEpisode(child, referral, AssessNfa, assessed, stamper);
        return;
    }
    addEpisode(child, referral, AssessCin, assessed, stamper);
    const qint32 end = qint32(assessed + random.between(90, 540));
    addEpisode(child, assessed, CinPlan, end < today ? end : 0, stamper);
}

void CscFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 today = m_world.today();
    const auto count = quint32(m_world.county().persons().size());
    for (quint32 i = 0; i < count; ++i) {
        const bool drawn = random.chance(coverage::kCscChild);
        if (!m_world.isChild(i))
            continue;
        const bool flagged = m_world.person(i).flags & (ChildProtectionPlan | LookedAfter);
        if (!drawn && !flagged)
            continue;
        addChild(i, nullptr);
        addJourney(i, today, random, nullptr);
    }
    addCaseStudy(caseStudyOf(m_world));
}

void CscFeed::addCaseStudy(const CaseStudy &story)
{
    // After everything drawn, and appended, so every other record keeps its id.
    if (!story.exists())
        return;
    if (m_children.findPerson(story.person) == kNone)
        addChild(story.person, nullptr);
    const quint32 child = story.person;
    addEpisode(child, story.cinReferral, CaseSchoolReferral, story.cinReferral, nullptr);
    addEpisode(child, story.cinReferral, CaseCinAssessment, story.cinAssessed, nullptr);
    addEpisode(child, story.cinAssessed, CaseCinPlan, story.cinPlanEnd, nullptr);
    const qint32 notified = story.firstMissing + 1;
    addEpisode(child, notified, CaseMissingReferral, notified, nullptr);
    addEpisode(child, notified, CaseHomeAssessment, story.lookedAfterFrom, nullptr);
    addEpisode(child, story.lookedAfterFrom, CaseAccommodated, story.lookedAfterTo, nullptr);
}

QStringList CscFeed::header(quint32 stream) const
{
    switch (stream) {
    case Children:
        return {QStringLiteral("forename"),
                QStringLiteral("middle_names"),
                QStringLiteral("surname"),
                QStringLiteral("former_surname"),
                QStringLiteral("dob"),
                QStringLiteral("gender"),
                QStringLiteral("nhs_number"),
                QStringLiteral("address"),
                QStringLiteral("postcode"),
                QStringLiteral("cp_plan_from"),
                QStringLiteral("looked_after_from")};
    case Contacts:
        return {QStringLiteral("forename"),       QStringLiteral("surname"),
                QStringLiteral("former_surname"), QStringLiteral("dob"),
                QStringLiteral("gender"),         QStringLiteral("nhs_number"),
                QStringLiteral("address"),        QStringLiteral("postcode"),
                QStringLiteral("phone")};
    case Relationships:
        return {QStringLiteral("child_id"), QStringLiteral("contact_id"),
                QStringLiteral("relationship"), QStringLiteral("start_date"),
                QStringLiteral("end_date")};
    default:
        return {
            QStringLiteral("child_id"), QStringLiteral("type"),     QStringLiteral("start_date"),
            QStringLiteral("end_date"), QStringLiteral("title"),    QStringLiteral("summary"),
            QStringLiteral("outcome"),  QStringLiteral("priority"), QStringLiteral("worker")};
    }
}

QString CscFeed::rowId(quint32 stream, quint32 serial) const
{
    static const char *const kPrefixes[] = {"CH", "CT", "RL", "EP"};
    return externalId(kPrefixes[stream], stream, serial);
}

QStringList CscFeed::row(quint32 stream, quint32 serial) const
{
    const SimRecord &record = table(stream).at(serial);
    if (stream == Children || stream == Contacts) {
        const PersonView v = view(stream, serial);
        const AddressParts address = addressParts(m_world, v.address);
        const QString line
            = v.address == kNone ? QString() : address.line + QStringLiteral(", ") + address.town;
        const QString nhs = identifiers::spacedNhsNumber(v.nhs);
        if (stream == Contacts)
            return {v.given,
                    v.family,
                    v.birthFamily,
                    date(v.birthDate),
                    genderCode(v.sex),
                    nhs,
                    line,
                    postcodeStyled(address.postcode, m_style.postcode),
                    m_world.phone(record.person)};
        const quint8 flags = m_world.flagsOn(record.person, asOf(record));
        return {v.given,
                v.middle,
                v.family,
                v.birthFamily,
                date(v.birthDate),
                genderCode(v.sex),
                nhs,
                line,
                postcodeStyled(address.postcode, m_style.postcode),
                flags & ChildProtectionPlan
                    ? date(m_world.flagSince(record.person, ChildProtectionPlan))
                    : QString(),
                flags & LookedAfter ? date(m_world.flagSince(record.person, LookedAfter))
                                    : QString()};
    }
    if (stream == Relationships) {
        return {rowId(Children, m_children.findPerson(record.person)), rowId(Contacts, record.aux),
                record.kind == 0 ? QStringLiteral("Mother") : QStringLiteral("Father"),
                date(record.day), QString()};
    }
    const EventKind &kind = kKinds[record.kind];
    RecordRandom random(recordSeed(stream, serial));
    const QString summary = QLatin1String(drawText(kind.summaries, random));
    QString outcome = QLatin1String(drawText(kind.outcomes, random));
    if ((record.kind == CpPlan || record.kind == CinPlan) && record.aux == 0)
        outcome.clear(); // an open plan has no outcome yet
    return {rowId(Children, m_children.findPerson(record.person)),
            QLatin1String(kind.code),
            date(record.day),
            endDate(record.aux),
            QLatin1String(kind.title),
            summary,
            outcome,
            QString::number(kind.significance),
            QLatin1String(random.pick(kWorkers))};
}

void CscFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    for (const auto &[person, flag] : changes.newFlags) {
        if (flag != ChildProtectionPlan && flag != LookedAfter)
            continue;
        quint32 serial = m_children.findPerson(person);
        if (serial == kNone) {
            addChild(person, &stamper);
            addJourney(person, changes.day, random, &stamper);
        } else {
            m_children.stamp(serial, stamper.next());
            addEpisode(person, changes.day, flag == ChildProtectionPlan ? Icpc : Strategy,
                       changes.day, &stamper);
            addEpisode(person, changes.day,
                       flag == ChildProtectionPlan ? CpPlan : LookedAfterEpisode, 0, &stamper);
        }
    }
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            for (RecordTable *people : {&m_children, &m_contacts}) {
                const quint32 serial = people->findPerson(member);
                if (serial != kNone && random.chance(coverage::kMoveNoticed[2]))
                    people->stamp(serial, stamper.next());
            }
        }
    }
    for (quint32 n = churn(m_episodes.size(), coverage::kTickNewEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_children, random);
        if (serial == kNone)
            continue;
        const quint32 child = m_children.at(serial).person;
        addEpisode(child, changes.day, random.chance(0.5) ? Referral : Review, changes.day,
                   &stamper);
    }
    for (RecordTable *people : {&m_children, &m_contacts}) {
        const quint32 stream = people == &m_children ? Children : Contacts;
        for (quint32 n = churn(people->size(), coverage::kTickNameCorrections); n > 0; --n) {
            const quint32 serial = pickLive(*people, random);
            if (serial == kNone || (people->at(serial).bits & SimRecord::kCorrected)
                || !hasNameNoise(m_agency, recordSeed(stream, serial)))
                continue;
            people->edit(serial).bits |= SimRecord::kCorrected;
            people->stamp(serial, stamper.next());
        }
    }
    for (quint32 n = churn(m_episodes.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_episodes, random);
        if (serial == kNone)
            continue;
        m_episodes.edit(serial).bits |= SimRecord::kWithdrawn;
        m_episodes.stamp(serial, stamper.next());
    }
}

std::pair<int, int> CscFeed::flagCount(const SimRecord &record) const
{
    const quint8 flags = m_world.flagsOn(record.person, asOf(record));
    return {flags & ChildProtectionPlan ? 1 : 0, flags & LookedAfter ? 1 : 0};
}

RecordCounts CscFeed::counts() const
{
    RecordCounts counts;
    for (const SimRecord &r : m_children.records()) {
        counts.add("person", 1, r.withdrawn());
        const auto [cp, lac] = flagCount(r);
        counts.add("flag", cp + lac, r.withdrawn());
    }
    for (const SimRecord &r : m_contacts.records())
        counts.add("person", 1, r.withdrawn());
    for (const SimRecord &r : m_relationships.records())
        counts.add("relationship", 1, r.withdrawn());
    for (const SimRecord &r : m_episodes.records())
        counts.add("event", 1, r.withdrawn());
    return counts;
}

void CscFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_children.size(); ++serial)
        out += "csc,child," + rowId(Children, serial).toLatin1() + ','
               + CountyModel::personId(m_children.at(serial).person).toLatin1() + '\n';
    for (quint32 serial = 0; serial < m_contacts.size(); ++serial)
        out += "csc,contact," + rowId(Contacts, serial).toLatin1() + ','
               + CountyModel::personId(m_contacts.at(serial).person).toLatin1() + '\n';
}

} // namespace

std::unique_ptr<AgencyFeed> makeCscFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<CscFeed>(world, faults);
}

} // namespace bv::feedsim
