// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

class DemoFeeds;

// `broadview demo`: the main job. Starts the feed simulator in-process on loopback (TLS),
// creates or reopens the demo store, syncs every feed (incrementally when run again), then
// opens the app on it; with --headless it stops before the app and prints the summary.
class DemoCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;

    static QString defaultStorePath();
    // The passphrase of the demo store: synthetic data only, so it may be printed.
    static QByteArray demoPassphrase();
    struct Prepared
    {
        std::unique_ptr<access::Session> session;
        std::unique_ptr<DemoFeeds> feeds; // the simulator: keep it while the app runs
        int syncExitCode = 0;             // a feed that failed does not stop the demo
        Prepared();
        Prepared(Prepared &&) noexcept;
        ~Prepared();
    };
    // Creates the demo store if missing, unlocks it, starts the simulator and syncs; shared
    // by run() and the GUI path.
    [[nodiscard]] static Result<Prepared> prepare(const QCommandLineParser &parser, CommandIo &io);
};

} // namespace bv::cli
