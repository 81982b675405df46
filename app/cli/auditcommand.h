// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview audit verify --store PATH`: walks the audit chain and says what was changed.
class AuditCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    QString positionalHelp() const override { return QStringLiteral("verify|reset-mirror"); }
    int run(const QCommandLineParser &parser, CommandIo &io) const override;

private:
    int resetMirror(const QCommandLineParser &parser, CommandIo &io) const;
};

} // namespace bv::cli
