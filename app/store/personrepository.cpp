// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/personrepository.h"

#include "access/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QObject>

#include <spdlog/spdlog.h>

namespace bv::store {

PersonRepository::PersonRepository(Database &db, access::AuditLog &audit)
    : m_db(db)
    , m_audit(audit)
{}

Result<PersonView> PersonRepository::read(const access::AccessContext &context, qint64 personId)
{
    auto tx = Transaction::begin(m_db);
    BV_TRY(tx);
    auto exists = m_db.prepare("SELECT count(*) FROM person WHERE id = ?");
    BV_TRY(exists);
    exists->bind(1, personId);
    auto found = exists->step();
    BV_TRY(found);
    if (exists->int64(0) == 0)
        return makeError(ErrorCode::NotFound, QObject::tr("There is no person %1.").arg(personId));

    auto rows = m_db.prepare(
        "SELECT sp.id, s.code, s.agency, sp.external_id, sp.sensitivity, sp.given_name, "
        "sp.family_name, sp.birth_date, sp.sex, sp.nhs_number, sp.postcode, sp.received_at, "
        "sp.updated_at FROM person_link pl JOIN source_person sp ON sp.id = pl.source_person_id "
        "JOIN source s ON s.id = sp.source_id WHERE pl.person_id = ? AND sp.withdrawn = 0 "
        "ORDER BY s.code, sp.external_id");
    BV_TRY(rows);
    rows->bind(1, personId);
    PersonView view;
    view.personId = personId;
    int withheld = 0;
    for (;;) {
        auto step = rows->step();
        BV_TRY(step);
        if (!step.value())
            break;
        SourceRecordView record;
        record.sourcePersonId = rows->int64(0);
        record.sourceCode = rows->text(1);
        record.agency = rows->text(2);
        record.externalId = rows->text(3);
        const auto decision = access::AccessPolicy::decide(context, record.agency, rows->text(4));
        if (!decision.visible) {
            record.withheld = true;
            record.withheldReason = decision.withheldReason;
            ++withheld;
        } else {
            record.givenName = rows->text(5);
            record.familyName = rows->text(6);
            record.birthDate = rows->text(7);
            record.sex = rows->text(8);
            record.nhsNumber = rows->text(9);
            record.postcode = rows->text(10);
            record.receivedAt = rows->text(11);
            record.updatedAt = rows->text(12);
        }
        view.records.append(record);
    }
    BV_TRY(m_audit.append(
        context,
        {QStringLiteral("person.read"), QStringLiteral("person:%1").arg(personId),
         QStringLiteral("records=%1 withheld=%2").arg(view.records.size()).arg(withheld)}));
    BV_TRY(tx->commit());
    spdlog::info("person {} read: {} records, {} withheld", personId, view.records.size(),
                 withheld);
    return view;
}

} // namespace bv::store
