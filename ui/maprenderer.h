// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/area.h"
#include "geo/basemap.h"
#include "geo/markerclusters.h"
#include "ui/mapviewport.h"

#include <QColor>
#include <QPainterPath>
#include <QPixmap>
#include <QPointer>

#include <map>
#include <memory>
#include <tuple>
#include <vector>

class QPainter;

namespace bv::ui {

class TileLayer;

// Hazard areas drawn over the base map, with their legend entry.
struct HazardLayer
{
    QString legend; // "Flood zone 3 (illustrative, not Environment Agency data)"
    std::vector<geo::Area> areas;
    QColor colour;
};

// The open person on the map: where they lived, in order, and where things happened to them.
struct PersonLayer
{
    struct Home
    {
        geo::LonLat position;
        QString label;     // "2: 2015 to 2019"
        QString precision; // as the address gives it
    };
    struct Pin
    {
        qint64 eventId = 0;
        geo::LonLat position;
        QString agency;
    };
    // Where their family and household live now, as the map's markers place them (people at
    // protected addresses are not among them): one mark a place, naming who lives there.
    struct Relatives
    {
        geo::LonLat position;
        QString label; // "Lucy Deacon (parent), Sam Deacon (sibling)"
    };
    std::vector<Home> homes; // oldest first
    std::vector<Pin> events;
    std::vector<Relatives> relatives;
    int highlightedHome = -1; // where they lived on the time slider's date
    qint64 selectedEvent = 0; // the event chosen on the timeline
};

// Draws the map into any QPainter (the widget, a PNG, a test image) from a viewport: the base
// layer, hazard areas, clustered markers, place labels, the scale bar and the attribution.
// The base layer's outlines are kept as paths per zoom level, thinned to what a pixel shows,
// and the marker sprites are drawn once; so a frame is a few cached paths and sprites.
// GUI thread only: its sprites are QPixmaps and its caches are not shared between threads.
class MapRenderer
{
public:
    explicit MapRenderer(std::shared_ptr<const geo::BaseMap> base);

    void setHazards(std::vector<HazardLayer> hazards);
    const std::vector<HazardLayer> &hazards() const { return m_hazards; }
    void setMarkers(std::shared_ptr<const geo::MarkerClusters> markers);
    const geo::MarkerClusters *markers() const { return m_markers.get(); }
    void setPerson(PersonLayer person) { m_person = std::move(person); }
    const PersonLayer &person() const { return m_person; }
    // The event pin under a point on screen, or 0.
    qint64 eventAt(const MapViewport &viewport, const QPointF &screen) const;
    void setDark(bool dark);
    // Raster tiles drawn over the base layer (which still shows where a tile has not come);
    // null: the base layer alone. Not owned.
    void setTiles(TileLayer *tiles);

    void render(QPainter &painter, const MapViewport &viewport) const;

    const geo::BaseMap &baseMap() const { return *m_base; }

    struct Colours;

private:
    // A ring in a level's world pixels, thinned, with its bounding box.
    struct Ring
    {
        std::vector<QPointF> points;
        QRectF bounds;
    };
    // What is drawn, per layer: the base layers, then the hazard layers.
    struct Shape
    {
        bool fill = true;
        std::vector<Ring> rings;
    };
    // One square of a level's world, kBucketPixels a side: each shape cut to it (fills clipped
    // to the square, outlines as the segments that cross it), so a frame draws only what is
    // on screen, however far the map is zoomed in.
    struct Bucket
    {
        std::vector<QPainterPath> shapes;
    };
    static constexpr int kBucketPixels = 512;
    const std::vector<Shape> &shapesAt(int level) const;
    const Bucket &bucketAt(int level, int column, int row) const;
    void drawBase(QPainter &painter, const MapViewport &viewport) const;
    // A raster tile as a frame draws it: the tile itself, or a magnified part of a coarser
    // one standing in until it comes.
    struct TileDraw
    {
        QRect target;
        QPixmap pixmap; // shared with the layer's cache, which may drop its own mid-frame
        QRectF source;
        bool exact = false;
    };
    std::vector<TileDraw> visibleTiles(const MapViewport &viewport, double devicePixelRatio) const;
    void drawMarkers(QPainter &painter, const MapViewport &viewport) const;
    void drawLabels(QPainter &painter, const MapViewport &viewport) const;
    void drawPerson(QPainter &painter, const MapViewport &viewport) const;
    void drawOverlays(QPainter &painter, const MapViewport &viewport) const;
    const QPixmap &sprite(int count) const;
    const QPixmap &labelSprite(const geo::BaseMap::Place &place, const QFont &font,
                               const Colours &colours) const;

    std::shared_ptr<const geo::BaseMap> m_base;
    std::vector<HazardLayer> m_hazards;
    std::shared_ptr<const geo::MarkerClusters> m_markers;
    PersonLayer m_person;
    bool m_dark = false;
    QPointer<TileLayer> m_tiles;
    mutable bool m_tilesCovered = false; // the last frame's tiles hid the base layer
    mutable std::map<int, std::vector<Shape>> m_levels;
    mutable std::map<std::tuple<int, int, int>, Bucket> m_buckets;
    mutable std::map<int, QPixmap> m_sprites;
    mutable std::map<QString, QPixmap> m_labels;
};

} // namespace bv::ui
