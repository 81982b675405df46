// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/personrepository.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace bv::models {
class TimelineModel;
}

namespace bv::ui {

class TimelineOverview;

// The unified timeline of one person: who they are (name, date of birth and age, the
// agencies that know them), filters (agency, significance with "key events" as the
// chronology, and text), and every event from every agency in time order, grouped by day.
class TimelinePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePanel(QWidget *parent = nullptr);

    // Shows the person as read (with its events); today sets the age.
    void setPerson(const store::PersonView &person, QDate today);
    void clear();
    // Selects an event (from the overview or the map), clearing filters that hide it.
    void selectEvent(qint64 eventId);

    models::TimelineModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    TimelineOverview *overview() const { return m_overview; }
    QLineEdit *textFilter() const { return m_text; }
    QComboBox *significanceFilter() const { return m_significance; }
    QCheckBox *dateRangeFilter() const { return m_limitDates; }
    QDateEdit *fromDate() const { return m_from; }
    QDateEdit *toDate() const { return m_to; }
    // The agency filter's button for an agency code, or null.
    QToolButton *agencyButton(const QString &agency) const;

Q_SIGNALS:
    // The event the user is on in the timeline (0 when none).
    void eventSelected(qint64 eventId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilter();
    void styleAgencyButtons();
    void showCounts();

    models::TimelineModel *m_model = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_details = nullptr;
    QWidget *m_agencyBar = nullptr;
    QList<QToolButton *> m_agencyButtons;
    QComboBox *m_significance = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_limitDates = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_counts = nullptr;
    QListView *m_view = nullptr;
    TimelineOverview *m_overview = nullptr;
};

} // namespace bv::ui
