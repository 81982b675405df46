// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/personrepository.h"
#include "ui/maprenderer.h"

#include <QDate>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QSlider;

namespace bv::ui {

class MapWidget;

// The Map dock: the map, and under it a time slider that shows where the open person lived on
// a chosen date. Choosing an event on the timeline centres the map on it; clicking an event's
// pin on the map chooses it on the timeline.
class MapPanel final : public QWidget
{
    Q_OBJECT

public:
    MapPanel(std::shared_ptr<MapRenderer> renderer, QWidget *parent = nullptr);

    MapWidget *map() const { return m_map; }
    QSlider *timeSlider() const { return m_slider; }
    // The person's homes in order and their events' places; the view fits them.
    void setPerson(const store::PersonView &person, QDate today);
    void clearPerson();
    void selectEvent(qint64 eventId);
    // The home current on a date (the slider sets it), or -1.
    int homeOn(QDate date) const;

Q_SIGNALS:
    void eventClicked(qint64 eventId);

private:
    void showDate(int day);

    MapWidget *m_map = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_dateLabel = nullptr;
    QDate m_first;
    struct Span
    {
        QDate from;
        QDate to; // invalid while current
    };
    std::vector<Span> m_spans; // per home in the layer
};

} // namespace bv::ui
