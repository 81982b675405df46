// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "feeds/feedconfig.h"
#include "models/feedstatusmodel.h"
#include "sync/storerefresh.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace bv::access {
class Session;
}
namespace bv::models {
class SyncController;
}

namespace bv::ui {

// "Sources": each agency feed's state, last sync, records, quarantined input and last error;
// "Sync now" with a progress bar and Cancel. The sync runs on its own thread
// (models::SyncController); the feeds file is the demo's, or the one the user chose for this
// store (remembered per store in QSettings).
class SourcesPanel final : public QWidget
{
    Q_OBJECT

public:
    SourcesPanel(const Clock &clock, QWidget *parent = nullptr);
    ~SourcesPanel() override;

    // feeds: the demo's own; otherwise the file remembered for this store, if any.
    void setSession(access::Session *session, std::optional<feeds::FeedsFile> feeds);
    // Stops a sync under way and forgets the store (on lock).
    void clearSession();
    // Reads each feed's state from the store again.
    void reload();

    void sync();
    void cancelSync();
    bool isSyncing() const;
    void chooseFeedsFile();
    // Loads and remembers a feeds file for this store; an error says what is wrong with it,
    // and the file in use stays.
    [[nodiscard]] Result<void> useFeedsFile(const QString &path);

    models::Connectivity connectivity() const;
    models::SyncController *controller() const { return m_controller; }
    QTableView *view() const { return m_table; }
    QPushButton *syncButton() const { return m_syncButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void syncFinished(const bv::sync::RefreshOutcome &outcome);
    void connectivityChanged();
    void canSyncChanged(bool canSync);

private:
    void showProgress(const sync::RefreshProgress &progress);
    void finishSync(const sync::RefreshOutcome &outcome);
    void updateButtons();
    QString settingsKey() const;

    const Clock &m_clock;
    access::Session *m_session = nullptr;
    std::optional<feeds::FeedsFile> m_feeds;
    models::FeedStatusModel *m_model = nullptr;
    models::SyncController *m_controller = nullptr;
    QLabel *m_fileLabel = nullptr;
    QPushButton *m_chooseButton = nullptr;
    QTableView *m_table = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_syncButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

// One line for the status bar: "Online, synced 10:42", "Offline since 25 Nov 09:12".
QString connectivityText(const models::Connectivity &connectivity, const QDateTime &now);

} // namespace bv::ui
