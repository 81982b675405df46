// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "access/session.h"
#include "geo/basemap.h"
#include "geo/personlocations.h"
#include "geo/postcodeplacement.h"
#include "geo/tilefetcher.h"
#include "linkage/linkexplainer.h"
#include "models/personsearchmodel.h"
#include "models/storesummarymodel.h"
#include "report/chronology.h"
#include "report/protectivemarking.h"
#include "search/personsearch.h"
#include "search/personsearchindex.h"
#include "store/annotationrepository.h"
#include "store/cipherthreadstate.h"
#include "store/personrepository.h"
#include "store/storefiles.h"
#include "store/storeinspector.h"
#include "ui/areaquerypanel.h"
#include "ui/basemapcontroller.h"
#include "ui/basemapdialog.h"
#include "ui/exportdialog.h"
#include "ui/mappanel.h"
#include "ui/mapwidget.h"
#include "ui/notedialog.h"
#include "ui/offlineareadialog.h"
#include "ui/recorddetailpanel.h"
#include "ui/searchpanel.h"
#include "ui/sourcespanel.h"
#include "ui/timelinepanel.h"
#include "ui/unlockdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QtConcurrentRun>

#include <spdlog/spdlog.h>

namespace bv::ui {

namespace {
const auto kGeometryKey = QStringLiteral("mainWindow/geometry");
const auto kStateKey = QStringLiteral("mainWindow/state");
} // namespace

MainWindow::MainWindow(const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
{
    setWindowTitle(tr("Broadview"));
    setObjectName(QStringLiteral("mainWindow"));

    auto *central = new QWidget(this);
    m_storeLabel = new QLabel(central);
    m_storeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont heading = m_storeLabel->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.3);
    heading.setBold(true);
    m_storeLabel->setFont(heading);
    m_storeLabel->setAccessibleName(tr("Store file"));

    auto *form = new QFormLayout;
    auto addValue = [central, form](const QString &label, const QString &accessibleName) {
        auto *value = new QLabel(central);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setAccessibleName(accessibleName);
        form->addRow(label, value);
        return value;
    };
    m_encryptionValue = addValue(tr("Encryption:"), tr("Encryption"));
    m_schemaValue = addValue(tr("Schema version:"), tr("Schema version"));
    m_createdValue = addValue(tr("Created:"), tr("Created"));
    m_auditValue = addValue(tr("Audit:"), tr("Audit"));
    m_feedsValue = addValue(tr("Agency feeds:"), tr("Agency feeds"));

    m_summaryModel = new models::StoreSummaryModel(this);
    m_table = new QTableView(central);
    m_table->setModel(m_summaryModel);
    m_table->setAccessibleName(tr("Rows per kind of record"));
    m_table->setAccessibleDescription(tr("How many records of each kind the store holds."));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false); // Tab leaves the table instead of walking its cells

    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_storeLabel);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    m_storeDock = new QDockWidget(tr("Store"), this);
    m_storeDock->setObjectName(QStringLiteral("storeDock"));
    m_storeDock->setWidget(central);
    m_storeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                             | QDockWidget::DockWidgetClosable);

    m_timeline = new TimelinePanel(this);
    setCentralWidget(m_timeline);
    m_detail = new RecordDetailPanel(this);
    m_detailDock = new QDockWidget(tr("Record detail"), this);
    m_detailDock->setObjectName(QStringLiteral("detailDock"));
    m_detailDock->setWidget(m_detail);
    m_detailDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                              | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);

    auto base = geo::BaseMap::shipped();
    if (!base.ok())
        spdlog::error("the base map could not be read");
    m_mapPanel = new MapPanel(std::make_shared<MapRenderer>(std::make_shared<const geo::BaseMap>(
                                  base.ok() ? std::move(base.value()) : geo::BaseMap{})),
                              this);
    m_mapDock = new QDockWidget(tr("Map"), this);
    m_mapDock->setObjectName(QStringLiteral("mapDock"));
    m_mapDock->setWidget(m_mapPanel);
    m_mapDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                           | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_mapDock);
    m_baseMap = new BaseMapController(m_mapPanel->map(), this);
    connect(m_mapPanel, &MapPanel::markersFiltered, this,
            [this](const QString &flag, const QString &agency, qsizetype shown) {
                if (!m_session)
                    return;
                auto audited = m_session->audit().append(
                    m_session->context(),
                    {QStringLiteral("map.filter"), QStringLiteral("markers"),
                     QStringLiteral("flag=%1; agency=%2; shown=%3")
                         .arg(flag.isEmpty() ? QStringLiteral("any") : flag,
                              agency.isEmpty() ? QStringLiteral("any") : agency)
                         .arg(shown)});
                if (!audited.ok()) { // not recorded: not shown
                    spdlog::error("the map filter could not be audited");
                    m_mapPanel->setLocations({});
                }
            });
    connect(&m_markerLoad, &QFutureWatcher<void>::finished, this, [this] {
        if (!m_session)
            return; // locked while it ran
        auto locations = m_markerLoad.result();
        if (!locations) {
            spdlog::error("people's locations for the map could not be read");
            return;
        }
        m_mapPanel->setLocations(std::move(locations));
        if (m_person.personId != 0) // their family's places came with it
            showPersonOnMap(m_clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date());
    });
    connect(m_baseMap, &BaseMapController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 20000); });
    tabifyDockWidget(m_detailDock, m_mapDock);
    m_detailDock->raise();
    connect(m_timeline, &TimelinePanel::eventSelected, this, &MainWindow::showEventDetail);
    // The timeline and the map choose events for each other.
    connect(m_timeline, &TimelinePanel::eventSelected, m_mapPanel, &MapPanel::selectEvent);
    connect(m_mapPanel, &MapPanel::eventClicked, m_timeline, &TimelinePanel::selectEvent);
    connect(m_detail, &RecordDetailPanel::addNoteRequested, this, &MainWindow::addNote);

    m_searchModel = new models::PersonSearchModel(this);
    m_searchPanel = new SearchPanel(m_searchModel, m_clock, this);
    m_searchDock = new QDockWidget(tr("Find a person"), this);
    m_searchDock->setObjectName(QStringLiteral("searchDock"));
    m_searchDock->setWidget(m_searchPanel);
    m_searchDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_searchDock);
    addDockWidget(Qt::LeftDockWidgetArea, m_storeDock);
    tabifyDockWidget(m_searchDock, m_storeDock);

    m_sources = new SourcesPanel(m_clock, this);
    m_sourcesDock = new QDockWidget(tr("Sources"), this);
    m_sourcesDock->setObjectName(QStringLiteral("sourcesDock"));
    m_sourcesDock->setWidget(m_sources);
    m_sourcesDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                               | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_sourcesDock);
    tabifyDockWidget(m_storeDock, m_sourcesDock);
    connect(m_sources, &SourcesPanel::connectivityChanged, this, &MainWindow::showConnectivity);

    m_areaQuery = new AreaQueryPanel(map(), m_clock, this);
    m_areaDock = new QDockWidget(tr("Area query"), this);
    m_areaDock->setObjectName(QStringLiteral("areaDock"));
    m_areaDock->setWidget(m_areaQuery);
    m_areaDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                            | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_areaDock);
    tabifyDockWidget(m_sourcesDock, m_areaDock);
    connect(m_areaQuery, &AreaQueryPanel::drawRequested, this, [this] {
        m_mapDock->show();
        m_mapDock->raise();
    });
    connect(m_areaQuery, &AreaQueryPanel::personActivated, this, &MainWindow::openPerson);
    connect(m_sources, &SourcesPanel::syncFinished, this, &MainWindow::syncFinished);
    connect(m_sources, &SourcesPanel::canSyncChanged, this, [this](bool canSync) {
        if (m_syncAction)
            m_syncAction->setEnabled(canSync);
    });
    m_searchDock->raise();
    nameDockTabs();
    connect(m_searchPanel, &SearchPanel::searchCommitted, this, &MainWindow::auditSearch);
    connect(m_searchPanel, &SearchPanel::personActivated, this, &MainWindow::openPerson);
    for (QDockWidget *dock :
         {m_searchDock, m_storeDock, m_sourcesDock, m_areaDock, m_detailDock, m_mapDock})
        connect(dock, &QDockWidget::dockLocationChanged, this, &MainWindow::nameDockTabs);

    m_connectivity = new QLabel(this);
    m_connectivity->setAccessibleName(tr("Feeds"));
    statusBar()->addPermanentWidget(m_connectivity);
    m_marking = new QLabel(report::ProtectiveMarking::marking(), this);
    m_marking->setAccessibleName(tr("Protective marking"));
    statusBar()->addPermanentWidget(m_marking);

    createActions();
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1280, 760);
    if (!restoreState(settings.value(kStateKey).toByteArray()))
        resizeDocks({m_searchDock, m_detailDock}, {600, 420}, Qt::Horizontal);
}

MainWindow::~MainWindow()
{
    // Before the docks go: the tile layer reads the cache and draws into the map.
    waitForMapMarkers();
    m_baseMap->clearSession();
}

MapWidget *MainWindow::map() const
{
    return m_mapPanel->map();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *refreshAction = file->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    m_exportAction
        = file->addAction(tr("&Export chronology…"), this, &MainWindow::exportChronology);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setEnabled(false);
    m_syncAction = file->addAction(tr("&Sync with the agency feeds"), this, [this] {
        m_sourcesDock->show();
        m_sourcesDock->raise();
        m_sources->sync();
    });
    m_syncAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_syncAction->setEnabled(false);
    file->addAction(tr("&Import hazard areas…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import hazard areas"), QString(), tr("GeoJSON (*.geojson *.json)"));
        if (path.isEmpty())
            return;
        if (auto imported = importHazards(path); !imported.ok())
            QMessageBox::warning(this, tr("Broadview"), imported.error().message);
    });
    QAction *lockAction = file->addAction(tr("&Lock"), this, [this] {
        lock();
        if (!unlock())
            close();
    });
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *people = menuBar()->addMenu(tr("&People"));
    QAction *find = people->addAction(tr("&Find a person…"), this, [this] {
        m_searchDock->show();
        m_searchDock->raise();
        m_searchPanel->focusQuery();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *timeline = people->addAction(
        tr("&Timeline"), this, [this] { m_timeline->view()->setFocus(Qt::ShortcutFocusReason); });
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_searchDock->toggleViewAction());
    view->addAction(m_storeDock->toggleViewAction());
    view->addAction(m_sourcesDock->toggleViewAction());
    view->addAction(m_detailDock->toggleViewAction());
    view->addAction(m_areaDock->toggleViewAction());
    QAction *mapAction = m_mapDock->toggleViewAction();
    mapAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    view->addAction(mapAction);

    QMenu *mapMenu = menuBar()->addMenu(tr("&Map"));
    mapMenu->addAction(tr("&Base map…"), this, [this] {
        BaseMapDialog dialog(
            m_baseMap->choice(),
            [this](const BaseMapChoice &choice) { return m_baseMap->apply(choice); }, this);
        dialog.exec();
    });
    m_saveOfflineAction = mapMenu->addAction(tr("&Save this area for offline use…"), this, [this] {
        geo::TileFetcher *fetcher = m_baseMap->fetcher();
        if (!fetcher)
            return;
        const MapViewport &viewport = map()->viewport();
        m_mapDock->show();
        OfflineAreaDialog dialog(fetcher, viewport.visibleBox(), int(std::lround(viewport.zoom)),
                                 this);
        dialog.exec();
    });
    m_saveOfflineAction->setToolTip(
        tr("Fetches the map's view from the tile server for use with no network"));
    const auto updateSaveOffline = [this] {
        m_saveOfflineAction->setEnabled(m_baseMap->fetcher() != nullptr);
    };
    connect(m_baseMap, &BaseMapController::sourceChanged, this, updateSaveOffline);
    updateSaveOffline();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Broadview"), this, &MainWindow::showAbout);
}

bool MainWindow::unlock()
{
    UnlockDialog dialog(m_clock, isVisible() ? this : nullptr);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    openSession(dialog.takeSession());
    show();
    return true;
}

void MainWindow::openSession(std::unique_ptr<access::Session> session,
                             std::optional<feeds::FeedsFile> feeds)
{
    m_session = std::move(session);
    // A store made before person search gets its index once, here.
    auto built = search::PersonSearchIndex::isBuilt(m_session->database());
    if (built.ok() && !built.value()) {
        statusBar()->showMessage(tr("Preparing person search…"));
        auto rows = search::PersonSearchIndex::rebuild(m_session->database());
        if (!rows.ok())
            QMessageBox::warning(this, tr("Broadview"), rows.error().message);
    }
    // A store synced before addresses were placed by postcode gets them placed once, here.
    if (auto placed = geo::placeAddressesByPostcode(m_session->database()); !placed.ok())
        spdlog::error("placing addresses by postcode failed (error code {})",
                      static_cast<int>(placed.error().code));
    // The store's own page size; a small cache, as this connection only searches.
    store::StorePragmas pragmas;
    pragmas.cipherPageSize = int(m_session->keyFile().cipherPageSize);
    pragmas.cacheKiB = 16 * 1024;
    m_searchModel->setStore(m_session->paths().store, m_session->storeKey(), pragmas,
                            m_session->context());
    m_sources->setSession(m_session.get(), std::move(feeds));
    m_areaQuery->setSession(m_session.get());
    m_baseMap->setSession(m_session.get());
    m_saveOfflineAction->setEnabled(m_baseMap->fetcher() != nullptr);
    loadMapMarkers();
    refresh();
    m_searchPanel->focusQuery();
}

void MainWindow::nameDockTabs()
{
    // QMainWindow makes a tab bar for docks sharing a place, unnamed; a screen reader needs one.
    for (QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
        if (bar->accessibleName().isEmpty())
            bar->setAccessibleName(tr("Panels"));
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    nameDockTabs(); // docks moved since may have made another tab bar
    QMainWindow::showEvent(event);
}

void MainWindow::openPerson(qint64 personId)
{
    if (!m_session)
        return;
    store::PersonRepository people(m_session->database(), m_session->audit());
    auto person = people.read(m_session->context(), personId); // audited as it is read
    if (!person.ok()) {
        QMessageBox::warning(this, tr("Broadview"), person.error().message);
        return;
    }
    m_person = std::move(person.value());
    m_exportAction->setEnabled(true);
    m_detail->clear();
    const QDate today = m_clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date();
    m_timeline->setPerson(m_person, today);
    showPersonOnMap(today);
    m_timeline->view()->setFocus(Qt::OtherFocusReason);
    statusBar()->showMessage(tr("Opened person %1").arg(personId), 5000);
}

void MainWindow::showPersonOnMap(QDate today)
{
    m_mapPanel->setPerson(m_person, today);
    const QList<qint64> &relatives = m_mapPanel->relativesShown();
    if (!m_session || relatives.isEmpty())
        return;
    // Where their family lives, by name, is a read of those people's addresses: recorded.
    QStringList ids;
    for (qint64 id : relatives)
        ids << QStringLiteral("person:%1").arg(id);
    auto audited = m_session->audit().append(
        m_session->context(),
        {QStringLiteral("map.family"), QStringLiteral("person:%1").arg(m_person.personId),
         QStringLiteral("relatives=%1").arg(ids.join(QLatin1Char(',')))});
    if (!audited.ok()) { // not recorded: not shown
        spdlog::error("the family's places could not be audited");
        m_mapPanel->clearPerson();
    }
}

void MainWindow::addNote(qint64 eventId)
{
    const auto found
        = std::find_if(m_person.events.cbegin(), m_person.events.cend(),
                       [eventId](const store::EventView &e) { return e.eventId == eventId; });
    if (!m_session || found == m_person.events.cend())
        return;
    NoteDialog dialog(found->title, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto added = store::AnnotationRepository(m_session->database(), m_session->audit())
                     .add(m_session->context(), eventId, dialog.kind(), dialog.body(),
                          m_clock.nowUtc().toString(Qt::ISODateWithMs));
    if (!added.ok()) {
        QMessageBox::warning(this, tr("Broadview"), added.error().message);
        return;
    }
    showEventDetail(eventId);
    statusBar()->showMessage(tr("Note added"), 5000);
}

void MainWindow::exportChronology()
{
    if (!m_session || m_person.personId == 0)
        return;
    const store::PersonSummary who = store::summarise(m_person);
    ExportDialog dialog(who.name.isEmpty() ? tr("person %1").arg(m_person.personId) : who.name,
                        m_session->context().purpose, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The export's own purpose: printed on it and recorded in the audit.
    access::AccessContext context = m_session->context();
    context.purpose = dialog.purpose();
    auto exported = report::exportChronology(m_session->database(), m_session->audit(), context,
                                             m_person, dialog.options(), dialog.format(),
                                             dialog.path(), m_clock.nowUtc());
    if (!exported.ok()) {
        QMessageBox::warning(this, tr("Broadview"), exported.error().message);
        return;
    }
    statusBar()->showMessage(
        tr("Exported a chronology of %n event(s) to %1", nullptr, int(exported->rows.size()))
            .arg(dialog.path()),
        8000);
}

void MainWindow::showEventDetail(qint64 eventId)
{
    const auto found
        = std::find_if(m_person.events.cbegin(), m_person.events.cend(),
                       [eventId](const store::EventView &e) { return e.eventId == eventId; });
    if (!m_session || found == m_person.events.cend()) {
        m_detail->clear();
        return;
    }
    // Why the record is here is part of the person already opened (and audited); a withheld
    // record's linkage is not shown, as its fields would be.
    std::optional<linkage::RecordExplanation> why;
    if (!found->withheld) {
        auto explained
            = linkage::LinkExplainer(m_session->database()).explainRecord(found->sourcePersonId);
        if (explained.ok())
            why = std::move(explained.value());
        // The explanation compares with another record: never one the reader may not see.
        if (why && why->strongest) {
            const auto visible = [this](qint64 record) {
                return std::any_of(m_person.records.cbegin(), m_person.records.cend(),
                                   [record](const store::SourceRecordView &r) {
                                       return r.sourcePersonId == record && !r.withheld;
                                   });
            };
            if (!visible(why->strongest->recordA) || !visible(why->strongest->recordB)) {
                why->strongest.reset();
                why->reason = QStringLiteral("withheld_partner");
            }
        } else
            spdlog::warn("record explanation failed (error code {})",
                         static_cast<int>(explained.error().code));
    }
    auto notes = store::AnnotationRepository::forEvents(m_session->database(), {*found});
    m_detail->setEvent(*found, why, m_person.relationships,
                       notes.ok() ? notes->value(found->eventId)
                                  : std::vector<store::Annotation>{});
}

void MainWindow::auditSearch(const QString &query)
{
    if (!m_session)
        return;
    auto audited = m_session->audit().append(
        m_session->context(),
        search::auditEventFor(search::SearchQuery::parse(query), m_searchModel->result()));
    if (!audited.ok()) {
        spdlog::error("audit of a search failed");
        QMessageBox::warning(this, tr("Broadview"), audited.error().message);
    }
}

void MainWindow::lock()
{
    // The worker threads' connections and keys first: a sync under way stops.
    m_sources->clearSession();
    m_areaQuery->clearSession();
    m_searchModel->clearStore();
    m_baseMap->clearSession(); // its tile cache is keyed from the store's key
    m_saveOfflineAction->setEnabled(false);
    m_searchPanel->clear();
    m_timeline->clear();
    m_detail->clear();
    m_mapPanel->clearPerson();
    m_person = {};
    m_exportAction->setEnabled(false);
    m_session.reset(); // closes the store and wipes the key
    waitForMapMarkers();
    m_markerLoad.setFuture({}); // everyone's positions go with the lock
    m_mapPanel->setLocations({});
    map()->update();
    showConnectivity();
    m_summaryModel->setSummary({});
    m_storeLabel->setText(tr("Locked"));
    for (QLabel *value :
         {m_encryptionValue, m_schemaValue, m_createdValue, m_auditValue, m_feedsValue})
        value->clear();
    statusBar()->showMessage(tr("Locked"));
    spdlog::info("session locked by the user");
}

void MainWindow::refresh()
{
    if (!m_session)
        return;
    auto summary
        = store::StoreInspector::summarize(m_session->database(), m_session->context(), false);
    if (!summary.ok()) {
        spdlog::error("store summary failed");
        QMessageBox::warning(this, tr("Broadview"), summary.error().message);
        return;
    }
    m_summaryModel->setSummary(summary.value());

    m_storeLabel->setText(m_session->paths().store);
    m_encryptionValue->setText(
        tr("SQLCipher, 256-bit random key wrapped with Argon2id and XChaCha20-Poly1305"));
    m_schemaValue->setText(QString::number(summary->schemaVersion));
    const QDateTime created = QDateTime::fromString(summary->createdAt, Qt::ISODateWithMs);
    m_createdValue->setText(created.isValid()
                                ? QLocale().toString(created.toLocalTime(), QLocale::LongFormat)
                                : tr("Unknown"));
    qint64 auditEntries = 0;
    for (const auto &table : summary->tables) {
        if (table.table == QLatin1String("audit"))
            auditEntries = table.rows;
    }
    m_auditValue->setText(tr("Entries: %1 (check them with broadview audit verify)")
                              .arg(QLocale().toString(auditEntries)));
    m_feedsValue->setText(summary->sources.isEmpty()
                              ? tr("None configured yet")
                              : QLocale().toString(static_cast<qint64>(summary->sources.size())));

    const auto &context = m_session->context();
    statusBar()->showMessage(
        tr("Unlocked as %1 (%2) for %3")
            .arg(context.user, access::roleName(context.role), context.purpose));
}

void MainWindow::showConnectivity()
{
    if (!m_session) {
        m_connectivity->clear();
        return;
    }
    const models::Connectivity connectivity = m_sources->connectivity();
    m_connectivity->setText(connectivityText(connectivity, m_clock.nowUtc()));
    m_connectivity->setToolTip(
        connectivity.oldest.isValid()
            ? tr("The least recently synced feed was last synced %1.")
                  .arg(models::FeedStatusModel::whenText(connectivity.oldest, m_clock.nowUtc()))
            : QString());
    // Offline is the state a field worker must not miss: said in words and drawn apart.
    const bool warn = connectivity.state == models::Connectivity::State::Offline
                      || connectivity.state == models::Connectivity::State::Partial;
    QFont font = m_connectivity->font();
    font.setBold(warn);
    m_connectivity->setFont(font);
}

void MainWindow::syncFinished(const sync::RefreshOutcome &outcome)
{
    refresh();
    if (outcome.changed() > 0)
        loadMapMarkers();
    m_searchPanel->searchAgain();
    if (m_person.personId != 0 && outcome.changed() > 0)
        statusBar()->showMessage(
            tr("The sync may have changed person %1: open them again to see the latest.")
                .arg(m_person.personId),
            10000);
}

void MainWindow::loadMapMarkers()
{
    if (!m_session)
        return;
    // Everyone's location is read on a thread of its own, with its own connection: at a
    // hundred thousand people it takes a second the window should not freeze for.
    waitForMapMarkers();
    auto key
        = std::make_shared<SecretBytes>(m_session->storeKey().data(), m_session->storeKey().size());
    store::StorePragmas pragmas;
    pragmas.cipherPageSize = int(m_session->keyFile().cipherPageSize);
    pragmas.cacheKiB = 16 * 1024;
    const QString path = m_session->paths().store;
    const access::AccessContext context = m_session->context();
    const QDate today = m_clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date();
    m_markerLoad.setFuture(
        QtConcurrent::run([key, pragmas, path, context,
                           today]() mutable -> std::shared_ptr<const geo::PersonLocations> {
            // Declared first, so it runs last: OpenSSL's state for this pool thread is
            // released once the connection is closed.
            const store::CipherThreadStateRelease releaseOnReturn;
            auto db = store::StoreFiles::openWithKey(path, *key, pragmas);
            key.reset(); // wiped now: the connection holds what it needs
            if (!db.ok())
                return {};
            auto locations = geo::PersonLocations::load(*db.value(), context, today);
            if (!locations.ok())
                return {};
            return std::make_shared<const geo::PersonLocations>(std::move(locations.value()));
        }));
}

void MainWindow::waitForMapMarkers()
{
    // Locking waits for it: the thread holds a copy of the key until it is done.
    if (m_markerLoad.isRunning())
        m_markerLoad.waitForFinished();
}

void MainWindow::showDemoHazards()
{
    QFile file(QStringLiteral(":/demo/flood_zones.geojson"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    auto areas = geo::readGeoJsonAreas(file.readAll(), file.fileName());
    if (!areas.ok()) {
        spdlog::error("the demo flood zones could not be read");
        return;
    }
    HazardLayer zone2{tr("Flood zone 2 (illustrative, not Environment Agency data)"),
                      {},
                      QColor(0x56, 0xb4, 0xe9)};
    HazardLayer zone3{tr("Flood zone 3 (illustrative, not Environment Agency data)"),
                      {},
                      QColor(0x00, 0x72, 0xb2)};
    for (geo::Area &area : areas.value())
        (area.name().contains(QLatin1String("zone 3")) ? zone3 : zone2)
            .areas.push_back(std::move(area));
    addHazardLayer(std::move(zone2));
    addHazardLayer(std::move(zone3));
}

void MainWindow::addHazardLayer(HazardLayer layer)
{
    std::vector<HazardLayer> layers = map()->renderer().hazards();
    layers.push_back(std::move(layer));
    std::vector<geo::Area> areas;
    for (const HazardLayer &each : layers)
        areas.insert(areas.end(), each.areas.cbegin(), each.areas.cend());
    map()->renderer().setHazards(std::move(layers));
    m_areaQuery->setHazardAreas(std::move(areas));
    map()->update();
}

Result<void> MainWindow::importHazards(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    auto areas = geo::readGeoJsonAreas(file.readAll(), path);
    BV_TRY(areas);
    // Okabe-Ito colours not used by the agencies' marks on the map.
    static constexpr std::array<QRgb, 3> kColours = {0x009e73, 0xcc79a7, 0xf0e442};
    const QColor colour(kColours[map()->renderer().hazards().size() % kColours.size()]);
    addHazardLayer({QFileInfo(path).completeBaseName(), std::move(areas.value()), colour});
    return {};
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Broadview"),
        tr("<h3>Broadview %1</h3>"
           "<p>One encrypted picture of a person across agencies, for safeguarding "
           "practitioners.</p>"
           "<p>Store: SQLCipher; keys: libsodium (Argon2id, XChaCha20-Poly1305).</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    m_sources->clearSession();
    m_areaQuery->clearSession();
    m_searchModel->clearStore();
    m_session.reset();
    event->accept();
}

} // namespace bv::ui
