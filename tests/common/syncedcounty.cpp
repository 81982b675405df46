// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/syncedcounty.h"

#include "access/session.h"
#include "cli/demofeeds.h"
#include "feeds/syncengine.h"
#include "simulatorhost.h"

namespace bv::test {

Result<std::unique_ptr<SyncedCounty>> SyncedCounty::start(int persons, quint64 seed,
                                                          const QString &workDir, bool synced)
{
    std::unique_ptr<SyncedCounty> county(new SyncedCounty);
    cli::DemoFeedOptions options;
    options.persons = persons;
    options.seed = seed;
    options.dataDir = QStringLiteral(BROADVIEW_SHARED_DATA_DIR);
    options.workDir = workDir;
    auto feeds = cli::DemoFeeds::start(options);
    BV_TRY(feeds);
    county->m_feeds = std::move(feeds.value());
    county->m_feedsFile = std::make_unique<feeds::FeedsFile>(county->m_feeds->feedsFile());
    county->m_fixture = std::make_unique<StoreFixture>();
    auto session = county->m_fixture->create();
    BV_TRY(session);
    county->m_session = std::move(session.value());
    store::Database &db = county->db();
    BV_TRY(county->m_feeds->storeSecrets(db, QStringLiteral("2026-01-01")));
    if (!synced)
        return county;
    feeds::SyncEngine engine(db, feeds::storeSecretLookup(db), county->clock());
    for (const auto &summary : engine.syncAll(county->m_feeds->feedsFile().feeds)) {
        if (!summary.ok())
            return *summary.error;
    }
    return county;
}

SyncedCounty::~SyncedCounty()
{
    m_session.reset();
    m_fixture.reset();
    m_feeds.reset();
}

const feeds::FeedsFile &SyncedCounty::feedsFile() const
{
    return *m_feedsFile;
}

Result<void> SyncedCounty::setTransportFaults(int slowMs, double errorRate)
{
    feedsim::SimFaults faults;
    faults.transport.slowMs = slowMs;
    faults.transport.errorRate = errorRate;
    return m_feeds->simulator().setFaults(faults);
}

void SyncedCounty::stopServing()
{
    m_feeds.reset();
}

store::Database &SyncedCounty::db()
{
    return m_session->database();
}

} // namespace bv::test
