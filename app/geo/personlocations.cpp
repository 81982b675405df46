// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/personlocations.h"

#include "store/database.h"
#include "store/statement.h"

#include <QSet>

namespace bv::geo {

Result<PersonLocations> PersonLocations::load(store::Database &db,
                                              const access::AccessContext &context)
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
        "coalesce(a.from_date, ''), coalesce(a.precision, 'district') FROM address_period a "
        "JOIN person_link pl ON pl.source_person_id = a.source_person_id "
        "JOIN source_person sp ON sp.id = a.source_person_id JOIN source s ON s.id = a.source_id "
        "WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL AND a.to_date IS NULL "
        "ORDER BY pl.person_id");
    BV_TRY(rows);
    PersonLocations locations;
    qint64 current = 0;
    QString bestFrom;
    bool has = false;
    LonLat best;
    const auto flush = [&] {
        if (!has)
            return;
        if (protectedPersons.contains(current)) {
            ++locations.leftOutProtected;
        } else {
            locations.personIds.push_back(current);
            locations.positions.push_back(best);
        }
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
            has = false;
            bestFrom.clear();
        }
        if (rows->int64(6) != 0) {
            protectedPersons.insert(person); // one protected address keeps the person off
            continue;
        }
        if (rows->text(8) == QLatin1String("district"))
            continue;
        const QString agency = rows->text(3);
        if (!access::AccessPolicy::decide(context, agency, rows->text(4)).visible
            || !access::AccessPolicy::decide(context, agency, rows->text(5)).visible)
            continue;
        if (!has || rows->text(7) > bestFrom) {
            best = {rows->real(2), rows->real(1)};
            bestFrom = rows->text(7);
            has = true;
        }
    }
    flush();
    return locations;
}

} // namespace bv::geo
