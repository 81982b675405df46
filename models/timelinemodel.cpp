// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/timelinemodel.h"

#include "search/personsearch.h"

#include <QLocale>
#include <QTimeZone>

namespace bv::models {

bool TimelineFilter::admits(const store::EventView &event) const
{
    if (!agencies.isEmpty() && !agencies.contains(event.agency))
        return false;
    if (event.significance < minSignificance)
        return false;
    if (from.isValid() && event.occurredDate < from)
        return false;
    if (to.isValid() && event.occurredDate > to)
        return false;
    if (!text.isEmpty()) {
        // Withheld events have no words to match: a text filter leaves them out.
        if (event.withheld)
            return false;
        const bool found = event.title.contains(text, Qt::CaseInsensitive)
                           || event.summary.contains(text, Qt::CaseInsensitive)
                           || event.outcome.contains(text, Qt::CaseInsensitive)
                           || event.category.contains(text, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void TimelineModel::setEvents(QList<store::EventView> events)
{
    m_events = std::move(events);
    rebuild();
}

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    m_filter = filter;
    rebuild();
}

void TimelineModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_shownEvents = 0;
    std::size_t dayRow = 0;
    for (int i = 0; i < m_events.size(); ++i) {
        const store::EventView &event = m_events.at(i);
        if (!m_filter.admits(event))
            continue;
        if (m_rows.empty() || m_rows[dayRow].date != event.occurredDate) {
            dayRow = m_rows.size();
            m_rows.push_back({RowKind::Day, -1, event.occurredDate, 0});
        }
        ++m_rows[dayRow].dayEvents;
        m_rows.push_back({RowKind::Event, i, event.occurredDate, 0});
        ++m_shownEvents;
    }
    endResetModel();
}

int TimelineModel::rowOfEvent(qint64 eventId) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        const Row &r = m_rows[row];
        if (r.kind == RowKind::Event && m_events.at(r.event).eventId == eventId)
            return int(row);
    }
    return -1;
}

const store::EventView *TimelineModel::eventAt(int row) const
{
    if (row < 0 || std::size_t(row) >= m_rows.size()
        || m_rows[std::size_t(row)].kind != RowKind::Event)
        return nullptr;
    return &m_events.at(m_rows[std::size_t(row)].event);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString TimelineModel::significanceLabel(int significance)
{
    switch (significance) {
    case 3:
        return tr("Key event");
    case 2:
        return tr("Notable");
    default:
        return tr("Routine");
    }
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size())
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const QLocale locale;
    if (row.kind == RowKind::Day) {
        switch (role) {
        case KindRole:
            return int(RowKind::Day);
        case DateRole:
            return row.date;
        case DayEventCountRole:
            return row.dayEvents;
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return tr("%1: %n event(s)", nullptr, row.dayEvents)
                .arg(locale.toString(row.date, QLocale::LongFormat));
        default:
            return {};
        }
    }
    const store::EventView &event = m_events.at(row.event);
    const QString time
        = event.occurredAt.isValid()
              ? locale.toString(event.occurredAt.toTimeZone(QTimeZone("Europe/London")).time(),
                                QStringLiteral("HH:mm"))
              : QString();
    switch (role) {
    case KindRole:
        return int(RowKind::Event);
    case DateRole:
        return event.occurredDate;
    case TimeTextRole:
        return time;
    case AgencyRole:
        return event.agency;
    case TitleRole:
        return event.title;
    case SummaryRole:
        return event.summary;
    case OutcomeRole:
        return event.outcome;
    case CategoryRole:
        return event.category;
    case SignificanceRole:
        return event.significance;
    case WithheldRole:
        return event.withheld;
    case WithheldReasonRole:
        return event.withheldReason;
    case EventIdRole:
        return event.eventId;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole: {
        // The whole row as one sentence, for a screen reader and the tooltip.
        const QString when
            = time.isEmpty()
                  ? locale.toString(event.occurredDate, QLocale::LongFormat)
                  : tr("%1 at %2")
                        .arg(locale.toString(event.occurredDate, QLocale::LongFormat), time);
        if (event.withheld)
            return tr("%1, %2: withheld. %3")
                .arg(when, search::agencyLabel(event.agency), event.withheldReason);
        QString text = tr("%1, %2, %3, %4: %5.")
                           .arg(when, search::agencyLabel(event.agency), event.category,
                                significanceLabel(event.significance), event.title);
        if (!event.summary.isEmpty())
            text += QLatin1Char(' ') + event.summary;
        if (!event.outcome.isEmpty())
            text += QLatin1Char(' ') + tr("Outcome: %1").arg(event.outcome);
        return text;
    }
    default:
        return {};
    }
}

} // namespace bv::models
