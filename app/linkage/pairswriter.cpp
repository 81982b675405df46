// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/pairswriter.h"

#include <QObject>
#include <QSaveFile>

#include <map>

namespace bv::linkage {

namespace {

// A CSV field as RFC 4180 wants it: quoted when it holds a comma, quote or line break.
QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

Result<qint64> writeLinkedPairs(const QString &path, std::span<const LinkRecord> records,
                                const LinkResult &result, bool acrossSidesOnly)
{
    auto model = FellegiSunterModel::create(result.model.parameters);
    BV_TRY(model);
    const PairScorer scorer(model.value(), records, result.model.givenNames,
                            result.model.familyNames);
    std::map<std::uint32_t, std::vector<std::uint32_t>> persons;
    for (std::uint32_t i = 0; i < result.person.size(); ++i)
        persons[result.person[i]].push_back(i);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::Io,
                     QObject::tr("%1 cannot be written: %2").arg(path, file.errorString())};
    QByteArray text = "id_a,id_b,weight,probability\n";
    qint64 written = 0;
    for (const auto &[label, members] : persons) {
        for (std::size_t i = 0; i < members.size(); ++i) {
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                const std::uint32_t a = members[i];
                const std::uint32_t b = members[j];
                if (acrossSidesOnly && records[a].side == records[b].side)
                    continue;
                const ScoredPair pair = scorer.score(a, b);
                const bool aFirst = records[a].side <= records[b].side;
                const QString &first = aFirst ? records[a].id : records[b].id;
                const QString &second = aFirst ? records[b].id : records[a].id;
                text += (csvField(first) + QLatin1Char(',') + csvField(second) + QLatin1Char(',')
                         + QString::number(pair.weight, 'f', 3) + QLatin1Char(',')
                         + QString::number(pair.probability, 'f', 6) + QLatin1Char('\n'))
                            .toUtf8();
                ++written;
            }
        }
        if (text.size() > (1 << 20)) {
            file.write(text);
            text.clear();
        }
    }
    file.write(text);
    if (!file.commit())
        return Error{ErrorCode::Io,
                     QObject::tr("%1 cannot be written: %2").arg(path, file.errorString())};
    return written;
}

} // namespace bv::linkage
