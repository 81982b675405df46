// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/command.h"

namespace bv::cli {

// `broadview secret set|list|delete --store PATH`: the feed secrets feeds.json names (OAuth
// client secrets, client-certificate keys), kept inside the encrypted store. Values come
// from a file or the terminal, never from the command line, where other users could see
// them.
class SecretCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("secret"); }
    QString summary() const override;
    QString positionalHelp() const override { return QStringLiteral("set|list|delete"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CommandIo &io) const override;
};

} // namespace bv::cli
