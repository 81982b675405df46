// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview recover --store PATH`: sets a new passphrase with the recovery key.
class RecoverCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("recover"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
