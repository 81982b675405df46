// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview init --store PATH`: a new encrypted store, its key file and a recovery key
// shown once.
class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
