// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "access/auditlog.h"
#include "common/result.h"
#include "geo/area.h"

#include <QDate>
#include <QStringList>

#include <vector>

namespace bv::store {
class Database;
}

namespace bv::geo {

// How sure the list is that a person lives inside.
enum class Placement {
    Inside,          // their location is inside, further from the edge than it could be wrong
    Uncertain,       // their location is too coarse to say (near the edge for its precision)
    InsideProtected, // inside or near, at a protected address: never shown, only the contact
};

// One person the area query lists, with why.
struct AreaPerson
{
    qint64 personId = 0;
    QString name;
    QDate birthDate;
    QStringList flags;    // the chosen flag kinds they have, active, that the reader may see
    QStringList flagFrom; // the agency of each, in the same order
    Placement placement = Placement::Inside;
    QString precision;     // "uprn", "postcode_unit" or "district"
    QString address;       // empty for a protected address
    LonLat position;       // zero for a protected address
    QString asOf;          // the address's from date, else when the agency sent it
    QString agency;        // whose record places them there: the contact route
    QString reference;     // that record's id at the agency
    double edgeMetres = 0; // distance to the area's edge (0 for a protected address)
};

struct AreaQueryOptions
{
    QStringList flags; // flag kinds; empty: everyone who lives there
    QDate asOf;        // where people live on this day
};

struct AreaQueryResult
{
    QString areaName;
    std::vector<AreaPerson> people; // inside first, then uncertain, then protected
    // People read in full for the exact test: everyone with a placed address in the area's
    // widened box (the R*Tree) or, with flags asked for, the flagged people with a place that
    // would be listed were it their current address (the flagged_place index).
    qint64 candidates = 0;
    qint64 unplaced = 0; // of those, people whose current address has no position
    int inside() const;
    int uncertain() const;
    int protectedAddresses() const;
};

// How far a location of a precision may be from where the person lives, in metres: a UPRN is
// the building; a postcode unit's centre is within about 100 m of its addresses; a district's
// is kilometres off.
double uncertaintyMetres(const QString &precision);

// "Which people with these flags live inside this area?" Each person's current address (the
// latest the reader may see on the day asked, the most precise of equals), found through the
// R*Tree on the area's box widened by the coarsest uncertainty (with flags asked for, through
// the flagged people's places, as each would be tested), then tested exactly. The query
// is audited (area.query) with the purpose, the area's size, the counts and the persons listed.
class AreaQuery
{
public:
    [[nodiscard]] static Result<AreaQueryResult> run(store::Database &db, access::AuditLog &audit,
                                                     const access::AccessContext &context,
                                                     const Area &area,
                                                     const AreaQueryOptions &options);

    // Brings the store's index of flagged people's places (flagged_place) up to date for the
    // people whose flags, placed addresses or links changed since (address and flag rows
    // written since, people StoreLinker or a trigger noted in flagged_place_stale), in a
    // transaction of its own. run() does it first; a sync does it after its link, so the
    // first query after a sync does not wait for it. Returns how many people's rows were made
    // again.
    [[nodiscard]] static Result<qint64> refreshFlaggedPlaces(store::Database &db);

    // "vulnerable" or "vulnerable_adult", "cpp" ... as the CLI and app accept them; an error
    // names the unknown one and lists the known.
    [[nodiscard]] static Result<QStringList> parseFlags(const QString &text);
    // Why a person is listed, in a sentence: their flags, where and since when, how precise.
    static QString why(const AreaPerson &person);
    static QString placementLabel(Placement placement);
};

} // namespace bv::geo
