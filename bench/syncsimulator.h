// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/feedconfig.h"

#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace bv::store {
class Database;
}

namespace bv::bench {

struct SimulatorStart
{
    QString executable; // broadview-feedsim
    QString workDir;    // TLS files, secrets, feeds.json and the mappings go here
    quint32 persons = 100000;
    quint64 seed = 1;
    int pageSize = 0; // 0: as the shipped feeds.json says
};

// What one process has used so far, from /proc (Linux).
struct ProcessUse
{
    double cpuSeconds = 0; // user + system
    double rssMiB = 0;     // resident now
    double peakMiB = 0;    // VmHWM: the most resident since start (or the last resetPeak)
};

ProcessUse processUse(qint64 pid); // 0: this process
// Sets this process's VmHWM back to what is resident now (/proc/self/clear_refs), so the next
// reading is the peak of what follows; false where the kernel refuses.
bool resetPeak();

// The feed simulator as a child process, not in-process as the demo runs it: the county it
// holds grows with the persons, and in-process it would be part of every memory figure of
// the sync. Stops the child when destroyed.
class SimulatorProcess
{
public:
    // Makes a throwaway CA, starts the simulator with TLS and waits until it listens (the
    // county is generated before that), then writes feeds.json pointed at it.
    [[nodiscard]] static Result<std::unique_ptr<SimulatorProcess>>
    start(const SimulatorStart &options);
    ~SimulatorProcess();
    SimulatorProcess(const SimulatorProcess &) = delete;
    SimulatorProcess &operator=(const SimulatorProcess &) = delete;

    double startSeconds() const { return m_startSeconds; } // spawn to listening
    const feeds::FeedsFile &feedsFile() const { return m_feeds; }
    qint64 pid() const { return m_process.processId(); }

    // Puts each feed's client secret into the store under the name feeds.json gives it.
    [[nodiscard]] Result<void> storeSecrets(store::Database &db) const;

    // GET /admin/stats: {"<feed>": {"<kind>": {"current": n, "withdrawn": n}}}.
    [[nodiscard]] Result<QJsonObject> feedCounts() const;

private:
    SimulatorProcess() = default;
    [[nodiscard]] Result<void> waitUntilListening(const QString &secretsFile);
    [[nodiscard]] Result<void> writeFeedsFile(const QString &caFile, int pageSize);

    QProcess m_process;
    QString m_workDir;
    QUrl m_origin;
    QString m_adminToken;
    QString m_caFile;
    QHash<QString, QByteArray> m_secrets; // feed id -> client secret
    feeds::FeedsFile m_feeds;
    double m_startSeconds = 0;
};

} // namespace bv::bench
