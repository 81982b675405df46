// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview link-csv --config MAP.json A.csv [B.csv] --out pairs.csv`: deduplicates one CSV
// file, or links two, through a column mapping, and writes the linked pairs as
// `id_a,id_b,weight,probability`. Needs no store: for evaluation on public data (FEBRL).
class LinkCsvCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("link-csv"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    QString positionalHelp() const override { return QStringLiteral("A.csv [B.csv]"); }
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
