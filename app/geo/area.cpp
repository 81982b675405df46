// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/area.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

namespace bv::geo {

namespace {

constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0; // mean Earth radius

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::Area", text);
}

// Whether p lies on the segment a-b, to within a hair of a degree (about a millimetre).
bool onSegment(const LonLat &p, const LonLat &a, const LonLat &b)
{
    constexpr double kEpsilon = 1e-9;
    const double cross = (b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon);
    if (std::abs(cross) > kEpsilon)
        return false;
    return p.lon >= std::min(a.lon, b.lon) - kEpsilon && p.lon <= std::max(a.lon, b.lon) + kEpsilon
           && p.lat >= std::min(a.lat, b.lat) - kEpsilon
           && p.lat <= std::max(a.lat, b.lat) + kEpsilon;
}

enum class Side { Outside, Inside, Edge };

// Crossing number, after an explicit test for the boundary (which crossing counts get wrong
// either way).
Side ringSide(const std::vector<LonLat> &ring, const LonLat &p)
{
    bool inside = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const LonLat &a = ring[i];
        const LonLat &b = ring[j];
        if (onSegment(p, a, b))
            return Side::Edge;
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double lonAtLat = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if (p.lon < lonAtLat)
                inside = !inside;
        }
    }
    return inside ? Side::Inside : Side::Outside;
}

bool polygonContains(const Polygon &polygon, const LonLat &p)
{
    if (polygon.rings.empty())
        return false;
    const Side outer = ringSide(polygon.rings.front(), p);
    if (outer == Side::Outside)
        return false;
    if (outer == Side::Edge)
        return true;
    for (std::size_t hole = 1; hole < polygon.rings.size(); ++hole) {
        const Side side = ringSide(polygon.rings[hole], p);
        if (side == Side::Inside)
            return false; // in the hole; its edge still belongs to the area
    }
    return true;
}

QRectF boundsOf(const std::vector<Polygon> &polygons)
{
    double west = 180, east = -180, south = 90, north = -90;
    for (const Polygon &polygon : polygons) {
        for (const LonLat &point :
             polygon.rings.empty() ? std::vector<LonLat>{} : polygon.rings.front()) {
            west = std::min(west, point.lon);
            east = std::max(east, point.lon);
            south = std::min(south, point.lat);
            north = std::max(north, point.lat);
        }
    }
    if (west > east)
        return {};
    return {QPointF(west, south), QPointF(east, north)};
}

} // namespace

Area::Area(QString name, std::vector<Polygon> polygons)
    : m_name(std::move(name))
    , m_polygons(std::move(polygons))
    , m_bounds(boundsOf(m_polygons))
{}

double metresBetween(LonLat a, LonLat b)
{
    const double dx
        = (a.lon - b.lon) * kMetresPerDegree * std::cos(a.lat * std::numbers::pi / 180.0);
    const double dy = (a.lat - b.lat) * kMetresPerDegree;
    return std::hypot(dx, dy);
}

Area Area::circle(const QString &name, LonLat centre, double radiusMetres, int segments)
{
    Polygon polygon;
    std::vector<LonLat> ring;
    const double latRadius = radiusMetres / kMetresPerDegree;
    const double lonRadius
        = latRadius / std::max(1e-6, std::cos(centre.lat * std::numbers::pi / 180.0));
    for (int i = 0; i < segments; ++i) {
        const double angle = 2 * std::numbers::pi * i / segments;
        ring.push_back(
            {centre.lon + lonRadius * std::cos(angle), centre.lat + latRadius * std::sin(angle)});
    }
    polygon.rings.push_back(std::move(ring));
    return Area(name, {std::move(polygon)});
}

qsizetype Area::vertexCount() const
{
    qsizetype count = 0;
    for (const Polygon &polygon : m_polygons)
        for (const auto &ring : polygon.rings)
            count += qsizetype(ring.size());
    return count;
}

bool Area::contains(LonLat point) const
{
    // The bounds, with the edges in: a point on the outline is inside.
    if (point.lon < m_bounds.left() || point.lon > m_bounds.right() || point.lat < m_bounds.top()
        || point.lat > m_bounds.bottom())
        return false;
    return std::any_of(m_polygons.cbegin(), m_polygons.cend(), [&point](const Polygon &polygon) {
        return polygonContains(polygon, point);
    });
}

namespace {

double polygonEdgeMetres(const Polygon &polygon, LonLat point)
{
    const double xScale = kMetresPerDegree * std::cos(point.lat * std::numbers::pi / 180.0);
    const auto local = [&](const LonLat &p) {
        return std::pair{(p.lon - point.lon) * xScale, (p.lat - point.lat) * kMetresPerDegree};
    };
    double best = std::numeric_limits<double>::infinity();
    for (const auto &ring : polygon.rings) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const auto [ax, ay] = local(ring[j]);
            const auto [bx, by] = local(ring[i]);
            const double dx = bx - ax;
            const double dy = by - ay;
            const double length2 = dx * dx + dy * dy;
            const double t
                = length2 > 0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
            best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
        }
    }
    return best;
}

} // namespace

double Area::distanceToEdgeMetres(LonLat point) const
{
    double best = std::numeric_limits<double>::infinity();
    for (const Polygon &polygon : m_polygons)
        best = std::min(best, polygonEdgeMetres(polygon, point));
    return best;
}

Area::Placement Area::classify(LonLat point, double uncertainty, double *edgeMetres) const
{
    Placement placement = Placement::Outside;
    double nearest = std::numeric_limits<double>::infinity();
    for (const Polygon &polygon : m_polygons) {
        const double edge = polygonEdgeMetres(polygon, point);
        const bool inside = polygonContains(polygon, point);
        if (inside && edge >= uncertainty) {
            if (edgeMetres)
                *edgeMetres = edge;
            return Placement::Inside;
        }
        if (inside || edge <= uncertainty) {
            placement = Placement::Near;
            nearest = std::min(nearest, edge);
        }
    }
    if (edgeMetres)
        *edgeMetres = placement == Placement::Near ? nearest : distanceToEdgeMetres(point);
    return placement;
}

namespace {

struct Reader
{
    QString origin;
    std::optional<feeds::GridConverter> grid; // made on the first grid coordinate
    bool britishNationalGrid = false;
    qsizetype positionsRead = 0;

    Result<LonLat> position(const QJsonValue &value, const QString &where)
    {
        const QJsonArray pair = value.toArray();
        if (pair.size() < 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
            return makeError(ErrorCode::Usage,
                             tr("%1, %2: a position is not a pair of numbers.").arg(origin, where));
        const double x = pair.at(0).toDouble();
        const double y = pair.at(1).toDouble();
        if (!std::isfinite(x) || !std::isfinite(y))
            return makeError(ErrorCode::Usage,
                             tr("%1, %2: a position is not a pair of numbers.").arg(origin, where));
        // Undeclared eastings and northings are recognised by the first position's size.
        if (positionsRead++ == 0 && !britishNationalGrid && (x > 180 || y > 90) && x >= 0 && y >= 0
            && x <= feeds::GridConverter::kMaxEasting && y <= feeds::GridConverter::kMaxNorthing)
            britishNationalGrid = true;
        if (!britishNationalGrid) {
            if (x < -180 || x > 180 || y < -90 || y > 90)
                return makeError(ErrorCode::Usage,
                                 tr("%1, %2: %3, %4 is neither a longitude and latitude nor "
                                    "declared as British National Grid (a \"crs\" of "
                                    "EPSG:27700).")
                                     .arg(origin, where)
                                     .arg(x)
                                     .arg(y));
            return LonLat{x, y};
        }
        if (!grid) {
            auto created = feeds::GridConverter::create();
            BV_TRY(created);
            grid.emplace(std::move(created.value()));
        }
        auto converted = grid->toLonLat(x, y);
        if (!converted.ok())
            return makeError(ErrorCode::Usage,
                             tr("%1, %2: %3").arg(origin, where, converted.error().message));
        return converted.value();
    }

    Result<Polygon> polygon(const QJsonArray &rings, const QString &where)
    {
        Polygon polygon;
        for (const QJsonValue &ringValue : rings) {
            std::vector<LonLat> ring;
            for (const QJsonValue &value : ringValue.toArray()) {
                auto point = position(value, where);
                BV_TRY(point);
                ring.push_back(point.value());
            }
            // GeoJSON closes each ring by repeating its first position; one copy is enough.
            if (ring.size() > 1 && ring.front().lon == ring.back().lon
                && ring.front().lat == ring.back().lat)
                ring.pop_back();
            if (ring.size() < 3)
                return makeError(
                    ErrorCode::Usage,
                    tr("%1, %2: a ring has fewer than three corners.").arg(origin, where));
            polygon.rings.push_back(std::move(ring));
        }
        if (polygon.rings.empty())
            return makeError(ErrorCode::Usage,
                             tr("%1, %2: a polygon has no rings.").arg(origin, where));
        return polygon;
    }

    Result<std::vector<Polygon>> geometry(const QJsonObject &geometry, const QString &where)
    {
        const QString type = geometry.value(QStringLiteral("type")).toString();
        const QJsonArray coordinates = geometry.value(QStringLiteral("coordinates")).toArray();
        std::vector<Polygon> polygons;
        if (type == QLatin1String("Polygon")) {
            auto one = polygon(coordinates, where);
            BV_TRY(one);
            polygons.push_back(std::move(one.value()));
        } else if (type == QLatin1String("MultiPolygon")) {
            for (const QJsonValue &value : coordinates) {
                auto one = polygon(value.toArray(), where);
                BV_TRY(one);
                polygons.push_back(std::move(one.value()));
            }
            if (polygons.empty())
                return makeError(ErrorCode::Usage,
                                 tr("%1, %2: a MultiPolygon with no polygons.").arg(origin, where));
        } else {
            return makeError(
                ErrorCode::Usage,
                tr("%1, %2: a %3 is not an area; only Polygon and MultiPolygon are.")
                    .arg(origin, where, type.isEmpty() ? tr("geometry with no type") : type));
        }
        return polygons;
    }
};

bool declaresBritishNationalGrid(const QJsonObject &object)
{
    const QString name = object.value(QStringLiteral("crs"))
                             .toObject()
                             .value(QStringLiteral("properties"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
    return name.contains(QLatin1String("27700"));
}

} // namespace

Result<std::vector<Area>> readGeoJsonAreas(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::Usage, tr("%1 is not GeoJSON: %2 at byte %3.")
                                               .arg(origin, parseError.errorString())
                                               .arg(parseError.offset));
    const QJsonObject root = document.object();
    Reader reader{origin, std::nullopt, declaresBritishNationalGrid(root), 0};
    QJsonArray features;
    const QString type = root.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("FeatureCollection"))
        features = root.value(QStringLiteral("features")).toArray();
    else if (type == QLatin1String("Feature"))
        features.append(root);
    else
        features.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("Feature")},
                                    {QStringLiteral("geometry"), root}});
    std::vector<Area> areas;
    for (qsizetype i = 0; i < features.size(); ++i) {
        const QJsonObject feature = features.at(i).toObject();
        const QJsonObject properties = feature.value(QStringLiteral("properties")).toObject();
        QString name = properties.value(QStringLiteral("name")).toString();
        if (name.isEmpty() && properties.contains(QStringLiteral("zone")))
            name = tr("Zone %1").arg(
                properties.value(QStringLiteral("zone")).toVariant().toString());
        if (name.isEmpty())
            name = tr("Area %1").arg(i + 1);
        const QString where = tr("feature %1 (%2)").arg(i + 1).arg(name);
        auto polygons
            = reader.geometry(feature.value(QStringLiteral("geometry")).toObject(), where);
        BV_TRY(polygons);
        areas.emplace_back(name, std::move(polygons.value()));
    }
    if (areas.empty())
        return makeError(ErrorCode::Usage, tr("%1 holds no areas.").arg(origin));
    return areas;
}

} // namespace bv::geo
