// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "countymodel.h"

#include <QtGlobal>

#include <vector>

namespace bv::feedsim {

// One source record, compact: its text is rendered on demand from the world and a seeded
// random stream, so a million-person county stays in the low hundreds of MB. The fields'
// meaning per table is written beside each table in the feeds.
struct SimRecord
{
    static constexpr quint8 kWithdrawn = 1u << 0;
    static constexpr quint8 kCorrected = 1u << 1; // name noise corrected by the agency
    static constexpr quint8 kPending = 1u << 2;   // restamped in the tick under way

    quint32 person = kNone; // the person the record is about
    quint32 updated = 0;    // last update, Unix seconds
    qint32 day = 0;         // julian day: an event's start, a flag's or period's first day
    quint32 aux = 0;        // per table: an end day, a household, a pool offset, a record
    quint16 version = 0;
    quint8 kind = 0; // per table: the event's kind, the relationship
    quint8 bits = 0;

    bool withdrawn() const { return bits & kWithdrawn; }
};
static_assert(sizeof(SimRecord) == 20);

// The position of a record in a feed's stream: keyset paging orders by this.
struct StreamKey
{
    qint64 updated = 0;
    quint32 table = 0;
    quint32 serial = 0;

    friend bool operator<(const StreamKey &a, const StreamKey &b)
    {
        if (a.updated != b.updated)
            return a.updated < b.updated;
        if (a.table != b.table)
            return a.table < b.table;
        return a.serial < b.serial;
    }
    friend bool operator==(const StreamKey &a, const StreamKey &b) = default;
};

// The records of one kind in one feed, their serial numbers (ids) never reused, and their
// order by (updated, serial) for paging.
class RecordTable
{
public:
    std::size_t size() const { return m_records.size(); }
    const SimRecord &at(quint32 serial) const { return m_records[serial]; }
    SimRecord &edit(quint32 serial) { return m_records[serial]; }
    const std::vector<SimRecord> &records() const { return m_records; }

    // A new record, served once stamped.
    quint32 append(const SimRecord &record);

    // A new version at `updated` (later than every stamp before): it moves to the end of the
    // order when the tick commits.
    void stamp(quint32 serial, quint32 updated);
    // Puts every stamped record in its place in the order.
    void commit();

    // Records in order from the first whose key in table `self` is after `after`.
    std::size_t positionAfter(quint32 self, const StreamKey &after) const;
    quint32 serialAt(std::size_t position) const { return m_order[position]; }
    std::size_t orderSize() const { return m_order.size(); }

    // The record of a person (the first, for tables with one per person), or kNone.
    quint32 findPerson(quint32 person) const;

private:
    std::vector<SimRecord> m_records;
    std::vector<quint32> m_order;
    std::vector<quint32> m_stamped;
    // (person, serial) sorted for the first m_indexed records; later ones are scanned.
    mutable std::vector<std::pair<quint32, quint32>> m_byPerson;
    mutable std::size_t m_indexed = 0;
};

} // namespace bv::feedsim
