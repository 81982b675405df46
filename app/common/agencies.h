// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <algorithm>

namespace bv {

// The agencies in the order Broadview lists them everywhere: search results, the timeline's
// filters, documents.
[[nodiscard]] inline const QStringList &agencyOrder()
{
    static const QStringList order{QStringLiteral("health"),
                                   QStringLiteral("police"),
                                   QStringLiteral("fire"),
                                   QStringLiteral("childrens_social_care"),
                                   QStringLiteral("adult_social_care"),
                                   QStringLiteral("education"),
                                   QStringLiteral("housing")};
    return order;
}

inline void sortByAgencyOrder(QStringList &agencies)
{
    std::sort(agencies.begin(), agencies.end(), [](const QString &a, const QString &b) {
        return agencyOrder().indexOf(a) < agencyOrder().indexOf(b);
    });
}

// The value most of them give; ties go to the one given first. T() when there are none.
template<typename Container>
[[nodiscard]] typename Container::value_type mostCommon(const Container &values)
{
    typename Container::value_type best{};
    qsizetype bestCount = 0;
    for (const auto &value : values) {
        const auto count = qsizetype(std::count(values.begin(), values.end(), value));
        if (count > bestCount) {
            best = value;
            bestCount = count;
        }
    }
    return best;
}

} // namespace bv
