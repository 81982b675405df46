// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/area.h"

#include <QHash>
#include <QSet>

#include <utility>
#include <vector>

namespace bv::geo {

// Where protected people live, and who their family and household are: a protected address is
// given away as surely by whoever lives with them as by the person. A child in a refuge whose
// school record carries the refuge's address unflagged would otherwise be drawn, or listed
// with that address, there. So the map and the area query treat as protected anyone within
// kSameHomeMetres of a protected person's address (the same building or postcode centre), and
// any relative of theirs within kFamilyMetres (a postcode's centre can be a few hundred metres
// from the building). A protected person is one with a protected copy of any address, or an
// active protected-address flag; all their placed addresses count.
class ProtectedNeighbourhood
{
public:
    static constexpr double kSameHomeMetres = 50;
    static constexpr double kFamilyMetres = 500;

    void addPlace(qint64 protectedPerson, LonLat at);
    // A relationship any agency recorded, either way round.
    void addRelation(qint64 a, qint64 b);

    bool isEmpty() const { return m_cells.isEmpty(); }
    const QSet<qint64> &protectedPeople() const { return m_people; }
    // Whether showing `person` at `at` would show where a protected person lives.
    bool givesAway(qint64 person, LonLat at) const;

private:
    struct Place
    {
        qint64 person;
        LonLat at;
    };
    using Cell = std::pair<qint64, qint64>;
    static Cell cellOf(LonLat at);

    QHash<Cell, std::vector<Place>> m_cells;
    QSet<qint64> m_people;
    QSet<std::pair<qint64, qint64>> m_relations; // (lower id, higher id)
};

} // namespace bv::geo
