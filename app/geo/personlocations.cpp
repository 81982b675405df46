// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/personlocations.h"

#include "common/agencies.h"
#include "geo/currentaddress.h"
#include "geo/protectedneighbourhood.h"
#include "store/database.h"
#include "store/statement.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace bv::geo {

const QStringList &PersonLocations::flagKinds()
{
    static const QStringList kinds{QStringLiteral("vulnerable_adult"),
                                   QStringLiteral("child_protection_plan"),
                                   QStringLiteral("looked_after"),
                                   QStringLiteral("risk_to_staff"),
                                   QStringLiteral("marac"),
                                   QStringLiteral("other")};
    return kinds;
}

std::optional<LonLat> PersonLocations::positionOf(qint64 personId) const
{
    // Loaded in person order.
    const auto found = std::lower_bound(personIds.cbegin(), personIds.cend(), personId);
    if (found == personIds.cend() || *found != personId)
        return std::nullopt;
    return positions[std::size_t(found - personIds.cbegin())];
}

namespace {

// Which agencies' records of each person the reader may see, as agencyOrder() bits.
Result<QHash<qint64, quint32>> agencyMasks(store::Database &db,
                                           const access::AccessContext &context)
{
    QHash<qint64, quint32> masks;
    auto rows = db.prepare("SELECT pl.person_id, s.agency, sp.sensitivity FROM person_link pl "
                           "JOIN source_person sp ON sp.id = pl.source_person_id "
                           "JOIN source s ON s.id = sp.source_id WHERE sp.withdrawn = 0");
    BV_TRY(rows);
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const QString agency = rows->text(1);
        const qsizetype bit = agencyOrder().indexOf(agency);
        if (bit < 0 || !access::AccessPolicy::decide(context, agency, rows->text(2)).visible)
            continue;
        masks[rows->int64(0)] |= quint32(1) << bit;
    }
    return masks;
}

// Which flags each person has on the day that the reader may see, as flagKinds() bits.
Result<QHash<qint64, quint32>> flagMasks(store::Database &db, const access::AccessContext &context,
                                         const QString &day)
{
    QHash<qint64, quint32> masks;
    auto rows = db.prepare(
        "SELECT pl.person_id, f.kind, s.agency, f.sensitivity, sp.sensitivity, "
        "coalesce(f.from_date, ''), coalesce(f.to_date, '') FROM flag f "
        "JOIN person_link pl ON pl.source_person_id = f.source_person_id "
        "JOIN source_person sp ON sp.id = f.source_person_id JOIN source s ON s.id = f.source_id "
        "WHERE f.active = 1 AND sp.withdrawn = 0");
    BV_TRY(rows);
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const qsizetype bit = PersonLocations::flagKinds().indexOf(rows->text(1));
        const QString from = rows->text(5);
        const QString to = rows->text(6);
        if (bit < 0 || (!from.isEmpty() && from > day) || (!to.isEmpty() && to < day))
            continue;
        const QString agency = rows->text(2);
        if (!access::AccessPolicy::decide(context, agency, rows->text(3)).visible
            || !access::AccessPolicy::decide(context, agency, rows->text(4)).visible)
            continue;
        masks[rows->int64(0)] |= quint32(1) << bit;
    }
    return masks;
}

// Every relationship recorded between a protected person and anyone, either way round.
Result<void> addRelations(store::Database &db, ProtectedNeighbourhood &neighbourhood)
{
    if (neighbourhood.isEmpty())
        return {};
    auto rows
        = db.prepare("SELECT pa.person_id, pb.person_id FROM relationship r "
                     "JOIN person_link pa ON pa.source_person_id = r.source_person_id "
                     "JOIN person_link pb ON pb.source_person_id = r.related_source_person_id");
    BV_TRY(rows);
    const QSet<qint64> &protectedPeople = neighbourhood.protectedPeople();
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const qint64 a = rows->int64(0);
        const qint64 b = rows->int64(1);
        if (protectedPeople.contains(a) || protectedPeople.contains(b))
            neighbourhood.addRelation(a, b);
    }
    return {};
}

// Takes off the map whoever would show where a protected person lives.
void leaveOutNearProtected(PersonLocations &locations, const ProtectedNeighbourhood &neighbourhood)
{
    if (neighbourhood.isEmpty())
        return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < locations.personIds.size(); ++i) {
        if (neighbourhood.givesAway(locations.personIds[i], locations.positions[i])) {
            ++locations.leftOutProtected;
            continue;
        }
        locations.personIds[kept] = locations.personIds[i];
        locations.positions[kept] = locations.positions[i];
        locations.flags[kept] = locations.flags[i];
        locations.agencies[kept] = locations.agencies[i];
        ++kept;
    }
    locations.personIds.resize(kept);
    locations.positions.resize(kept);
    locations.flags.resize(kept);
    locations.agencies.resize(kept);
}

} // namespace

Result<PersonLocations> PersonLocations::load(store::Database &db,
                                              const access::AccessContext &context, QDate today)
{
    QSet<qint64> protectedPersons;
    auto flagged = db.prepare("SELECT DISTINCT pl.person_id FROM flag f "
                              "JOIN person_link pl ON pl.source_person_id = f.source_person_id "
                              "WHERE f.kind = 'protected_address' AND f.active = 1");
    BV_TRY(flagged);
    for (;;) {
        auto step = flagged->step();
        BV_TRY(step);
        if (!step.value())
            break;
        protectedPersons.insert(flagged->int64(0));
    }
    auto rows = db.prepare(
        "SELECT pl.person_id, a.lat, a.lon, s.agency, a.sensitivity, sp.sensitivity, a.protected, "
        "coalesce(a.from_date, ''), coalesce(a.precision, 'district'), coalesce(a.to_date, ''), "
        "a.received_at FROM address_period a "
        "JOIN person_link pl ON pl.source_person_id = a.source_person_id "
        "JOIN source_person sp ON sp.id = a.source_person_id JOIN source s ON s.id = a.source_id "
        "WHERE sp.withdrawn = 0 ORDER BY pl.person_id");
    BV_TRY(rows);
    PersonLocations locations;
    const QString day = today.toString(Qt::ISODate);
    auto agencies = agencyMasks(db, context);
    BV_TRY(agencies);
    auto flags = flagMasks(db, context, day);
    BV_TRY(flags);
    qint64 current = 0;
    std::vector<AddressRow> theirs;
    // Where each lives today, as the area query decides it (geo::currentAddress).
    ProtectedNeighbourhood neighbourhood;
    const auto flush = [&] {
        if (theirs.empty())
            return;
        // Where a protected person lives, or lived, for the neighbourhood: any protected copy
        // at any time, as the area query's index counts it.
        const bool everProtected
            = protectedPersons.contains(current)
              || std::any_of(theirs.cbegin(), theirs.cend(),
                             [](const AddressRow &row) { return row.isProtected; });
        if (everProtected)
            for (const AddressRow &row : theirs)
                if (row.position)
                    neighbourhood.addPlace(current, *row.position);
        if (protectedPersons.contains(current) || protectedOn(theirs, day)) {
            ++locations.leftOutProtected;
        } else if (const auto home = currentAddress(theirs, day);
                   home && home->position && home->precision != QLatin1String("district")) {
            locations.personIds.push_back(current);
            locations.positions.push_back(*home->position);
            locations.flags.push_back(flags.value().value(current));
            locations.agencies.push_back(agencies.value().value(current));
        }
        theirs.clear();
    };
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const qint64 person = rows->int64(0);
        if (person != current) {
            flush();
            current = person;
        }
        AddressRow row;
        if (!rows->isNull(1) && !rows->isNull(2))
            row.position = LonLat{rows->real(2), rows->real(1)};
        row.agency = rows->text(3);
        row.visible = access::AccessPolicy::decide(context, row.agency, rows->text(4)).visible
                      && access::AccessPolicy::decide(context, row.agency, rows->text(5)).visible;
        row.isProtected = rows->int64(6) != 0;
        row.fromDate = rows->text(7);
        row.precision = rows->text(8);
        row.toDate = rows->text(9);
        row.receivedAt = rows->text(10);
        theirs.push_back(std::move(row));
    }
    flush();
    BV_TRY(addRelations(db, neighbourhood));
    leaveOutNearProtected(locations, neighbourhood);
    return locations;
}

} // namespace bv::geo
