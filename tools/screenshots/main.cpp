// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the app's screens with the demo data into PNG files for README.md, so the
// pictures stay current: tools/make-screenshots.sh runs it under Xvfb.
#include "access/session.h"
#include "cli/democommand.h"
#include "cli/demofeeds.h"
#include "common/translations.h"
#include "geo/tilecache.h"
#include "geo/tilefetcher.h"
#include "geo/tileurltemplate.h"
#include "models/personsearchmodel.h"
#include "store/crypto.h"
#include "store/recoverykey.h"
#include "store/sqlitelibrary.h"
#include "ui/application.h"
#include "ui/areaquerypanel.h"
#include "ui/basemapdialog.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/mappanel.h"
#include "ui/mapwidget.h"
#include "ui/notedialog.h"
#include "ui/offlineareadialog.h"
#include "ui/recoverykeydialog.h"
#include "ui/searchpanel.h"
#include "ui/sourcespanel.h"
#include "ui/timelinepanel.h"
#include "ui/unlockdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace {

class NoPrompt final : public bv::cli::SecretPrompt
{
public:
    bv::Result<bv::SecretBytes> ask(const QString &) override
    {
        return bv::makeError(bv::ErrorCode::Usage, QStringLiteral("no prompt"));
    }
};

bool save(QWidget &widget, const QString &directory, const QString &name, QTextStream &err)
{
    widget.show();
    QApplication::processEvents();
    const QString path = QDir(directory).filePath(name + QStringLiteral(".png"));
    if (!widget.grab().save(path)) {
        err << "cannot write " << path << Qt::endl;
        return false;
    }
    err << "wrote " << path << Qt::endl;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    auto app = bv::ui::createApplication(argc, argv);
    bv::installTranslations(*app);
    // Settings and data of this run stay out of the user's own.
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (auto library = bv::store::verifySqliteLibrary(); !library.ok()) {
        err << library.error().message << Qt::endl;
        return 12;
    }
    if (auto crypto = bv::store::initialiseCrypto(); !crypto.ok()) {
        err << crypto.error().message << Qt::endl;
        return 1;
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), QStringLiteral("Directory for the PNG files."),
                      QStringLiteral("DIR"), QStringLiteral("docs/screenshots")});
    parser.addOption({QStringLiteral("only"), QStringLiteral("Render only this screen."),
                      QStringLiteral("NAME")});
    parser.process(*app);
    const QString directory = parser.value(QStringLiteral("out"));
    const QString only = parser.value(QStringLiteral("only"));
    QDir().mkpath(directory);
    auto wanted = [&only](const QString &name) {
        return only.isEmpty() || only == name;
    };

    // The demo store, made as `broadview demo` makes it, in a scratch directory.
    QTemporaryDir scratch;
    bv::cli::DemoCommand demo;
    QCommandLineParser demoParser;
    demoParser.addPositionalArgument(QStringLiteral("demo"), QString());
    demo.addOptions(demoParser);
    demoParser.parse({QStringLiteral("broadview"), QStringLiteral("demo"),
                      QStringLiteral("--store"), scratch.filePath(QStringLiteral("demo.bvstore")),
                      QStringLiteral("--insecure-test-kdf"), QStringLiteral("--purpose"),
                      QStringLiteral("case review")});
    NoPrompt prompt;
    bv::SystemClock clock;
    QString ignored;
    QTextStream quiet(&ignored);
    bv::cli::CommandIo io{quiet, quiet, prompt, clock};
    // The demo's county, synced from the simulator over TLS as `broadview demo` does.
    auto prepared = bv::cli::DemoCommand::prepare(demoParser, io);
    if (!prepared.ok()) {
        err << prepared.error().message << Qt::endl;
        return 1;
    }

    bool ok = true;
    if (wanted(QStringLiteral("main-window"))) {
        bv::ui::MainWindow window(clock);
        window.openSession(std::move(prepared->session), prepared->feeds->feedsFile());
        window.resize(1600, 900);
        // A search as a user types it, its results in.
        bv::ui::SearchPanel *search = window.searchPanel();
        window.show();
        QEventLoop loop;
        QObject::connect(search, &bv::ui::SearchPanel::searchCommitted, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        search->queryEdit()->setText(QStringLiteral("deacon"));
        Q_EMIT search->queryEdit()->returnPressed();
        loop.exec();
        // The person known to most agencies (the simulator's case study, known to all seven),
        // opened as a user opens one (Enter on the row).
        auto *results = search->resultsView();
        const auto &persons
            = static_cast<bv::models::PersonSearchModel *>(results->model())->result().persons;
        int best = 0;
        for (int row = 0; row < int(persons.size()); ++row) {
            if (persons[std::size_t(row)].agencies.size()
                > persons[std::size_t(best)].agencies.size())
                best = row;
        }
        results->setCurrentIndex(results->model()->index(best, 0));
        Q_EMIT results->activated(results->model()->index(best, 0));
        QApplication::processEvents();
        // Its first event, in full, with why its record is in this person.
        QListView *timeline = window.timelinePanel()->view();
        timeline->setCurrentIndex(timeline->model()->index(1, 0));
        QApplication::processEvents();
        ok &= save(window, directory, QStringLiteral("main-window"), err);
        // The same screen with a dark palette, as a system in dark mode gives it.
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Text, QColor(0xf0, 0xf0, 0xf0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xf0, 0xf0, 0xf0));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
        dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
        for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            dark.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(dark);
        QApplication::processEvents();
        ok &= save(window, directory, QStringLiteral("main-window-dark"), err);
        QApplication::setPalette(light);
        QApplication::processEvents();

        // Sources: a sync from the app, as a user starts it (F9), once it has finished.
        QEventLoop syncLoop;
        QObject::connect(window.sourcesPanel(), &bv::ui::SourcesPanel::syncFinished, &syncLoop,
                         &QEventLoop::quit);
        QTimer::singleShot(120000, &syncLoop, &QEventLoop::quit);
        window.sourcesPanel()->parentWidget()->show();
        window.sourcesPanel()->parentWidget()->raise();
        window.sourcesPanel()->sync();
        syncLoop.exec();
        ok &= save(window, directory, QStringLiteral("sources"), err);

        // The map: the county offline, the illustrative flood zones, where people live (read
        // on a thread of their own since the sync).
        QElapsedTimer waited;
        waited.start();
        while (window.mapMarkersLoading() && waited.elapsed() < 60000) {
            QApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(20);
        }
        QApplication::processEvents();
        window.showDemoHazards();
        auto *mapDock = qobject_cast<QDockWidget *>(window.mapPanel()->parentWidget());
        mapDock->show();
        mapDock->setFloating(true);
        mapDock->resize(1400, 900);
        QApplication::processEvents();
        window.map()->showWholeCounty();
        QApplication::processEvents();
        ok &= save(*mapDock, directory, QStringLiteral("map"), err);
        // The person opened again: their homes in order and where things happened, fitted.
        Q_EMIT results->activated(results->model()->index(best, 0));
        QApplication::processEvents();
        ok &= save(*mapDock, directory, QStringLiteral("map-person"), err);

        // The area query, as a user asks it: every flood zone, vulnerable adults, a purpose.
        mapDock->setFloating(false);
        mapDock->raise();
        bv::ui::AreaQueryPanel *query = window.areaQueryPanel();
        query->parentWidget()->show();
        query->parentWidget()->raise();
        Q_EMIT query->hazardCombo()->activated(1); // all hazard areas
        query->hazardCombo()->setCurrentIndex(1);
        query->purposeEdit()->setText(QStringLiteral("Flood warning for the Broads"));
        query->runButton()->click();
        window.map()->showWholeCounty();
        QApplication::processEvents();
        ok &= save(window, directory, QStringLiteral("area-query"), err);
        // Its list as the PDF a briefing gets (make-screenshots.sh turns page 1 into a PNG).
        if (auto pdf = query->exportTo(QDir(directory).filePath(QStringLiteral("area-list.pdf")),
                                       QStringLiteral("pdf"));
            !pdf.ok()) {
            err << "the area list PDF: " << pdf.error().message << '\n';
            ok = false;
        }
    }
    if (wanted(QStringLiteral("export-dialog"))) {
        bv::ui::ExportDialog dialog(QStringLiteral("Richard Smith"), QStringLiteral("case review"));
        ok &= save(dialog, directory, QStringLiteral("export-dialog"), err);
    }
    if (wanted(QStringLiteral("note-dialog"))) {
        bv::ui::NoteDialog dialog(QStringLiteral("Missing person"));
        ok &= save(dialog, directory, QStringLiteral("note-dialog"), err);
    }
    if (wanted(QStringLiteral("unlock-dialog"))) {
        bv::ui::UnlockDialog dialog(clock);
        ok &= save(dialog, directory, QStringLiteral("unlock-dialog"), err);
    }
    if (wanted(QStringLiteral("base-map-dialog"))) {
        bv::ui::BaseMapChoice choice;
        choice.kind = bv::ui::BaseMapChoice::Kind::Server;
        choice.server = QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png");
        choice.attribution = QStringLiteral("© Example tiles contributors");
        bv::ui::BaseMapDialog dialog(
            choice, [](const bv::ui::BaseMapChoice &) { return bv::Result<void>(); });
        dialog.show();
        QApplication::processEvents();
        ok &= save(dialog, directory, QStringLiteral("base-map-dialog"), err);
    }
    if (wanted(QStringLiteral("offline-area-dialog"))) {
        // Only the estimate: nothing is fetched until Save, so no network is needed.
        QTemporaryDir cacheDir;
        auto cache = bv::geo::TileCache::open(cacheDir.filePath(QStringLiteral("demo.tiles")),
                                              bv::SecretBytes::random(32));
        auto server = bv::geo::TileUrlTemplate::parse(
            QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png"));
        if (cache.ok() && server.ok()) {
            bv::geo::TileFetcher fetcher(server.value(), *cache.value());
            bv::ui::OfflineAreaDialog dialog(&fetcher, QRectF(1.22, 52.60, 0.16, 0.07), 12);
            dialog.show();
            QApplication::processEvents();
            ok &= save(dialog, directory, QStringLiteral("offline-area-dialog"), err);
        } else {
            err << "the offline area dialog's cache could not be made\n";
            ok = false;
        }
    }
    if (wanted(QStringLiteral("recovery-key"))) {
        // A throwaway key: the picture shows the format, not a real store's key.
        const bv::SecretBytes key
            = bv::store::RecoveryKey::format(bv::store::RecoveryKey::generate());
        bv::ui::RecoveryKeyDialog dialog(key);
        ok &= save(dialog, directory, QStringLiteral("recovery-key"), err);
    }
    return ok ? 0 : 1;
}
