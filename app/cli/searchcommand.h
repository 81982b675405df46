// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview search --store PATH QUERY [--json] [--limit N]`: linked persons by name (as it
// starts, or as it sounds), NHS number, date of birth or postcode, with date of birth, age,
// the agencies that know them and their active flags, as the reader may see them. Audited
// (what kinds of term were searched for and which persons came back, never the words).
class SearchCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("search"); }
    QString summary() const override;
    // One argument: quote a query of several words.
    QString positionalHelp() const override { return QStringLiteral("QUERY"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
