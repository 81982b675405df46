// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/annotationrepository.h"

#include "access/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>

namespace bv::store {

AnnotationRepository::AnnotationRepository(Database &db, access::AuditLog &audit)
    : m_db(db)
    , m_audit(audit)
{}

Result<qint64> AnnotationRepository::add(const access::AccessContext &context, qint64 eventId,
                                         const QString &kind, const QString &body,
                                         const QString &createdAt)
{
    static const QStringList kinds{QStringLiteral("analysis"), QStringLiteral("impact"),
                                   QStringLiteral("note")};
    if (!kinds.contains(kind))
        return makeError(ErrorCode::Usage,
                         QObject::tr("A note is analysis, impact or note, not \"%1\".").arg(kind));
    if (body.trimmed().isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("The note is empty."));
    auto tx = Transaction::begin(m_db);
    BV_TRY(tx);
    auto event = m_db.prepare(
        "SELECT s.agency, e.sensitivity, sp.sensitivity FROM event e "
        "JOIN source s ON s.id = e.source_id JOIN source_person sp ON sp.id = e.source_person_id "
        "WHERE e.id = ?1 AND e.withdrawn = 0");
    BV_TRY(event);
    event->bind(1, eventId);
    auto found = event->step();
    BV_TRY(found);
    if (!found.value())
        return makeError(ErrorCode::NotFound, QObject::tr("There is no event %1.").arg(eventId));
    for (const int column : {1, 2}) {
        const auto decision
            = access::AccessPolicy::decide(context, event->text(0), event->text(column));
        if (!decision.visible)
            return makeError(ErrorCode::AccessDenied, decision.withheldReason);
    }
    auto insert = m_db.prepare("INSERT INTO annotation(event_id, author, kind, body, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
    BV_TRY(insert);
    BV_TRY(insert->bind(1, eventId)
               .bind(2, context.user)
               .bind(3, kind)
               .bind(4, body.trimmed())
               .bind(5, createdAt)
               .run());
    const qint64 id = m_db.lastInsertRowId();
    // Ids and the kind only: the note's words stay in the store.
    BV_TRY(m_audit.append(context, {QStringLiteral("annotation.add"),
                                    QStringLiteral("event:%1").arg(eventId),
                                    QStringLiteral("annotation=%1 kind=%2").arg(id).arg(kind)}));
    BV_TRY(tx->commit());
    return id;
}

Result<QHash<qint64, std::vector<Annotation>>>
AnnotationRepository::forEvents(Database &db, const QList<EventView> &events)
{
    QHash<qint64, std::vector<Annotation>> byEvent;
    auto select = db.prepare("SELECT id, kind, body, author, created_at FROM annotation "
                             "WHERE event_id = ?1 ORDER BY created_at, id");
    BV_TRY(select);
    for (const EventView &event : events) {
        if (event.withheld)
            continue;
        select->bind(1, event.eventId);
        for (;;) {
            auto row = select->step();
            BV_TRY(row);
            if (!row.value())
                break;
            byEvent[event.eventId].push_back({select->int64(0), select->text(1), select->text(2),
                                              select->text(3), select->text(4)});
        }
        select->reset();
    }
    return byEvent;
}

} // namespace bv::store
