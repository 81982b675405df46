// SPDX-License-Identifier: GPL-3.0-or-later
// The area query on a county synced from the feed simulator and linked: it lists exactly what a
// brute-force pass over every person finds, keeps protected addresses back everywhere, and is
// audited with its purpose.
#include "access/session.h"
#include "common/syncedcounty.h"
#include "geo/arealist.h"
#include "geo/areaquery.h"
#include "geo/currentaddress.h"
#include "geo/personlocations.h"
#include "geo/postcodeplacement.h"
#include "geo/protectedneighbourhood.h"
#include "linkage/storelinker.h"
#include "store/database.h"
#include "store/personrepository.h"
#include "store/schema.h"
#include "store/statement.h"
#include "store/storefiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace bv;

class tst_AreaQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void equalsBruteForce_data();
    void equalsBruteForce();
    void protectedAddressesAreNeverShown();
    void householdOfProtectedPersonListedAsProtected();
    void protectedFlagFromLaterStillProtects();
    void auditedWithItsPurpose();
    void addressesWithOnlyAPostcodeArePlaced();
    void personReadHidesAProtectedPersonsPlaces();
    void flaggedPlacesFollowChanges();
    void flaggedPlacesMadeOnMigration();

private:
    // Every person's placement by a pass over all of them, without the R*Tree.
    std::map<qint64, geo::Placement> bruteForce(const geo::Area &area, const QStringList &flags);
    geo::Area floodZones();
    // The query's list as person -> placement, after checking it lists nobody twice.
    std::optional<std::map<qint64, geo::Placement>> listed(const geo::Area &area,
                                                           const QStringList &flags);

    QTemporaryDir m_work;
    std::unique_ptr<test::SyncedCounty> m_county;
    const QDate m_asOf{2026, 1, 1};
};

void tst_AreaQuery::initTestCase()
{
    QVERIFY(m_work.isValid());
    auto county = test::SyncedCounty::start(600, 21, m_work.filePath(QStringLiteral("feeds")));
    QVERIFY_RESULT(county);
    m_county = std::move(county.value());
    QVERIFY_RESULT(
        linkage::StoreLinker::link(m_county->db(), m_county->clock(), linkage::StoreLinkRequest{}));
    // The linker noted everyone it gave records to, for the area query's index.
    QCOMPARE(m_county->db().queryInt("SELECT count(*) FROM flagged_place_stale").value(),
             m_county->db().queryInt("SELECT count(DISTINCT person_id) FROM person_link").value());
}

geo::Area tst_AreaQuery::floodZones()
{
    QFile file(QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/demo/flood_zones.geojson"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto areas = geo::readGeoJsonAreas(file.readAll(), file.fileName());
    if (!areas.ok())
        return {};
    std::vector<geo::Polygon> polygons;
    for (const geo::Area &area : areas.value())
        polygons.insert(polygons.end(), area.polygons().cbegin(), area.polygons().cend());
    return geo::Area(QStringLiteral("flood zones"), std::move(polygons));
}

std::map<qint64, geo::Placement> tst_AreaQuery::bruteForce(const geo::Area &area,
                                                           const QStringList &flags)
{
    // Every person, no R*Tree, the rules written out again: the latest address current on the
    // day (placed or not) decides; any protected copy, or a protected-address flag, protects.
    std::map<qint64, geo::Placement> placed;
    store::Database &db = m_county->db();
    const QString day = m_asOf.toString(Qt::ISODate);
    auto persons = db.prepare("SELECT id FROM person WHERE retired_at IS NULL");
    auto addresses = db.prepare(
        "SELECT a.lat, a.lon, coalesce(a.precision, 'district'), "
        "coalesce(a.from_date, substr(a.received_at, 1, 10)), a.received_at, a.protected, "
        "coalesce(a.to_date, ''), a.lat IS NOT NULL AND a.lon IS NOT NULL FROM person_link pl "
        "JOIN address_period a ON a.source_person_id = pl.source_person_id "
        "WHERE pl.person_id = ?1");
    auto personFlags = db.prepare(
        "SELECT f.kind FROM person_link pl JOIN flag f ON f.source_person_id = pl.source_person_id "
        "WHERE pl.person_id = ?1 AND f.active = 1 AND coalesce(f.from_date, '') <= ?2 "
        "AND (f.to_date IS NULL OR f.to_date >= ?2)");
    auto protectedFlag
        = db.prepare("SELECT count(*) FROM person_link pl JOIN flag f ON f.source_person_id = "
                     "pl.source_person_id WHERE pl.person_id = ?1 AND f.active = 1 AND "
                     "f.kind = 'protected_address'");
    if (!persons.ok() || !addresses.ok() || !personFlags.ok() || !protectedFlag.ok())
        return placed;
    // Who would show where a protected person lives (geo::ProtectedNeighbourhood, its rule
    // tested on its own in tst_personlocations): everyone with a protected copy of an address
    // at any time or an active protected-address flag, all their placed addresses, and every
    // relationship recorded with them.
    geo::ProtectedNeighbourhood neighbourhood;
    auto protectedPlaces = db.prepare(
        "SELECT pl.person_id, a.lon, a.lat FROM person_link pl JOIN address_period a ON "
        "a.source_person_id = pl.source_person_id WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL "
        "AND pl.person_id IN (SELECT p2.person_id FROM person_link p2 JOIN address_period a2 ON "
        "a2.source_person_id = p2.source_person_id WHERE a2.protected <> 0 UNION SELECT "
        "p3.person_id FROM person_link p3 JOIN flag f ON f.source_person_id = p3.source_person_id "
        "WHERE f.kind = 'protected_address' AND f.active = 1)");
    if (!protectedPlaces.ok())
        return placed;
    while (protectedPlaces->step().value())
        neighbourhood.addPlace(protectedPlaces->int64(0),
                               {protectedPlaces->real(1), protectedPlaces->real(2)});
    auto relations = db.prepare(
        "SELECT pa.person_id, pb.person_id FROM relationship r JOIN person_link pa ON "
        "pa.source_person_id = r.source_person_id JOIN person_link pb ON pb.source_person_id = "
        "r.related_source_person_id");
    if (!relations.ok())
        return placed;
    while (relations->step().value()) {
        const qint64 a = relations->int64(0);
        const qint64 b = relations->int64(1);
        if (neighbourhood.protectedPeople().contains(a)
            || neighbourhood.protectedPeople().contains(b))
            neighbourhood.addRelation(a, b);
    }
    const auto rank = [](const QString &precision) {
        return precision == QLatin1String("uprn")            ? 0
               : precision == QLatin1String("postcode_unit") ? 1
                                                             : 2;
    };
    while (persons->step().value()) {
        const qint64 person = persons->int64(0);
        QStringList kinds;
        personFlags->reset();
        personFlags->bind(1, person).bind(2, day);
        while (personFlags->step().value())
            kinds << personFlags->text(0);
        if (!flags.isEmpty() && std::none_of(flags.cbegin(), flags.cend(), [&](const QString &f) {
                return kinds.contains(f);
            }))
            continue;
        struct Row
        {
            double lat, lon;
            QString precision, from, received;
            bool placedRow;
        };
        std::optional<Row> best;
        // An active protected-address flag protects whatever its dates.
        bool isProtected = false;
        protectedFlag->reset();
        protectedFlag->bind(1, person);
        if (protectedFlag->step().value())
            isProtected = protectedFlag->int64(0) > 0;
        addresses->reset();
        addresses->bind(1, person);
        while (addresses->step().value()) {
            const QString to = addresses->text(6);
            if (addresses->int64(5) != 0 && (to.isEmpty() || to >= day))
                isProtected = true;
            const Row row{addresses->real(0), addresses->real(1), addresses->text(2),
                          addresses->text(3), addresses->text(4), addresses->int64(7) != 0};
            if (row.from > day || (!to.isEmpty() && to < day))
                continue;
            const bool replaces = !best || row.from > best->from
                                  || (row.from == best->from
                                      && (rank(row.precision) < rank(best->precision)
                                          || (rank(row.precision) == rank(best->precision)
                                              && row.received > best->received)));
            if (replaces)
                best = row;
        }
        if (!best || !best->placedRow)
            continue;
        const geo::LonLat point{best->lon, best->lat};
        if (isProtected || neighbourhood.givesAway(person, point)) {
            if (area.classify(geo::coarsened(point), geo::kProtectedUncertaintyMetres)
                != geo::Area::Placement::Outside)
                placed[person] = geo::Placement::InsideProtected;
            continue;
        }
        const auto where = area.classify(point, geo::uncertaintyMetres(best->precision));
        if (where != geo::Area::Placement::Outside)
            placed[person] = where == geo::Area::Placement::Inside ? geo::Placement::Inside
                                                                   : geo::Placement::Uncertain;
    }
    return placed;
}

void tst_AreaQuery::equalsBruteForce_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QStringList>("flags");
    QTest::newRow("flood zones, everyone") << QStringLiteral("flood") << QStringList{};
    QTest::newRow("flood zones, vulnerable adults")
        << QStringLiteral("flood") << QStringList{QStringLiteral("vulnerable_adult")};
    QTest::newRow("5 km round Norwich, everyone") << QStringLiteral("norwich") << QStringList{};
    QTest::newRow("5 km round Norwich, children on plans or looked after")
        << QStringLiteral("norwich")
        << QStringList{QStringLiteral("child_protection_plan"), QStringLiteral("looked_after")};
}

void tst_AreaQuery::equalsBruteForce()
{
    QFETCH(QString, shape);
    QFETCH(QStringList, flags);
    const geo::Area area = shape == QLatin1String("flood")
                               ? floodZones()
                               : geo::Area::circle(shape, {1.2974, 52.6309}, 5000);
    QVERIFY(!area.isEmpty());
    geo::AreaQueryOptions options;
    options.flags = flags;
    options.asOf = m_asOf;
    access::Session &session = m_county->session();
    auto result = geo::AreaQuery::run(session.database(), session.audit(), session.context(), area,
                                      options);
    QVERIFY_RESULT(result);
    std::map<qint64, geo::Placement> listed;
    for (const geo::AreaPerson &person : result->people) {
        QVERIFY2(listed.emplace(person.personId, person.placement).second, "listed twice");
        if (!flags.isEmpty())
            QVERIFY(!person.flags.isEmpty()); // why they are listed
        QVERIFY(!geo::AreaQuery::why(person).isEmpty());
    }
    const auto expected = bruteForce(area, flags);
    for (const auto &[person, placement] : expected) {
        const auto it = listed.find(person);
        if (it == listed.end() || it->second != placement)
            qWarning("person %lld: expected %d, listed %d", person, int(placement),
                     it == listed.end() ? -1 : int(it->second));
    }
    QCOMPARE(listed.size(), expected.size());
    QVERIFY(listed == expected);
    if (flags.isEmpty())
        QVERIFY2(!listed.empty(), "the area should hold someone");
}

void tst_AreaQuery::protectedAddressesAreNeverShown()
{
    const geo::Area area = geo::Area::circle(QStringLiteral("norwich"), {1.2974, 52.6309}, 5000);
    geo::AreaQueryOptions options;
    options.asOf = m_asOf;
    access::Session &session = m_county->session();
    store::Database &db = session.database();
    auto before = geo::AreaQuery::run(db, session.audit(), session.context(), area, options);
    QVERIFY_RESULT(before);
    // Someone listed inside whose addresses come from two agencies at least: one of the others
    // marks its copy protected, and the one the list chose says nothing.
    std::optional<geo::AreaPerson> shown;
    QString other;
    for (const geo::AreaPerson &person : before->people) {
        if (person.placement != geo::Placement::Inside)
            continue;
        auto agencies = db.prepare(
            "SELECT DISTINCT s.agency FROM person_link pl JOIN address_period a ON "
            "a.source_person_id = pl.source_person_id JOIN source s ON s.id = a.source_id "
            "WHERE pl.person_id = ?1");
        QVERIFY_RESULT(agencies);
        agencies->bind(1, person.personId);
        while (agencies->step().value()) {
            if (agencies->text(0) != person.agency)
                other = agencies->text(0);
        }
        if (!other.isEmpty()) {
            shown = person;
            break;
        }
    }
    QVERIFY2(shown, "the county should have someone known at home to two agencies");
    auto mark = db.prepare("UPDATE address_period SET protected = 1, to_date = NULL WHERE id = "
                           "(SELECT a.id FROM person_link pl JOIN address_period a ON "
                           "a.source_person_id = pl.source_person_id JOIN source s ON "
                           "s.id = a.source_id WHERE pl.person_id = ?1 AND s.agency = ?2 LIMIT 1)");
    QVERIFY_RESULT(mark);
    QVERIFY_RESULT(mark->bind(1, shown->personId).bind(2, other).run());
    const qint64 markedRows = db.changes();
    QCOMPARE(markedRows, qint64(1));

    auto after = geo::AreaQuery::run(db, session.audit(), session.context(), area, options);
    QVERIFY_RESULT(after);
    const auto found = std::find_if(
        after->people.cbegin(), after->people.cend(),
        [&shown](const geo::AreaPerson &p) { return p.personId == shown->personId; });
    QVERIFY(found != after->people.cend());
    QCOMPARE(found->placement, geo::Placement::InsideProtected);
    QVERIFY(found->address.isEmpty());
    QVERIFY(found->asOf.isEmpty() && found->precision.isEmpty());
    QCOMPARE(found->position.lat, 0.0);
    QVERIFY(!found->agency.isEmpty()); // the contact route
    QVERIFY(geo::AreaQuery::why(*found).contains(QLatin1String("protected")));
    // Nor in either export: not the address, nor any coordinate.
    const report::DocumentProvenance provenance{
        QStringLiteral("tester"), m_county->clock().nowUtc(), QStringLiteral("flood planning")};
    const QString csv = QString::fromUtf8(geo::areaListCsv(after.value(), provenance));
    const QString row = csv.split(QStringLiteral("\r\n"))
                            .filter(QRegularExpression(QStringLiteral("^%1,").arg(shown->personId)))
                            .value(0);
    QVERIFY(row.contains(QLatin1String("inside_address_protected")));
    QVERIFY(!row.contains(shown->address));
    QVERIFY(!row.contains(QString::number(shown->position.lat, 'f', 6)));
    const QJsonArray features
        = QJsonDocument::fromJson(geo::areaListGeoJson(after.value(), provenance))
              .object()
              .value(QStringLiteral("features"))
              .toArray();
    for (const QJsonValue &feature : features) {
        const QJsonObject object = feature.toObject();
        if (object.value(QStringLiteral("properties"))
                .toObject()
                .value(QStringLiteral("person_id"))
                .toInteger()
            != shown->personId)
            continue;
        QVERIFY(object.value(QStringLiteral("geometry")).isNull());
        QVERIFY(!object.value(QStringLiteral("properties"))
                     .toObject()
                     .contains(QStringLiteral("address")));
    }
    // And off the map: not a marker, not part of a cluster.
    auto locations = geo::PersonLocations::load(db, session.context(), m_asOf);
    QVERIFY_RESULT(locations);
    QVERIFY(std::find(locations->personIds.cbegin(), locations->personIds.cend(), shown->personId)
            == locations->personIds.cend());
    QVERIFY(locations->leftOutProtected >= 1);
    auto unmark
        = db.prepare("UPDATE address_period SET protected = 0 WHERE protected = 1 AND id IN "
                     "(SELECT a.id FROM person_link pl JOIN address_period a ON "
                     "a.source_person_id = pl.source_person_id WHERE pl.person_id = ?1)");
    QVERIFY_RESULT(unmark);
    QVERIFY_RESULT(unmark->bind(1, shown->personId).run());
    // Back on the map once it is no longer protected.
    auto again = geo::PersonLocations::load(db, session.context(), m_asOf);
    QVERIFY_RESULT(again);
    QVERIFY(std::find(again->personIds.cbegin(), again->personIds.cend(), shown->personId)
            != again->personIds.cend());
}

void tst_AreaQuery::householdOfProtectedPersonListedAsProtected()
{
    // A refuge: one person's address becomes protected; whoever the county has living with
    // them (a relative within 50 m, whose own records are not flagged) must not be listed with
    // that address, but as "inside, address protected", decided on the coarse cell.
    store::Database &db = m_county->db();
    access::Session &session = m_county->session();
    auto locations = geo::PersonLocations::load(db, session.context(), m_asOf);
    QVERIFY_RESULT(locations);
    auto pairs = db.prepare("SELECT DISTINCT pa.person_id, pb.person_id FROM relationship r "
                            "JOIN person_link pa ON pa.source_person_id = r.source_person_id "
                            "JOIN person_link pb ON pb.source_person_id = "
                            "r.related_source_person_id WHERE pa.person_id <> pb.person_id");
    QVERIFY_RESULT(pairs);
    qint64 subject = 0;
    qint64 relative = 0;
    geo::LonLat home;
    while (pairs->step().value()) {
        const auto a = locations->positionOf(pairs->int64(0));
        const auto b = locations->positionOf(pairs->int64(1));
        if (a && b && std::abs(a->lat - b->lat) < 0.0002 && std::abs(a->lon - b->lon) < 0.0003) {
            subject = pairs->int64(0);
            relative = pairs->int64(1);
            home = *a;
            break;
        }
    }
    QVERIFY2(subject != 0, "the county should have a household placed at one address");
    // A circle of 3 km round their home: well inside it, whether by the building or the cell.
    const geo::Area area = geo::Area::circle(QStringLiteral("round the home"), home, 3000);
    const auto before = listed(area, {});
    QVERIFY(before);
    QCOMPARE(before->at(relative), geo::Placement::Inside);

    auto mark = db.prepare("UPDATE address_period SET protected = 1 WHERE source_person_id IN "
                           "(SELECT source_person_id FROM person_link WHERE person_id = ?1)");
    QVERIFY_RESULT(mark);
    QVERIFY_RESULT(mark->bind(1, subject).run());
    geo::AreaQueryOptions options;
    options.asOf = m_asOf;
    auto after = geo::AreaQuery::run(db, session.audit(), session.context(), area, options);
    QVERIFY_RESULT(after);
    for (const qint64 person : {subject, relative}) {
        const auto found
            = std::find_if(after->people.cbegin(), after->people.cend(),
                           [person](const geo::AreaPerson &p) { return p.personId == person; });
        QVERIFY(found != after->people.cend());
        QCOMPARE(found->placement, geo::Placement::InsideProtected);
        QVERIFY(found->address.isEmpty());
        QCOMPARE(found->position.lat, 0.0);
    }
    const auto afterListed = listed(area, {});
    QVERIFY(afterListed);
    QCOMPARE(*afterListed, bruteForce(area, {}));

    auto unmark = db.prepare("UPDATE address_period SET protected = 0 WHERE source_person_id IN "
                             "(SELECT source_person_id FROM person_link WHERE person_id = ?1)");
    QVERIFY_RESULT(unmark);
    QVERIFY_RESULT(unmark->bind(1, subject).run());
    const auto restored = listed(area, {});
    QVERIFY(restored);
    QCOMPARE(restored->at(relative), geo::Placement::Inside);
}

void tst_AreaQuery::protectedFlagFromLaterStillProtects()
{
    // A protected-address flag that begins after the day asked about still keeps the address
    // back: asking about an earlier day must not show what the map never does.
    store::Database &db = m_county->db();
    const geo::Area area = floodZones();
    const auto before = listed(area, {});
    QVERIFY(before);
    const auto inside = std::find_if(before->cbegin(), before->cend(), [](const auto &entry) {
        return entry.second == geo::Placement::Inside;
    });
    QVERIFY(inside != before->cend());
    const qint64 person = inside->first;
    // One of their records gains the flag from a date after the day asked about.
    auto flag = db.prepare(
        "INSERT INTO flag(source_id, source_person_id, kind, from_date, active, received_at) "
        "SELECT sp.source_id, sp.id, 'protected_address', ?2, 1, '2026-07-01T00:00:00Z' "
        "FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "WHERE pl.person_id = ?1 LIMIT 1");
    QVERIFY_RESULT(flag);
    QVERIFY_RESULT(flag->bind(1, person).bind(2, m_asOf.addMonths(6).toString(Qt::ISODate)).run());
    const qint64 flagId = db.lastInsertRowId();
    const auto after = listed(area, {});
    QVERIFY(after);
    QVERIFY(after->count(person) == 0 || after->at(person) == geo::Placement::InsideProtected);
    QCOMPARE(*after, bruteForce(area, {}));
    auto remove = db.prepare("DELETE FROM flag WHERE id = ?1");
    QVERIFY_RESULT(remove);
    QVERIFY_RESULT(remove->bind(1, flagId).run());
    const auto restored = listed(area, {});
    QVERIFY(restored);
    QCOMPARE(restored->at(person), geo::Placement::Inside);
}

void tst_AreaQuery::auditedWithItsPurpose()
{
    access::Session &session = m_county->session();
    access::AccessContext context = session.context();
    context.purpose = QStringLiteral("flood warning, zone 3");
    geo::AreaQueryOptions options;
    options.flags = {QStringLiteral("vulnerable_adult")};
    options.asOf = m_asOf;
    auto result
        = geo::AreaQuery::run(session.database(), session.audit(), context, floodZones(), options);
    QVERIFY_RESULT(result);
    auto entry = session.database().prepare(
        "SELECT purpose, detail FROM audit WHERE action = 'area.query' ORDER BY seq DESC LIMIT 1");
    QVERIFY_RESULT(entry);
    QVERIFY(entry->step().value());
    QCOMPARE(entry->text(0), context.purpose);
    QVERIFY2(entry->text(1).contains(QLatin1String("flags=vulnerable_adult")),
             qPrintable(entry->text(1)));
    QVERIFY(entry->text(1).contains(QStringLiteral("inside=%1").arg(result->inside())));
}

void tst_AreaQuery::addressesWithOnlyAPostcodeArePlaced()
{
    store::Database &db = m_county->db();
    // Sync placed the addresses the feeds give only a postcode for (health, social care,
    // education) at the postcode's position.
    const auto count = [&db](const char *sql) {
        return db.queryInt(sql).value();
    };
    const qint64 byPostcode
        = count("SELECT count(*) FROM address_period WHERE precision = 'postcode_unit'");
    QVERIFY(byPostcode > 100);
    QCOMPARE(count("SELECT count(*) FROM address_period a WHERE precision = 'postcode_unit' AND "
                   "NOT EXISTS (SELECT 1 FROM place p WHERE p.owner_kind = 'address' AND "
                   "p.owner_id = a.id)"),
             qint64(0));
    // A store synced before that: the positions gone, placed again once, the same.
    const qint64 before = count("SELECT count(*) FROM place_rtree");
    QVERIFY_RESULT(db.exec(
        "DELETE FROM place_rtree WHERE id IN (SELECT p.id FROM place p JOIN address_period a ON "
        "p.owner_kind = 'address' AND p.owner_id = a.id WHERE a.precision = 'postcode_unit');"
        "DELETE FROM place WHERE owner_kind = 'address' AND owner_id IN (SELECT id FROM "
        "address_period WHERE precision = 'postcode_unit');"
        "UPDATE address_period SET lat = NULL, lon = NULL, precision = NULL WHERE precision = "
        "'postcode_unit'"));
    auto placed = geo::placeAddressesByPostcode(db);
    QVERIFY_RESULT(placed);
    QCOMPARE(placed.value(), byPostcode);
    QCOMPARE(count("SELECT count(*) FROM place_rtree"), before);
    auto again = geo::placeAddressesByPostcode(db); // once only
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), qint64(0));
}

void tst_AreaQuery::personReadHidesAProtectedPersonsPlaces()
{
    store::Database &db = m_county->db();
    access::Session &session = m_county->session();
    // Someone with a placed address and a placed event.
    const qint64 personId
        = db.queryInt("SELECT pl.person_id FROM person_link pl JOIN event e ON "
                      "e.source_person_id = pl.source_person_id JOIN address_period a ON "
                      "a.source_person_id = pl.source_person_id WHERE e.lat IS NOT NULL AND "
                      "a.lat IS NOT NULL ORDER BY pl.person_id LIMIT 1")
              .value();
    QVERIFY(personId > 0);
    store::PersonRepository people(db, session.audit());
    auto open = people.read(session.context(), personId);
    QVERIFY_RESULT(open);
    QVERIFY(std::any_of(open->addresses.cbegin(), open->addresses.cend(),
                        [](const store::AddressView &a) { return a.lat.has_value(); }));
    QVERIFY(std::any_of(open->events.cbegin(), open->events.cend(),
                        [](const store::EventView &e) { return e.lat.has_value(); }));
    // One agency flags the address protected: no address text and no position of theirs, old
    // or new, nor where things happened to them.
    auto flag = db.prepare(
        "INSERT INTO flag(source_id, source_person_id, external_id, kind, active, received_at) "
        "SELECT sp.source_id, sp.id, 'test-protected', 'protected_address', 1, '2026-01-01' "
        "FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "WHERE pl.person_id = ?1 LIMIT 1");
    QVERIFY_RESULT(flag);
    QVERIFY_RESULT(flag->bind(1, personId).run());
    auto hidden = people.read(session.context(), personId);
    QVERIFY_RESULT(hidden);
    QVERIFY(hidden->addressProtected);
    QVERIFY(!hidden->addresses.isEmpty()); // that they exist, and from when
    for (const store::AddressView &a : hidden->addresses) {
        QVERIFY(!a.lat && !a.lon);
        QVERIFY(a.text.isEmpty() && a.postcode.isEmpty());
        QVERIFY(a.isProtected);
    }
    for (const store::EventView &e : hidden->events)
        QVERIFY(!e.lat && !e.lon);
    QVERIFY_RESULT(db.exec("DELETE FROM flag WHERE external_id = 'test-protected'"));
}

std::optional<std::map<qint64, geo::Placement>> tst_AreaQuery::listed(const geo::Area &area,
                                                                      const QStringList &flags)
{
    geo::AreaQueryOptions options;
    options.flags = flags;
    options.asOf = m_asOf;
    access::Session &session = m_county->session();
    auto result = geo::AreaQuery::run(session.database(), session.audit(), session.context(), area,
                                      options);
    if (!result.ok()) {
        qWarning("%s", qPrintable(result.error().message));
        return std::nullopt;
    }
    std::map<qint64, geo::Placement> placed;
    for (const geo::AreaPerson &person : result->people) {
        if (!placed.emplace(person.personId, person.placement).second)
            return std::nullopt;
    }
    return placed;
}

void tst_AreaQuery::flaggedPlacesFollowChanges()
{
    // The flagged query looks through flagged_place, which triggers and the refresh keep: each
    // change below (a flag on a record of another agency linked to them, a link moved, a
    // district centre outside the area's box, a protected person whose cell's centre is
    // outside it, a point on the area's outline) must show in the list as brute force has it.
    store::Database &db = m_county->db();
    const geo::Area area = geo::Area::circle(QStringLiteral("norwich"), {1.2974, 52.6309}, 5000);
    const QStringList vulnerable{QStringLiteral("vulnerable_adult")};
    const auto agrees = [&]() {
        const auto got = listed(area, vulnerable);
        const auto expected = bruteForce(area, vulnerable);
        if (!got || *got != expected) {
            qWarning("listed %d, brute force %d", got ? int(got->size()) : -1,
                     int(expected.size()));
            return false;
        }
        return true;
    };
    QVERIFY(agrees());

    // Two people listed inside when everyone is asked for, neither a vulnerable adult.
    const auto everyone = listed(area, {});
    QVERIFY(everyone);
    const auto before = listed(area, vulnerable);
    QVERIFY(before);
    std::vector<qint64> inside;
    for (const auto &[person, placement] : *everyone) {
        if (placement == geo::Placement::Inside && !before->count(person))
            inside.push_back(person);
    }
    QVERIFY2(inside.size() >= 2, "the county should have people inside who are not flagged");
    const qint64 first = inside.front();
    const qint64 second = inside.back();

    // A police record of theirs, with no address, carries the flag (linked before the flag
    // arrives: the flag is taken in as a new row).
    const qint64 police
        = db.queryInt("SELECT id FROM source WHERE agency = 'police' LIMIT 1").value();
    QVERIFY(police > 0);
    auto record = db.prepare("INSERT INTO source_person(source_id, external_id, given_name, "
                             "family_name, received_at) VALUES (?1, 'area-test', 'Area', 'Test', "
                             "'2025-06-01T00:00:00Z')");
    QVERIFY_RESULT(record);
    QVERIFY_RESULT(record->bind(1, police).run());
    const qint64 recordId = db.lastInsertRowId();
    auto link = db.prepare("INSERT INTO person_link(source_person_id, person_id, decided_by, "
                           "decided_at) VALUES (?1, ?2, 'auto', '2025-06-01T00:00:00Z')");
    QVERIFY_RESULT(link);
    QVERIFY_RESULT(link->bind(1, recordId).bind(2, first).run());
    auto flag = db.prepare("INSERT INTO flag(source_id, source_person_id, external_id, kind, "
                           "active, received_at) VALUES (?1, ?2, 'area-test', 'vulnerable_adult', "
                           "1, '2025-06-01T00:00:00Z')");
    QVERIFY_RESULT(flag);
    QVERIFY_RESULT(flag->bind(1, police).bind(2, recordId).run());
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->count(first), std::size_t(1));

    // The record is linked to someone else instead.
    auto relink = db.prepare("UPDATE person_link SET person_id = ?2 WHERE source_person_id = ?1");
    QVERIFY_RESULT(relink);
    QVERIFY_RESULT(relink->bind(1, recordId).bind(2, second).run());
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->count(first), std::size_t(0));
    QCOMPARE(listed(area, vulnerable)->count(second), std::size_t(1));

    // Their newest address, known only by its district, is 2 km north of the area's box.
    const QRectF box = area.bounds();
    const double north = box.bottom() + 2000.0 / 111195.0;
    auto address = db.prepare(
        "INSERT INTO address_period(source_id, source_person_id, external_id, lat, lon, "
        "precision, from_date, protected, received_at) VALUES (?1, ?2, 'area-test', ?3, ?4, ?5, "
        "'2026-01-01', ?6, '2026-01-01T00:00:00Z')");
    QVERIFY_RESULT(address);
    QVERIFY_RESULT(address->bind(1, police)
                       .bind(2, recordId)
                       .bind(3, north)
                       .bind(4, 1.2974)
                       .bind(5, QStringLiteral("district"))
                       .bind(6, 0)
                       .run());
    const qint64 addressId = db.lastInsertRowId();
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->at(second), geo::Placement::Uncertain);

    // Known to the building there instead (52.685: 1 km outside the box), it is outside...
    auto move = db.prepare("UPDATE address_period SET lat = ?2, lon = ?3, precision = ?4, "
                           "protected = ?5 WHERE id = ?1");
    QVERIFY_RESULT(move);
    QVERIFY_RESULT(move->bind(1, addressId)
                       .bind(2, 52.685)
                       .bind(3, 1.2974)
                       .bind(4, QStringLiteral("uprn"))
                       .bind(5, 0)
                       .run());
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->count(second), std::size_t(0));
    // ... but protected, they are weighed at their cell, whose centre (52.69) is outside the
    // box too, within 2.5 km of the circle.
    QVERIFY(geo::coarsened({1.2974, 52.685}).lat > box.bottom());
    move->reset();
    QVERIFY_RESULT(move->bind(1, addressId)
                       .bind(2, 52.685)
                       .bind(3, 1.2974)
                       .bind(4, QStringLiteral("uprn"))
                       .bind(5, 1)
                       .run());
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->at(second), geo::Placement::InsideProtected);

    // On a vertex of the outline (the circle's easternmost, on its box's edge): inside; a
    // centimetre east of it: outside.
    const geo::LonLat vertex = area.polygons().front().rings.front().front();
    QCOMPARE(vertex.lon, box.right());
    for (const auto &[lon, expected] :
         {std::pair{vertex.lon, 1}, std::pair{vertex.lon + 1.5e-7, 0}}) {
        move->reset();
        QVERIFY_RESULT(move->bind(1, addressId)
                           .bind(2, vertex.lat)
                           .bind(3, lon)
                           .bind(4, QStringLiteral("uprn"))
                           .bind(5, 0)
                           .run());
        QVERIFY(agrees());
        const auto now = listed(area, vulnerable);
        QCOMPARE(int(now->count(second)), expected);
        if (expected)
            QCOMPARE(now->at(second), geo::Placement::Inside);
    }

    // A second police record, flagged, the only record of a person of its own, with no address.
    // Then, with no query between, the address above (the highest id) goes and one of this
    // record's comes on the outline: it takes the same id, and is still taken in as new.
    QVERIFY_RESULT(db.exec("INSERT INTO person(created_at, updated_at) VALUES "
                           "('2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z')"));
    const qint64 lone = db.lastInsertRowId();
    auto other = db.prepare("INSERT INTO source_person(source_id, external_id, received_at) "
                            "VALUES (?1, 'area-test-2', '2025-06-01T00:00:00Z')");
    QVERIFY_RESULT(other);
    QVERIFY_RESULT(other->bind(1, police).run());
    const qint64 otherId = db.lastInsertRowId();
    QVERIFY_RESULT(link->bind(1, otherId).bind(2, lone).run());
    auto otherFlag = db.prepare("INSERT INTO flag(source_id, source_person_id, external_id, kind, "
                                "active, received_at) VALUES (?1, ?2, 'area-test-2', "
                                "'vulnerable_adult', 1, '2025-06-01T00:00:00Z')");
    QVERIFY_RESULT(otherFlag);
    QVERIFY_RESULT(otherFlag->bind(1, police).bind(2, otherId).run());
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->count(lone), std::size_t(0)); // nowhere yet
    QVERIFY_RESULT(db.exec("DELETE FROM address_period WHERE external_id = 'area-test'"));
    QVERIFY_RESULT(address->bind(1, police)
                       .bind(2, otherId)
                       .bind(3, vertex.lat)
                       .bind(4, vertex.lon)
                       .bind(5, QStringLiteral("uprn"))
                       .bind(6, 0)
                       .run());
    QCOMPARE(db.lastInsertRowId(), addressId);
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->at(lone), geo::Placement::Inside);

    // The flags made inactive, then the records withdrawn: back as before.
    QVERIFY_RESULT(db.exec("UPDATE flag SET active = 0 WHERE external_id LIKE 'area-test%'"));
    QVERIFY(agrees());
    QCOMPARE(listed(area, vulnerable)->count(lone), std::size_t(0));
    QVERIFY_RESULT(db.exec("DELETE FROM address_period WHERE external_id LIKE 'area-test%';"
                           "DELETE FROM flag WHERE external_id LIKE 'area-test%';"));
    auto unlink = db.prepare("DELETE FROM person_link WHERE source_person_id IN (?1, ?2)");
    QVERIFY_RESULT(unlink);
    QVERIFY_RESULT(unlink->bind(1, recordId).bind(2, otherId).run());
    QVERIFY(agrees());
    QVERIFY(listed(area, vulnerable) == before);
    QCOMPARE(db.queryInt("SELECT count(*) FROM flagged_place_stale").value(), qint64(0));
}

void tst_AreaQuery::flaggedPlacesMadeOnMigration()
{
    // A store made before the index (schema v6) gets it on migration, with what it holds;
    // later changes are noted and made again by the refresh.
    const SecretBytes spec = store::StoreFiles::keySpec(SecretBytes::random(32));
    store::Database::OpenOptions open;
    open.create = true;
    open.keySpec = &spec;
    auto opened = store::Database::open(m_work.filePath(QStringLiteral("v6.bvstore")), open);
    QVERIFY_RESULT(opened);
    store::Database &db = *opened.value();
    const auto shipped = store::Schema::migrations();
    const std::vector<store::Migration> upToV6(shipped.begin(), shipped.begin() + 6);
    QCOMPARE(upToV6.back().version, 6);
    QVERIFY_RESULT(store::Schema::migrate(db, upToV6));
    QVERIFY_RESULT(db.exec(
        "INSERT INTO source(id, code, agency, format, endpoint) VALUES "
        "(1, 'health', 'health', 'fhir-r4', 'https://127.0.0.1/'), "
        "(2, 'police', 'police', 'json', 'https://127.0.0.1/');"
        "INSERT INTO source_person(id, source_id, external_id, received_at) VALUES "
        "(1, 1, 'a', '2026-01-01T00:00:00Z'), (2, 2, 'b', '2026-01-01T00:00:00Z'), "
        "(3, 1, 'c', '2026-01-01T00:00:00Z');"
        "INSERT INTO person(id, created_at, updated_at) VALUES (10, '2026', '2026'), "
        "(20, '2026', '2026');"
        "INSERT INTO person_link(source_person_id, person_id, decided_by, decided_at) VALUES "
        "(1, 10, 'auto', '2026'), (2, 10, 'auto', '2026'), (3, 20, 'auto', '2026');"
        // Person 10: the address from health, the flag from the police.
        "INSERT INTO address_period(id, source_id, source_person_id, lat, lon, precision, "
        "protected, received_at) VALUES (100, 1, 1, 52.6, 1.3, 'uprn', 0, '2026'), "
        "(101, 1, 1, NULL, NULL, NULL, 0, '2026'), (300, 1, 3, 52.7, 1.1, 'district', 1, '2026');"
        "INSERT INTO flag(source_id, source_person_id, kind, active, received_at) VALUES "
        "(2, 2, 'vulnerable_adult', 1, '2026'), (2, 2, 'marac', 0, '2026');"));

    QVERIFY_RESULT(store::Schema::migrate(db));
    const auto rows = [&db]() {
        QStringList list;
        auto all = db.prepare("SELECT mark, address_id, person_id, coalesce(precision, '') "
                              "FROM flagged_place ORDER BY mark, address_id");
        if (!all.ok())
            return list;
        while (all->step().value())
            list << QStringLiteral("%1 %2 %3 %4")
                        .arg(all->text(0))
                        .arg(all->int64(1))
                        .arg(all->int64(2))
                        .arg(all->text(3));
        return list;
    };
    QCOMPARE(rows(), (QStringList{QStringLiteral("protected_address 300 20 district"),
                                  QStringLiteral("vulnerable_adult 100 10 uprn")}));
    QCOMPARE(db.queryInt("SELECT count(*) FROM flagged_place_stale").value(), qint64(0));

    // The police record moves to person 20, and the unplaced address is placed.
    QVERIFY_RESULT(db.exec("UPDATE person_link SET person_id = 20 WHERE source_person_id = 2;"
                           "UPDATE address_period SET lat = 52.61, lon = 1.31, precision = "
                           "'postcode_unit' WHERE id = 101;"));
    QCOMPARE(db.queryInt("SELECT count(*) FROM flagged_place_stale").value(), qint64(2));
    auto refreshed = geo::AreaQuery::refreshFlaggedPlaces(db);
    QVERIFY_RESULT(refreshed);
    QCOMPARE(refreshed.value(), qint64(2));
    QCOMPARE(rows(), (QStringList{QStringLiteral("protected_address 300 20 district"),
                                  QStringLiteral("vulnerable_adult 300 20 district")}));
    QCOMPARE(db.queryInt("SELECT count(*) FROM flagged_place_stale").value(), qint64(0));
    // A new flag: no trigger notes it, the refresh finds it by its id.
    QVERIFY_RESULT(db.exec("INSERT INTO flag(source_id, source_person_id, kind, active, "
                           "received_at) VALUES (1, 3, 'marac', 1, '2026')"));
    QCOMPARE(db.queryInt("SELECT count(*) FROM flagged_place_stale").value(), qint64(0));
    auto flagged = geo::AreaQuery::refreshFlaggedPlaces(db);
    QVERIFY_RESULT(flagged);
    QCOMPARE(flagged.value(), qint64(1));
    QCOMPARE(rows(), (QStringList{QStringLiteral("marac 300 20 district"),
                                  QStringLiteral("protected_address 300 20 district"),
                                  QStringLiteral("vulnerable_adult 300 20 district")}));
    auto again = geo::AreaQuery::refreshFlaggedPlaces(db);
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), qint64(0));
}

BV_TEST_MAIN(tst_AreaQuery)
#include "tst_areaquery.moc"
