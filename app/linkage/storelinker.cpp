// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/storelinker.h"

#include "linkage/nicknames.h"
#include "linkage/pairswriter.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <set>

namespace bv::linkage {

namespace {

struct StoredRecords
{
    std::vector<LinkRecord> records;
    std::vector<qint64> rowIds; // source_person.id, per record
};

Result<StoredRecords> readSourcePersons(store::Database &db, const RecordPreparer &preparer)
{
    auto select = db.prepare(
        "SELECT sp.id, s.code, sp.external_id, sp.given_name, sp.family_name, sp.birth_date, "
        "sp.sex, sp.nhs_number, sp.nhs_number_valid, sp.postcode, sp.uprn, sp.address "
        "FROM source_person sp JOIN source s ON s.id = sp.source_id ORDER BY sp.id");
    BV_TRY(select);
    StoredRecords stored;
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        SourceFields fields;
        fields.givenName = select->text(3);
        fields.familyName = select->text(4);
        fields.birthDate = QDate::fromString(select->text(5), Qt::ISODate);
        fields.sex = select->text(6);
        fields.postcode = select->text(9);
        fields.uprn = select->text(10);
        fields.address = select->text(11);
        LinkRecord record;
        record.id = select->text(1) + QLatin1Char('/') + select->text(2);
        if (select->int64(8) != 0)
            record.nhsNumber = select->text(7).toULongLong();
        record.fields = preparer.prepare(fields);
        stored.rowIds.push_back(select->int64(0));
        stored.records.push_back(std::move(record));
    }
    return stored;
}

QString parametersJson(const ModelParameters &parameters)
{
    QJsonObject fields;
    for (const Field field : kFields) {
        QJsonArray m;
        QJsonArray u;
        for (int level = 0; level < levelCount(field); ++level) {
            m.append(parameters[field].m[std::size_t(level)]);
            u.append(parameters[field].u[std::size_t(level)]);
        }
        fields.insert(QString(fieldKey(field)),
                      QJsonObject{{QStringLiteral("m"), m}, {QStringLiteral("u"), u}});
    }
    const QJsonObject root{{QStringLiteral("lambda"), parameters.lambda},
                           {QStringLiteral("fields"), fields}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

QString reasonText(PairReason reason)
{
    return reason == PairReason::NhsConflict ? QStringLiteral("nhs_conflict")
                                             : QStringLiteral("uncertain");
}

} // namespace

Result<StoreLinkOutcome> StoreLinker::linkAll(store::Database &db, const Clock &clock,
                                              const QString &decidedBy, const LinkOptions &options,
                                              const QString &pairsOut)
{
    auto nicknames = NicknameTable::loadShipped();
    BV_TRY(nicknames);
    const RecordPreparer preparer(nicknames.value());
    // One transaction from the first read to the last write: a sync in another process cannot
    // change the records between reading and linking them.
    auto transaction = store::Transaction::begin(db);
    BV_TRY(transaction);
    auto stored = readSourcePersons(db, preparer);
    BV_TRY(stored);
    const std::vector<LinkRecord> &records = stored->records;
    auto linked = link(records, options);
    BV_TRY(linked);
    StoreLinkOutcome outcome;
    outcome.statistics = linked->statistics;

    // Each group of records (by its label) and the person ids its records had.
    std::map<std::uint32_t, std::vector<std::uint32_t>> groups;
    for (std::uint32_t i = 0; i < linked->person.size(); ++i)
        groups[linked->person[i]].push_back(i);
    QHash<qint64, qint64> personOfRow;
    {
        auto current = db.prepare("SELECT source_person_id, person_id FROM person_link");
        BV_TRY(current);
        for (;;) {
            auto row = current->step();
            BV_TRY(row);
            if (!row.value())
                break;
            personOfRow.insert(current->int64(0), current->int64(1));
        }
    }

    const QString now = clock.nowUtc().toString(Qt::ISODateWithMs);
    auto insertPerson = db.prepare("INSERT INTO person(created_at, updated_at) VALUES (?1, ?1)");
    BV_TRY(insertPerson);
    auto touchPerson = db.prepare("UPDATE person SET updated_at = ?2 WHERE id = ?1");
    BV_TRY(touchPerson);
    auto writeLink = db.prepare(
        "INSERT OR REPLACE INTO person_link(source_person_id, person_id, match_weight, "
        "decided_by, decided_at, reason) VALUES (?1, ?2, ?3, 'auto', ?4, ?5)");
    BV_TRY(writeLink);
    // The strongest link that brought each record into its person, for the link row.
    std::vector<double> strongest(records.size(), 0.0);
    for (const ScoredPair &pair : linked->linked) {
        strongest[pair.a] = std::max(strongest[pair.a], pair.weight);
        strongest[pair.b] = std::max(strongest[pair.b], pair.weight);
    }
    std::set<qint64> taken;
    for (const auto &[label, members] : groups) {
        qint64 person = 0;
        for (const std::uint32_t member : members) {
            const qint64 previous = personOfRow.value(stored->rowIds[member], 0);
            if (previous != 0 && !taken.count(previous) && (person == 0 || previous < person))
                person = previous;
        }
        if (person == 0) {
            BV_TRY(insertPerson->bind(1, now).run());
            person = db.lastInsertRowId();
            ++outcome.newPersons;
        } else {
            BV_TRY(touchPerson->bind(1, person).bind(2, now).run());
        }
        taken.insert(person);
        for (const std::uint32_t member : members) {
            writeLink->bind(1, stored->rowIds[member]).bind(2, person).bind(4, now);
            if (members.size() > 1)
                writeLink->bind(3, strongest[member])
                    .bind(5, QStringLiteral("linked by %1").arg(decidedBy));
            else
                writeLink->bindNull(3).bind(5, QStringLiteral("no match"));
            BV_TRY(writeLink->run());
        }
    }
    BV_TRY(db.exec("DELETE FROM person WHERE id NOT IN (SELECT person_id FROM person_link)"));

    BV_TRY(db.exec("DELETE FROM link_review"));
    auto review = db.prepare(
        "INSERT OR REPLACE INTO link_review(source_person_a, source_person_b, match_weight, "
        "probability, reason, found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    BV_TRY(review);
    for (const ScoredPair &pair : linked->review) {
        review->bind(1, stored->rowIds[pair.a])
            .bind(2, stored->rowIds[pair.b])
            .bind(3, pair.weight)
            .bind(4, pair.probability)
            .bind(5, reasonText(pair.reason))
            .bind(6, now);
        BV_TRY(review->run());
    }
    outcome.reviewPairs = qint64(linked->review.size());
    auto parameters = db.prepare(
        "INSERT OR REPLACE INTO link_parameters(id, parameters, estimated_at, estimated_by) "
        "VALUES (1, ?1, ?2, ?3)");
    BV_TRY(parameters);
    BV_TRY(parameters->bind(1, parametersJson(linked->parameters))
               .bind(2, now)
               .bind(3, decidedBy)
               .run());
    BV_TRY(transaction->commit());
    outcome.persons = qint64(groups.size());
    // After the commit, so the file never disagrees with the store.
    if (!pairsOut.isEmpty()) {
        auto written = writeLinkedPairs(pairsOut, records, linked.value(), false);
        BV_TRY(written);
        outcome.pairsWritten = written.value();
    }
    return outcome;
}

} // namespace bv::linkage
