// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview area-query --store PATH --geojson AREA.json --flags vulnerable --purpose TEXT
// --out F.csv [--format csv|geojson] [--area NAME] [--as-of DATE]`: the people with those flags
// who live inside the area (every polygon in the file, or the one named), with why each is
// listed; those whose location is too coarse to be sure are listed apart, and a protected
// address only as "inside, address protected" with whom to contact. Audited with its purpose.
class AreaQueryCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("area-query"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
