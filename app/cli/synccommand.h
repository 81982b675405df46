// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "feeds/feedconfig.h"

#include <vector>

namespace bv::cli {

// `broadview sync --store PATH --feeds feeds.json`: brings the store up to date with every
// feed (or those named by --feed), with a progress line and a summary per feed.
class SyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;

    // Shared with `demo`: syncs, audits the sync, prints progress (on a terminal) and the
    // summary; the exit code is that of the first feed that failed, else 0.
    static int syncAndReport(access::Session &session, const std::vector<feeds::FeedConfig> &feeds,
                             CommandIo &io, bool json);
};

} // namespace bv::cli
