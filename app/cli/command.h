// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "cli/passphrasesource.h"
#include "common/clock.h"
#include "common/result.h"
#include "store/crypto.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>
#include <vector>

namespace bv::access {
class Session;
}

namespace bv::cli {

// What a command talks to, injected so tests run the CLI in-process on buffers.
struct CommandIo
{
    QTextStream &out;
    QTextStream &err;
    SecretPrompt &prompt;
    const Clock &clock;
};

// One subcommand of `broadview`. Each declares its options, then runs against parsed ones.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual void addOptions(QCommandLineParser &parser) const;
    // Positional arguments after the command name, for --help.
    virtual QString positionalHelp() const { return {}; }
    virtual int run(const QCommandLineParser &parser, CommandIo &io) const = 0;

protected:
    // Shared option helpers, so every command spells them the same.
    static void addStoreOption(QCommandLineParser &parser);
    static void addPassphraseOptions(QCommandLineParser &parser);
    static void addKdfOptions(QCommandLineParser &parser);
    static void addJsonOption(QCommandLineParser &parser);
    static void addPurposeOption(QCommandLineParser &parser);

    // Prints the error on err and returns its exit code.
    static int fail(CommandIo &io, const Error &error);
    static int usage(CommandIo &io, const QString &message);

    static Result<QString> requireStore(const QCommandLineParser &parser);
    static Result<SecretBytes> passphrase(const QCommandLineParser &parser, CommandIo &io,
                                          bool confirm);
    static store::KdfParams kdfParams(const QCommandLineParser &parser, CommandIo &io);
    static access::AccessContext context(const QCommandLineParser &parser);
    [[nodiscard]] static Result<std::unique_ptr<access::Session>>
    unlock(const QCommandLineParser &parser, CommandIo &io, bool verifyAuditFirst = false,
           bool checkIntegrityFirst = false);
};

std::vector<std::unique_ptr<Command>> allCommands();

// Dispatches `args` (argv without the program name's own flags) to a command of allCommands(),
// or of `commands` (the composition root adds those that need a GUI library, such as export).
int runCli(const QStringList &arguments, CommandIo &io);
int runCli(const QStringList &arguments, CommandIo &io,
           const std::vector<std::unique_ptr<Command>> &commands);

QString currentUserName();

} // namespace bv::cli
