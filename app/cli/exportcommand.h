// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview export chronology --store PATH --person ID --format pdf|odt|csv --purpose TEXT
// [--from DATE] [--to DATE] [--min-significance N] --out F`: a person's multi-agency
// chronology as the reader may see it, written atomically, audited. Renders documents, so it
// is not in allCommands() (the engine has no GUI library): the composition root adds it and
// runs it under an offscreen QGuiApplication.
class ExportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override;
    QString positionalHelp() const override { return QStringLiteral("chronology"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

// allCommands() and the commands that render documents.
std::vector<std::unique_ptr<Command>> allCommandsWithReports();

} // namespace bv::cli
