// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventtextindex.h"

#include "store/database.h"

namespace bv::store {

Result<EventTextIndex> EventTextIndex::prepare(Database &db)
{
    auto add = db.prepare(
        "INSERT INTO event_fts(docid, title, summary, outcome) VALUES (?1, ?2, ?3, ?4)");
    BV_TRY(add);
    auto remove = db.prepare("DELETE FROM event_fts WHERE docid = ?1");
    BV_TRY(remove);
    return EventTextIndex(std::move(add.value()), std::move(remove.value()));
}

EventTextIndex::EventTextIndex(Statement add, Statement remove)
    : m_add(std::move(add))
    , m_remove(std::move(remove))
{}

Result<void> EventTextIndex::add(qint64 eventId, const QString &title, const QString &summary,
                                 const QString &outcome)
{
    m_add.bind(1, eventId).bind(2, title).bind(3, summary).bind(4, outcome);
    return m_add.run();
}

Result<void> EventTextIndex::remove(qint64 eventId)
{
    m_remove.bind(1, eventId);
    return m_remove.run();
}

} // namespace bv::store
