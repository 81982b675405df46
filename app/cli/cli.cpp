// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/areaquerycommand.h"
#include "cli/auditcommand.h"
#include "cli/backupcommand.h"
#include "cli/checkcommand.h"
#include "cli/command.h"
#include "cli/decisioncommand.h"
#include "cli/democommand.h"
#include "cli/exitcodes.h"
#include "cli/explaincommand.h"
#include "cli/initcommand.h"
#include "cli/linkcommand.h"
#include "cli/linkcsvcommand.h"
#include "cli/linkevalcommand.h"
#include "cli/passwdcommand.h"
#include "cli/quarantinecommand.h"
#include "cli/recovercommand.h"
#include "cli/restorecommand.h"
#include "cli/searchcommand.h"
#include "cli/secretcommand.h"
#include "cli/synccommand.h"

#include <QCoreApplication>

namespace bv::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<InitCommand>());
    commands.push_back(std::make_unique<CheckCommand>());
    commands.push_back(std::make_unique<PasswdCommand>());
    commands.push_back(std::make_unique<RecoverCommand>());
    commands.push_back(std::make_unique<BackupCommand>());
    commands.push_back(std::make_unique<RestoreCommand>());
    commands.push_back(std::make_unique<AuditCommand>());
    commands.push_back(std::make_unique<SyncCommand>());
    commands.push_back(std::make_unique<QuarantineCommand>());
    commands.push_back(std::make_unique<SecretCommand>());
    commands.push_back(std::make_unique<DemoCommand>());
    commands.push_back(std::make_unique<LinkCommand>());
    commands.push_back(std::make_unique<LinkCsvCommand>());
    commands.push_back(std::make_unique<LinkEvalCommand>());
    commands.push_back(std::make_unique<DecisionCommand>());
    commands.push_back(std::make_unique<ExplainCommand>());
    commands.push_back(std::make_unique<SearchCommand>());
    commands.push_back(std::make_unique<AreaQueryCommand>());
    return commands;
}

int runCli(const QStringList &arguments, CommandIo &io)
{
    return runCli(arguments, io, allCommands());
}

int runCli(const QStringList &arguments, CommandIo &io,
           const std::vector<std::unique_ptr<Command>> &commands)
{
    const QString name = arguments.size() > 1 ? arguments.at(1) : QString();
    const auto it = std::find_if(commands.begin(), commands.end(),
                                 [&name](const auto &command) { return command->name() == name; });
    if (it == commands.end()) {
        io.err << QObject::tr("broadview: unknown command \"%1\"; see broadview --help.").arg(name)
               << Qt::endl;
        return ExitUsage;
    }
    const Command &command = **it;
    QCommandLineParser parser;
    parser.setApplicationDescription(command.summary());
    parser.addPositionalArgument(command.name(), command.summary(),
                                 command.name() + QLatin1Char(' ') + command.positionalHelp());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QObject::tr("Show this help."));
    parser.addOption(help);
    parser.addOption({QStringLiteral("log-level"),
                      QObject::tr("trace, debug, info, warn, error, critical or off (else "
                                  "BROADVIEW_LOG_LEVEL)."),
                      QObject::tr("LEVEL")});
    command.addOptions(parser);
    if (!parser.parse(arguments)) {
        io.err << QObject::tr("broadview %1: %2").arg(command.name(), parser.errorText())
               << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        io.out << parser.helpText() << '\n' << exitCodeHelp() << Qt::endl;
        return ExitOk;
    }
    // The command's name, then one argument per word of its positional help ("A.csv [B.csv]").
    const auto expectedPositionals
        = 1 + command.positionalHelp().split(QLatin1Char(' '), Qt::SkipEmptyParts).size();
    if (parser.positionalArguments().size() > expectedPositionals) {
        io.err << QObject::tr("broadview %1: unexpected argument \"%2\".")
                      .arg(command.name(), parser.positionalArguments().at(expectedPositionals))
               << Qt::endl;
        return ExitUsage;
    }
    return command.run(parser, io);
}

} // namespace bv::cli
