// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/personlocations.h"
#include "store/personrepository.h"
#include "ui/maprenderer.h"

#include <QDate>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QSlider;

namespace bv::ui {

class MapWidget;

// The Map dock: the map, with everyone in the store as clustered markers (filtered by flag and
// agency), and under it a time slider that shows where the open person lived on a chosen
// date. Choosing an event on the timeline centres the map on it; clicking an event's pin on
// the map chooses it on the timeline. The open person's family and household are shown where
// the markers place them.
class MapPanel final : public QWidget
{
    Q_OBJECT

public:
    MapPanel(std::shared_ptr<MapRenderer> renderer, QWidget *parent = nullptr);

    MapWidget *map() const { return m_map; }
    QSlider *timeSlider() const { return m_slider; }
    // Everyone's location, as markers (protected addresses are never among them).
    void setLocations(std::shared_ptr<const geo::PersonLocations> locations);
    const geo::PersonLocations *locations() const { return m_locations.get(); }
    QComboBox *flagFilter() const { return m_flagFilter; }
    QComboBox *agencyFilter() const { return m_agencyFilter; }
    // How many markers the filter leaves.
    qsizetype markersShown() const { return m_markersShown; }
    // The person's homes in order, their events' places and where their family lives; the
    // view fits them.
    void setPerson(const store::PersonView &person, QDate today);
    void clearPerson();
    void selectEvent(qint64 eventId);
    // The home current on a date (the slider sets it), or -1.
    int homeOn(QDate date) const;

    // The family and household drawn for the open person (their person ids), for the audit.
    const QList<qint64> &relativesShown() const { return m_relativesShown; }

Q_SIGNALS:
    void eventClicked(qint64 eventId);
    // The markers were narrowed to a flag or an agency: "who has this flag, where" is a
    // question the audit records. kind and agency are empty for "any".
    void markersFiltered(const QString &flag, const QString &agency, qsizetype shown);

private:
    void showDate(int day);
    void applyFilter();
    static QString relationLabel(const QString &kind);

    MapWidget *m_map = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_dateLabel = nullptr;
    QComboBox *m_flagFilter = nullptr;
    QComboBox *m_agencyFilter = nullptr;
    QLabel *m_markerCount = nullptr;
    std::shared_ptr<const geo::PersonLocations> m_locations;
    qsizetype m_markersShown = 0;
    QList<qint64> m_relativesShown;
    QDate m_first;
    struct Span
    {
        QDate from;
        QDate to; // invalid while current
    };
    std::vector<Span> m_spans; // per home in the layer
};

} // namespace bv::ui
