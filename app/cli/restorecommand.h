// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview restore --backup FILE --store PATH`: puts a verified backup in place.
class RestoreCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("restore"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
