// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/personsearchindex.h"

#include "feeds/personname.h"
#include "feeds/postcode.h"
#include "linkage/phonetic.h"
#include "store/database.h"
#include "store/transaction.h"

#include <QSet>

namespace bv::search {

namespace {

// The words of a name as stored ("Mary-Ann O'Brien" -> MARY, ANN, OBRIEN).
QStringList nameWords(const QString &name)
{
    return feeds::normaliseName(name).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

class TextBuilder
{
public:
    void addName(const QString &name)
    {
        for (const QString &word : nameWords(name)) {
            if (!m_names.contains(word)) {
                m_names.insert(word);
                m_nameList << word;
                for (const QString &key : soundKeys(word))
                    addKey(key);
            }
        }
    }
    void addKey(const QString &key)
    {
        if (!key.isEmpty() && !m_keys.contains(key)) {
            m_keys.insert(key);
            m_keyList << key;
        }
    }
    SearchText text() const
    {
        return {m_nameList.join(QLatin1Char(' ')), m_keyList.join(QLatin1Char(' '))};
    }
    bool isEmpty() const { return m_nameList.isEmpty() && m_keyList.isEmpty(); }

private:
    QSet<QString> m_names;
    QSet<QString> m_keys;
    QStringList m_nameList;
    QStringList m_keyList;
};

constexpr std::string_view kRecordSql
    = "SELECT given_name, middle_names, family_name, birth_date, nhs_number, nhs_number_valid, "
      "postcode FROM source_person WHERE id = ?1 AND withdrawn = 0";
// A record whose address is protected (a refuge) must not be found by where it is.
constexpr std::string_view kProtectedSql
    = "SELECT EXISTS (SELECT 1 FROM flag WHERE source_person_id = ?1 "
      "AND kind = 'protected_address' AND active = 1) "
      "OR EXISTS (SELECT 1 FROM address_period WHERE source_person_id = ?1 AND protected = 1)";
constexpr std::string_view kOtherNamesSql
    = "SELECT given_name, middle_names, family_name FROM source_person_name "
      "WHERE source_person_id = ?1 ORDER BY id";

} // namespace

QStringList soundKeys(QStringView normalisedWord)
{
    const linkage::PhoneticCodes codes = linkage::doubleMetaphone(normalisedWord);
    QStringList keys;
    if (!codes.primary.isEmpty())
        keys << QStringLiteral("dm") + codes.primary;
    if (!codes.alternate.isEmpty() && codes.alternate != codes.primary)
        keys << QStringLiteral("dm") + codes.alternate;
    return keys;
}

QString nhsKey(QStringView digits)
{
    return QStringLiteral("nhs") + digits;
}

QString birthKey(QStringView isoDate)
{
    QString digits = isoDate.toString();
    digits.remove(QLatin1Char('-'));
    return QStringLiteral("dob") + digits;
}

QString postcodeKey(QStringView canonicalPostcode)
{
    QString compact = canonicalPostcode.toString();
    compact.remove(QLatin1Char(' '));
    return QStringLiteral("pc") + compact;
}

QString outwardKey(QStringView outwardCode)
{
    return QStringLiteral("pco") + outwardCode;
}

Result<PersonSearchIndex> PersonSearchIndex::prepare(store::Database &db)
{
    auto record = db.prepare(kRecordSql);
    BV_TRY(record);
    auto otherNames = db.prepare(kOtherNamesSql);
    BV_TRY(otherNames);
    auto isProtected = db.prepare(kProtectedSql);
    BV_TRY(isProtected);
    auto remove = db.prepare("DELETE FROM person_search WHERE docid = ?1");
    BV_TRY(remove);
    auto insert = db.prepare("INSERT INTO person_search(docid, names, keys) VALUES (?1, ?2, ?3)");
    BV_TRY(insert);
    return PersonSearchIndex(std::move(record.value()), std::move(otherNames.value()),
                             std::move(isProtected.value()), std::move(remove.value()),
                             std::move(insert.value()));
}

PersonSearchIndex::PersonSearchIndex(store::Statement record, store::Statement otherNames,
                                     store::Statement isProtected, store::Statement remove,
                                     store::Statement insert)
    : m_record(std::move(record))
    , m_otherNames(std::move(otherNames))
    , m_protected(std::move(isProtected))
    , m_remove(std::move(remove))
    , m_insert(std::move(insert))
{}

Result<void> PersonSearchIndex::remove(qint64 sourcePersonId)
{
    m_remove.bind(1, sourcePersonId);
    return m_remove.run();
}

Result<void> PersonSearchIndex::refresh(qint64 sourcePersonId)
{
    BV_TRY(remove(sourcePersonId));
    m_record.bind(1, sourcePersonId);
    auto found = m_record.step();
    if (!found.ok()) {
        m_record.reset();
        return found.error();
    }
    if (!found.value()) {
        m_record.reset();
        return {};
    }
    TextBuilder text;
    for (int column = 0; column < 3; ++column)
        text.addName(m_record.text(column));
    if (const QString birth = m_record.text(3); !birth.isEmpty())
        text.addKey(birthKey(birth));
    if (m_record.int64(5) != 0)
        text.addKey(nhsKey(m_record.text(4)));
    const QString storedPostcode = m_record.text(6);
    m_record.reset();
    m_protected.bind(1, sourcePersonId);
    auto isProtected = m_protected.step();
    const bool hidden = !isProtected.ok() || m_protected.int64(0) != 0;
    m_protected.reset();
    if (!isProtected.ok())
        return isProtected.error();
    if (auto postcode = feeds::Postcode::parse(storedPostcode); postcode.ok() && !hidden) {
        text.addKey(postcodeKey(postcode->text()));
        text.addKey(outwardKey(postcode->district()));
    }
    m_otherNames.bind(1, sourcePersonId);
    for (;;) {
        auto row = m_otherNames.step();
        if (!row.ok()) {
            m_otherNames.reset();
            return row.error();
        }
        if (!row.value())
            break;
        for (int column = 0; column < 3; ++column)
            text.addName(m_otherNames.text(column));
    }
    m_otherNames.reset();
    if (text.isEmpty())
        return {};
    const SearchText words = text.text();
    m_insert.bind(1, sourcePersonId).bind(2, words.names).bind(3, words.keys);
    return m_insert.run();
}

Result<qint64> PersonSearchIndex::rebuild(store::Database &db)
{
    auto tx = store::Transaction::begin(db);
    BV_TRY(tx);
    BV_TRY(db.exec("DELETE FROM person_search"));
    auto index = prepare(db);
    BV_TRY(index);
    auto ids = db.prepare("SELECT id FROM source_person WHERE withdrawn = 0 ORDER BY id");
    BV_TRY(ids);
    qint64 rows = 0;
    for (;;) {
        auto row = ids->step();
        BV_TRY(row);
        if (!row.value())
            break;
        BV_TRY(index->refresh(ids->int64(0)));
        ++rows;
    }
    BV_TRY(db.exec("INSERT OR REPLACE INTO store_meta(key, value) "
                   "VALUES ('person_search_built', '1')"));
    BV_TRY(tx->commit());
    return rows;
}

Result<bool> PersonSearchIndex::isBuilt(store::Database &db)
{
    auto built = db.queryInt("SELECT count(*) FROM store_meta WHERE key = 'person_search_built'");
    BV_TRY(built);
    return built.value() > 0;
}

} // namespace bv::search
