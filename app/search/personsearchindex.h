// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "store/statement.h"

#include <QString>
#include <QStringList>

namespace bv::store {
class Database;
}

// Finding people by what a user types: names as they start ("smi" finds SMITH) and as they
// sound (Double Metaphone: "Thompson" finds TOMSON), an NHS number, a date of birth, a
// postcode or its outward code.
namespace bv::search {

// The words one source record is found by: `names` its names in the feeds' normalised form
// (every name it is known by), `keys` the derived tokens (dm<code> for each name's sounds,
// nhs<digits> for a valid NHS number, dob<yyyymmdd>, pc<unit>, pco<outward code>). Both are
// plain words for FTS4's simple tokenizer.
struct SearchText
{
    QString names;
    QString keys;
};

// The key token of a name word's sound, of an NHS number, of a date, of a postcode.
[[nodiscard]] QStringList soundKeys(QStringView normalisedWord);
[[nodiscard]] QString nhsKey(QStringView digits);
[[nodiscard]] QString birthKey(QStringView isoDate);
[[nodiscard]] QString postcodeKey(QStringView canonicalPostcode);
[[nodiscard]] QString outwardKey(QStringView outwardCode);

// person_search (FTS4, its own copy of the words, docid = source_person.id), kept by whoever
// writes source records, in the same transaction. A withdrawn record's row goes with it; a
// record with no names and nothing else to find it by has none. A record with a protected
// address (a protected_address flag, or a protected address period) has no postcode keys:
// no one finds a person in a refuge by its postcode.
class PersonSearchIndex
{
public:
    [[nodiscard]] static Result<PersonSearchIndex> prepare(store::Database &db);

    // Reads the record (and its other names) as stored and indexes it afresh.
    [[nodiscard]] Result<void> refresh(qint64 sourcePersonId);
    [[nodiscard]] Result<void> remove(qint64 sourcePersonId);

    // Every record indexed anew, and the index marked built (store_meta
    // `person_search_built`); a store made before the index had none. Returns the rows.
    [[nodiscard]] static Result<qint64> rebuild(store::Database &db);
    [[nodiscard]] static Result<bool> isBuilt(store::Database &db);

private:
    PersonSearchIndex(store::Statement record, store::Statement otherNames,
                      store::Statement isProtected, store::Statement remove,
                      store::Statement insert);

    store::Statement m_record;
    store::Statement m_otherNames;
    store::Statement m_protected;
    store::Statement m_remove;
    store::Statement m_insert;
};

} // namespace bv::search
