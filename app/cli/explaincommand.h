// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview explain --store PATH --record R [--with R2] [--json]`: why a record belongs to
// its person (its strongest pair there), or how two records compare: the match weight field
// by field, the bars of a waterfall chart, and a sentence. Audited.
class ExplainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("explain"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
