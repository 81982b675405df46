// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "countymodel.h"
#include "simfaults.h"
#include "tlsconfig.h"

#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>

#include <memory>

class QTimer;

namespace bv::feedsim {

class SimHttpServer;

struct SimulatorOptions
{
    static constexpr quint32 kMaxPersons = 1000000;

    QString dataDir; // the reference data (shared/data)
    quint32 persons = CountyModel::kDefaultPersons;
    quint64 seed = 1;
    quint16 port = 0; // 0: any free port
    TlsFiles tls;
    SimFaults faults;
    // Written before the server listens; empty: not written.
    QString secretsOut;     // {"<feed>": {"client_id", "client_secret"}}, owner-only (0600)
    QString sourceTruthOut; // which source record is which county person
    QString countyTruthOut; // the county's ground truth
    int tickEveryMs = 0;    // advance one simulated day this often; 0: never
};

// The whole simulator on a thread of its own (the county, the feeds and the server), so the
// Broadview app can serve its demo in-process and the command-line tool is a thin main.
// Not thread-safe: use one host from one thread, never from the simulator's own thread.
class SimulatorHost
{
public:
    // Generates the county (about 0.5 s per 50,000 persons), writes the requested files and
    // returns once the server listens, or with what failed (Usage for bad options, Io for files).
    [[nodiscard]] static Result<std::unique_ptr<SimulatorHost>>
    start(const SimulatorOptions &options);

    ~SimulatorHost(); // stop()
    SimulatorHost(const SimulatorHost &) = delete;
    SimulatorHost &operator=(const SimulatorHost &) = delete;

    quint16 port() const { return m_origin.port(); }
    QUrl origin() const { return m_origin; }
    QString adminToken() const { return m_adminToken; }
    QStringList feedIds() const { return m_feedIds; }
    static QString clientId(const QString &feedId);
    QString clientSecret(const QString &feedId) const;

    // Advances simulated time, as POST /admin/tick does.
    [[nodiscard]] Result<void> tick(int days);
    // Replaces every fault, as POST /admin/faults does with all five keys.
    [[nodiscard]] Result<void> setFaults(const SimFaults &faults);

    // Closes every connection and ends the thread. Idempotent.
    void stop();

private:
    SimulatorHost() = default;

    Result<void> setUp(const SimulatorOptions &options); // in m_thread
    template<typename Function>
    void runInThread(Function &&function);

    QThread m_thread;
    QObject *m_context = nullptr;            // lives in m_thread, deleted when it finishes
    std::unique_ptr<SimHttpServer> m_server; // made, used and deleted in m_thread
    std::unique_ptr<QTimer> m_tickTimer;     // likewise
    quint64 m_seed = 0;
    QUrl m_origin;
    QString m_adminToken;
    QStringList m_feedIds;
};

} // namespace bv::feedsim
