// SPDX-License-Identifier: GPL-3.0-or-later
// bench_map: the map drawn offscreen into a 1920x1080 image, frame by frame along a pan and a
// zoom over the county, with the shipped base layer, the illustrative flood zones and 100,000
// people as clustered markers; against a baseline of the same frames drawn the plain way
// (every marker an antialiased circle, the base layer's outlines rebuilt each frame at full
// detail). Then the area query over 1,000,000 addresses for a 500-vertex polygon: the R*Tree
// box then the exact test, against the exact test over every address.
#include "access/session.h"
#include "benchoutput.h"
#include "geo/area.h"
#include "geo/areaquery.h"
#include "geo/basemap.h"
#include "geo/markerclusters.h"
#include "geo/webmercator.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/sqlitelibrary.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "ui/maprenderer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace bv;
using bench::fixed;
using bench::say;

namespace {

struct Timing
{
    double median = 0;
    double p95 = 0;
};

Timing summarise(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    if (ms.empty())
        return {};
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.95))]};
}

// The frames of a user's session: a pan across the county at zoom 10, then zooming in on
// Norwich from 8 to 14 and back, in fractional steps as a wheel gives them.
std::vector<ui::MapViewport> frames(QSize size)
{
    std::vector<ui::MapViewport> list;
    ui::MapViewport viewport;
    viewport.size = size;
    viewport.zoom = 10;
    viewport.centre = {0.5, 52.65};
    for (int i = 0; i < 60; ++i) {
        viewport = viewport.panned({-24, i % 20 < 10 ? 3.0 : -3.0});
        list.push_back(viewport);
    }
    viewport.centre = {1.2974, 52.6309};
    for (double zoom = 8; zoom <= 14; zoom += 0.25) {
        viewport.zoom = zoom;
        list.push_back(viewport);
    }
    for (double zoom = 14; zoom >= 8; zoom -= 0.25) {
        viewport.zoom = zoom;
        list.push_back(viewport);
    }
    return list;
}

std::vector<geo::LonLat> people(int count, std::mt19937_64 &random)
{
    // Most live in and around the towns, the rest spread over the county.
    const std::vector<geo::LonLat> towns{{1.2974, 52.6309}, {1.7306, 52.6083}, {0.3956, 52.7543},
                                         {0.7447, 52.4128}, {0.9394, 52.6810}, {1.1063, 52.5707}};
    std::normal_distribution<double> near(0.0, 0.03);
    std::uniform_real_distribution<double> lon(0.2, 1.7);
    std::uniform_real_distribution<double> lat(52.38, 52.95);
    std::vector<geo::LonLat> points;
    points.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        if (i % 3 == 0) {
            points.push_back({lon(random), lat(random)});
        } else {
            const geo::LonLat &town = towns[std::size_t(i) % towns.size()];
            points.push_back({town.lon + near(random) * 1.6, town.lat + near(random)});
        }
    }
    return points;
}

// The baseline: what a first attempt draws, every frame from scratch.
void drawPlain(QPainter &painter, const ui::MapViewport &viewport, const geo::BaseMap &base,
               const std::vector<geo::LonLat> &points)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(QRect(QPoint(0, 0), viewport.size), QColor(0xc6, 0xdc, 0xee));
    for (const auto &layer : base.layers) {
        for (const auto &feature : layer.features) {
            QPainterPath path;
            for (const auto &polygon : feature.polygons)
                for (const auto &ring : polygon.rings) {
                    path.moveTo(viewport.toScreen(ring.front()));
                    for (const auto &point : ring)
                        path.lineTo(viewport.toScreen(point));
                    path.closeSubpath();
                }
            if (layer.kind == geo::BaseMap::Kind::Areas)
                painter.fillPath(path, QColor(0xf4, 0xf1, 0xea));
            else
                painter.strokePath(path, QPen(Qt::gray, 1));
        }
    }
    painter.setBrush(QColor(0x33, 0x33, 0x40));
    painter.setPen(QPen(Qt::white, 1));
    const QRectF screen(QPointF(-5, -5), QSizeF(viewport.size) + QSizeF(10, 10));
    for (const geo::LonLat &point : points) {
        const QPointF at = viewport.toScreen(point);
        if (screen.contains(at))
            painter.drawEllipse(at, 4.5, 4.5);
    }
}

geo::Area polygonOf(int vertices)
{
    // A wobbly ring round Norwich, about 8 km across.
    geo::Polygon polygon;
    std::vector<geo::LonLat> ring;
    for (int i = 0; i < vertices; ++i) {
        const double angle = 2 * std::numbers::pi * i / vertices;
        const double radius = 0.05 * (1 + 0.25 * std::sin(7 * angle));
        ring.push_back(
            {1.2974 + radius * 1.6 * std::cos(angle), 52.6309 + radius * std::sin(angle)});
    }
    polygon.rings.push_back(std::move(ring));
    return geo::Area(QStringLiteral("bench"), {std::move(polygon)});
}

constexpr char kPassphrase[] = "bench_map passphrase";

// One person in 30 is a vulnerable adult, picked by a hash of their number so they live
// where everyone does. (Every 30th person, as before, fell among the third spread evenly over
// the county, none in the towns: 60 of them in the bench's polygon instead of about 180.)
bool flagged(int person)
{
    return (quint64(person) * 0x9E3779B97F4A7C15ULL >> 32) % 30 == 0;
}

// A store of `count` people, each at one address in the county (UPRN precision), one in 30
// flagged as a vulnerable adult: made once and kept (it takes two minutes), like
// bench_search's. A store of another layout (its store_meta says) is made again.
Result<std::unique_ptr<access::Session>> addressStore(const QString &path, int count,
                                                      std::mt19937_64 &random, const Clock &clock)
{
    const QString layout = QStringLiteral("%1 people, flags spread").arg(count);
    const auto paths = store::StorePaths::forStore(path);
    const auto context = access::AccessContext::administrator(QStringLiteral("bench"),
                                                              QStringLiteral("benchmark"));
    if (QFile::exists(path)) {
        auto opened
            = access::Session::unlock(paths, SecretBytes::fromView(kPassphrase), context, clock);
        if (opened.ok()) {
            auto stored = opened.value()->database().queryText(
                "SELECT value FROM store_meta WHERE key = 'bench_map_addresses'");
            if (stored.ok() && stored.value() == layout)
                return std::move(opened.value());
        }
    }
    for (const char *suffix : {"", "-wal", "-shm", ".key", ".audit-head"})
        QFile::remove(path + QLatin1String(suffix));
    auto created = access::Session::create(paths, SecretBytes::fromView(kPassphrase),
                                           store::KdfParams::minimum(), context, clock);
    BV_TRY(created);
    std::unique_ptr<access::Session> session = std::move(created->session);
    store::Database &db = session->database();
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    BV_TRY(db.exec("INSERT INTO source(id, code, agency, format, endpoint) VALUES "
                   "(1, 'bench', 'housing', 'csv', 'file:bench')"));
    auto person = db.prepare("INSERT INTO person(id, created_at, updated_at) VALUES (?1, "
                             "'2026-01-01', '2026-01-01')");
    auto record = db.prepare("INSERT INTO source_person(id, source_id, external_id, given_name, "
                             "family_name, received_at) VALUES (?1, 1, ?2, 'Test', 'Person', "
                             "'2026-01-01T00:00:00Z')");
    auto link = db.prepare("INSERT INTO person_link(source_person_id, person_id, decided_by, "
                           "decided_at) VALUES (?1, ?1, 'auto', '2026-01-01')");
    auto address = db.prepare(
        "INSERT INTO address_period(id, source_id, source_person_id, external_id, address, lat, "
        "lon, precision, from_date, received_at) VALUES (?1, 1, ?1, ?2, 'somewhere', ?3, ?4, "
        "'uprn', '2015-01-01', '2026-01-01T00:00:00Z')");
    auto place
        = db.prepare("INSERT INTO place(id, owner_kind, owner_id) VALUES (?1, 'address', ?1)");
    auto box = db.prepare("INSERT INTO place_rtree(id, min_lon, max_lon, min_lat, max_lat) VALUES "
                          "(?1, ?2, ?2, ?3, ?3)");
    auto flag = db.prepare("INSERT INTO flag(source_id, source_person_id, kind, active, "
                           "received_at) VALUES (1, ?1, 'vulnerable_adult', 1, '2026-01-01')");
    for (auto *statement : {&person, &record, &link, &address, &place, &box, &flag})
        BV_TRY(*statement);
    const std::vector<geo::LonLat> points = people(count, random);
    for (int i = 1; i <= count; ++i) {
        const geo::LonLat &at = points[std::size_t(i - 1)];
        const QString id = QString::number(i);
        BV_TRY(person->bind(1, i).run());
        BV_TRY(record->bind(1, i).bind(2, id).run());
        BV_TRY(link->bind(1, i).run());
        BV_TRY(address->bind(1, i).bind(2, id).bind(3, at.lat).bind(4, at.lon).run());
        BV_TRY(place->bind(1, i).run());
        BV_TRY(box->bind(1, i).bind(2, at.lon).bind(3, at.lat).run());
        if (flagged(i))
            BV_TRY(flag->bind(1, i).run());
    }
    BV_TRY(db.exec(QStringLiteral("INSERT INTO store_meta(key, value) VALUES "
                                  "('bench_map_addresses', '%1')")
                       .arg(layout)
                       .toStdString()));
    BV_TRY(tx->commit());
    // The rows went in past the sync and the link, so the triggers only noted who changed:
    // the area query's index of flagged places is made now, not in the first query timed.
    QElapsedTimer indexing;
    indexing.start();
    auto indexed = geo::AreaQuery::refreshFlaggedPlaces(db);
    BV_TRY(indexed);
    say(QStringLiteral("flagged places of %1 people made in %2 s")
            .arg(bench::count(indexed.value()), fixed(double(indexing.elapsed()) / 1000.0, 1)));
    return session;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (auto library = store::verifySqliteLibrary(); !library.ok()) {
        bench::complain(library.error().message);
        return 1;
    }
    if (auto crypto = store::initialiseCrypto(); !crypto.ok()) {
        bench::complain(crypto.error().message);
        return 1;
    }
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("markers"), QStringLiteral("People on the map."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("addresses"), QStringLiteral("Addresses for the area query."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.process(app);
    const int markerCount = parser.value(QStringLiteral("markers")).toInt();
    const int addressCount = parser.value(QStringLiteral("addresses")).toInt();

    auto base = geo::BaseMap::shipped();
    if (!base.ok()) {
        bench::complain(base.error().message);
        return 1;
    }
    auto shared = std::make_shared<const geo::BaseMap>(std::move(base.value()));
    std::mt19937_64 random(42);
    const std::vector<geo::LonLat> points = people(markerCount, random);

    ui::MapRenderer renderer(shared);
    QFile zonesFile(QStringLiteral(":/demo/flood_zones.geojson"));
    if (zonesFile.open(QIODevice::ReadOnly)) {
        auto zones = geo::readGeoJsonAreas(zonesFile.readAll(), zonesFile.fileName());
        if (zones.ok())
            renderer.setHazards({{QStringLiteral("Flood zones (illustrative)"),
                                  std::move(zones.value()), QColor(0x00, 0x72, 0xb2)}});
    }
    QElapsedTimer timer;
    timer.start();
    auto clusters = std::make_shared<const geo::MarkerClusters>(points);
    for (int zoom = 6; zoom <= 16; ++zoom)
        (void)clusters->at(zoom);
    const double clusterMs = double(timer.nsecsElapsed()) / 1e6;
    renderer.setMarkers(clusters);

    const QSize size(1920, 1080);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    const auto run = [&](const std::vector<ui::MapViewport> &list, auto &&draw) {
        std::vector<double> ms;
        for (const ui::MapViewport &viewport : list) {
            QElapsedTimer frame;
            frame.start();
            QPainter painter(&image);
            draw(painter, viewport);
            painter.end();
            ms.push_back(double(frame.nsecsElapsed()) / 1e6);
        }
        return ms;
    };
    const std::vector<ui::MapViewport> session = frames(size);
    // One pass to warm the per-zoom caches, as the first seconds of use do.
    (void)run(session, [&](QPainter &p, const ui::MapViewport &v) { renderer.render(p, v); });
    const Timing ours = summarise(
        run(session, [&](QPainter &p, const ui::MapViewport &v) { renderer.render(p, v); }));
    std::vector<ui::MapViewport> sample;
    for (std::size_t i = 0; i < session.size(); i += 8)
        sample.push_back(session[i]);
    const Timing plain = summarise(run(
        sample, [&](QPainter &p, const ui::MapViewport &v) { drawPlain(p, v, *shared, points); }));
    image.save(QStringLiteral("bench_map-last-frame.png"));
    say(QStringLiteral("markers %1 (clustered in %2 ms for zooms 6 to 16); %3 frames of 1920x1080")
            .arg(bench::count(markerCount), fixed(clusterMs, 1))
            .arg(session.size()));
    say(QStringLiteral("ours:     median %1 ms, p95 %2 ms")
            .arg(fixed(ours.median, 2), fixed(ours.p95, 2)));
    say(QStringLiteral("baseline: median %1 ms, p95 %2 ms (every marker a circle, outlines "
                       "rebuilt; %3 frames); ours is %4x faster at the median")
            .arg(fixed(plain.median, 1), fixed(plain.p95, 1))
            .arg(sample.size())
            .arg(fixed(ours.median > 0 ? plain.median / ours.median : 0, 1)));

    // The area query's geometry over a million addresses: the box (as the R*Tree gives it)
    // then the exact test, against the exact test on every address.
    const std::vector<geo::LonLat> addresses = people(addressCount, random);
    const geo::Area area = polygonOf(500);
    std::vector<double> boxed;
    std::vector<double> brute;
    qint64 insideBoxed = 0;
    qint64 insideBrute = 0;
    // The addresses sorted by longitude stand in for the R*Tree's box search.
    std::vector<geo::LonLat> byLon = addresses;
    std::sort(byLon.begin(), byLon.end(),
              [](const geo::LonLat &a, const geo::LonLat &b) { return a.lon < b.lon; });
    for (int repeat = 0; repeat < 9; ++repeat) {
        QElapsedTimer query;
        query.start();
        const QRectF box = area.bounds();
        auto from = std::lower_bound(byLon.cbegin(), byLon.cend(), box.left(),
                                     [](const geo::LonLat &a, double lon) { return a.lon < lon; });
        qint64 inside = 0;
        for (auto it = from; it != byLon.cend() && it->lon <= box.right(); ++it) {
            if (it->lat >= box.top() && it->lat <= box.bottom() && area.contains(*it))
                ++inside;
        }
        boxed.push_back(double(query.nsecsElapsed()) / 1e6);
        insideBoxed = inside;
        if (repeat < 3) {
            query.restart();
            inside = 0;
            for (const geo::LonLat &point : addresses)
                inside += area.contains(point) ? 1 : 0;
            brute.push_back(double(query.nsecsElapsed()) / 1e6);
            insideBrute = inside;
        }
    }
    const Timing area500 = summarise(boxed);
    const Timing bruteTiming = summarise(brute);
    say(QStringLiteral("area query, %1 addresses, %2-vertex polygon: %3 inside (brute force %4); "
                       "box then exact: median %5 ms; exact over all: median %6 ms")
            .arg(bench::count(addressCount))
            .arg(area.vertexCount())
            .arg(bench::count(insideBoxed), bench::count(insideBrute), fixed(area500.median, 2),
                 fixed(bruteTiming.median, 1)));
    // The same question through the store, as `broadview area-query` asks it: the R*Tree,
    // then each candidate's addresses and flags, the exact test, and the audit entry.
    SystemClock clock;
    QElapsedTimer building;
    building.start();
    // Named by its schema version too, so a build with another schema (an engineer's, or an
    // older one) makes its own store instead of migrating or remaking this one.
    const QString storePath = QDir::temp().filePath(QStringLiteral("bench_map-%1-v%2.bvstore")
                                                        .arg(addressCount)
                                                        .arg(store::Schema::latestVersion()));
    std::mt19937_64 storeRandom(7);
    auto opened = addressStore(storePath, addressCount, storeRandom, clock);
    if (!opened.ok()) {
        bench::complain(opened.error().message);
        return 1;
    }
    say(QStringLiteral("store of %1 addresses ready in %2 s (%3)")
            .arg(bench::count(addressCount), fixed(double(building.elapsed()) / 1000.0, 1),
                 storePath));
    geo::AreaQueryOptions vulnerable;
    vulnerable.flags = {QStringLiteral("vulnerable_adult")};
    vulnerable.asOf = QDate(2026, 6, 1);
    std::vector<double> stored;
    int listed = 0;
    qint64 candidates = 0;
    for (int repeat = 0; repeat < 7; ++repeat) {
        QElapsedTimer query;
        query.start();
        auto result = geo::AreaQuery::run(opened.value()->database(), opened.value()->audit(),
                                          opened.value()->context(), area, vulnerable);
        stored.push_back(double(query.nsecsElapsed()) / 1e6);
        if (!result.ok()) {
            bench::complain(result.error().message);
            return 1;
        }
        listed = int(result->people.size());
        candidates = result->candidates;
    }
    const Timing storeTiming = summarise(stored);
    say(QStringLiteral(
            "area query through the store, %1 addresses, %2-vertex polygon, vulnerable "
            "adults: %3 listed of %4 people read for the exact test; median %5 ms, p95 %6 ms")
            .arg(bench::count(addressCount))
            .arg(area.vertexCount())
            .arg(listed)
            .arg(bench::count(candidates))
            .arg(fixed(storeTiming.median, 1), fixed(storeTiming.p95, 1)));
    say(QStringLiteral("figure frame_p95_ms %1 ms").arg(fixed(ours.p95, 2)));
    say(QStringLiteral("figure frame_baseline_median_ms %1 ms").arg(fixed(plain.median, 1)));
    say(QStringLiteral("figure area_query_geometry_ms %1 ms").arg(fixed(area500.median, 2)));
    say(QStringLiteral("figure frame_median_ms %1 ms").arg(fixed(ours.median, 2)));
    say(QStringLiteral("figure area_query_ms %1 ms").arg(fixed(storeTiming.median, 1)));
    return insideBoxed == insideBrute ? 0 : 1;
}
