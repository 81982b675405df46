// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview passwd --store PATH`: rewraps the store key under a new passphrase.
class PasswdCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("passwd"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
