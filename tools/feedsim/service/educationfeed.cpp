// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "casestudy.h"
#include "identifiers.h"
#include "personview.h"
#include "simclock.h"

#include <QXmlStreamWriter>

#include <algorithm>

namespace bv::feedsim {

namespace {

using simclock::DateStyle;

// Events are kept outside the record tables; EventIds only keys the salt of their ids.
enum Table : quint32 { Pupils, EventIds };

enum PupilEventKind : quint8 {
    FixedExclusion,
    PermanentExclusion,
    AttendanceConcern,
    SenSupport,
    SenPlan,
    kPupilEventKinds
};

const EventKind kKinds[kPupilEventKinds] = {
    {"FIXD",
     "Suspension",
     2,
     {"Reinstated after the suspension", "Reintegration meeting held", "Managed move agreed",
      nullptr, nullptr},
     {"Physical assault against a pupil", "Persistent disruptive behaviour",
      "Verbal abuse of an adult", "Damage to property"}},
    {"PERM",
     "Permanent exclusion",
     3,
     {"Exclusion upheld by governors", "Overturned at independent review",
      "Placed at a pupil referral unit", nullptr, nullptr},
     {"Serious assault on a member of staff", "Bringing a weapon into school",
      "Persistent disruptive behaviour despite support", nullptr}},
    {"ATTEND",
     "Attendance concern",
     1,
     {"Attendance improved", "Penalty notice issued", "Referred to the attendance service",
      "Referred to early help", nullptr},
     {"Persistent absence below 90%", "Unexplained absences on Mondays",
      "Missing from education for ten days", nullptr}},
    {"K",
     "SEN support",
     1,
     {nullptr, nullptr, nullptr, nullptr, nullptr},
     {"SEMH", "SLCN", "SpLD", "MLD"}},
    {"E",
     "Education, health and care plan",
     2,
     {nullptr, nullptr, nullptr, nullptr, nullptr},
     {"ASD", "SEMH", "PD", "HI"}},
};

const char *const kContactRelationships[] = {"PAR", "PAR"};

struct PupilEvent
{
    quint32 pupil = 0; // serial
    qint32 day = 0;
    quint8 kind = 0;
    bool removed = false;
    // Order of creation in the feed, kept through the re-sorts: the event's id is made from
    // it, so two events of one pupil on one day stay two records.
    quint32 number = 0;
};

// The id element's prefix per kind.
const char *eventIdPrefix(quint8 kind)
{
    switch (kind) {
    case FixedExclusion:
    case PermanentExclusion:
        return "EXC";
    case AttendanceConcern:
        return "ATT";
    default:
        return "SEN";
    }
}

class EducationFeed final : public AgencyFeed
{
public:
    EducationFeed(SimWorld &world, const ContentFaults &faults)
        : AgencyFeed(world, coverage::Agency::Education, faults)
    {}

    QString id() const override { return QStringLiteral("education"); }
    void build() override;
    SimResponse handle(const SimRequest &request) override;
    void tickDay(const DayChanges &changes, Stamper &stamper) override;
    RecordCounts counts() const override;
    void writeTruth(QByteArray &out) const override;

protected:
    std::vector<RecordTable *> tables() override { return {&m_pupils}; }

private:
    QString upn(quint32 serial) const;
    QString eventId(const PupilEvent &event) const;
    void addEvent(quint32 pupil, qint32 day, quint8 kind);
    void addCaseStudy(const CaseStudy &story);
    std::vector<quint32> contactsOf(quint32 person) const;
    void writePupil(QXmlStreamWriter &xml, quint32 serial) const;
    // A BS7666 address element, as CTF writes it for pupils and contacts; nothing for kNone.
    void writeAddress(QXmlStreamWriter &xml, quint32 address) const;
    void reindex();
    // Events of a pupil shown in a version as of day.
    std::pair<std::size_t, std::size_t> eventsOf(quint32 serial) const;
    int visibleEvents(quint32 serial, qint32 day) const;

    // pupils: person, day = first known.
    RecordTable m_pupils;
    std::vector<PupilEvent> m_events;  // sorted by pupil, then day
    std::vector<quint32> m_firstEvent; // pupil serial -> first index in m_events
};

QString EducationFeed::upn(quint32 serial) const
{
    return identifiers::pupilNumber(serial, idSalt(Pupils));
}

QString EducationFeed::eventId(const PupilEvent &event) const
{
    return identifiers::systemId(QLatin1String(eventIdPrefix(event.kind)), event.number,
                                 idSalt(EventIds));
}

void EducationFeed::addEvent(quint32 pupil, qint32 day, quint8 kind)
{
    m_events.push_back({pupil, day, kind, false, quint32(m_events.size())});
}

std::vector<quint32> EducationFeed::contactsOf(quint32 person) const
{
    const Person &p = m_world.person(person);
    std::vector<quint32> contacts;
    for (quint32 parent : {p.mother, p.father}) {
        if (parent != kNone)
            contacts.push_back(parent);
    }
    return contacts;
}

void EducationFeed::reindex()
{
    std::stable_sort(m_events.begin(), m_events.end(),
                     [](const PupilEvent &a, const PupilEvent &b) {
                         return a.pupil != b.pupil ? a.pupil < b.pupil : a.day < b.day;
                     });
    m_firstEvent.assign(m_pupils.size() + 1, 0);
    std::size_t e = 0;
    for (quint32 serial = 0; serial <= m_pupils.size(); ++serial) {
        while (e < m_events.size() && m_events[e].pupil < serial)
            ++e;
        m_firstEvent[serial] = quint32(e);
    }
}

std::pair<std::size_t, std::size_t> EducationFeed::eventsOf(quint32 serial) const
{
    return {m_firstEvent[serial], m_firstEvent[serial + 1]};
}

int EducationFeed::visibleEvents(quint32 serial, qint32 day) const
{
    int count = 0;
    const auto [first, last] = eventsOf(serial);
    for (std::size_t e = first; e < last; ++e)
        count += !m_events[e].removed && m_events[e].day <= day ? 1 : 0;
    return count;
}

void EducationFeed::build()
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), 0xb1d}));
    const qint32 today = m_world.today();
    const auto count = quint32(m_world.county().persons().size());
    for (quint32 i = 0; i < count; ++i) {
        const bool enrolled = random.chance(coverage::kEducationPupil);
        const int age = m_world.ageOn(i, today);
        if (!m_world.isChild(i) || age < coverage::kEducationMinAge || !enrolled)
            continue;
        SimRecord record;
        record.person = i;
        const qint32 started = qint32(QDate::fromJulianDay(m_world.person(i).birthDay)
                                          .addYears(coverage::kEducationMinAge)
                                          .toJulianDay());
        record.day = std::max(started, m_world.historyStart());
        const quint32 serial = m_pupils.append(record);
        const auto addEvents = [&](double rate, int minAge, quint8 kind, int most) {
            if (!random.chance(rate) || age < minAge)
                return;
            const qint32 from
                = std::max(record.day, qint32(QDate::fromJulianDay(m_world.person(i).birthDay)
                                                  .addYears(minAge)
                                                  .toJulianDay()));
            for (int n = int(random.between(1, most)); n > 0 && from < today; --n)
                addEvent(serial, qint32(random.between(from, today - 1)), kind);
        };
        addEvents(coverage::kEducationExclusion, 6, FixedExclusion, 2);
        if (random.chance(0.1))
            addEvents(coverage::kEducationExclusion, 11, PermanentExclusion, 1);
        addEvents(coverage::kEducationAttendance, 5, AttendanceConcern, 2);
        addEvents(coverage::kEducationSen, 4, random.chance(0.25) ? SenPlan : SenSupport, 2);
    }
    addCaseStudy(caseStudyOf(m_world));
    reindex();
}

void EducationFeed::addCaseStudy(const CaseStudy &story)
{
    // Appended after everything drawn, so every other record keeps its id.
    if (!story.exists())
        return;
    quint32 serial = m_pupils.findPerson(story.person);
    if (serial == kNone) {
        SimRecord record;
        record.person = story.person;
        const qint32 started = qint32(QDate::fromJulianDay(m_world.person(story.person).birthDay)
                                          .addYears(coverage::kEducationMinAge)
                                          .toJulianDay());
        record.day = std::max(started, m_world.historyStart());
        serial = m_pupils.append(record);
    }
    addEvent(serial, story.attendanceConcern, AttendanceConcern);
    addEvent(serial, story.suspension, FixedExclusion);
}

void EducationFeed::writeAddress(QXmlStreamWriter &xml, quint32 address) const
{
    if (address == kNone)
        return;
    const Address &a = m_world.county().addresses()[address];
    const AddressParts parts = addressParts(m_world, address);
    xml.writeStartElement(QStringLiteral("Address"));
    xml.writeStartElement(QStringLiteral("BS7666Address"));
    xml.writeTextElement(QStringLiteral("PAON"), QString::number(a.houseNumber));
    xml.writeTextElement(QStringLiteral("Street"), m_world.text(a.street));
    xml.writeTextElement(QStringLiteral("Town"), parts.town);
    xml.writeTextElement(QStringLiteral("PostCode"), parts.postcode);
    xml.writeTextElement(QStringLiteral("UPRN"), parts.uprn);
    xml.writeEndElement();
    xml.writeEndElement();
}

void EducationFeed::writePupil(QXmlStreamWriter &xml, quint32 serial) const
{
    const SimRecord &record = m_pupils.at(serial);
    const qint32 asOf = qint32(simclock::ukDate(record.updated).toJulianDay());
    const quint64 seed = recordSeed(Pupils, serial);
    const PersonView v = viewPerson(m_world, m_agency, seed, record.person, asOf,
                                    record.bits & SimRecord::kCorrected);
    RecordRandom random(seed ^ 0xed);
    const std::optional<quint64> fault = malformed(Pupils, serial, record);
    const int corruption = fault ? int(*fault % 4) : -1;

    xml.writeStartElement(QStringLiteral("Pupil"));
    if (corruption != 0)
        xml.writeTextElement(QStringLiteral("UPN"), upn(serial));
    if (corruption != 1)
        xml.writeTextElement(QStringLiteral("Surname"), v.family);
    xml.writeTextElement(QStringLiteral("Forename"), v.given);
    if (!v.middle.isEmpty())
        xml.writeTextElement(QStringLiteral("MiddleNames"), v.middle);
    const Person &p = m_world.person(record.person);
    QString preferred = v.family;
    if (p.mother != kNone && random.chance(0.05))
        preferred = m_world.text(m_world.familyNameOn(p.mother, asOf));
    xml.writeTextElement(QStringLiteral("PreferredSurname"), preferred);
    if (corruption == 2)
        xml.writeTextElement(QStringLiteral("DOB"), simclock::impossibleDate(DateStyle::Iso));
    else if (v.birthDate.isValid())
        xml.writeTextElement(QStringLiteral("DOB"),
                             simclock::formatDate(v.birthDate, DateStyle::Iso));
    xml.writeTextElement(QStringLiteral("Sex"), genderCode(v.sex));
    if (corruption == 3)
        xml.writeTextElement(QStringLiteral("NHSnumber"), QStringLiteral("ABC123"));
    else if (!v.nhs.isEmpty())
        xml.writeTextElement(QStringLiteral("NHSnumber"), v.nhs);
    xml.writeTextElement(QStringLiteral("LastUpdated"),
                         simclock::formatInstant(record.updated, simclock::Style::IsoUtc));
    xml.writeTextElement(QStringLiteral("Status"), record.withdrawn() ? QStringLiteral("withdrawn")
                                                                      : QStringLiteral("active"));
    writeAddress(xml, v.address);
    const std::vector<quint32> contacts = contactsOf(record.person);
    if (!contacts.empty()) {
        xml.writeStartElement(QStringLiteral("Contacts"));
        for (std::size_t c = 0; c < contacts.size(); ++c) {
            const PersonView cv
                = viewPerson(m_world, m_agency, mix64(seed + c + 1), contacts[c], asOf, false);
            xml.writeStartElement(QStringLiteral("Contact"));
            xml.writeTextElement(QStringLiteral("ContactID"),
                                 upn(serial) + QStringLiteral("-C") + QString::number(c + 1));
            xml.writeTextElement(QStringLiteral("Forename"), cv.given);
            xml.writeTextElement(QStringLiteral("Surname"), cv.family);
            xml.writeTextElement(QStringLiteral("Relationship"),
                                 QLatin1String(kContactRelationships[c % 2]));
            // As a CTF contact: the school keeps one address for the contacts who live with
            // the pupil (so a stale pupil address is stale for them too), and the contact's own
            // address, through the same noise as any record, for one who lives elsewhere.
            const bool livesWithPupil
                = m_world.addressOn(contacts[c], asOf) == m_world.addressOn(record.person, asOf);
            writeAddress(xml, livesWithPupil ? v.address : cv.address);
            xml.writeStartElement(QStringLiteral("Phones"));
            xml.writeStartElement(QStringLiteral("Phone"));
            xml.writeTextElement(QStringLiteral("TelephoneType"), QStringLiteral("H"));
            xml.writeTextElement(QStringLiteral("PhoneNo"), m_world.phone(contacts[c]));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    // Not a structured binding: clang before 16 cannot capture one in a lambda.
    const std::pair<std::size_t, std::size_t> events = eventsOf(serial);
    const std::size_t first = events.first;
    const std::size_t last = events.second;
    const auto writeGroup
        = [&](const QString &group, std::initializer_list<quint8> kinds, const auto &writeOne) {
              bool open = false;
              for (std::size_t e = first; e < last; ++e) {
                  const PupilEvent &event = m_events[e];
                  if (event.removed || event.day > asOf
                      || std::find(kinds.begin(), kinds.end(), event.kind) == kinds.end())
                      continue;
                  if (!open)
                      xml.writeStartElement(group);
                  open = true;
                  RecordRandom eventRandom(hashKeys({seed, e - first, event.kind}));
                  writeOne(event, eventRandom);
              }
              if (open)
                  xml.writeEndElement();
          };
    writeGroup(QStringLiteral("Exclusions"), {FixedExclusion, PermanentExclusion},
               [&](const PupilEvent &event, RecordRandom &r) {
                   const EventKind &kind = kKinds[event.kind];
                   xml.writeStartElement(QStringLiteral("Exclusion"));
                   xml.writeTextElement(QStringLiteral("EventID"), eventId(event));
                   xml.writeTextElement(QStringLiteral("Category"), QLatin1String(kind.code));
                   xml.writeTextElement(
                       QStringLiteral("StartDate"),
                       simclock::formatDate(QDate::fromJulianDay(event.day), DateStyle::Iso));
                   xml.writeTextElement(QStringLiteral("Reason"),
                                        QLatin1String(drawText(kind.summaries, r)));
                   if (event.kind == FixedExclusion)
                       xml.writeTextElement(QStringLiteral("Sessions"),
                                            QString::number(r.between(1, 10)));
                   xml.writeTextElement(QStringLiteral("Outcome"),
                                        QLatin1String(drawText(kind.outcomes, r)));
                   xml.writeEndElement();
               });
    writeGroup(QStringLiteral("Attendance"), {AttendanceConcern},
               [&](const PupilEvent &event, RecordRandom &r) {
                   const EventKind &kind = kKinds[event.kind];
                   xml.writeStartElement(QStringLiteral("Concern"));
                   xml.writeTextElement(QStringLiteral("EventID"), eventId(event));
                   xml.writeTextElement(
                       QStringLiteral("Date"),
                       simclock::formatDate(QDate::fromJulianDay(event.day), DateStyle::Iso));
                   xml.writeTextElement(QStringLiteral("Type"), QLatin1String(kind.title));
                   xml.writeTextElement(QStringLiteral("Detail"),
                                        QLatin1String(drawText(kind.summaries, r)));
                   xml.writeTextElement(QStringLiteral("Outcome"),
                                        QLatin1String(drawText(kind.outcomes, r)));
                   xml.writeEndElement();
               });
    writeGroup(QStringLiteral("SENhistory"), {SenSupport, SenPlan},
               [&](const PupilEvent &event, RecordRandom &r) {
                   const EventKind &kind = kKinds[event.kind];
                   xml.writeStartElement(QStringLiteral("SEN"));
                   xml.writeTextElement(QStringLiteral("EventID"), eventId(event));
                   xml.writeTextElement(
                       QStringLiteral("StartDate"),
                       simclock::formatDate(QDate::fromJulianDay(event.day), DateStyle::Iso));
                   xml.writeTextElement(QStringLiteral("Provision"), QLatin1String(kind.code));
                   xml.writeTextElement(QStringLiteral("Need"),
                                        QLatin1String(drawText(kind.summaries, r)));
                   xml.writeEndElement();
               });
    if (random.chance(0.05))
        xml.writeTextElement(QStringLiteral("FSMhistory"), QStringLiteral("true"));
    xml.writeEndElement();
}

SimResponse EducationFeed::handle(const SimRequest &request)
{
    if (request.path != QLatin1String("ctf"))
        return notFound();
    if (!isGet(request))
        return methodNotAllowed();
    const Paging paging
        = parsePaging(request, streamCode(0), QStringLiteral("since"),
                      [](const QString &text) { return simclock::parseIso(text); },
                      QStringLiteral("page_token"), QStringLiteral("page_size"), {});
    if (!paging.error.isEmpty())
        return badRequest(paging.error);
    const Page page = collect({Pupils}, paging.start);

    QByteArray body;
    QXmlStreamWriter xml(&body);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("CTfile"));
    xml.writeStartElement(QStringLiteral("Header"));
    xml.writeTextElement(QStringLiteral("DocumentName"), QStringLiteral("Common Transfer File"));
    xml.writeTextElement(QStringLiteral("CTFversion"), QStringLiteral("20.0"));
    qint64 newest = 0;
    for (const PageItem &item : page.items)
        newest = std::max<qint64>(newest, m_pupils.at(item.serial).updated);
    if (newest > 0)
        xml.writeTextElement(QStringLiteral("DateTime"),
                             simclock::formatInstant(newest, simclock::Style::IsoUtc));
    xml.writeTextElement(QStringLiteral("DocumentQualifier"), QStringLiteral("partial"));
    xml.writeStartElement(QStringLiteral("SourceSchool"));
    xml.writeTextElement(QStringLiteral("LEA"), QStringLiteral("926"));
    xml.writeTextElement(QStringLiteral("SchoolName"), QStringLiteral("Norfolk pupil database"));
    xml.writeEndElement();
    if (page.next)
        xml.writeTextElement(QStringLiteral("NextPageToken"), page.next->encode());
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("CTFpupilData"));
    for (const PageItem &item : page.items)
        writePupil(xml, item.serial);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();

    SimResponse response;
    response.headers.emplace_back("Content-Type", "application/xml; charset=utf-8");
    response.body = body;
    return response;
}

void EducationFeed::tickDay(const DayChanges &changes, Stamper &stamper)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(m_agency), quint64(changes.day), 0x71c}));
    for (quint32 household : changes.movedHouseholds) {
        for (quint32 member : m_world.membersOn(household, changes.day)) {
            const quint32 serial = m_pupils.findPerson(member);
            if (serial != kNone && !m_pupils.at(serial).withdrawn()
                && random.chance(coverage::kMoveNoticed[5]))
                m_pupils.stamp(serial, stamper.next());
        }
    }
    for (quint32 n = churn(m_events.size(), coverage::kTickNewEvents); n > 0; --n) {
        const quint32 serial = pickLive(m_pupils, random);
        if (serial == kNone)
            continue;
        const auto kind = quint8(random.below(kPupilEventKinds));
        addEvent(serial, changes.day, kind == PermanentExclusion ? quint8(FixedExclusion) : kind);
        m_pupils.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_events.size(), coverage::kTickWithdrawnEvents); n > 0; --n) {
        PupilEvent &event = m_events[random.below(m_events.size())];
        if (event.removed || m_pupils.at(event.pupil).withdrawn())
            continue;
        event.removed = true; // recorded in error: the next version of the pupil omits it
        m_pupils.stamp(event.pupil, stamper.next());
    }
    for (quint32 n = churn(m_pupils.size(), coverage::kTickNameCorrections); n > 0; --n) {
        const quint32 serial = pickLive(m_pupils, random);
        if (serial == kNone || (m_pupils.at(serial).bits & SimRecord::kCorrected)
            || !hasNameNoise(m_agency, recordSeed(Pupils, serial)))
            continue;
        m_pupils.edit(serial).bits |= SimRecord::kCorrected;
        m_pupils.stamp(serial, stamper.next());
    }
    for (quint32 n = churn(m_pupils.size(), coverage::kTickWithdrawnPersons); n > 0; --n) {
        const quint32 serial = pickLive(m_pupils, random);
        if (serial == kNone)
            continue;
        m_pupils.edit(serial).bits |= SimRecord::kWithdrawn; // left the county's schools
        m_pupils.stamp(serial, stamper.next());
    }
    reindex();
}

RecordCounts EducationFeed::counts() const
{
    RecordCounts counts;
    for (quint32 serial = 0; serial < m_pupils.size(); ++serial) {
        const SimRecord &r = m_pupils.at(serial);
        const qint32 asOf = qint32(simclock::ukDate(r.updated).toJulianDay());
        counts.add("person", 1 + qint64(contactsOf(r.person).size()), r.withdrawn());
        counts.add("event", visibleEvents(serial, asOf), r.withdrawn());
    }
    return counts;
}

void EducationFeed::writeTruth(QByteArray &out) const
{
    for (quint32 serial = 0; serial < m_pupils.size(); ++serial) {
        const QByteArray id = upn(serial).toLatin1();
        const quint32 person = m_pupils.at(serial).person;
        out += "education,pupil," + id + ',' + CountyModel::personId(person).toLatin1() + '\n';
        const std::vector<quint32> contacts = contactsOf(person);
        for (std::size_t c = 0; c < contacts.size(); ++c)
            out += "education,contact," + id + "-C" + QByteArray::number(qulonglong(c + 1)) + ','
                   + CountyModel::personId(contacts[c]).toLatin1() + '\n';
    }
}

} // namespace

std::unique_ptr<AgencyFeed> makeEducationFeed(SimWorld &world, const ContentFaults &faults)
{
    return std::make_unique<EducationFeed>(world, faults);
}

} // namespace bv::feedsim
