// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/postcodeplacement.h"

#include "geo/postcodegazetteer.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>

#include <spdlog/spdlog.h>

namespace bv::geo {

namespace {
constexpr const char *kDoneKey = "addresses_placed_by_postcode";
}

Result<qint64> placeAddressesByPostcode(store::Database &db)
{
    auto done = db.queryInt(std::string("SELECT count(*) FROM store_meta WHERE key = '") + kDoneKey
                            + "'");
    BV_TRY(done);
    if (done.value() > 0)
        return qint64(0);
    const auto gazetteer = PostcodeGazetteer::shipped();
    if (!gazetteer)
        return makeError(ErrorCode::Failure, QObject::tr("The postcode gazetteer is missing."));
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    auto unplaced = db.prepare("SELECT id, postcode FROM address_period "
                               "WHERE (lat IS NULL OR lon IS NULL) AND postcode IS NOT NULL");
    BV_TRY(unplaced);
    auto update = db.prepare("UPDATE address_period SET lat = ?2, lon = ?3, precision = ?4 "
                             "WHERE id = ?1");
    BV_TRY(update);
    auto place
        = db.prepare("INSERT OR IGNORE INTO place(owner_kind, owner_id) VALUES ('address', ?1)");
    BV_TRY(place);
    auto box = db.prepare("INSERT INTO place_rtree(id, min_lon, max_lon, min_lat, max_lat) VALUES "
                          "(?1, ?2, ?2, ?3, ?3)");
    BV_TRY(box);
    qint64 placed = 0;
    for (;;) {
        auto step = unplaced->step();
        BV_TRY(step);
        if (!step.value())
            break;
        const auto found = gazetteer->locate(unplaced->text(1));
        if (!found)
            continue;
        const qint64 id = unplaced->int64(0);
        const QString precision = found->precision == PostcodeGazetteer::Precision::PostcodeUnit
                                      ? QStringLiteral("postcode_unit")
                                      : QStringLiteral("district");
        update->reset();
        BV_TRY(update->bind(1, id)
                   .bind(2, found->position.lat)
                   .bind(3, found->position.lon)
                   .bind(4, precision)
                   .run());
        place->reset();
        BV_TRY(place->bind(1, id).run());
        if (db.changes() == 0)
            continue; // already on the map
        box->reset();
        BV_TRY(box->bind(1, db.lastInsertRowId())
                   .bind(2, found->position.lon)
                   .bind(3, found->position.lat)
                   .run());
        ++placed;
    }
    BV_TRY(db.exec(std::string("INSERT INTO store_meta(key, value) VALUES ('") + kDoneKey
                   + "', '1')"));
    BV_TRY(tx->commit());
    spdlog::info("placed {} addresses by their postcodes", placed);
    return placed;
}

} // namespace bv::geo
