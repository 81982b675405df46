// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "feeds/feedconfig.h"
#include "geo/personlocations.h"
#include "store/personrepository.h"
#include "sync/storerefresh.h"
#include "ui/maprenderer.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QTableView;

namespace bv::access {
class Session;
}
namespace bv::models {
class PersonSearchModel;
class StoreSummaryModel;
} // namespace bv::models

namespace bv::ui {

class AreaQueryPanel;
class BaseMapController;
class MapPanel;
class MapWidget;
class SearchPanel;
class SourcesPanel;
class RecordDetailPanel;
class TimelinePanel;

// The main window: "Find a person" in a dock, the unlocked store and its counts in the
// middle; the timeline, record detail and map join as docks. Dock layout and geometry are
// kept in QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows the unlock dialog; false if the user cancelled it.
    bool unlock();
    // feeds: the demo's feeds (its simulator's address); otherwise the file the user chose
    // for this store, if any.
    void openSession(std::unique_ptr<access::Session> session,
                     std::optional<feeds::FeedsFile> feeds = std::nullopt);
    void lock();
    SearchPanel *searchPanel() const { return m_searchPanel; }
    TimelinePanel *timelinePanel() const { return m_timeline; }
    RecordDetailPanel *detailPanel() const { return m_detail; }
    SourcesPanel *sourcesPanel() const { return m_sources; }
    QLabel *connectivityLabel() const { return m_connectivity; }
    MapWidget *map() const;
    MapPanel *mapPanel() const { return m_mapPanel; }
    // Everyone's locations are being read for the map's markers (on a thread of their own).
    bool mapMarkersLoading() const { return m_markerLoad.isRunning(); }
    AreaQueryPanel *areaQueryPanel() const { return m_areaQuery; }
    // Hazard areas from a GeoJSON file (WGS84 or British National Grid), as a layer of the map
    // with a legend, and offered to the area query.
    [[nodiscard]] Result<void> importHazards(const QString &path);
    // The demo's illustrative flood zones on the map (labelled as not Environment Agency data).
    void showDemoHazards();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void refresh();
    void showAbout();
    void auditSearch(const QString &query);
    void openPerson(qint64 personId);
    void nameDockTabs();
    void showEventDetail(qint64 eventId);
    void exportChronology();
    void addNote(qint64 eventId);
    void showConnectivity();
    void loadMapMarkers();
    void waitForMapMarkers();
    void showPersonOnMap(QDate today);
    void addHazardLayer(HazardLayer layer);
    void syncFinished(const sync::RefreshOutcome &outcome);

    const Clock &m_clock;
    std::unique_ptr<access::Session> m_session;
    models::StoreSummaryModel *m_summaryModel = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_encryptionValue = nullptr;
    QLabel *m_schemaValue = nullptr;
    QLabel *m_createdValue = nullptr;
    QLabel *m_auditValue = nullptr;
    QLabel *m_feedsValue = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_marking = nullptr;
    models::PersonSearchModel *m_searchModel = nullptr;
    SearchPanel *m_searchPanel = nullptr;
    QDockWidget *m_searchDock = nullptr;
    QDockWidget *m_storeDock = nullptr;
    TimelinePanel *m_timeline = nullptr;
    RecordDetailPanel *m_detail = nullptr;
    QDockWidget *m_detailDock = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_syncAction = nullptr;
    SourcesPanel *m_sources = nullptr;
    QDockWidget *m_sourcesDock = nullptr;
    QLabel *m_connectivity = nullptr;
    MapPanel *m_mapPanel = nullptr;
    QDockWidget *m_mapDock = nullptr;
    BaseMapController *m_baseMap = nullptr;
    QFutureWatcher<std::shared_ptr<const geo::PersonLocations>> m_markerLoad;
    QAction *m_saveOfflineAction = nullptr;
    AreaQueryPanel *m_areaQuery = nullptr;
    QDockWidget *m_areaDock = nullptr;
    store::PersonView m_person; // the open person, as read
};

} // namespace bv::ui
