// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/timelineoverview.h"

#include "common/agencies.h"
#include "models/agencybadge.h"
#include "models/agencystyle.h"
#include "search/personsearch.h"

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bv::ui {

namespace {

constexpr int kMargin = 4;
constexpr double kMinimumSpanDays = 7.0;

} // namespace

TimelineOverview::TimelineOverview(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Overview of events by agency"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(false);
}

int TimelineOverview::laneHeight() const
{
    return fontMetrics().height() + 2;
}

int TimelineOverview::labelWidth() const
{
    return m_labelWidth;
}

void TimelineOverview::measureLabels()
{
    int width = 0;
    for (const QString &agency : m_lanes)
        width
            = std::max(width, models::agencyBadgeWidth(models::agencyStyle(agency).badge, font()));
    m_labelWidth = width + 2 * kMargin;
}

void TimelineOverview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        measureLabels();
    QWidget::changeEvent(event);
}

QSize TimelineOverview::sizeHint() const
{
    const int lanes = std::max<int>(1, int(m_lanes.size()));
    return {400, lanes * laneHeight() + fontMetrics().height() + 3 * kMargin};
}

void TimelineOverview::setEvents(const QList<store::EventView> &events)
{
    m_marks.clear();
    m_lanes.clear();
    for (const store::EventView &event : events) {
        if (!m_lanes.contains(event.agency))
            m_lanes << event.agency;
    }
    sortByAgencyOrder(m_lanes);
    measureLabels();
    for (const store::EventView &event : events) {
        // The day is London's already; the time of day only orders marks within it, so UTC's
        // serves (converting 10,000 instants to London time took 100 ms).
        double day = double(event.occurredDate.toJulianDay());
        if (event.occurredAt.isValid())
            day += event.occurredAt.time().msecsSinceStartOfDay() / 86400000.0;
        m_marks.push_back({event.eventId, day, int(m_lanes.indexOf(event.agency)),
                           event.significance == 3, event.withheld});
    }
    if (m_marks.empty()) {
        m_first = m_last = double(QDate::currentDate().toJulianDay());
    } else {
        const auto [low, high]
            = std::minmax_element(m_marks.begin(), m_marks.end(),
                                  [](const Mark &a, const Mark &b) { return a.day < b.day; });
        m_first = low->day;
        m_last = high->day;
    }
    showAll();
    updateGeometry();
}

void TimelineOverview::setSelectedEvent(qint64 eventId)
{
    m_selected = eventId;
    update();
}

QDate TimelineOverview::shownFrom() const
{
    return QDate::fromJulianDay(qint64(std::floor(m_from)));
}

QDate TimelineOverview::shownTo() const
{
    return QDate::fromJulianDay(qint64(std::floor(m_to)));
}

double TimelineOverview::xOf(double day) const
{
    const double left = labelWidth();
    const double width = std::max(1.0, double(this->width() - kMargin) - left);
    return left + (day - m_from) / (m_to - m_from) * width;
}

double TimelineOverview::dayAt(double x) const
{
    const double left = labelWidth();
    const double width = std::max(1.0, double(this->width() - kMargin) - left);
    return m_from + (x - left) / width * (m_to - m_from);
}

void TimelineOverview::showAll()
{
    // A little room either side, and at least a week, so one event is not on the edge.
    const double span = std::max(kMinimumSpanDays, m_last - m_first);
    m_from = m_first - span * 0.03 - 1.0;
    m_to = m_first + span * 1.03 + 1.0;
    describe();
    update();
}

void TimelineOverview::zoom(double factor, double aroundX)
{
    const double pivot = dayAt(aroundX);
    const double span = std::max(kMinimumSpanDays, (m_to - m_from) * factor);
    const double share = (pivot - m_from) / (m_to - m_from);
    m_from = pivot - share * span;
    m_to = m_from + span;
    describe();
    update();
}

void TimelineOverview::pan(double days)
{
    m_from += days;
    m_to += days;
    describe();
    update();
}

void TimelineOverview::describe()
{
    const QLocale locale;
    QStringList lanes;
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const auto count = std::count_if(m_marks.begin(), m_marks.end(), [&](const Mark &mark) {
            return mark.lane == lane && mark.day >= m_from && mark.day <= m_to;
        });
        lanes << tr("%1: %n event(s)", nullptr, int(count))
                     .arg(search::agencyLabel(m_lanes.at(lane)));
    }
    setAccessibleDescription(tr("From %1 to %2. %3.")
                                 .arg(locale.toString(shownFrom(), QLocale::ShortFormat),
                                      locale.toString(shownTo(), QLocale::ShortFormat),
                                      lanes.join(QStringLiteral("; "))));
}

void TimelineOverview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &palette = this->palette();
    painter.fillRect(rect(), palette.color(QPalette::Base));
    const bool dark = models::isDarkPalette(palette);
    const int height = laneHeight();
    const int left = labelWidth();
    const int axisTop = kMargin + int(m_lanes.size()) * height;
    // Lanes: the agency's colour and name at the left, a faint band across.
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const QRect label(kMargin, kMargin + lane * height, left - 2 * kMargin, height - 2);
        models::paintAgencyBadge(painter, label, m_lanes.at(lane), dark, font());
        if (lane % 2 == 1)
            painter.fillRect(QRect(left, kMargin + lane * height, width() - left, height),
                             palette.color(QPalette::AlternateBase));
    }
    // Years (or months, when zoomed in) along the axis.
    painter.setPen(palette.color(QPalette::Text));
    painter.drawLine(left, axisTop, width() - kMargin, axisTop);
    const QDate from = shownFrom();
    const QDate to = shownTo();
    const bool months = m_to - m_from < 3 * 365.0;
    QDate tick = months ? QDate(from.year(), from.month(), 1) : QDate(from.year(), 1, 1);
    const QLocale locale;
    int lastLabelRight = -1;
    while (tick <= to) {
        const double x = xOf(double(tick.toJulianDay()));
        if (x >= left) {
            painter.setPen(palette.color(QPalette::Mid));
            painter.drawLine(QPointF(x, kMargin), QPointF(x, axisTop + 3));
            const QString text = months ? locale.toString(tick, QStringLiteral("MMM yy"))
                                        : QString::number(tick.year());
            const int textWidth = fontMetrics().horizontalAdvance(text);
            if (int(x) > lastLabelRight + kMargin && x + textWidth < width()) {
                painter.setPen(palette.color(QPalette::Text));
                painter.drawText(QPointF(x + 2, axisTop + fontMetrics().ascent() + 2), text);
                lastLabelRight = int(x) + textWidth;
            }
        }
        tick = months ? tick.addMonths(1) : tick.addYears(1);
    }
    // Events: a mark each, key events taller, the selected one outlined. Colours looked up
    // once per lane, not per mark.
    std::vector<QColor> laneColours;
    for (const QString &agency : m_lanes)
        laneColours.push_back(models::agencyStyle(agency, dark).colour);
    const QColor withheldColour = palette.color(QPalette::Mid);
    painter.setClipRect(QRect(left, 0, width() - left, axisTop));
    for (const Mark &mark : m_marks) {
        const double x = xOf(mark.day);
        if (x < left - 2 || x > width() + 2)
            continue;
        const int top = kMargin + mark.lane * height;
        const int markHeight = mark.key ? height - 2 : (height - 2) / 2;
        const QRectF bar(x - 1.5, top + (height - 2 - markHeight), 3.0, markHeight);
        painter.fillRect(bar, mark.withheld ? withheldColour : laneColours[std::size_t(mark.lane)]);
        if (mark.eventId == m_selected) {
            painter.setPen(QPen(palette.color(QPalette::Text), 2));
            painter.drawRect(bar.adjusted(-2, -2, 2, 2));
        }
    }
    if (hasFocus()) {
        painter.setClipping(false);
        painter.setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void TimelineOverview::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        zoom(std::pow(0.8, steps), event->position().x());
    event->accept();
}

void TimelineOverview::mousePressEvent(QMouseEvent *event)
{
    m_dragFrom = event->position();
    m_dragStartFrom = m_from;
    m_dragged = false;
}

void TimelineOverview::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragFrom)
        return;
    const double dx = event->position().x() - m_dragFrom->x();
    if (std::abs(dx) > 3)
        m_dragged = true;
    if (m_dragged) {
        const double span = m_to - m_from;
        const double days = dx / std::max(1.0, double(width() - labelWidth())) * span;
        m_from = m_dragStartFrom - days;
        m_to = m_from + span;
        describe();
        update();
    }
}

void TimelineOverview::mouseReleaseEvent(QMouseEvent *event)
{
    const bool clicked = m_dragFrom && !m_dragged;
    m_dragFrom.reset();
    if (!clicked)
        return;
    // The nearest mark within a few pixels, in the lane clicked.
    const int lane = (int(event->position().y()) - kMargin) / laneHeight();
    const Mark *nearest = nullptr;
    double best = 6.0;
    for (const Mark &mark : m_marks) {
        const double distance = std::abs(xOf(mark.day) - event->position().x());
        if (mark.lane == lane && distance <= best) {
            best = distance;
            nearest = &mark;
        }
    }
    if (nearest)
        Q_EMIT eventClicked(nearest->eventId);
}

void TimelineOverview::keyPressEvent(QKeyEvent *event)
{
    const double span = m_to - m_from;
    const double middle = labelWidth() + (width() - labelWidth()) / 2.0;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(0.5, middle);
        break;
    case Qt::Key_Minus:
        zoom(2.0, middle);
        break;
    case Qt::Key_Left:
        pan(-span / 10.0);
        break;
    case Qt::Key_Right:
        pan(span / 10.0);
        break;
    case Qt::Key_Home:
        showAll();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace bv::ui
