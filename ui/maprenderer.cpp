// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/maprenderer.h"

#include "models/agencybadge.h"
#include "ui/tilelayer.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <optional>

namespace bv::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::ui::MapRenderer", text);
}

} // namespace

struct MapRenderer::Colours
{
    QColor sea, land, water, district, county, label, halo, marker, cluster, clusterText;
};

namespace {

MapRenderer::Colours coloursFor(bool dark)
{
    if (dark)
        return {QColor(0x1b, 0x2a, 0x38), QColor(0x2d, 0x2f, 0x33), QColor(0x1f, 0x3a, 0x52),
                QColor(0x6a, 0x6d, 0x73), QColor(0xb0, 0xb4, 0xba), QColor(0xf0, 0xf0, 0xf0),
                QColor(0x20, 0x20, 0x20), QColor(0xd8, 0xd8, 0xd8), QColor(0xd8, 0xd8, 0xd8),
                QColor(Qt::black)};
    return {QColor(0xc6, 0xdc, 0xee), QColor(0xf4, 0xf1, 0xea), QColor(0xa9, 0xcc, 0xe8),
            QColor(0x9a, 0x9a, 0x9a), QColor(0x55, 0x55, 0x55), QColor(0x20, 0x20, 0x20),
            QColor(Qt::white),        QColor(0x33, 0x33, 0x40), QColor(0x33, 0x33, 0x40),
            QColor(Qt::white)};
}

// Sutherland-Hodgman: a ring cut to an axis-aligned rectangle (convex, so one pass per side).
std::vector<QPointF> clipRing(const std::vector<QPointF> &ring, const QRectF &rect)
{
    std::vector<QPointF> out = ring;
    const auto clipEdge = [&out](auto inside, auto intersect) {
        if (out.empty())
            return;
        std::vector<QPointF> in;
        in.swap(out);
        QPointF previous = in.back();
        for (const QPointF &current : in) {
            if (inside(current)) {
                if (!inside(previous))
                    out.push_back(intersect(previous, current));
                out.push_back(current);
            } else if (inside(previous)) {
                out.push_back(intersect(previous, current));
            }
            previous = current;
        }
    };
    const auto atX = [](const QPointF &a, const QPointF &b, double x) {
        return QPointF(x, a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x()));
    };
    const auto atY = [](const QPointF &a, const QPointF &b, double y) {
        return QPointF(a.x() + (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()), y);
    };
    clipEdge([&](const QPointF &p) { return p.x() >= rect.left(); },
             [&](const QPointF &a, const QPointF &b) { return atX(a, b, rect.left()); });
    clipEdge([&](const QPointF &p) { return p.x() <= rect.right(); },
             [&](const QPointF &a, const QPointF &b) { return atX(a, b, rect.right()); });
    clipEdge([&](const QPointF &p) { return p.y() >= rect.top(); },
             [&](const QPointF &a, const QPointF &b) { return atY(a, b, rect.top()); });
    clipEdge([&](const QPointF &p) { return p.y() <= rect.bottom(); },
             [&](const QPointF &a, const QPointF &b) { return atY(a, b, rect.bottom()); });
    return out;
}

// Liang-Barsky: the part of a segment inside a rectangle, if any.
std::optional<std::pair<QPointF, QPointF>> clipSegment(const QPointF &a, const QPointF &b,
                                                       const QRectF &rect)
{
    double t0 = 0;
    double t1 = 1;
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    const auto edge = [&](double p, double q) {
        if (p == 0)
            return q >= 0;
        const double t = q / p;
        if (p < 0) {
            if (t > t1)
                return false;
            t0 = std::max(t0, t);
        } else {
            if (t < t0)
                return false;
            t1 = std::min(t1, t);
        }
        return true;
    };
    if (!edge(-dx, a.x() - rect.left()) || !edge(dx, rect.right() - a.x())
        || !edge(-dy, a.y() - rect.top()) || !edge(dy, rect.bottom() - a.y()))
        return std::nullopt;
    return std::pair{QPointF(a.x() + t0 * dx, a.y() + t0 * dy),
                     QPointF(a.x() + t1 * dx, a.y() + t1 * dy)};
}

} // namespace

MapRenderer::MapRenderer(std::shared_ptr<const geo::BaseMap> base)
    : m_base(std::move(base))
{}

void MapRenderer::setHazards(std::vector<HazardLayer> hazards)
{
    m_hazards = std::move(hazards);
    m_levels.clear();
    m_buckets.clear();
}

void MapRenderer::setDark(bool dark)
{
    if (dark != m_dark) { // drawn in the other palette's colours
        m_sprites.clear();
        m_labels.clear();
    }
    m_dark = dark;
}

void MapRenderer::setMarkers(std::shared_ptr<const geo::MarkerClusters> markers)
{
    m_markers = std::move(markers);
}

const std::vector<MapRenderer::Shape> &MapRenderer::shapesAt(int level) const
{
    if (const auto found = m_levels.find(level); found != m_levels.end())
        return found->second;
    const double scale = geo::webmercator::kTileSize * std::exp2(level);
    constexpr double kTolerance = 0.6; // points closer than this to the last kept are left out
    const auto ringsOf = [scale](const std::vector<geo::Polygon> &polygons) {
        std::vector<Ring> rings;
        for (const geo::Polygon &polygon : polygons) {
            for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
                Ring ring;
                for (const geo::LonLat &position : polygon.rings[r]) {
                    const QPointF point = geo::webmercator::project(position) * scale;
                    if (ring.points.empty()
                        || std::abs(point.x() - ring.points.back().x())
                                   + std::abs(point.y() - ring.points.back().y())
                               >= kTolerance)
                        ring.points.push_back(point);
                }
                if (ring.points.size() < 3)
                    continue;
                // Outsides one way round and holes the other, whatever the file did: filled
                // with the winding rule, overlapping polygons stay filled and holes stay open.
                double twiceArea = 0;
                for (std::size_t i = 0, j = ring.points.size() - 1; i < ring.points.size(); j = i++)
                    twiceArea += ring.points[j].x() * ring.points[i].y()
                                 - ring.points[i].x() * ring.points[j].y();
                if ((r == 0) != (twiceArea > 0))
                    std::reverse(ring.points.begin(), ring.points.end());
                QPolygonF outline(QList<QPointF>(ring.points.cbegin(), ring.points.cend()));
                ring.bounds = outline.boundingRect();
                rings.push_back(std::move(ring));
            }
        }
        return rings;
    };
    std::vector<Shape> shapes;
    for (const geo::BaseMap::Layer &layer : m_base->layers) {
        Shape shape;
        shape.fill = layer.kind == geo::BaseMap::Kind::Areas;
        for (const geo::BaseMap::Feature &feature : layer.features) {
            auto rings = ringsOf(feature.polygons);
            std::move(rings.begin(), rings.end(), std::back_inserter(shape.rings));
        }
        shapes.push_back(std::move(shape));
    }
    // Each hazard twice: its fill (cut to buckets), then its outline (never along a cut).
    for (const HazardLayer &hazard : m_hazards) {
        Shape shape;
        for (const geo::Area &area : hazard.areas) {
            auto rings = ringsOf(area.polygons());
            std::move(rings.begin(), rings.end(), std::back_inserter(shape.rings));
        }
        Shape outline = shape;
        outline.fill = false;
        shapes.push_back(std::move(shape));
        shapes.push_back(std::move(outline));
    }
    // A few levels are enough for zooming back and forth; a big hazard layer is costly to keep.
    if (m_levels.size() >= 4) {
        m_levels.clear();
        m_buckets.clear();
    }
    return m_levels.emplace(level, std::move(shapes)).first->second;
}

const MapRenderer::Bucket &MapRenderer::bucketAt(int level, int column, int row) const
{
    const auto key = std::make_tuple(level, column, row);
    if (const auto found = m_buckets.find(key); found != m_buckets.end())
        return found->second;
    const QRectF square(column * kBucketPixels, row * kBucketPixels, kBucketPixels, kBucketPixels);
    // Outlines reach a little past the square, so a line's end is not cut where buckets meet.
    const QRectF near = square.adjusted(-2, -2, 2, 2);
    Bucket bucket;
    for (const Shape &shape : shapesAt(level)) {
        QPainterPath path;
        path.setFillRule(Qt::WindingFill); // see ringsOf: holes are wound the other way
        for (const Ring &ring : shape.rings) {
            if (!ring.bounds.intersects(near))
                continue;
            if (shape.fill) {
                const std::vector<QPointF> cut = ring.bounds.intersected(square) == ring.bounds
                                                     ? ring.points
                                                     : clipRing(ring.points, square);
                if (cut.size() < 3)
                    continue;
                path.moveTo(cut.front());
                for (std::size_t i = 1; i < cut.size(); ++i)
                    path.lineTo(cut[i]);
                path.closeSubpath();
                continue;
            }
            // The segments that cross the square, cut to it (so none is drawn twice where
            // buckets meet), joined into runs.
            bool running = false; // a run is open, ending at runEnd
            QPointF runEnd;
            const std::size_t n = ring.points.size();
            for (std::size_t i = 0; i < n; ++i) {
                const auto cut = clipSegment(ring.points[i], ring.points[(i + 1) % n], square);
                if (!cut) {
                    running = false;
                    continue;
                }
                if (!running || runEnd != cut->first)
                    path.moveTo(cut->first);
                path.lineTo(cut->second);
                runEnd = cut->second;
                running = true;
            }
        }
        bucket.shapes.push_back(std::move(path));
    }
    // Keep the cache to a size: far-off buckets of levels long left go first.
    if (m_buckets.size() > 4096)
        m_buckets.clear();
    return m_buckets.emplace(key, std::move(bucket)).first->second;
}

void MapRenderer::setTiles(TileLayer *tiles)
{
    m_tiles = tiles;
}

void MapRenderer::render(QPainter &painter, const MapViewport &viewport) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    drawBase(painter, viewport);
    drawMarkers(painter, viewport);
    drawLabels(painter, viewport);
    drawPerson(painter, viewport);
    drawOverlays(painter, viewport);
    painter.restore();
}

std::vector<MapRenderer::TileDraw> MapRenderer::visibleTiles(const MapViewport &viewport,
                                                             double devicePixelRatio) const
{
    std::vector<TileDraw> draws;
    const geo::TileSourceInfo &info = m_tiles->info();
    // The level whose pixels are nearest the screen's, within what the source has: beyond its
    // finest level the finest is magnified.
    // On a high-density screen, a level finer per doubling of the pixels, so tiles stay sharp.
    const double density = std::log2(std::max(1.0, devicePixelRatio));
    const int zoom
        = std::clamp(int(std::lround(viewport.zoom + density)), info.minZoom, info.maxZoom);
    const int tiles = 1 << zoom;
    const auto screenOf = [&](double x, double y) {
        const QPointF at = viewport.toScreen(QPointF(x / tiles, y / tiles));
        return QPoint(int(std::floor(at.x())), int(std::floor(at.y())));
    };
    const QRectF box = viewport.visibleBox();
    const auto range
        = geo::webmercator::tilesCovering(box.left(), box.top(), box.right(), box.bottom(), zoom);
    // A source whose levels stop far above the view would need more tiles than are kept.
    if (range.count() > TileLayer::kKeptTiles / 2)
        return draws;
    for (int y = range.minY; y <= range.maxY; ++y)
        for (int x = range.minX; x <= range.maxX; ++x) {
            TileDraw draw;
            // Whole pixels, each tile's edge where the next begins: no hairline seams.
            draw.target = QRect(screenOf(x, y), screenOf(x + 1, y + 1) - QPoint(1, 1));
            draw.pixmap = m_tiles->tile({zoom, x, y});
            draw.exact = !draw.pixmap.isNull();
            if (draw.exact) {
                draw.source = draw.pixmap.rect();
            } else {
                // A coarser tile already here stands in, magnified, until this one comes.
                for (int up = 1; up <= 4 && zoom - up >= info.minZoom; ++up) {
                    const QPixmap parent = m_tiles->localTile({zoom - up, x >> up, y >> up});
                    if (parent.isNull())
                        continue;
                    const int parts = 1 << up;
                    const double side = double(parent.width()) / parts;
                    draw.pixmap = parent;
                    draw.source = QRectF((x % parts) * side, (y % parts) * side, side, side);
                    break;
                }
            }
            draws.push_back(draw);
        }
    return draws;
}

void MapRenderer::drawBase(QPainter &painter, const MapViewport &viewport) const
{
    const MapRenderer::Colours colours = coloursFor(m_dark);
    painter.fillRect(QRect(QPoint(0, 0), viewport.size), colours.sea);
    const int level = std::clamp(int(std::floor(viewport.zoom)), 0, 20);
    const double factor = std::exp2(viewport.zoom - level);
    // The visible part of the level's world, in its pixels, and the buckets over it.
    const QPointF origin = viewport.toScreen(QPointF(0, 0));
    const QRectF visible(-origin / factor, QSizeF(viewport.size) / factor);
    const int firstColumn = int(std::floor(visible.left() / kBucketPixels));
    const int lastColumn = int(std::floor(visible.right() / kBucketPixels));
    const int firstRow = int(std::floor(visible.top() / kBucketPixels));
    const int lastRow = int(std::floor(visible.bottom() / kBucketPixels));
    // Each shape's pieces on screen as one path, filled or stroked once: no seams.
    std::vector<QPainterPath> shapes;
    {
        shapes.resize(shapesAt(level).size());
        for (QPainterPath &path : shapes)
            path.setFillRule(Qt::WindingFill);
        for (int row = firstRow; row <= lastRow; ++row)
            for (int column = firstColumn; column <= lastColumn; ++column) {
                const Bucket &bucket = bucketAt(level, column, row);
                for (std::size_t i = 0; i < shapes.size(); ++i)
                    if (!bucket.shapes[i].isEmpty())
                        shapes[i].addPath(bucket.shapes[i]);
            }
    }
    // Raster tiles: where they cover the whole screen the base layer is not drawn at all;
    // elsewhere it shows through where a tile has not come yet.
    const std::vector<TileDraw> tiles
        = m_tiles ? visibleTiles(viewport, painter.device()->devicePixelRatioF())
                  : std::vector<TileDraw>();
    m_tilesCovered = !tiles.empty()
                     && std::all_of(tiles.begin(), tiles.end(),
                                    [](const TileDraw &tile) { return tile.exact; });
    painter.save();
    painter.translate(origin);
    painter.scale(factor, factor);
    // Fills without antialiasing (it triples a frame's cost at county scale); the outlines
    // drawn over their edges are antialiased, so the eye sees smooth coasts and boundaries.
    painter.setRenderHint(QPainter::Antialiasing, false);
    const std::size_t baseLayers = m_tilesCovered ? 0 : m_base->layers.size();
    for (std::size_t i = 0; i < baseLayers; ++i) {
        const geo::BaseMap::Layer &layer = m_base->layers[i];
        if (layer.kind == geo::BaseMap::Kind::Areas) {
            const bool water = layer.name.contains(QLatin1String("water"));
            painter.fillPath(shapes[i], water ? colours.water : colours.land);
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t i = 0; i < baseLayers; ++i) {
        const geo::BaseMap::Layer &layer = m_base->layers[i];
        if (layer.kind == geo::BaseMap::Kind::Outlines) {
            const bool county = layer.name == QLatin1String("county");
            // District lines are many and faint: drawn plain, they cost a third as much.
            painter.setRenderHint(QPainter::Antialiasing, county);
            // One pixel, cosmetic: Qt's fast line drawer; wider pens go through its stroker,
            // which costs ten times as much. The county is told apart by its darker colour.
            QPen pen(county ? colours.county : colours.district, 1.0,
                     county ? Qt::SolidLine : Qt::DashLine);
            pen.setCosmetic(true); // the same width at every zoom
            painter.strokePath(shapes[i], pen);
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (!tiles.empty()) {
        painter.restore(); // tiles are placed in screen pixels
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        for (const TileDraw &tile : tiles)
            if (!tile.pixmap.isNull())
                painter.drawPixmap(QRectF(tile.target), tile.pixmap, tile.source);
        painter.restore();
        painter.save();
        painter.translate(origin);
        painter.scale(factor, factor);
    }
    const std::size_t hazardShapes = m_base->layers.size();
    for (std::size_t i = 0; i < m_hazards.size(); ++i) {
        QColor fill = m_hazards[i].colour;
        fill.setAlphaF(0.35f);
        painter.fillPath(shapes[hazardShapes + 2 * i], fill);
        QPen pen(m_hazards[i].colour, 1.0);
        pen.setCosmetic(true);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.strokePath(shapes[hazardShapes + 2 * i + 1], pen);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    painter.restore();
}

const QPixmap &MapRenderer::labelSprite(const geo::BaseMap::Place &place, const QFont &font,
                                        const Colours &colours) const
{
    // Text is the dearest thing a frame draws: each name (with its halo) is drawn once.
    const QString key = place.name + QLatin1Char('|') + QString::number(place.rank);
    if (const auto found = m_labels.find(key); found != m_labels.end())
        return found->second;
    const QFontMetricsF metrics(font);
    QPixmap pixmap(QSize(int(std::ceil(metrics.horizontalAdvance(place.name) + 4)),
                         int(std::ceil(metrics.height() + 2))));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);
    const QRectF box(QPointF(0, 0), QSizeF(pixmap.size()));
    painter.setPen(colours.halo);
    for (const QPointF offset : {QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1)})
        painter.drawText(box.translated(offset), Qt::AlignCenter, place.name);
    painter.setPen(colours.label);
    painter.drawText(box, Qt::AlignCenter, place.name);
    painter.end();
    return m_labels.emplace(key, std::move(pixmap)).first->second;
}

const QPixmap &MapRenderer::sprite(int count) const
{
    // A cluster's mark with its count, drawn once per count: text is dear, blitting is not.
    if (const auto found = m_sprites.find(count); found != m_sprites.end())
        return found->second;
    const MapRenderer::Colours colours = coloursFor(m_dark);
    const int diameter
        = count == 1 ? 9 : std::min(44, 16 + int(7 * std::log10(double(std::max(1, count)))));
    QPixmap pixmap(diameter + 2, diameter + 2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(colours.cluster);
    painter.setPen(QPen(colours.halo, 1.2));
    painter.drawEllipse(QRectF(1, 1, diameter, diameter));
    if (count > 1) {
        QFont font;
        font.setPixelSize(count >= 1000 ? 9 : 11);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(colours.clusterText);
        painter.drawText(QRectF(0, 0, diameter + 2, diameter + 2), Qt::AlignCenter,
                         QString::number(count));
    }
    painter.end();
    return m_sprites.emplace(count, std::move(pixmap)).first->second;
}

void MapRenderer::drawMarkers(QPainter &painter, const MapViewport &viewport) const
{
    if (!m_markers)
        return;
    const int level = std::clamp(int(std::floor(viewport.zoom)), 0, geo::MarkerClusters::kMaxZoom);
    const QRectF visible = QRectF(QPointF(0, 0), viewport.size).adjusted(-30, -30, 30, 30);
    for (const geo::MarkerClusters::Cluster &cluster : m_markers->at(level)) {
        const QPointF at = viewport.toScreen(cluster.world);
        if (!visible.contains(at))
            continue;
        const QPixmap &mark = sprite(cluster.count);
        painter.drawPixmap(at - QPointF(mark.width(), mark.height()) / 2, mark);
    }
}

void MapRenderer::drawLabels(QPainter &painter, const MapViewport &viewport) const
{
    const geo::BaseMap::Layer *places = m_base->layer(QStringLiteral("places"));
    if (!places || m_tilesCovered) // raster tiles carry their own names
        return;
    // More of the smaller places as the map zooms in.
    const int maxRank = viewport.zoom < 8      ? 1
                        : viewport.zoom < 9    ? 2
                        : viewport.zoom < 10.5 ? 3
                                               : 4;
    const MapRenderer::Colours colours = coloursFor(m_dark);
    std::vector<const geo::BaseMap::Place *> chosen;
    for (const geo::BaseMap::Place &place : places->places) {
        if (place.rank <= maxRank)
            chosen.push_back(&place);
    }
    std::sort(chosen.begin(), chosen.end(), [](const auto *a, const auto *b) {
        return a->rank != b->rank ? a->rank < b->rank : a->weight > b->weight;
    });
    std::vector<QRectF> taken;
    const QRectF screen(QPointF(0, 0), viewport.size);
    QFont base = painter.font();
    for (const geo::BaseMap::Place *place : chosen) {
        QFont font = base;
        font.setPixelSize(place->rank == 1 ? 15 : place->rank == 2 ? 13 : 11);
        font.setBold(place->rank <= 2);
        const QFontMetricsF metrics(font);
        const QPointF at = viewport.toScreen(place->position);
        QRectF box(at.x() - metrics.horizontalAdvance(place->name) / 2 - 2,
                   at.y() - metrics.height() - 3, metrics.horizontalAdvance(place->name) + 4,
                   metrics.height() + 2);
        if (!screen.contains(box))
            continue;
        if (std::any_of(taken.cbegin(), taken.cend(),
                        [&box](const QRectF &other) { return other.intersects(box); }))
            continue;
        taken.push_back(box);
        painter.drawPixmap(box.topLeft(), labelSprite(*place, font, colours));
        painter.setBrush(colours.label);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(at, 2, 2);
    }
    painter.setFont(base);
}

qint64 MapRenderer::eventAt(const MapViewport &viewport, const QPointF &screen) const
{
    for (auto pin = m_person.events.crbegin(); pin != m_person.events.crend(); ++pin) {
        const QPointF at = viewport.toScreen(pin->position);
        if (std::abs(at.x() - screen.x()) <= 9 && std::abs(at.y() - screen.y()) <= 9)
            return pin->eventId;
    }
    return 0;
}

void MapRenderer::drawPerson(QPainter &painter, const MapViewport &viewport) const
{
    if (m_person.homes.empty() && m_person.events.empty() && m_person.relatives.empty())
        return;
    const MapRenderer::Colours colours = coloursFor(m_dark);
    const QColor route = m_dark ? QColor(0xf0, 0xe4, 0x42) : QColor(0x6a, 0x1b, 0x9a);
    const QColor family = m_dark ? QColor(0x56, 0xb4, 0xe9) : QColor(0x00, 0x5a, 0x8c);
    const QColor panel = m_dark ? QColor(0x20, 0x20, 0x20, 230) : QColor(255, 255, 255, 230);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Family and household first, so the person's own homes are drawn over them: a diamond,
    // and under it who lives there.
    {
        QFont small = painter.font();
        small.setPixelSize(11);
        painter.setFont(small);
        const QFontMetricsF smallMetrics(small);
        for (const PersonLayer::Relatives &place : m_person.relatives) {
            const QPointF at = viewport.toScreen(place.position);
            QPolygonF diamond;
            diamond << at + QPointF(0, -8) << at + QPointF(8, 0) << at + QPointF(0, 8)
                    << at + QPointF(-8, 0);
            painter.setPen(QPen(colours.halo, 2));
            painter.setBrush(family);
            painter.drawPolygon(diamond);
            const QRectF box(at.x() - smallMetrics.horizontalAdvance(place.label) / 2 - 4,
                             at.y() + 14, smallMetrics.horizontalAdvance(place.label) + 8,
                             smallMetrics.height() + 4);
            painter.fillRect(box, panel);
            painter.setPen(family);
            painter.drawText(box, Qt::AlignCenter, place.label);
        }
    }
    // The moves, in order.
    if (m_person.homes.size() > 1) {
        QPainterPath moves;
        moves.moveTo(viewport.toScreen(m_person.homes.front().position));
        for (std::size_t i = 1; i < m_person.homes.size(); ++i)
            moves.lineTo(viewport.toScreen(m_person.homes[i].position));
        painter.strokePath(moves, QPen(route, 2.5, Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
    }
    QFont font = painter.font();
    font.setPixelSize(12);
    font.setBold(true);
    const QFontMetricsF metrics(font);
    for (std::size_t i = 0; i < m_person.homes.size(); ++i) {
        const PersonLayer::Home &home = m_person.homes[i];
        const QPointF at = viewport.toScreen(home.position);
        const bool highlighted = int(i) == m_person.highlightedHome;
        const double radius = highlighted ? 13 : 10;
        painter.setPen(QPen(colours.halo, 2));
        painter.setBrush(route);
        painter.drawEllipse(at, radius, radius);
        if (highlighted) {
            painter.setPen(QPen(route, 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(at, radius + 4, radius + 4);
        }
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius),
                         Qt::AlignCenter, QString::number(i + 1));
        // Its dates beside it, on a panel so they read over anything.
        const QRectF box(at.x() + radius + 4, at.y() - metrics.height() / 2 - 2,
                         metrics.horizontalAdvance(home.label) + 8, metrics.height() + 4);
        painter.fillRect(box, panel);
        painter.setPen(colours.label);
        painter.drawText(box, Qt::AlignCenter, home.label);
    }
    // Where things happened: the agency's badge icon; the chosen one ringed.
    for (const PersonLayer::Pin &pin : m_person.events) {
        const QPointF at = viewport.toScreen(pin.position);
        const bool selected = pin.eventId == m_person.selectedEvent;
        const double half = selected ? 11 : 8;
        models::agencyIcon(pin.agency, m_dark)
            .paint(&painter, QRectF(at.x() - half, at.y() - half, 2 * half, 2 * half).toRect());
        if (selected) {
            painter.setPen(QPen(colours.label, 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(at, half + 5, half + 5);
        }
    }
    painter.restore();
}

void MapRenderer::drawOverlays(QPainter &painter, const MapViewport &viewport) const
{
    const MapRenderer::Colours colours = coloursFor(m_dark);
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const QColor panel = m_dark ? QColor(0x20, 0x20, 0x20, 220) : QColor(255, 255, 255, 220);

    // Scale bar: the longest 1, 2 or 5 times a power of ten that fits in 120 pixels.
    const double metresPerPixel
        = geo::webmercator::metresPerPixel(viewport.centre.lat, viewport.zoom);
    double metres = std::pow(10.0, std::floor(std::log10(120 * metresPerPixel)));
    for (const double step : {5.0, 2.0, 1.0}) {
        if (step * metres / metresPerPixel <= 120) {
            metres *= step;
            break;
        }
    }
    const double length = metres / metresPerPixel;
    const QString scaleText
        = metres >= 1000 ? tr("%1 km").arg(metres / 1000) : tr("%1 m").arg(metres);
    const QRectF scaleBox(8, viewport.size.height() - 30, length + 16, 24);
    painter.fillRect(scaleBox, panel);
    painter.setPen(QPen(colours.label, 2));
    const double y = scaleBox.bottom() - 6;
    painter.drawLine(QPointF(16, y), QPointF(16 + length, y));
    painter.drawLine(QPointF(16, y - 4), QPointF(16, y));
    painter.drawLine(QPointF(16 + length, y - 4), QPointF(16 + length, y));
    painter.drawText(QRectF(16, scaleBox.top(), length, 14), Qt::AlignCenter, scaleText);

    // Attribution, as the data's licences require.
    // Raster tiles' licences want their own line; the base layer's data is still drawn (and
    // places people by postcode) underneath.
    const QString tileAttribution = m_tiles ? m_tiles->info().attribution : QString();
    const QString attribution = tileAttribution.isEmpty()
                                    ? m_base->attribution
                                    : tileAttribution + QStringLiteral(" | ") + m_base->attribution;
    // Beside the scale bar, elided only on a map too narrow for the whole line.
    const double width = std::min<double>(std::max(100, viewport.size.width() - 180),
                                          metrics.horizontalAdvance(attribution) + 8);
    const QRectF attributionBox(viewport.size.width() - width, viewport.size.height() - 16, width,
                                16);
    painter.fillRect(attributionBox, panel);
    painter.setPen(colours.label);
    painter.drawText(attributionBox.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight,
                     metrics.elidedText(attribution, Qt::ElideLeft, width - 8));

    // The hazards' legend.
    double top = 8;
    for (const HazardLayer &hazard : m_hazards) {
        const QRectF box(8, top, metrics.horizontalAdvance(hazard.legend) + 34, 20);
        painter.fillRect(box, panel);
        QColor fill = hazard.colour;
        fill.setAlphaF(0.5f);
        painter.fillRect(QRectF(box.left() + 6, box.top() + 4, 16, 12), fill);
        painter.setPen(hazard.colour);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(box.left() + 6, box.top() + 4, 16, 12));
        painter.setPen(colours.label);
        painter.drawText(box.adjusted(28, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         hazard.legend);
        top += 22;
    }
}

} // namespace bv::ui
