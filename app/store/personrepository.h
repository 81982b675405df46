// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"

#include <QList>
#include <QString>

namespace bv::access {
class AuditLog;
}

namespace bv::store {

class Database;

// One agency's record of a person, or the fact that it exists and is withheld.
struct SourceRecordView
{
    qint64 sourcePersonId = 0;
    QString sourceCode;
    QString agency;
    QString externalId;
    bool withheld = false;
    QString withheldReason;
    QString givenName;
    QString familyName;
    QString birthDate;
    QString sex;
    QString nhsNumber;
    QString postcode;
    QString receivedAt;
    QString updatedAt;
};

struct PersonView
{
    qint64 personId = 0;
    QList<SourceRecordView> records;
};

// Reads of a resolved person. Every read takes an AccessContext, applies AccessPolicy per
// record, and is audited in the same transaction: if the audit entry cannot be written,
// nothing is returned.
class PersonRepository
{
public:
    // Both must outlive the repository.
    PersonRepository(Database &db, access::AuditLog &audit);

    [[nodiscard]] Result<PersonView> read(const access::AccessContext &context, qint64 personId);

private:
    Database &m_db;
    access::AuditLog &m_audit;
};

} // namespace bv::store
