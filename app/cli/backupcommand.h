// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview backup --store PATH --out FILE`: a consistent encrypted copy with its key file.
class BackupCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("backup"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
