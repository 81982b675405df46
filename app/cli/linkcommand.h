// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"
#include "linkage/storelinker.h"

namespace bv::access {
class Session;
}

namespace bv::cli {

// `broadview link --store PATH [--full | --reestimate] [--pairs-out F.csv]`: links the store's
// source records into persons (see linkage::StoreLinker), what changed since the last link
// unless told otherwise, and audits it with counts only, in the same transaction.
class LinkCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("link"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;

    // Also what `demo` runs after its sync.
    static int linkAndReport(access::Session &session, CommandIo &io, linkage::LinkMode mode,
                             const QString &pairsOut);
};

} // namespace bv::cli
