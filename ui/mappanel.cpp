// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mappanel.h"

#include "common/agencies.h"
#include "search/personsearch.h"
#include "ui/mapwidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QSet>
#include <QSlider>
#include <QVBoxLayout>

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

    m_flagFilter = new QComboBox(this);
    m_flagFilter->setAccessibleName(tr("Show people with flag"));
    m_flagFilter->setAccessibleDescription(
        tr("Markers for everyone, or only the people with this flag"));
    m_flagFilter->addItem(tr("Everyone"), -1);
    for (qsizetype i = 0; i < geo::PersonLocations::flagKinds().size(); ++i)
        m_flagFilter->addItem(search::flagLabel(geo::PersonLocations::flagKinds().at(i)), int(i));
    m_agencyFilter = new QComboBox(this);
    m_agencyFilter->setAccessibleName(tr("Show people known to"));
    m_agencyFilter->setAccessibleDescription(
        tr("Markers for people known to any agency, or only to this one"));
    m_agencyFilter->addItem(tr("Any agency"), -1);
    for (qsizetype i = 0; i < agencyOrder().size(); ++i)
        m_agencyFilter->addItem(search::agencyLabel(agencyOrder().at(i)), int(i));
    m_markerCount = new QLabel(this);
    m_markerCount->setAccessibleName(tr("People on the map"));
    connect(m_flagFilter, &QComboBox::currentIndexChanged, this, &MapPanel::applyFilter);
    connect(m_agencyFilter, &QComboBox::currentIndexChanged, this, &MapPanel::applyFilter);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_flagFilter);
    filters->addWidget(m_agencyFilter);
    filters->addWidget(m_markerCount, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_slider, 1);
    row->addWidget(m_dateLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_map, 1);
    layout->addLayout(row);
    setTabOrder(m_flagFilter, m_agencyFilter);
    setTabOrder(m_agencyFilter, m_map);
    setTabOrder(m_map, m_slider);
}

void MapPanel::setLocations(std::shared_ptr<const geo::PersonLocations> locations)
{
    m_locations = std::move(locations);
    applyFilter();
}

void MapPanel::applyFilter()
{
    if (!m_locations) {
        m_map->renderer().setMarkers({});
        m_markerCount->clear();
        m_markersShown = 0;
        m_map->update();
        return;
    }
    const int flag = m_flagFilter->currentData().toInt();
    const int agency = m_agencyFilter->currentData().toInt();
    std::vector<geo::LonLat> shown;
    if (flag < 0 && agency < 0) {
        shown = m_locations->positions;
    } else {
        for (std::size_t i = 0; i < m_locations->positions.size(); ++i) {
            if (flag >= 0 && !(m_locations->flags[i] & (quint32(1) << flag)))
                continue;
            if (agency >= 0 && !(m_locations->agencies[i] & (quint32(1) << agency)))
                continue;
            shown.push_back(m_locations->positions[i]);
        }
    }
    m_markersShown = qsizetype(shown.size());
    m_markerCount->setText(tr("%n person(s) on the map", nullptr, int(m_markersShown))
                           + (m_locations->leftOutProtected > 0
                                  ? tr("; %n at or near protected addresses never shown", nullptr,
                                       int(m_locations->leftOutProtected))
                                  : QString()));
    m_map->renderer().setMarkers(std::make_shared<const geo::MarkerClusters>(std::move(shown)));
    m_map->update();
    if (flag >= 0 || agency >= 0)
        Q_EMIT markersFiltered(flag >= 0 ? geo::PersonLocations::flagKinds().at(flag) : QString(),
                               agency >= 0 ? agencyOrder().at(agency) : QString(), m_markersShown);
}

QString MapPanel::relationLabel(const QString &kind)
{
    if (kind == QLatin1String("parent"))
        return tr("parent");
    if (kind == QLatin1String("child"))
        return tr("child");
    if (kind == QLatin1String("sibling"))
        return tr("sibling");
    if (kind == QLatin1String("twin"))
        return tr("twin");
    if (kind == QLatin1String("partner"))
        return tr("partner");
    if (kind == QLatin1String("household_member"))
        return tr("lives with them");
    return kind;
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
            if (geo::metresBetween(layer.homes.back().position, {*address.lon, *address.lat}) < 150)
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
    // Family and household where the markers place them, one mark a place. Not for a person
    // whose own address is protected: whoever lives with them would show where.
    m_relativesShown.clear();
    if (m_locations && !person.addressProtected) {
        QMap<std::pair<qint64, qint64>, PersonLayer::Relatives> places;
        QSet<qint64> seen{person.personId};
        for (const store::RelationshipView &relation : person.relationships) {
            if (relation.withheld || relation.relatedPersonId == 0
                || seen.contains(relation.relatedPersonId))
                continue;
            seen.insert(relation.relatedPersonId);
            const auto where = m_locations->positionOf(relation.relatedPersonId);
            if (!where)
                continue;
            const std::pair<qint64, qint64> key{qRound64(where->lon * 1e5),
                                                qRound64(where->lat * 1e5)};
            m_relativesShown << relation.relatedPersonId;
            PersonLayer::Relatives &place = places[key];
            place.position = *where;
            const QString who = tr("%1 (%2)").arg(
                relation.relatedName.isEmpty() ? tr("person %1").arg(relation.relatedPersonId)
                                               : relation.relatedName,
                relationLabel(relation.kind));
            place.label = place.label.isEmpty() ? who : place.label + QStringLiteral(", ") + who;
        }
        for (const PersonLayer::Relatives &place : places) {
            layer.relatives.push_back(place);
            include(place.position);
        }
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
    m_relativesShown.clear();
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
