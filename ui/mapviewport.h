// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/webmercator.h"

#include <QPointF>
#include <QRectF>
#include <QSize>

#include <cmath>

namespace bv::ui {

// What the map shows: an immutable value the renderer draws from, so a frame never sees a
// pan or zoom half applied. Positions on screen are in logical pixels.
struct MapViewport
{
    static constexpr double kMinZoom = 6;
    static constexpr double kMaxZoom = 18;

    geo::LonLat centre{1.0, 52.65}; // Norfolk
    double zoom = 9;
    QSize size{800, 600};

    double worldPixels() const { return geo::webmercator::kTileSize * std::exp2(zoom); }
    QPointF centreUnit() const { return geo::webmercator::project(centre); }

    QPointF toScreen(const QPointF &unit) const
    {
        return (unit - centreUnit()) * worldPixels() + QPointF(size.width(), size.height()) / 2;
    }
    QPointF toScreen(geo::LonLat position) const
    {
        return toScreen(geo::webmercator::project(position));
    }
    geo::LonLat toLonLat(const QPointF &screen) const
    {
        const QPointF unit
            = centreUnit() + (screen - QPointF(size.width(), size.height()) / 2) / worldPixels();
        return geo::webmercator::unproject(unit);
    }

    // What the screen shows, in degrees: x west, y south, width and height.
    QRectF visibleBox() const
    {
        const geo::LonLat northWest = toLonLat(QPointF(0, 0));
        const geo::LonLat southEast = toLonLat(QPointF(size.width(), size.height()));
        return QRectF(QPointF(northWest.lon, southEast.lat), QPointF(southEast.lon, northWest.lat));
    }

    // Moved by a drag of `pixels` (the map follows the pointer).
    MapViewport panned(const QPointF &pixels) const
    {
        MapViewport next = *this;
        next.centre = geo::webmercator::unproject(centreUnit() - pixels / worldPixels());
        return next;
    }
    // Zoomed by `steps` levels, keeping the point under `anchor` where it is on screen.
    MapViewport zoomedAt(const QPointF &anchor, double steps) const
    {
        MapViewport next = *this;
        next.zoom = std::clamp(zoom + steps, kMinZoom, kMaxZoom);
        const geo::LonLat under = toLonLat(anchor);
        const QPointF after = next.toScreen(under);
        return next.panned(anchor - after);
    }
};

} // namespace bv::ui
