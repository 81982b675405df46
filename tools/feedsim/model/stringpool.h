// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace bv::feedsim {

// Each distinct name or street stored once; people hold 32-bit ids, which keeps a county
// of a million people small.
class StringPool
{
public:
    quint32 intern(const QString &text);
    std::optional<quint32> find(const QString &text) const;
    const QString &at(quint32 id) const { return m_strings[id]; }
    qsizetype size() const { return qsizetype(m_strings.size()); }

private:
    std::vector<QString> m_strings;
    QHash<QString, quint32> m_ids;
};

} // namespace bv::feedsim
