// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "access/auditlog.h"
#include "common/result.h"

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bv::store {
class Database;
}

namespace bv::search {

// What a user typed, read as the things people are found by. Anything in it may be absent.
struct SearchQuery
{
    QStringList nameWords; // normalised, each matched as a prefix or by its sound
    QString nhsNumber;     // ten digits whose check digit holds
    QDate birthDate;       // 12/03/1985, 12.3.1985 or 1985-03-12 (UK order: day first)
    QString postcode;      // canonical, "NR1 3JB"
    QString outwardCode;   // "NR1": a postcode district
    // Words that are none of these and cannot be searched for (a lone digit, 31/02/1985).
    QStringList ignored;

    [[nodiscard]] static SearchQuery parse(QStringView text);
    bool isEmpty() const
    {
        return nameWords.isEmpty() && nhsNumber.isEmpty() && !birthDate.isValid()
               && postcode.isEmpty() && outwardCode.isEmpty();
    }
    // The FTS4 MATCH expression (standard query syntax: SQLCipher 3.4.1 has no parentheses,
    // and OR binds tighter than the implicit AND, so "a* OR dmA b* OR dmB" asks for both).
    // bySound false: names only as they start.
    [[nodiscard]] QString matchExpression(bool bySound = true) const;
    // The kinds of term present ("name", "nhs_number", "birth_date", "postcode"), for the audit:
    // what was searched for, never the words.
    [[nodiscard]] QStringList kinds() const;
};

// An agency as people name it ("Children's social care" for childrens_social_care).
[[nodiscard]] QString agencyLabel(const QString &agency);

// A flag kind as people name it ("Vulnerable adult" for vulnerable_adult).
[[nodiscard]] QString flagLabel(const QString &kind);

// A person a search found, as the reader may see them: only from records the access
// context lets them see. A person none of whose matching records is visible is not found.
struct PersonHit
{
    qint64 personId = 0;
    QString name;            // as most of the visible records give it
    QDate birthDate;         // likewise; invalid when none gives one
    std::optional<int> age;  // in whole years, today
    QStringList agencies;    // that hold a visible record of them, in a fixed order
    QStringList flags;       // active flag kinds on visible records, sorted
    int records = 0;         // visible records of the person
    int withheldRecords = 0; // records the reader may not see
    int matchedRecords = 0;  // visible records the query matched
};

struct SearchResult
{
    // Persons whose names start as typed first, then those found by sound; within each, most
    // matching records first, then by person id.
    std::vector<PersonHit> persons;
    bool truncated = false; // more matched than were gathered
};

// Person search over person_search (see PersonSearchIndex, which must be built: a store made
// before it gets it from PersonSearchIndex::rebuild). Read-only and safe to run on its own
// connection off the GUI thread; the caller audits a committed search (not each keystroke).
class PersonSearch
{
public:
    explicit PersonSearch(store::Database &db);

    [[nodiscard]] Result<SearchResult> search(const access::AccessContext &context,
                                              const SearchQuery &query, QDate today,
                                              int limit = 50) const;

private:
    store::Database &m_db;
};

// The audit entry for a committed search: the kinds of term searched for and the persons it
// returned, never the words typed (a name in the audit would go wherever the audit goes).
[[nodiscard]] access::AuditEvent auditEventFor(const SearchQuery &query,
                                               const SearchResult &result);

} // namespace bv::search

Q_DECLARE_METATYPE(bv::search::SearchResult)
