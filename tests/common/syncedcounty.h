// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/testsupport.h"

#include <memory>

namespace bv::access {
class Session;
}
namespace bv::cli {
class DemoFeeds;
}
namespace bv::feeds {
struct FeedsFile;
}

namespace bv::test {

// A synthetic county's seven agency feeds, served in-process over TLS as `broadview demo`
// serves them, synced into a new store: the starting point of tests on real synced data.
// Not linked: each test links as it needs to.
class SyncedCounty
{
public:
    // workDir: where the feeds file and TLS material go (the caller's temporary directory).
    // synced false: the store is made and holds the feeds' secrets, but nothing is synced.
    [[nodiscard]] static Result<std::unique_ptr<SyncedCounty>>
    start(int persons, quint64 seed, const QString &workDir, bool synced = true);
    ~SyncedCounty();

    access::Session &session() { return *m_session; }
    store::Database &db();
    FixedClock &clock() { return m_fixture->clock(); }
    const feeds::FeedsFile &feedsFile() const;
    // Stops serving the feeds, as a network that went away: connections are refused.
    void stopServing();
    // The simulator's transport faults: every feed response waits slowMs before its first
    // byte, and errorRate of them are answered 500, 502 or 503.
    [[nodiscard]] Result<void> setTransportFaults(int slowMs, double errorRate = 0.0);

private:
    SyncedCounty() = default;

    // Destroyed in reverse: the session before its store, the store before the feeds.
    std::unique_ptr<cli::DemoFeeds> m_feeds;
    std::unique_ptr<StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
    std::unique_ptr<feeds::FeedsFile> m_feedsFile; // kept when the feeds stop
};

} // namespace bv::test
