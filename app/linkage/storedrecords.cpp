// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/storedrecords.h"

#include "linkage/comparablerecord.h"
#include "store/database.h"
#include "store/statement.h"

#include <QObject>

namespace bv::linkage {

namespace {

// FNV-1a over the fields' UTF-16 text: the same on every machine and in every run, unlike
// qHash, which is seeded per process.
class FieldsHash
{
public:
    void add(const QString &text)
    {
        for (const QChar c : text)
            mix(c.unicode());
        mix(0x1f); // a separator, so ("ab", "c") and ("a", "bc") differ
    }
    std::uint64_t value() const { return m_hash; }

private:
    void mix(std::uint16_t unit)
    {
        m_hash ^= unit;
        m_hash *= 0x100000001b3ULL;
    }
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

constexpr std::string_view kShareFields[] = {"given_name", "family_name"};

// A parent's latest and a child's earliest date of birth, from the other's.
void boundBirth(ComparableRecord *parent, QDate parentBirth, ComparableRecord *child,
                QDate childBirth)
{
    if (parent && !parentBirth.isValid() && childBirth.isValid()) {
        const DateParts latest = DateParts::from(childBirth.addYears(-kGenerationYears));
        if (!parent->bornBy.isValid() || latest < parent->bornBy)
            parent->bornBy = latest;
    }
    if (child && !childBirth.isValid() && parentBirth.isValid()) {
        const DateParts earliest = DateParts::from(parentBirth.addYears(kGenerationYears));
        if (earliest > child->bornAfter)
            child->bornAfter = earliest;
    }
}

// The relationships of the records read. Both dates of birth come from the store, so a record
// read alone (to explain it) is bounded as it is when every record is read.
Result<void> readRelationships(store::Database &db, StoredRecords &stored, bool everyRecord)
{
    std::string sql
        = "SELECT r.source_person_id, r.related_source_person_id, r.kind, a.birth_date, "
          "b.birth_date FROM relationship r "
          "JOIN source_person a ON a.id = r.source_person_id "
          "JOIN source_person b ON b.id = r.related_source_person_id "
          "WHERE r.related_source_person_id <> r.source_person_id ";
    if (!everyRecord) {
        // Ids are numbers read from the store, so the list is safe in the statement.
        std::string ids;
        for (const qint64 id : stored.rowIds)
            ids.append(ids.empty() ? "" : ",").append(std::to_string(id));
        sql.append("AND (r.source_person_id IN (")
            .append(ids)
            .append(") OR r.related_source_person_id IN (")
            .append(ids)
            .append(")) ");
    }
    sql.append("ORDER BY r.id");
    auto select = db.prepare(sql);
    BV_TRY(select);
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        const auto a = stored.index(select->int64(0));
        const auto b = stored.index(select->int64(1));
        if (!a && !b)
            continue;
        if (a && b)
            stored.related.push_back({*a, *b});
        // kind is what b is to a.
        const QString kind = select->text(2);
        const QString birthA = select->text(3);
        const QString birthB = select->text(4);
        ComparableRecord *first = a ? &stored.records[*a].fields : nullptr;
        ComparableRecord *second = b ? &stored.records[*b].fields : nullptr;
        const QDate dateA = QDate::fromString(birthA, Qt::ISODate);
        const QDate dateB = QDate::fromString(birthB, Qt::ISODate);
        if (kind == QLatin1String("parent"))
            boundBirth(second, dateB, first, dateA);
        else if (kind == QLatin1String("child"))
            boundBirth(first, dateA, second, dateB);
        // The relationship and the other's date of birth (which may bound this one's) are
        // part of what this record links on. Added, not chained, so the order the
        // relationships are read in does not matter.
        const auto addToHash = [&](std::uint32_t record, qint64 other, const QString &birth) {
            FieldsHash hash;
            hash.add(QString::number(other));
            hash.add(kind);
            hash.add(birth);
            stored.hashes[record] += hash.value();
        };
        if (a)
            addToHash(*a, select->int64(1), birthB);
        if (b)
            addToHash(*b, select->int64(0), birthA);
    }
    return {};
}

} // namespace

Result<StoredRecords> readStoredRecords(store::Database &db, const RecordPreparer &preparer,
                                        std::string_view where)
{
    // Where a feed keeps a person's addresses apart from the person (police: an address
    // history naming locations), the record's own address fields are empty; its current
    // address then serves: the open period, else the latest to start. Never a protected
    // address (a refuge): an explanation would tell a reviewer that a record shares it.
    std::string sql
        = "SELECT sp.id, s.code, sp.external_id, sp.given_name, sp.family_name, sp.birth_date, "
          "sp.sex, sp.nhs_number, sp.nhs_number_valid, "
          "CASE WHEN home.id IS NULL THEN sp.postcode ELSE home.postcode END, "
          "CASE WHEN home.id IS NULL THEN sp.uprn ELSE home.uprn END, "
          "CASE WHEN home.id IS NULL THEN sp.address ELSE home.address END "
          "FROM source_person sp JOIN source s ON s.id = sp.source_id "
          "LEFT JOIN address_period home ON coalesce(sp.address, sp.postcode, sp.uprn, '') = '' "
          "AND home.id = (SELECT ap.id FROM address_period ap WHERE ap.source_person_id = sp.id "
          "AND ap.protected = 0 "
          "ORDER BY ap.to_date IS NOT NULL, ap.from_date DESC, ap.id DESC LIMIT 1) ";
    if (!where.empty())
        sql.append("WHERE ").append(where).append(" ");
    sql.append("ORDER BY s.code, sp.external_id");
    auto select = db.prepare(sql);
    BV_TRY(select);
    StoredRecords stored;
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        FieldsHash hash;
        for (int column = 3; column <= 11; ++column)
            hash.add(select->text(column));
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
        stored.indexOf.insert(select->int64(0), std::uint32_t(stored.records.size()));
        stored.rowIds.push_back(select->int64(0));
        stored.hashes.push_back(hash.value());
        stored.records.push_back(std::move(record));
    }
    if (!stored.records.empty())
        BV_TRY(readRelationships(db, stored, where.empty()));
    return stored;
}

Result<qint64> findSourceRecord(store::Database &db, const QString &name)
{
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    auto select = db.prepare(
        slash < 0 ? std::string_view("SELECT id FROM source_person WHERE id = ?1")
                  : std::string_view("SELECT sp.id FROM source_person sp JOIN source s ON "
                                     "s.id = sp.source_id WHERE s.code = ?1 AND "
                                     "sp.external_id = ?2"));
    BV_TRY(select);
    if (slash < 0) {
        bool number = false;
        const qint64 id = name.toLongLong(&number);
        if (!number)
            return makeError(ErrorCode::Usage,
                             QObject::tr("A record is named FEED/EXTERNAL_ID or by its number, "
                                         "not \"%1\".")
                                 .arg(name));
        select->bind(1, id);
    } else {
        select->bind(1, name.left(slash)).bind(2, name.mid(slash + 1));
    }
    auto row = select->step();
    BV_TRY(row);
    if (!row.value())
        return makeError(ErrorCode::NotFound,
                         QObject::tr("There is no source record %1 in this store.").arg(name));
    return select->int64(0);
}

Result<std::optional<LinkModel>> loadLinkModel(store::Database &db)
{
    auto select = db.prepare("SELECT parameters FROM link_parameters WHERE id = 1");
    BV_TRY(select);
    auto row = select->step();
    BV_TRY(row);
    if (!row.value())
        return std::optional<LinkModel>{};
    LinkModel model;
    BV_TRY(parametersFromJson(select->text(0), model.parameters, model.thresholds));
    auto shares = db.prepare("SELECT field, term, share FROM link_term_share");
    BV_TRY(shares);
    for (;;) {
        auto next = shares->step();
        BV_TRY(next);
        if (!next.value())
            break;
        TermShares &table = shares->text(0) == QLatin1String(kShareFields[0]) ? model.givenNames
                                                                              : model.familyNames;
        table.insert(shares->text(1), shares->real(2));
    }
    return std::optional<LinkModel>(std::move(model));
}

Result<void> saveLinkModel(store::Database &db, const LinkModel &model, const QString &estimatedAt,
                           const QString &estimatedBy)
{
    auto parameters = db.prepare(
        "INSERT OR REPLACE INTO link_parameters(id, parameters, estimated_at, estimated_by) "
        "VALUES (1, ?1, ?2, ?3)");
    BV_TRY(parameters);
    BV_TRY(parameters->bind(1, parametersToJson(model.parameters, model.thresholds))
               .bind(2, estimatedAt)
               .bind(3, estimatedBy)
               .run());
    BV_TRY(db.exec("DELETE FROM link_term_share"));
    auto insert = db.prepare("INSERT INTO link_term_share(field, term, share) VALUES (?1, ?2, ?3)");
    BV_TRY(insert);
    const TermShares *tables[] = {&model.givenNames, &model.familyNames};
    for (int t = 0; t < 2; ++t) {
        const QString field
            = QString::fromLatin1(kShareFields[t].data(), qsizetype(kShareFields[t].size()));
        for (auto it = tables[t]->shares().cbegin(); it != tables[t]->shares().cend(); ++it) {
            BV_TRY(insert->bind(1, field).bind(2, it.key()).bind(3, it.value()).run());
        }
    }
    return {};
}

} // namespace bv::linkage
