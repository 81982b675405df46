// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview check --store PATH [--json]`: reads every page, runs the integrity checks and
// the audit verification, and prints the schema version, counts and content hash.
class CheckCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
