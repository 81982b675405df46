// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <vector>

namespace bv::linkage {

// The rows of the nickname table a name stands in, as sorted row numbers. A prepared record
// keeps its given name's groups, so comparing two records needs neither the table nor a
// string lookup.
using NicknameGroups = std::vector<std::uint16_t>;

// Whether two names share a row; false when either has none. Does not allocate.
[[nodiscard]] bool shareNicknameGroup(const NicknameGroups &a, const NicknameGroups &b);

// Which given names are diminutives or short forms of one another (Bill and William, Peggy
// and Margaret, Liz and Beth). Read from rows of equivalent names; two names agree when they
// share a row, and rows are never chained: Al stands with Albert and with Alfred, yet Albert
// and Alfred do not agree. Immutable once loaded, so one table can serve many threads.
class NicknameTable
{
public:
    // The table shipped with Broadview (resources/linkage/nicknames.csv, see its header for
    // the source), compiled into the program as a Qt resource.
    static constexpr QLatin1StringView kShippedPath{":/linkage/nicknames.csv"};

    // An empty table: no two names are nicknames.
    NicknameTable() = default;

    [[nodiscard]] static Result<NicknameTable> loadShipped();
    [[nodiscard]] static Result<NicknameTable> load(const QString &path);
    // UTF-8 text: one row of comma-separated names per line, the formal name first; blank
    // lines and lines starting with '#' are skipped. Names are normalised as
    // feeds::normaliseName does. A row with fewer than two distinct names is an error, as is
    // a table with no rows. Errors give the line number, never a name.
    [[nodiscard]] static Result<NicknameTable> parse(QByteArrayView csv);

    // a and b in normalised form (feeds::normaliseName). False for the same name twice: that
    // is an exact match, not a nickname.
    [[nodiscard]] bool areNicknames(QStringView a, QStringView b) const;
    // The rows a normalised name stands in; empty when the table does not know it.
    [[nodiscard]] NicknameGroups groupsOf(QStringView name) const;

    qsizetype nameCount() const { return qsizetype(m_entries.size()); }
    int groupCount() const { return m_groupCount; }

private:
    struct Entry
    {
        QString name;
        NicknameGroups groups;
    };

    const Entry *find(QStringView name) const;

    std::vector<Entry> m_entries; // sorted by name, for lookups that do not allocate
    int m_groupCount = 0;
};

} // namespace bv::linkage
