// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordtable.h"

#include <algorithm>

namespace bv::feedsim {

namespace {

constexpr std::size_t kUnindexedTail = 512;

} // namespace

quint32 RecordTable::append(const SimRecord &record)
{
    m_records.push_back(record);
    return quint32(m_records.size() - 1);
}

void RecordTable::stamp(quint32 serial, quint32 updated)
{
    SimRecord &record = m_records[serial];
    record.updated = updated;
    ++record.version;
    if (!(record.bits & SimRecord::kPending)) {
        record.bits |= SimRecord::kPending;
        m_stamped.push_back(serial);
    }
}

void RecordTable::commit()
{
    if (m_stamped.empty())
        return;
    std::erase_if(m_order,
                  [this](quint32 serial) { return m_records[serial].bits & SimRecord::kPending; });
    std::sort(m_stamped.begin(), m_stamped.end(), [this](quint32 a, quint32 b) {
        const SimRecord &ra = m_records[a];
        const SimRecord &rb = m_records[b];
        return ra.updated != rb.updated ? ra.updated < rb.updated : a < b;
    });
    for (quint32 serial : m_stamped) {
        m_records[serial].bits &= quint8(~SimRecord::kPending);
        m_order.push_back(serial);
    }
    m_stamped.clear();
}

std::size_t RecordTable::positionAfter(quint32 self, const StreamKey &after) const
{
    const auto first = std::partition_point(m_order.begin(), m_order.end(), [&](quint32 serial) {
        const StreamKey key{m_records[serial].updated, self, serial};
        return !(after < key);
    });
    return std::size_t(first - m_order.begin());
}

quint32 RecordTable::findPerson(quint32 person) const
{
    if (m_records.size() - m_indexed > kUnindexedTail) {
        for (std::size_t i = m_indexed; i < m_records.size(); ++i)
            m_byPerson.emplace_back(m_records[i].person, quint32(i));
        std::sort(m_byPerson.begin(), m_byPerson.end());
        m_indexed = m_records.size();
    }
    const auto found = std::lower_bound(m_byPerson.begin(), m_byPerson.end(),
                                        std::make_pair(person, quint32(0)));
    if (found != m_byPerson.end() && found->first == person)
        return found->second;
    for (std::size_t i = m_indexed; i < m_records.size(); ++i) {
        if (m_records[i].person == person)
            return quint32(i);
    }
    return kNone;
}

} // namespace bv::feedsim
