// SPDX-License-Identifier: GPL-3.0-or-later
// The composition root of `broadview`: picks the application type per command, sets up
// logging and crypto, then hands over to the CLI or the GUI.
#include "cli/command.h"
#include "cli/democommand.h"
#include "cli/exitcodes.h"
#include "cli/exportcommand.h"
#include "common/logging.h"
#include "common/translations.h"
#include "store/crypto.h"
#include "store/sqlitelibrary.h"
#include "ui/application.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <memory>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace {

// A core dump would hold decrypted records and the store key.
void disableCoreDumps()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

bool hasFlag(int argc, char **argv, const char *flag)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    }
    return false;
}

QString flagValue(int argc, char **argv, const char *flag)
{
    const std::size_t length = std::strlen(flag);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], flag) == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(argv[i], flag, length) == 0 && argv[i][length] == '=')
            return QString::fromLocal8Bit(argv[i] + length + 1);
    }
    return {};
}

enum class Mode { Gui, Demo, Cli, Render, TopLevelHelp, Version };

Mode modeFor(int argc, char **argv)
{
    if (argc < 2)
        return Mode::Gui;
    const char *first = argv[1];
    if (std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0)
        return Mode::TopLevelHelp;
    if (std::strcmp(first, "--version") == 0 || std::strcmp(first, "-v") == 0)
        return Mode::Version;
    if (std::strcmp(first, "demo") == 0 && !hasFlag(argc, argv, "--headless")
        && !hasFlag(argc, argv, "--help") && !hasFlag(argc, argv, "-h"))
        return Mode::Demo;
    if (first[0] == '-')
        return Mode::Gui; // Qt's own GUI options (-platform, -style)
    if (std::strcmp(first, "export") == 0)
        return Mode::Render; // documents need fonts: a GUI application, with no screen
    return Mode::Cli;
}

void printTopLevelHelp(QTextStream &out)
{
    out << QObject::tr("Usage: broadview [COMMAND] [OPTIONS]\n\n"
                       "Broadview brings the records you may see from several agencies into one "
                       "encrypted store and shows one person across them.\n"
                       "Without a command it opens the app.\n\nCommands:\n");
    for (const auto &command : bv::cli::allCommandsWithReports())
        out << QStringLiteral("  %1 %2\n")
                   .arg(command->name(), -9)
                   .arg(command->summary().section(QLatin1Char('\n'), 0, 0));
    out << QObject::tr("\nbroadview COMMAND --help describes each command.\n"
                       "Secrets come from the terminal, a --passphrase-file or the environment "
                       "(BROADVIEW_PASSPHRASE, BROADVIEW_NEW_PASSPHRASE, BROADVIEW_RECOVERY_KEY).\n"
                       "Logging: --log-level LEVEL or BROADVIEW_LOG_LEVEL.\n\n")
        << bv::cli::exitCodeHelp();
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    disableCoreDumps();
    const Mode mode = modeFor(argc, argv);

    std::unique_ptr<QCoreApplication> app;
    if (mode == Mode::Gui || mode == Mode::Demo) {
        app = bv::ui::createApplication(argc, argv);
    } else if (mode == Mode::Render) {
        // A server has no display; a document needs none.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Broadview"));
    QCoreApplication::setApplicationName(QStringLiteral("broadview"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BROADVIEW_VERSION));
    bv::installTranslations(*app);

    QTextStream out(stdout);
    QTextStream err(stderr);

    const QString levelFlag = flagValue(argc, argv, "--log-level");
    bv::LoggingOptions logging;
    logging.level = bv::resolveLogLevel(levelFlag, spdlog::level::info);
    logging.explicitLevel
        = bv::parseLogLevel(levelFlag).has_value()
          || bv::parseLogLevel(qEnvironmentVariable("BROADVIEW_LOG_LEVEL")).has_value();
    logging.toStderr = mode != Mode::Gui;
    logging.directory = bv::defaultLogDirectory();
    bv::setUpLogging(logging);

    // Before any store opens: the process must have bound SQLCipher, and libsodium must pass
    // its known-answer tests.
    auto library = bv::store::verifySqliteLibrary();
    if (!library.ok()) {
        err << QObject::tr("broadview: %1").arg(library.error().message) << Qt::endl;
        return bv::cli::ExitWrongLibrary;
    }
    if (auto crypto = bv::store::initialiseCrypto(); !crypto.ok()) {
        err << QObject::tr("broadview: %1").arg(crypto.error().message) << Qt::endl;
        return bv::cli::ExitFailure;
    }

    switch (mode) {
    case Mode::TopLevelHelp:
        printTopLevelHelp(out);
        return bv::cli::ExitOk;
    case Mode::Version:
        out << QStringLiteral("broadview %1\nSQLCipher %2 (SQLite %3)\n")
                   .arg(QCoreApplication::applicationVersion(), library->cipherVersion,
                        library->libraryVersion);
        out.flush();
        return bv::cli::ExitOk;
    case Mode::Cli:
    case Mode::Render: {
        bv::cli::TerminalPrompt prompt;
        bv::SystemClock clock;
        bv::cli::CommandIo io{out, err, prompt, clock};
        const int code
            = bv::cli::runCli(QCoreApplication::arguments(), io, bv::cli::allCommandsWithReports());
        spdlog::shutdown();
        return code;
    }
    case Mode::Demo:
    case Mode::Gui:
        break;
    }
    const int code = bv::ui::runGui(*app, mode == Mode::Demo, out, err);
    spdlog::shutdown();
    return code;
}
