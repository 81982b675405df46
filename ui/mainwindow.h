// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "store/personrepository.h"

#include <QMainWindow>

#include <memory>

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

class SearchPanel;
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
    void openSession(std::unique_ptr<access::Session> session);
    void lock();
    SearchPanel *searchPanel() const { return m_searchPanel; }
    TimelinePanel *timelinePanel() const { return m_timeline; }
    RecordDetailPanel *detailPanel() const { return m_detail; }

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
    store::PersonView m_person; // the open person, as read
};

} // namespace bv::ui
