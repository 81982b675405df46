// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/application.h"

#include "access/session.h"
#include "cli/democommand.h"
#include "cli/demofeeds.h"
#include "cli/exitcodes.h"
#include "models/contrast.h"
#include "ui/mainwindow.h"
#include "ui/unlockdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStyleFactory>

#include <optional>

namespace bv::ui {

namespace {

class NoTerminalPrompt final : public cli::SecretPrompt
{
public:
    Result<SecretBytes> ask(const QString &) override
    {
        return makeError(ErrorCode::Usage, QObject::tr("No terminal prompt in the app."));
    }
};

// Keeps the application palette at WCAG AA contrast as the system's palette changes (light to
// dark and back): each change is checked and only the roles that fall short are set, so the
// rest keep following the system.
class ReadablePaletteGuard final : public QObject
{
public:
    using QObject::QObject;

    static void apply()
    {
        const QPalette readable = models::readablePalette(QApplication::palette());
        if (readable != QApplication::palette())
            QApplication::setPalette(readable); // comes back here once, then is equal
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
            apply();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv)
{
    QApplication::setHighDpiScaleFactorRoundingPolicy(
        Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    auto app = std::make_unique<QApplication>(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Broadview"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/broadview.svg")));
    QApplication::setDesktopFileName(QStringLiteral("broadview"));
    // Fusion draws the same on every desktop and follows the palette, light or dark.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    keepPaletteReadable(*app);

    return app;
}

void keepPaletteReadable(QCoreApplication &app)
{
    ReadablePaletteGuard::apply();
    app.installEventFilter(new ReadablePaletteGuard(&app));
}

int runGui(QCoreApplication &app, bool demo, QTextStream &out, QTextStream &err)
{
    SystemClock clock;
    std::unique_ptr<access::Session> session;
    std::optional<cli::DemoCommand::Prepared> demoRun; // keeps the simulator while the app runs
    if (demo) {
        cli::DemoCommand command;
        QCommandLineParser parser;
        parser.addPositionalArgument(QStringLiteral("demo"), QString());
        parser.addOption({QStringLiteral("log-level"), QString(), QStringLiteral("LEVEL")});
        command.addOptions(parser);
        if (!parser.parse(QCoreApplication::arguments())) {
            err << parser.errorText() << Qt::endl;
            return cli::ExitUsage;
        }
        NoTerminalPrompt prompt;
        cli::CommandIo io{out, err, prompt, clock};
        auto prepared = cli::DemoCommand::prepare(parser, io);
        if (!prepared.ok()) {
            err << QObject::tr("broadview: %1").arg(prepared.error().message) << Qt::endl;
            return cli::exitCodeFor(prepared.error().code);
        }
        session = std::move(prepared->session);
        demoRun.emplace(std::move(prepared.value()));
    }

    MainWindow window(clock);
    if (session) {
        window.openSession(std::move(session), demoRun->feeds->feedsFile());
        window.showDemoHazards();
        window.show();
    } else if (!window.unlock()) {
        return cli::ExitOk; // the user cancelled the unlock dialog
    }
    return app.exec();
}

} // namespace bv::ui
