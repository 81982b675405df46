// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/personrepository.h"

#include <QDate>
#include <QWidget>

#include <optional>

namespace bv::ui {

// The whole history at a glance: one lane per agency (its colour and its name), a mark per
// event (taller for key events), on a time axis that zooms (wheel, +/-) and pans (drag,
// arrow keys); Home shows everything again. Clicking a mark picks that event.
class TimelineOverview final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineOverview(QWidget *parent = nullptr);

    void setEvents(const QList<store::EventView> &events);
    void setSelectedEvent(qint64 eventId);
    // The shown span of days (for tests): first and last visible day.
    QDate shownFrom() const;
    QDate shownTo() const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void eventClicked(qint64 eventId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Mark
    {
        qint64 eventId;
        double day; // Julian day, with the time of day as a fraction
        int lane;
        bool key;
        bool withheld;
    };
    int laneHeight() const;
    int labelWidth() const;
    void measureLabels(); // once per lanes or font, not per mark
    double xOf(double day) const;
    double dayAt(double x) const;
    void zoom(double factor, double aroundX);
    void pan(double days);
    void showAll();
    void describe();

    std::vector<Mark> m_marks;
    QStringList m_lanes; // agency codes, in agencyOrder()
    int m_labelWidth = 0;
    double m_first = 0.0;
    double m_last = 0.0;
    double m_from = 0.0; // shown span, in days
    double m_to = 0.0;
    qint64 m_selected = 0;
    std::optional<QPointF> m_dragFrom;
    double m_dragStartFrom = 0.0;
    bool m_dragged = false;
};

} // namespace bv::ui
