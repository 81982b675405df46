// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview quarantine --store PATH`: feed input that was rejected, with where it was and
// why; `--payload ID` shows what was received for one entry (audited, since it may hold
// personal data).
class QuarantineCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("quarantine"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
