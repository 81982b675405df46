// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencies.h"
#include "feedservice.h"
#include "simclock.h"
#include "simworld.h"

#include <QJsonObject>

namespace bv::feedsim {

namespace {

constexpr int kMaxTickDays = 3650;
constexpr int kLoadStartSeconds = 3600;     // 01:00 UK time on today()
constexpr int kTickStartSeconds = 7 * 3600; // 07:00 on each simulated day
constexpr int kFeedStagger = 600;           // each feed's batch job starts 10 minutes later
constexpr int kTickMaxStep = 30;
constexpr int kPickTries = 50;

class CountyFeedService final : public FeedService
{
public:
    CountyFeedService(std::shared_ptr<const CountyModel> county,
                      std::shared_ptr<const ReferenceData> reference, quint64 seed)
        : m_world(std::move(county), std::move(reference), seed)
        , m_day(m_world.today())
    {
        m_feeds.push_back(makeHealthFeed(m_world, m_faults));
        m_feeds.push_back(makePoliceFeed(m_world, m_faults));
        m_feeds.push_back(makeCscFeed(m_world, m_faults));
        m_feeds.push_back(makeAscFeed(m_world, m_faults));
        m_feeds.push_back(makeHousingFeed(m_world, m_faults));
        m_feeds.push_back(makeEducationFeed(m_world, m_faults));
        m_feeds.push_back(makeFireFeed(m_world, m_faults));
        const QDate today = QDate::fromJulianDay(m_world.today());
        for (std::size_t i = 0; i < m_feeds.size(); ++i) {
            m_feeds[i]->build();
            m_feeds[i]->stampInitialLoad(
                simclock::fromUkLocal(today, kLoadStartSeconds + int(i) * kFeedStagger));
        }
    }

    QStringList feedIds() const override
    {
        QStringList ids;
        for (const auto &feed : m_feeds)
            ids << feed->id();
        return ids;
    }

    SimResponse handle(const QString &feedId, const SimRequest &request) override
    {
        for (const auto &feed : m_feeds) {
            if (feed->id() == feedId)
                return feed->handle(request);
        }
        SimResponse response;
        response.status = 404;
        response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
        response.body = "no such feed";
        return response;
    }

    Result<void> tick(int days) override
    {
        if (days < 1 || days > kMaxTickDays)
            return makeError(ErrorCode::Usage,
                             QStringLiteral("tick takes 1 to %1 days").arg(kMaxTickDays));
        for (int d = 0; d < days; ++d)
            advanceOneDay();
        return {};
    }

    void setContentFaults(const ContentFaults &faults) override { m_faults = faults; }

    QJsonObject stats() const override
    {
        QJsonObject feeds;
        for (const auto &feed : m_feeds)
            feeds.insert(feed->id(), feed->counts().toJson());
        return QJsonObject{
            {QStringLiteral("simulated_day"),
             simclock::formatDate(QDate::fromJulianDay(m_day), simclock::DateStyle::Iso)},
            {QStringLiteral("feeds"), feeds}};
    }

    Result<void> writeSourceTruth(QIODevice &device) const override
    {
        QByteArray out = "feed,kind,external_id,person_id\n";
        for (const auto &feed : m_feeds)
            feed->writeTruth(out);
        if (device.write(out) != out.size())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot write the source truth: %1").arg(device.errorString()));
        return {};
    }

private:
    void advanceOneDay();
    DayChanges changeCounty(qint32 day);

    SimWorld m_world;
    ContentFaults m_faults;
    std::vector<std::unique_ptr<AgencyFeed>> m_feeds;
    qint32 m_day;
};

DayChanges CountyFeedService::changeCounty(qint32 day)
{
    RecordRandom random(hashKeys({m_world.seed(), quint64(day), 0xc0a7}));
    DayChanges changes;
    changes.day = day;
    const quint32 households = m_world.householdCount();
    const auto &addresses = m_world.county().addresses();
    for (quint32 n = std::max<quint32>(1, quint32(households * coverage::kTickMovesPerHousehold));
         n > 0; --n) {
        const auto household = quint32(random.below(households));
        if (m_world.membersOn(household, day).empty())
            continue;
        m_world.addMove(household, quint32(random.below(addresses.size())), day);
        changes.movedHouseholds.push_back(household);
    }
    const quint32 persons = m_world.personCount();
    for (quint32 n = std::max<quint32>(1, quint32(persons * coverage::kTickBirthsPerPerson)); n > 0;
         --n) {
        for (int attempt = 0; attempt < kPickTries; ++attempt) {
            const auto mother = quint32(random.below(persons));
            const Person &m = m_world.person(mother);
            const int age = m_world.ageOn(mother, day);
            if (m.sex != Sex::Female || m_world.isChild(mother) || age < 18 || age > 44)
                continue;
            changes.births.push_back(m_world.addBirth(mother, day, random.next()));
            break;
        }
    }
    static const quint8 kFlags[]
        = {VulnerableAdult, RiskToStaff, Marac, ProtectedAddress, ChildProtectionPlan, LookedAfter};
    for (quint32 n = std::max<quint32>(1, quint32(persons * coverage::kTickNewFlagsPerPerson));
         n > 0; --n) {
        const quint8 flag = random.pick(kFlags);
        const bool forChild = flag == ChildProtectionPlan || flag == LookedAfter;
        for (int attempt = 0; attempt < kPickTries; ++attempt) {
            const auto person = quint32(random.below(persons));
            const int age = m_world.ageOn(person, day);
            if (m_world.isChild(person) != forChild || (forChild ? age >= 18 : age < 18)
                || (m_world.flagsOn(person, day) & flag))
                continue;
            m_world.addFlag(person, flag, day);
            changes.newFlags.emplace_back(person, flag);
            break;
        }
    }
    return changes;
}

void CountyFeedService::advanceOneDay()
{
    ++m_day;
    const DayChanges changes = changeCounty(m_day);
    const QDate day = QDate::fromJulianDay(m_day);
    for (std::size_t i = 0; i < m_feeds.size(); ++i) {
        Stamper stamper(simclock::fromUkLocal(day, kTickStartSeconds + int(i) * kFeedStagger),
                        hashKeys({m_world.seed(), quint64(m_day), i, 0x57a}),
                        coverage::kTickMaxBatch, kTickMaxStep);
        m_feeds[i]->tickDay(changes, stamper);
        m_feeds[i]->commit();
    }
}

} // namespace

Result<std::unique_ptr<FeedService>>
createCountyFeedService(std::shared_ptr<const CountyModel> county, quint64 seed)
{
    return createCountyFeedService(std::move(county), nullptr, seed);
}

Result<std::unique_ptr<FeedService>>
createCountyFeedService(std::shared_ptr<const CountyModel> county,
                        std::shared_ptr<const ReferenceData> reference, quint64 seed)
{
    if (!county || county->persons().empty())
        return makeError(ErrorCode::Usage, QStringLiteral("the feeds need a county with people"));
    return std::unique_ptr<FeedService>(
        std::make_unique<CountyFeedService>(std::move(county), std::move(reference), seed));
}

} // namespace bv::feedsim
