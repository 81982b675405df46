// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview demo`: the main job. Today it creates (or reopens) a demo store and opens the
// app on it; later issues add the feed simulator, sync and linkage before the app opens.
// With --headless it stops before the app and prints the store's summary.
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
    // Creates the demo store if missing and unlocks it; shared by run() and the GUI path.
    [[nodiscard]] static Result<std::unique_ptr<access::Session>>
    prepare(const QCommandLineParser &parser, CommandIo &io);
};

} // namespace bv::cli
