// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/area.h"

#include <QPointF>

#include <mutex>
#include <unordered_map>
#include <vector>

namespace bv::geo {

// Points grouped per zoom level, so the whole county draws as a few hundred marks: at each
// integer zoom the world is cut into cells of kCellPixels and the points in a cell become one
// cluster at their mean position. Every point is in exactly one cluster at every zoom. Built
// lazily per zoom and kept; safe to read from several threads.
class MarkerClusters
{
public:
    static constexpr int kCellPixels = 56;
    static constexpr int kMaxZoom = 19;

    struct Cluster
    {
        QPointF world;      // the mean position, in the unit square of Web Mercator
        int count = 0;      // points in it
        int firstPoint = 0; // one of them (its index in the points given), for a lone marker
    };

    explicit MarkerClusters(std::vector<LonLat> points);

    qsizetype size() const { return qsizetype(m_world.size()); }
    // The clusters at a zoom (clamped to 0..kMaxZoom).
    const std::vector<Cluster> &at(int zoom) const;

private:
    std::vector<QPointF> m_world; // the points projected once
    mutable std::mutex m_mutex;
    mutable std::unordered_map<int, std::vector<Cluster>> m_levels;
};

} // namespace bv::geo
