// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QTableView;

namespace bv::access {
class Session;
}
namespace bv::models {
class StoreSummaryModel;
}

namespace bv::ui {

// The main window. For now it shows the unlocked store and its counts; later issues add
// search, the timeline and the map as docks.
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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void refresh();
    void showAbout();

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
};

} // namespace bv::ui
