// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringpool.h"

namespace bv::feedsim {

quint32 StringPool::intern(const QString &text)
{
    const auto it = m_ids.constFind(text);
    if (it != m_ids.constEnd())
        return it.value();
    const auto id = quint32(m_strings.size());
    m_strings.push_back(text);
    m_ids.insert(text, id);
    return id;
}

std::optional<quint32> StringPool::find(const QString &text) const
{
    const auto it = m_ids.constFind(text);
    if (it == m_ids.constEnd())
        return std::nullopt;
    return it.value();
}

} // namespace bv::feedsim
