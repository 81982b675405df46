// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/gridconverter.h"

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <vector>

namespace bv::geo {

using feeds::LonLat;

// Metres between two nearby points, on a local flat projection (exact enough within a county,
// as the area's edge distances are).
[[nodiscard]] double metresBetween(LonLat a, LonLat b);

// A polygon's rings in WGS84: the first is the outside, the rest are holes.
struct Polygon
{
    std::vector<std::vector<LonLat>> rings;
};

// A named area (a hazard zone, a drawn polygon or circle): one or more polygons.
class Area
{
public:
    Area() = default;
    Area(QString name, std::vector<Polygon> polygons);

    // A circle as a polygon of `segments` sides, for the area query's drawn circles.
    static Area circle(const QString &name, LonLat centre, double radiusMetres, int segments = 128);

    const QString &name() const { return m_name; }
    const std::vector<Polygon> &polygons() const { return m_polygons; }
    // West, south, east, north, as x = lon and y = lat.
    const QRectF &bounds() const { return m_bounds; }
    bool isEmpty() const { return m_polygons.empty(); }
    qsizetype vertexCount() const;

    // Inside one of the polygons (and none of its holes). A point on an edge or a vertex is
    // inside: a house on the line of a flood zone is in it.
    bool contains(LonLat point) const;
    // How far the point is from the nearest edge, in metres (on a local flat projection,
    // good to well under a metre across a county).
    double distanceToEdgeMetres(LonLat point) const;

    // For a location that may be off by up to `uncertainty` metres: Inside when some polygon
    // holds it at least that far from its own edges (polygons that overlap, as flood zones 2
    // and 3 do, do not make each other's inner edges count), Near when it is within that of
    // some polygon, Outside otherwise. edgeMetres: the distance to the deciding polygon's edge.
    enum class Placement { Inside, Near, Outside };
    Placement classify(LonLat point, double uncertainty, double *edgeMetres = nullptr) const;

private:
    QString m_name;
    std::vector<Polygon> m_polygons;
    QRectF m_bounds;
};

// Areas from GeoJSON: a FeatureCollection, a Feature or a bare geometry; Polygon and
// MultiPolygon. Coordinates in WGS84, or in British National Grid (EPSG:27700, as the
// Environment Agency publishes its flood maps), named by a "crs" member or recognised by
// their size. Each feature's name is its "name" property, else its "zone", else its number.
// Errors say which feature and what is wrong.
[[nodiscard]] Result<std::vector<Area>> readGeoJsonAreas(const QByteArray &json,
                                                         const QString &origin);

} // namespace bv::geo
