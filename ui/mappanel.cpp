// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mappanel.h"

#include "ui/mapwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

namespace bv::ui {

MapPanel::MapPanel(std::shared_ptr<MapRenderer> renderer, QWidget *parent)
    : QWidget(parent)
    , m_map(new MapWidget(std::move(renderer), this))
{
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setAccessibleName(tr("Where they lived on"));
    m_slider->setAccessibleDescription(
        tr("Move through time to see which of the person's addresses was current on a day; "
           "the date is shown beside it."));
    m_slider->setEnabled(false);
    m_dateLabel = new QLabel(this);
    m_dateLabel->setAccessibleName(tr("Date on the slider"));
    m_dateLabel->setMinimumWidth(m_dateLabel->fontMetrics().horizontalAdvance(
        QStringLiteral("Where they lived on 30 September 2026: address 10")));
    connect(m_slider, &QSlider::valueChanged, this, &MapPanel::showDate);
    connect(m_map, &MapWidget::eventClicked, this, &MapPanel::eventClicked);

    auto *row = new QHBoxLayout;
    row->addWidget(m_slider, 1);
    row->addWidget(m_dateLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_map, 1);
    layout->addLayout(row);
    setTabOrder(m_map, m_slider);
}

void MapPanel::setPerson(const store::PersonView &person, QDate today)
{
    PersonLayer layer;
    m_spans.clear();
    QRectF box;
    const auto include = [&box](const geo::LonLat &position) {
        const QRectF point(QPointF(position.lon, position.lat), QSizeF(1e-6, 1e-6));
        box = box.isNull() ? point : box.united(point);
    };
    const QLocale locale;
    for (const store::AddressView &address : person.addresses) {
        if (!address.lat || !address.lon)
            continue; // protected, or not placed
        // The same home again from another agency (a UPRN's point and its postcode's centre
        // are often a few tens of metres apart) is one home: within 150 m of the last.
        if (!layer.homes.empty()) {
            const geo::LonLat &last = layer.homes.back().position;
            const double metresPerDegree = 111195.0;
            const double dx = (last.lon - *address.lon) * metresPerDegree
                              * std::cos(*address.lat * std::numbers::pi / 180.0);
            const double dy = (last.lat - *address.lat) * metresPerDegree;
            if (std::hypot(dx, dy) < 150)
                continue;
        }
        const QString from
            = address.from.isValid() ? QString::number(address.from.year()) : tr("?");
        const QString to = address.to.isValid() ? QString::number(address.to.year()) : tr("now");
        layer.homes.push_back({{*address.lon, *address.lat},
                               tr("%1: %2 to %3").arg(layer.homes.size() + 1).arg(from, to),
                               address.precision});
        m_spans.push_back({address.from, address.to});
        include(layer.homes.back().position);
    }
    for (const store::EventView &event : person.events) {
        if (event.withheld || !event.lat || !event.lon)
            continue;
        layer.events.push_back({event.eventId, {*event.lon, *event.lat}, event.agency});
        include(layer.events.back().position);
    }
    m_map->renderer().setPerson(std::move(layer));
    if (!box.isNull())
        m_map->showBox(box);
    else
        m_map->update();

    m_first = QDate();
    for (const Span &span : m_spans) {
        if (span.from.isValid() && (!m_first.isValid() || span.from < m_first))
            m_first = span.from;
    }
    const bool slide = m_first.isValid() && m_first < today;
    m_slider->setEnabled(slide);
    if (slide) {
        m_slider->setRange(0, int(m_first.daysTo(today)));
        m_slider->setValue(m_slider->maximum());
        showDate(m_slider->maximum());
    } else {
        m_dateLabel->setText(person.addressProtected ? tr("Address protected: not shown")
                                                     : QString());
    }
}

void MapPanel::clearPerson()
{
    m_map->renderer().setPerson({});
    m_spans.clear();
    m_slider->setEnabled(false);
    m_dateLabel->clear();
    m_map->update();
}

int MapPanel::homeOn(QDate date) const
{
    // The latest home begun by the date and not ended before it.
    int found = -1;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const Span &span = m_spans[i];
        if ((!span.from.isValid() || span.from <= date) && (!span.to.isValid() || span.to >= date))
            found = int(i);
    }
    return found;
}

void MapPanel::showDate(int day)
{
    if (!m_first.isValid())
        return;
    const QDate date = m_first.addDays(day);
    const int home = homeOn(date);
    PersonLayer layer = m_map->renderer().person();
    layer.highlightedHome = home;
    m_map->renderer().setPerson(std::move(layer));
    m_map->update();
    const QString when = QLocale().toString(date, QLocale::LongFormat);
    m_dateLabel->setText(home >= 0
                             ? tr("Where they lived on %1: address %2").arg(when).arg(home + 1)
                             : tr("%1: no address known").arg(when));
}

void MapPanel::selectEvent(qint64 eventId)
{
    PersonLayer layer = m_map->renderer().person();
    layer.selectedEvent = eventId;
    const auto pin
        = std::find_if(layer.events.cbegin(), layer.events.cend(),
                       [eventId](const PersonLayer::Pin &p) { return p.eventId == eventId; });
    const std::optional<geo::LonLat> where
        = pin == layer.events.cend() ? std::nullopt : std::optional(pin->position);
    m_map->renderer().setPerson(std::move(layer));
    if (where)
        m_map->centreOn(*where);
    else
        m_map->update();
}

} // namespace bv::ui
