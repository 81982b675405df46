// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace bv::models {
class PersonSearchModel;
}

namespace bv::ui {

// "Find a person": results as the user types (a pause of kTypingPauseMs starts a search, on
// the model's own thread), and a search the user commits (Enter) is reported for the audit.
class SearchPanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kTypingPauseMs = 180;

    SearchPanel(models::PersonSearchModel *model, const Clock &clock, QWidget *parent = nullptr);

    QLineEdit *queryEdit() const { return m_query; }
    QTableView *resultsView() const { return m_results; }
    // Empties the query and the results (on lock).
    void clear();
    void focusQuery();
    // Runs the query shown again (after a sync changed the store); not a committed search.
    void searchAgain();

Q_SIGNALS:
    // The user pressed Enter on a query: its results, once they are in, are the search.
    void searchCommitted(const QString &query);
    // The user opened a person from the results (Enter or double-click on a row).
    void personActivated(qint64 personId);

private:
    void startSearch();
    void showOutcome(const QString &query, const QString &error);

    QDate today() const;

    models::PersonSearchModel *m_model;
    const Clock &m_clock;
    QLineEdit *m_query = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_results = nullptr;
    QTimer *m_typing = nullptr;
    bool m_commitPending = false;
};

} // namespace bv::ui
