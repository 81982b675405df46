// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/areaquery.h"

#include "common/agencies.h"
#include "geo/currentaddress.h"
#include "geo/protectedneighbourhood.h"
#include "search/personsearch.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <sodium.h>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::AreaQuery", text);
}

const QHash<QString, QString> &flagAliases()
{
    static const QHash<QString, QString> aliases = {
        {QStringLiteral("vulnerable"), QStringLiteral("vulnerable_adult")},
        {QStringLiteral("vulnerable_adult"), QStringLiteral("vulnerable_adult")},
        {QStringLiteral("cpp"), QStringLiteral("child_protection_plan")},
        {QStringLiteral("child_protection_plan"), QStringLiteral("child_protection_plan")},
        {QStringLiteral("looked_after"), QStringLiteral("looked_after")},
        {QStringLiteral("risk_to_staff"), QStringLiteral("risk_to_staff")},
        {QStringLiteral("marac"), QStringLiteral("marac")},
        {QStringLiteral("protected_address"), QStringLiteral("protected_address")},
        {QStringLiteral("other"), QStringLiteral("other")},
    };
    return aliases;
}

} // namespace

double uncertaintyMetres(const QString &precision)
{
    if (precision == QLatin1String("uprn"))
        return 0.0;
    if (precision == QLatin1String("postcode_unit"))
        return 100.0;
    return 2500.0;
}

namespace {

// Whether a location off by up to `uncertainty` metres could be listed: Area::classify says
// Inside or Near. The box test first turns away only what classify would: a point further
// north or south of every vertex than the uncertainty is that far from every edge, and
// likewise east or west in the metres of the point's own latitude, which classify measures in.
// (111,000 m a degree is a little under Area's, so the box is a little wide, never narrow.)
bool mayBeListed(const Area &area, LonLat point, double uncertainty)
{
    const QRectF &box = area.bounds();
    const double latSlack = uncertainty / 111000.0 + 1e-7;
    const double lonSlack
        = uncertainty / (111000.0 * std::max(1e-6, std::cos(point.lat * std::numbers::pi / 180.0)))
          + 1e-7;
    if (point.lon < box.left() - lonSlack || point.lon > box.right() + lonSlack
        || point.lat < box.top() - latSlack || point.lat > box.bottom() + latSlack)
        return false;
    return area.contains(point) || area.classify(point, uncertainty) != Area::Placement::Outside;
}

// With flags asked for: the people who could be listed, into temp.area_candidate. The
// flagged_place index gives each place of a person with one of the flags, or with a protected
// address, in the widened box (a range of longitudes a mark); each place is tested as if it
// were where they live now, exactly as the list will test their current address (a person
// who may be protected at their coarse cell too). Whoever passes with any place is read in
// full; whoever could not pass with any cannot be listed, whatever their current address.
// The protected people's places near the area (from the index, within a relative's reach of
// the widened box) and every relationship recorded with them, for the neighbourhood rule.
Result<void> loadNeighbourhood(store::Database &db, const QRectF &wide,
                               ProtectedNeighbourhood &neighbourhood)
{
    const double pad = ProtectedNeighbourhood::kFamilyMetres / 111000.0;
    const double lonPad
        = pad
          / std::max(
              0.1, std::cos(std::min(89.0, std::max(std::abs(wide.top()), std::abs(wide.bottom())))
                            * std::numbers::pi / 180.0));
    auto places = db.prepare(
        "SELECT person_id, lon, lat FROM flagged_place WHERE mark = 'protected_address' "
        "AND lon BETWEEN ?1 AND ?2 AND lat BETWEEN ?3 AND ?4");
    BV_TRY(places);
    places->bind(1, wide.left() - lonPad)
        .bind(2, wide.right() + lonPad)
        .bind(3, wide.top() - pad)
        .bind(4, wide.bottom() + pad);
    for (;;) {
        auto step = places->step();
        BV_TRY(step);
        if (!step.value())
            break;
        neighbourhood.addPlace(places->int64(0), LonLat{places->real(1), places->real(2)});
    }
    if (neighbourhood.isEmpty())
        return {};
    BV_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS area_protected "
                   "(person_id INTEGER PRIMARY KEY)"));
    BV_TRY(db.exec("DELETE FROM temp.area_protected"));
    auto insert = db.prepare("INSERT INTO temp.area_protected(person_id) VALUES (?1)");
    BV_TRY(insert);
    for (const qint64 person : neighbourhood.protectedPeople())
        BV_TRY(insert->bind(1, person).run());
    // Both ways round: the relationship may be on the protected person's record or on the
    // relative's.
    auto relations = db.prepare(
        "SELECT x.person_id, other.person_id FROM temp.area_protected x "
        "CROSS JOIN person_link own ON own.person_id = x.person_id "
        "CROSS JOIN relationship r ON r.source_person_id = own.source_person_id "
        "CROSS JOIN person_link other ON other.source_person_id = r.related_source_person_id "
        "UNION ALL "
        "SELECT x.person_id, other.person_id FROM temp.area_protected x "
        "CROSS JOIN person_link own ON own.person_id = x.person_id "
        "CROSS JOIN relationship r "
        "ON r.related_source_person_id = own.source_person_id "
        "CROSS JOIN person_link other ON other.source_person_id = r.source_person_id");
    BV_TRY(relations);
    for (;;) {
        auto step = relations->step();
        BV_TRY(step);
        if (!step.value())
            break;
        neighbourhood.addRelation(relations->int64(0), relations->int64(1));
    }
    return {};
}

Result<void> flaggedCandidates(store::Database &db, const Area &area, const QRectF &wide,
                               const QStringList &flags,
                               const ProtectedNeighbourhood &neighbourhood)
{
    const QString protectedMark = QStringLiteral("protected_address");
    QStringList marks = flags;
    if (!marks.contains(protectedMark))
        marks << protectedMark;
    auto places = db.prepare(
        "SELECT person_id, lon, lat, coalesce(precision, 'district') FROM flagged_place "
        "WHERE mark = ?1 AND lon BETWEEN ?2 AND ?3 AND lat BETWEEN ?4 AND ?5");
    BV_TRY(places);
    struct Place
    {
        qint64 person = 0;
        LonLat at;
        double uncertainty = 0;
    };
    std::vector<Place> flagged;
    QSet<qint64> mayBeProtected;
    for (const QString &mark : std::as_const(marks)) {
        places->reset();
        places->bind(1, mark)
            .bind(2, wide.left())
            .bind(3, wide.right())
            .bind(4, wide.top())
            .bind(5, wide.bottom());
        const bool chosen = flags.contains(mark);
        for (;;) {
            auto step = places->step();
            BV_TRY(step);
            if (!step.value())
                break;
            const qint64 person = places->int64(0);
            if (mark == protectedMark)
                mayBeProtected.insert(person);
            if (chosen)
                flagged.push_back({person, LonLat{places->real(1), places->real(2)},
                                   uncertaintyMetres(places->text(3))});
        }
    }
    QSet<qint64> candidates;
    for (const Place &place : flagged) {
        if (candidates.contains(place.person))
            continue;
        if (mayBeListed(area, place.at, place.uncertainty)
            || ((mayBeProtected.contains(place.person)
                 || neighbourhood.givesAway(place.person, place.at))
                && mayBeListed(area, coarsened(place.at), kProtectedUncertaintyMetres)))
            candidates.insert(place.person);
    }
    auto insert = db.prepare("INSERT INTO temp.area_candidate(person_id) VALUES (?1)");
    BV_TRY(insert);
    for (const qint64 person : std::as_const(candidates)) {
        insert->reset();
        BV_TRY(insert->bind(1, person).run());
    }
    return {};
}

} // namespace

Result<qint64> AreaQuery::refreshFlaggedPlaces(store::Database &db)
{
    // Nothing to do, the usual case: three lookups, no transaction.
    auto pending
        = db.queryInt("SELECT (SELECT count(*) FROM flagged_place_stale) + EXISTS (SELECT 1 FROM "
                      "flagged_place_seen s WHERE s.address_id < (SELECT coalesce(max(id), 0) FROM "
                      "address_period) OR s.flag_id < (SELECT coalesce(max(id), 0) FROM flag))");
    BV_TRY(pending);
    if (pending.value() == 0)
        return qint64(0);
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    // Address and flag rows written since (no trigger sees an insert): the people their
    // records are linked to. A record not linked yet is noted by the linker when it is.
    BV_TRY(
        db.exec("INSERT OR IGNORE INTO flagged_place_stale(person_id) SELECT pl.person_id "
                "FROM address_period a CROSS JOIN person_link pl ON pl.source_person_id = "
                "a.source_person_id WHERE a.id > (SELECT address_id FROM flagged_place_seen) "
                "AND ((a.lat IS NOT NULL AND a.lon IS NOT NULL) OR a.protected <> 0);"
                "INSERT OR IGNORE INTO flagged_place_stale(person_id) SELECT pl.person_id "
                "FROM flag f CROSS JOIN person_link pl ON pl.source_person_id = f.source_person_id "
                "WHERE f.id > (SELECT flag_id FROM flagged_place_seen) AND f.active = 1;"
                "UPDATE flagged_place_seen SET "
                "address_id = (SELECT coalesce(max(id), 0) FROM address_period), "
                "flag_id = (SELECT coalesce(max(id), 0) FROM flag);"));
    auto stale = db.queryInt("SELECT count(*) FROM flagged_place_stale");
    BV_TRY(stale);
    // The stale people's rows made again from their records as they are now: the kinds of
    // their records' active flags, and protected_address for a protected address row, each
    // with every placed address of theirs. A person no longer linked to anything gets none.
    BV_TRY(db.exec(
        "DELETE FROM flagged_place WHERE person_id IN (SELECT person_id FROM flagged_place_stale);"
        "INSERT OR REPLACE INTO flagged_place(mark, lon, lat, address_id, person_id, precision) "
        "WITH marks(person_id, mark) AS ("
        " SELECT s.person_id, f.kind FROM flagged_place_stale s"
        " CROSS JOIN person_link pl ON pl.person_id = s.person_id"
        " CROSS JOIN flag f ON f.source_person_id = pl.source_person_id WHERE f.active = 1"
        " UNION"
        " SELECT s.person_id, 'protected_address' FROM flagged_place_stale s"
        " CROSS JOIN person_link pl ON pl.person_id = s.person_id"
        " CROSS JOIN address_period a ON a.source_person_id = pl.source_person_id"
        " WHERE a.protected <> 0) "
        "SELECT m.mark, a.lon, a.lat, a.id, m.person_id, a.precision FROM marks m "
        "CROSS JOIN person_link pl ON pl.person_id = m.person_id "
        "CROSS JOIN address_period a ON a.source_person_id = pl.source_person_id "
        "WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL;"
        "DELETE FROM flagged_place_stale"));
    BV_TRY(tx->commit());
    return stale.value();
}

int AreaQueryResult::inside() const
{
    return int(std::count_if(people.cbegin(), people.cend(),
                             [](const AreaPerson &p) { return p.placement == Placement::Inside; }));
}

int AreaQueryResult::uncertain() const
{
    return int(std::count_if(people.cbegin(), people.cend(), [](const AreaPerson &p) {
        return p.placement == Placement::Uncertain;
    }));
}

int AreaQueryResult::protectedAddresses() const
{
    return int(std::count_if(people.cbegin(), people.cend(), [](const AreaPerson &p) {
        return p.placement == Placement::InsideProtected;
    }));
}

Result<QStringList> AreaQuery::parseFlags(const QString &text)
{
    QStringList kinds;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
        const auto found = flagAliases().constFind(key);
        if (found == flagAliases().constEnd()) {
            QStringList known = flagAliases().keys();
            known.sort();
            return makeError(ErrorCode::Usage,
                             tr("Unknown flag \"%1\"; known: %2.")
                                 .arg(part.trimmed(), known.join(QStringLiteral(", "))));
        }
        if (!kinds.contains(found.value()))
            kinds << found.value();
    }
    return kinds;
}

QString AreaQuery::placementLabel(Placement placement)
{
    switch (placement) {
    case Placement::Inside:
        return tr("inside");
    case Placement::Uncertain:
        return tr("location too coarse to be sure");
    case Placement::InsideProtected:
        return tr("inside, address protected");
    }
    return {};
}

QString AreaQuery::why(const AreaPerson &person)
{
    QStringList flags;
    for (qsizetype i = 0; i < person.flags.size(); ++i)
        flags << tr("%1 (%2)").arg(search::flagLabel(person.flags.at(i)),
                                   search::agencyLabel(person.flagFrom.value(i)));
    const QString flagText = flags.isEmpty() ? tr("Lives here") : flags.join(QStringLiteral("; "));
    const QString precision = person.precision == QLatin1String("uprn") ? tr("the building (UPRN)")
                              : person.precision == QLatin1String("postcode_unit")
                                  ? tr("the postcode's centre")
                                  : tr("the district's centre only");
    const QString since = person.asOf.isEmpty() ? QString() : tr(" since %1").arg(person.asOf);
    switch (person.placement) {
    case Placement::InsideProtected:
        return tr("%1. Their address is protected: ask %2 (record %3).")
            .arg(flagText, search::agencyLabel(person.agency), person.reference);
    case Placement::Uncertain:
        return tr("%1. %2 places them%3 at %4, %5 m from the edge: too coarse to be sure.")
            .arg(flagText, search::agencyLabel(person.agency), since, precision)
            .arg(qRound(person.edgeMetres));
    case Placement::Inside:
        break;
    }
    return tr("%1. %2 places them inside%3, located by %4.")
        .arg(flagText, search::agencyLabel(person.agency), since, precision);
}

Result<AreaQueryResult> AreaQuery::run(store::Database &db, access::AuditLog &audit,
                                       const access::AccessContext &context, const Area &area,
                                       const AreaQueryOptions &options)
{
    AreaQueryResult result;
    result.areaName = area.name();
    if (area.isEmpty())
        return makeError(ErrorCode::Usage, tr("The area has no polygon."));
    const QString asOf
        = (options.asOf.isValid() ? options.asOf : QDate::currentDate()).toString(Qt::ISODate);

    // The box, widened by the coarsest location's uncertainty so a district centre just
    // outside is still weighed.
    const QRectF box = area.bounds();
    // A protected person is weighed at their 2 km cell's centre, up to 1.5 km from home.
    const double margin
        = (std::max(uncertaintyMetres(QStringLiteral("district")), kProtectedUncertaintyMetres)
           + 1500.0)
          / 111000.0;
    // Degrees of longitude shrink towards the poles: scaled where they are smallest.
    const double widestLatitude = std::max(std::abs(box.top()), std::abs(box.bottom())) + margin;
    const double lonMargin
        = margin
          / std::max(0.1, std::cos(std::min(89.0, widestLatitude) * std::numbers::pi / 180.0));
    BV_TRY(db.exec("CREATE TEMP TABLE IF NOT EXISTS area_candidate "
                   "(person_id INTEGER PRIMARY KEY)"));
    BV_TRY(db.exec("DELETE FROM temp.area_candidate"));
    const QRectF wide(QPointF(box.left() - lonMargin, box.top() - margin),
                      QPointF(box.right() + lonMargin, box.bottom() + margin));
    // Whoever would show where a protected person lives is weighed as they are
    // (geo::ProtectedNeighbourhood).
    BV_TRY(AreaQuery::refreshFlaggedPlaces(db));
    ProtectedNeighbourhood neighbourhood;
    BV_TRY(loadNeighbourhood(db, wide, neighbourhood));
    if (options.flags.isEmpty()) {
        // Everyone: the people with a placed address in the widened box (the R*Tree) into a
        // temporary table of ids (in memory: temp_store), then, in one pass each, their flags
        // and all their address rows. Only the people listed are read one by one (for their
        // name). CROSS JOIN keeps the R*Tree the outer loop: SQLite's planner would otherwise
        // walk place or person_link and probe the R*Tree by id, 20 times slower at a million
        // rows.
        auto inBox = db.prepare(
            "INSERT OR IGNORE INTO temp.area_candidate(person_id) SELECT pl.person_id "
            "FROM place_rtree r CROSS JOIN place p ON p.id = r.id AND p.owner_kind = 'address' "
            "CROSS JOIN address_period a ON a.id = p.owner_id "
            "CROSS JOIN person_link pl ON pl.source_person_id = a.source_person_id "
            "WHERE r.min_lon <= ?1 AND r.max_lon >= ?2 AND r.min_lat <= ?3 AND r.max_lat >= ?4");
        BV_TRY(inBox);
        BV_TRY(inBox->bind(1, wide.right())
                   .bind(2, wide.left())
                   .bind(3, wide.bottom())
                   .bind(4, wide.top())
                   .run());
    } else {
        BV_TRY(flaggedCandidates(db, area, wide, options.flags, neighbourhood));
    }
    // With flags asked for, only people with one of them (active; who may see it is decided
    // below) are candidates at all.
    if (!options.flags.isEmpty()) {
        QStringList kinds;
        for (qsizetype k = 0; k < options.flags.size(); ++k)
            kinds << QStringLiteral("?%1").arg(k + 1);
        auto unflagged = db.prepare(
            QStringLiteral(
                "DELETE FROM temp.area_candidate WHERE NOT EXISTS (SELECT 1 FROM "
                "person_link pl JOIN flag f INDEXED BY flag_person ON f.source_person_id = "
                "pl.source_person_id WHERE pl.person_id = area_candidate.person_id "
                "AND f.active = 1 AND f.kind IN (%1))")
                .arg(kinds.join(QLatin1Char(',')))
                .toStdString());
        BV_TRY(unflagged);
        for (qsizetype k = 0; k < options.flags.size(); ++k)
            unflagged->bind(int(k + 1), options.flags.at(k));
        BV_TRY(unflagged->run());
    }

    struct Candidate
    {
        QStringList kinds;
        QStringList from;
        bool protectedFlag = false;
        std::vector<AddressRow> rows;
    };
    std::map<qint64, Candidate> candidates;
    auto flags = db.prepare(
        "SELECT c.person_id, f.kind, s.agency, f.sensitivity, sp.sensitivity, "
        "coalesce(f.from_date, ''), coalesce(f.to_date, '') FROM temp.area_candidate c "
        "CROSS JOIN person_link pl ON pl.person_id = c.person_id "
        "CROSS JOIN flag f INDEXED BY flag_person ON f.source_person_id = pl.source_person_id "
        "JOIN source_person sp ON sp.id = f.source_person_id "
        "JOIN source s ON s.id = f.source_id WHERE f.active = 1");
    BV_TRY(flags);
    for (;;) {
        auto step = flags->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const QString fromDate = flags->text(5);
        const QString toDate = flags->text(6);
        Candidate &candidate = candidates[flags->int64(0)];
        const QString kind = flags->text(1);
        // A protected address is kept back whoever may see the flag that says so, and whatever
        // its dates: a day asked for before it began must not show the address, as the map
        // never does.
        if (kind == QLatin1String("protected_address"))
            candidate.protectedFlag = true;
        if ((!fromDate.isEmpty() && fromDate > asOf) || (!toDate.isEmpty() && toDate < asOf))
            continue;
        const bool visible
            = access::AccessPolicy::decide(context, flags->text(2), flags->text(3)).visible
              && access::AccessPolicy::decide(context, flags->text(2), flags->text(4)).visible;
        if (visible && options.flags.contains(kind) && !candidate.kinds.contains(kind)) {
            candidate.kinds << kind;
            candidate.from << flags->text(2);
        }
    }

    // Every address row of theirs, placed or not: the current one is chosen among all, and one
    // protected copy protects them all.
    auto addresses = db.prepare(
        "SELECT c.person_id, a.address, a.lat, a.lon, coalesce(a.precision, 'district'), "
        "coalesce(a.from_date, ''), a.received_at, a.protected, a.sensitivity, s.agency, "
        "sp.external_id, sp.sensitivity, coalesce(a.to_date, '') FROM temp.area_candidate c "
        "CROSS JOIN person_link pl ON pl.person_id = c.person_id "
        "CROSS JOIN address_period a ON a.source_person_id = pl.source_person_id "
        "JOIN source_person sp ON sp.id = a.source_person_id "
        "JOIN source s ON s.id = a.source_id WHERE sp.withdrawn = 0");
    BV_TRY(addresses);
    for (;;) {
        auto step = addresses->step();
        BV_TRY(step);
        if (!step.value())
            break;
        AddressRow row;
        row.address = addresses->text(1);
        if (!addresses->isNull(2) && !addresses->isNull(3))
            row.position = LonLat{addresses->real(3), addresses->real(2)};
        row.precision = addresses->text(4);
        row.fromDate = addresses->text(5);
        row.receivedAt = addresses->text(6);
        row.isProtected = addresses->int64(7) != 0;
        row.agency = addresses->text(9);
        row.reference = addresses->text(10);
        row.toDate = addresses->text(12);
        row.visible
            = access::AccessPolicy::decide(context, row.agency, addresses->text(8)).visible
              && access::AccessPolicy::decide(context, row.agency, addresses->text(11)).visible;
        candidates[addresses->int64(0)].rows.push_back(std::move(row));
    }
    result.candidates = qint64(candidates.size());

    auto people = db.prepare(
        "SELECT sp.given_name, sp.family_name, coalesce(sp.birth_date, ''), s.agency, "
        "sp.sensitivity FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "JOIN source s ON s.id = sp.source_id WHERE pl.person_id = ?1");
    BV_TRY(people);
    for (const auto &[personId, candidate] : candidates) {
        if (!options.flags.isEmpty() && candidate.kinds.isEmpty())
            continue; // only flags the reader may not see, or none current on the day
        const bool protectedAddress = candidate.protectedFlag || protectedOn(candidate.rows, asOf);
        const auto current = currentAddress(candidate.rows, asOf);
        if (!current || !current->position) {
            // Not counted for a protected person: the count moving as an area is redrawn
            // would show where their placed (protected) address is.
            if (!protectedAddress)
                ++result.unplaced; // where they live now is not known precisely enough
            continue;
        }
        AreaPerson person;
        person.personId = personId;
        person.flags = candidate.kinds;
        person.flagFrom = candidate.from;
        person.agency = current->agency;
        person.reference = current->reference;
        // Someone living with a protected person, or their family near them, would show where
        // they live: listed as protected, and decided as they are.
        const bool sheltered
            = !protectedAddress && neighbourhood.givesAway(personId, *current->position);
        if (protectedAddress || sheltered) {
            // Decided on a 2 km cell, never the building: repeated queries cannot find it.
            if (area.classify(coarsened(*current->position), kProtectedUncertaintyMetres)
                == Area::Placement::Outside)
                continue;
            person.placement = Placement::InsideProtected; // no address, point, date or precision
        } else {
            const double uncertainty = uncertaintyMetres(current->precision);
            double edge = 0;
            const Area::Placement placement = area.classify(*current->position, uncertainty, &edge);
            if (placement == Area::Placement::Outside)
                continue;
            person.placement
                = placement == Area::Placement::Inside ? Placement::Inside : Placement::Uncertain;
            person.precision = current->precision;
            person.asOf = current->effectiveDate();
            person.address = current->address;
            person.position = *current->position;
            person.edgeMetres = edge;
        }
        // The name and date of birth most of the records the reader may see agree on.
        QStringList names;
        QStringList births;
        people->reset();
        people->bind(1, personId);
        for (;;) {
            auto step = people->step();
            BV_TRY(step);
            if (!step.value())
                break;
            if (!access::AccessPolicy::decide(context, people->text(3), people->text(4)).visible)
                continue;
            names << QStringList{people->text(0), people->text(1)}.join(QLatin1Char(' ')).trimmed();
            if (!people->text(2).isEmpty())
                births << people->text(2);
        }
        person.name = mostCommon(names);
        person.birthDate = QDate::fromString(mostCommon(births), Qt::ISODate);
        result.people.push_back(std::move(person));
    }
    std::stable_sort(result.people.begin(), result.people.end(),
                     [](const AreaPerson &a, const AreaPerson &b) {
                         if (a.placement != b.placement)
                             return int(a.placement) < int(b.placement);
                         return a.name < b.name;
                     });

    QStringList listed;
    for (const AreaPerson &person : result.people)
        listed << QStringLiteral("person:%1").arg(person.personId);
    // Enough to tell later which area was asked about: its box, its size and a fingerprint
    // of its corners (BLAKE2b), besides the purpose the context carries.
    QByteArray corners;
    for (const Polygon &polygon : area.polygons())
        for (const auto &ring : polygon.rings)
            for (const LonLat &point : ring)
                corners += QByteArray::number(point.lon, 'f', 7) + ','
                           + QByteArray::number(point.lat, 'f', 7) + ';';
    unsigned char fingerprint[16];
    crypto_generichash(fingerprint, sizeof fingerprint,
                       reinterpret_cast<const unsigned char *>(corners.constData()),
                       std::size_t(corners.size()), nullptr, 0);
    auto audited = audit.append(
        context,
        {QStringLiteral("area.query"),
         listed.isEmpty() ? QStringLiteral("none") : listed.join(QLatin1Char(',')),
         QStringLiteral("box=%1,%2,%3,%4; vertices=%5; geometry=%6; flags=%7; as_of=%8; "
                        "inside=%9; uncertain=%10; protected=%11")
             .arg(box.left(), 0, 'f', 4)
             .arg(box.top(), 0, 'f', 4)
             .arg(box.right(), 0, 'f', 4)
             .arg(box.bottom(), 0, 'f', 4)
             .arg(area.vertexCount())
             .arg(QString::fromLatin1(
                 QByteArray(reinterpret_cast<const char *>(fingerprint), sizeof fingerprint)
                     .toHex()))
             .arg(options.flags.isEmpty() ? QStringLiteral("any")
                                          : options.flags.join(QLatin1Char(',')))
             .arg(asOf)
             .arg(result.inside())
             .arg(result.uncertain())
             .arg(result.protectedAddresses())});
    BV_TRY(audited);
    return result;
}

} // namespace bv::geo
