// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/nicknames.h"

#include "feeds/personname.h"

#include <QFile>
#include <QObject>

#include <algorithm>
#include <limits>
#include <map>

namespace bv::linkage {

bool shareNicknameGroup(const NicknameGroups &a, const NicknameGroups &b)
{
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i == *j)
            return true;
        if (*i < *j)
            ++i;
        else
            ++j;
    }
    return false;
}

Result<NicknameTable> NicknameTable::loadShipped()
{
    return load(QString(kShippedPath));
}

Result<NicknameTable> NicknameTable::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("The nickname table %1 cannot be read: %2").arg(path, file.errorString()));
    const QByteArray content = file.readAll();
    Result<NicknameTable> table = parse(content);
    if (!table.ok())
        return makeError(
            table.error().code,
            QObject::tr("The nickname table %1 is not valid: %2").arg(path, table.error().message));
    return table;
}

Result<NicknameTable> NicknameTable::parse(QByteArrayView csv)
{
    std::map<QString, NicknameGroups> groupsByName;
    int groups = 0;
    int lineNumber = 0;
    for (const QByteArray &rawLine : csv.toByteArray().split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QStringList names;
        for (const QString &field : line.split(QLatin1Char(','))) {
            const QString name = feeds::normaliseName(field);
            if (name.isEmpty())
                return makeError(ErrorCode::Failure,
                                 QObject::tr("line %1 has an empty name.").arg(lineNumber));
            if (!names.contains(name))
                names.append(name);
        }
        if (names.size() < 2)
            return makeError(
                ErrorCode::Failure,
                QObject::tr("line %1 needs at least two different names.").arg(lineNumber));
        if (groups > std::numeric_limits<std::uint16_t>::max())
            return makeError(ErrorCode::Failure,
                             QObject::tr("line %1: the table has too many rows.").arg(lineNumber));
        for (const QString &name : names)
            groupsByName[name].push_back(std::uint16_t(groups));
        ++groups;
    }
    if (groups == 0)
        return makeError(ErrorCode::Failure, QObject::tr("it has no rows of names."));

    NicknameTable table;
    table.m_groupCount = groups;
    table.m_entries.reserve(groupsByName.size());
    // std::map iterates in name order and each name's rows were added in ascending order, so
    // the entries and their groups come out sorted.
    for (auto &[name, nameGroups] : groupsByName)
        table.m_entries.push_back(Entry{name, std::move(nameGroups)});
    return table;
}

const NicknameTable::Entry *NicknameTable::find(QStringView name) const
{
    const auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), name,
        [](const Entry &entry, QStringView key) { return QStringView(entry.name) < key; });
    if (it == m_entries.end() || QStringView(it->name) != name)
        return nullptr;
    return &*it;
}

bool NicknameTable::areNicknames(QStringView a, QStringView b) const
{
    if (a == b)
        return false;
    const Entry *first = find(a);
    const Entry *second = first ? find(b) : nullptr;
    return second && shareNicknameGroup(first->groups, second->groups);
}

NicknameGroups NicknameTable::groupsOf(QStringView name) const
{
    const Entry *entry = find(name);
    return entry ? entry->groups : NicknameGroups{};
}

} // namespace bv::linkage
