// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/personrepository.h"

#include <QAbstractListModel>
#include <QDate>
#include <QSet>

namespace bv::models {

// What the timeline shows of a person's events.
struct TimelineFilter
{
    QSet<QString> agencies;  // empty: every agency
    int minSignificance = 1; // 3: key events only, the chronology
    QString text;            // in the title, summary, outcome or category, any case
    QDate from;              // invalid: from the first
    QDate to;                // invalid: to the last

    bool admits(const store::EventView &event) const;
};

// A person's events from every agency in time order, grouped by day: each day a heading row,
// then its events. Filtering rebuilds the rows; the events stay as read.
class TimelineModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class RowKind { Day, Event };
    enum Role {
        KindRole = Qt::UserRole + 1, // RowKind as int
        DateRole,                    // QDate of the row
        TimeTextRole,                // "14:05" (Europe/London), empty for a date-only event
        AgencyRole,                  // agency code
        TitleRole,
        SummaryRole,
        OutcomeRole,
        CategoryRole,
        SignificanceRole, // 1 routine, 2 notable, 3 key
        WithheldRole,
        WithheldReasonRole,
        EventIdRole,
        DayEventCountRole, // on a day row: how many events it heads
    };

    explicit TimelineModel(QObject *parent = nullptr);

    void setEvents(QList<store::EventView> events);
    void setFilter(const TimelineFilter &filter);
    const TimelineFilter &filter() const { return m_filter; }
    const QList<store::EventView> &events() const { return m_events; }
    int shownEventCount() const { return m_shownEvents; }
    // The row of an event, or -1 when it is filtered out.
    int rowOfEvent(qint64 eventId) const;
    const store::EventView *eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QString significanceLabel(int significance);

private:
    struct Row
    {
        RowKind kind;
        int event = -1;    // index into m_events (an event row)
        QDate date;        // the day
        int dayEvents = 0; // a day row: events under it
    };
    void rebuild();

    QList<store::EventView> m_events;
    TimelineFilter m_filter;
    std::vector<Row> m_rows;
    int m_shownEvents = 0;
};

} // namespace bv::models
