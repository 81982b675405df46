// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/area.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace bv::geo {

// The offline base layer (resources/map/basemap.bvmap, made by tools/make-basemap.py from the
// public data): land, tidal waters, district and county outlines, and places ranked by size,
// with the attribution their licences require. Immutable once read.
struct BaseMap
{
    enum class Kind { Areas = 1, Outlines = 2, Places = 3 };

    struct Feature
    {
        QString label;
        std::vector<Polygon> polygons;
    };
    struct Place
    {
        QString name;
        int rank = 4;       // 1 city, 2 town, 3 small town, 4 village
        quint32 weight = 0; // which label wins where two would overlap
        LonLat position;
    };
    struct Layer
    {
        Kind kind = Kind::Areas;
        QString name;
        std::vector<Feature> features; // Areas and Outlines
        std::vector<Place> places;     // Places
    };

    std::vector<Layer> layers;
    QString attribution;

    const Layer *layer(const QString &name) const;

    // Reads the compressed file; a damaged or truncated one is refused, saying so.
    [[nodiscard]] static Result<BaseMap> read(const QByteArray &compressed, const QString &origin);
    // The one shipped in the resources.
    [[nodiscard]] static Result<BaseMap> shipped();
};

} // namespace bv::geo
