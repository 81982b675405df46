// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview decision merge|split|apart|undo|list --store PATH`: people's decisions about who
// is whom (see linkage::LinkDecisions). Each holds across later syncs and relinks, is audited,
// and can be undone.
class DecisionCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("decision"); }
    QString summary() const override;
    QString positionalHelp() const override
    {
        return QStringLiteral("merge|split|apart|undo|list");
    }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
