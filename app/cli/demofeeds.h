// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/feedconfig.h"

#include <QString>

#include <memory>

namespace bv::feedsim {
class SimulatorHost;
}
namespace bv::store {
class Database;
}

namespace bv::cli {

struct DemoFeedOptions
{
    quint32 persons = 5000;
    quint64 seed = 1;
    QString dataDir; // the public reference data the county is drawn from
    QString workDir; // feeds.json, the mapping files and the loopback CA are written here
    // The simulator asks every client for a certificate from the loopback CA, as an agency
    // with mutual TLS does; feeds.json then names the loopback client certificate and, per
    // feed, the secret that holds its key ("feed.<id>.tls_key", put by storeSecrets()).
    bool requireClientCertificate = false;
};

// The demo's seven agencies: the feed simulator on loopback in this process, behind TLS with
// a certificate from a throwaway CA, and a feeds.json (the shipped one, pointed at it) that
// `broadview sync` can also be run with while the demo is up.
class DemoFeeds
{
public:
    [[nodiscard]] static Result<std::unique_ptr<DemoFeeds>> start(const DemoFeedOptions &options);
    ~DemoFeeds();
    DemoFeeds(const DemoFeeds &) = delete;
    DemoFeeds &operator=(const DemoFeeds &) = delete;

    const feeds::FeedsFile &feedsFile() const { return m_feeds; }
    feedsim::SimulatorHost &simulator() { return *m_simulator; }

    // Puts each feed's client secret, and with a client certificate its private key, into
    // the store under the names feeds.json gives them.
    [[nodiscard]] Result<void> storeSecrets(store::Database &db, const QString &now) const;

    // The reference data beside the source tree, or $BROADVIEW_DATA_DIR.
    static QString defaultDataDir();

private:
    DemoFeeds() = default;

    std::unique_ptr<feedsim::SimulatorHost> m_simulator;
    feeds::FeedsFile m_feeds;
    QString m_clientKeyFile; // empty: no client certificate
};

} // namespace bv::cli
