// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/protectedneighbourhood.h"

#include <cmath>

namespace bv::geo {

namespace {

// About 1.1 km of latitude and 0.7 km of longitude here: a cell and its neighbours hold
// everything within kFamilyMetres.
constexpr double kCellDegrees = 0.01;

} // namespace

ProtectedNeighbourhood::Cell ProtectedNeighbourhood::cellOf(LonLat at)
{
    return {qint64(std::floor(at.lon / kCellDegrees)), qint64(std::floor(at.lat / kCellDegrees))};
}

void ProtectedNeighbourhood::addPlace(qint64 protectedPerson, LonLat at)
{
    m_cells[cellOf(at)].push_back({protectedPerson, at});
    m_people.insert(protectedPerson);
}

void ProtectedNeighbourhood::addRelation(qint64 a, qint64 b)
{
    m_relations.insert({std::min(a, b), std::max(a, b)});
}

bool ProtectedNeighbourhood::givesAway(qint64 person, LonLat at) const
{
    const auto [column, row] = cellOf(at);
    for (qint64 dx = -1; dx <= 1; ++dx)
        for (qint64 dy = -1; dy <= 1; ++dy) {
            const auto found = m_cells.constFind({column + dx, row + dy});
            if (found == m_cells.constEnd())
                continue;
            for (const Place &place : *found) {
                if (place.person == person)
                    continue;
                const double distance = metresBetween(at, place.at);
                if (distance < kSameHomeMetres)
                    return true;
                if (distance < kFamilyMetres
                    && m_relations.contains(
                        {std::min(person, place.person), std::max(person, place.person)}))
                    return true;
            }
        }
    return false;
}

} // namespace bv::geo
