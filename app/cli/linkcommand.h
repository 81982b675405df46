// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::access {
class Session;
}

namespace bv::cli {

// `broadview link --store PATH [--full] [--pairs-out F.csv]`: links the store's source records
// into persons (see linkage::StoreLinker) and audits it with counts only.
class LinkCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("link"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;

    // Also what `demo` runs after its sync.
    static int linkAndReport(access::Session &session, CommandIo &io, const QString &pairsOut);
};

} // namespace bv::cli
