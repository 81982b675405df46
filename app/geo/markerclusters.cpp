// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/markerclusters.h"

#include "geo/webmercator.h"

#include <algorithm>
#include <cmath>

namespace bv::geo {

MarkerClusters::MarkerClusters(std::vector<LonLat> points)
{
    m_world.reserve(points.size());
    for (const LonLat &point : points)
        m_world.push_back(webmercator::project(point));
}

const std::vector<MarkerClusters::Cluster> &MarkerClusters::at(int zoom) const
{
    zoom = std::clamp(zoom, 0, kMaxZoom);
    std::lock_guard lock(m_mutex);
    if (const auto found = m_levels.find(zoom); found != m_levels.end())
        return found->second;
    const double cells = std::ldexp(double(webmercator::kTileSize) / kCellPixels, zoom);
    struct Sum
    {
        double x = 0;
        double y = 0;
        int count = 0;
        int first = 0;
    };
    std::unordered_map<quint64, Sum> sums;
    sums.reserve(m_world.size() / 4 + 1);
    for (std::size_t i = 0; i < m_world.size(); ++i) {
        const QPointF &point = m_world[i];
        const auto column = quint64(std::clamp(point.x() * cells, 0.0, cells - 1));
        const auto row = quint64(std::clamp(point.y() * cells, 0.0, cells - 1));
        Sum &sum = sums[(row << 32) | column];
        if (sum.count == 0)
            sum.first = int(i);
        sum.x += point.x();
        sum.y += point.y();
        ++sum.count;
    }
    std::vector<Cluster> clusters;
    clusters.reserve(sums.size());
    for (const auto &[cell, sum] : sums)
        clusters.push_back({QPointF(sum.x / sum.count, sum.y / sum.count), sum.count, sum.first});
    // A fixed order, whatever the hash map's: the same picture every time.
    std::sort(clusters.begin(), clusters.end(),
              [](const Cluster &a, const Cluster &b) { return a.firstPoint < b.firstPoint; });
    return m_levels.emplace(zoom, std::move(clusters)).first->second;
}

} // namespace bv::geo
