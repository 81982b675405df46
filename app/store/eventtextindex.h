// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "store/statement.h"

#include <QString>

namespace bv::store {

class Database;

// The full-text index of events (event_fts: FTS4 over the event table's own text, so the text
// is stored once). Whoever writes events keeps it, in the same transaction: triggers on event
// did the same job at four times the cost per row, because a trigger makes every INSERT and
// UPDATE open a statement journal, which SQLCipher encrypts.
//
// FTS4 finds the words to remove by reading the event row, so remove() comes before the row's
// text changes or the row is deleted, and add() after it is written.
class EventTextIndex
{
public:
    [[nodiscard]] static Result<EventTextIndex> prepare(Database &db);

    [[nodiscard]] Result<void> add(qint64 eventId, const QString &title, const QString &summary,
                                   const QString &outcome);
    [[nodiscard]] Result<void> remove(qint64 eventId);

private:
    EventTextIndex(Statement add, Statement remove);

    Statement m_add;
    Statement m_remove;
};

} // namespace bv::store
