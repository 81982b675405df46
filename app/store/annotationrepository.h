// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"
#include "store/personrepository.h"

#include <QHash>
#include <QString>

#include <vector>

namespace bv::access {
class AuditLog;
}

namespace bv::store {

class Database;

// A practitioner's own note on an event: their analysis, the impact on the person, or a
// plain note. Kept in this store only, never sent back to an agency.
struct Annotation
{
    qint64 id = 0;
    QString kind; // analysis, impact, note
    QString body;
    QString author;
    QString createdAt;
};

// Annotations: added with the reader's context (audited, annotation.add), read with the
// events they belong to.
class AnnotationRepository
{
public:
    // Both must outlive the repository.
    AnnotationRepository(Database &db, access::AuditLog &audit);

    // Refused (AccessDenied) for an event the reader may not see, Usage for an empty body or
    // an unknown kind; the note and its audit entry are written together or not at all.
    [[nodiscard]] Result<qint64> add(const access::AccessContext &context, qint64 eventId,
                                     const QString &kind, const QString &body,
                                     const QString &createdAt);

    // The notes on the visible ones of these events, oldest first, by event id.
    [[nodiscard]] static Result<QHash<qint64, std::vector<Annotation>>>
    forEvents(Database &db, const QList<EventView> &events);

private:
    Database &m_db;
    access::AuditLog &m_audit;
};

} // namespace bv::store
