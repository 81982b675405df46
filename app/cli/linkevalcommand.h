// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview link-eval --pairs PAIRS.csv (--truth TRUTH.csv | --febrl A.csv [B.csv])`: scores
// a linker's predicted pairs against a ground truth, pair by pair and cluster by cluster, and
// prints the figures as `figure NAME VALUE` lines for scripts. Needs no store.
class LinkEvalCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("link-eval"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    QString positionalHelp() const override { return QStringLiteral("[B.csv]"); }
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
