// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/linkmodel.h"

#include "linkage/termfrequency.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace bv::linkage {

TermShares TermShares::count(std::span<const LinkRecord> records, QString ComparableRecord::*field)
{
    TermFrequencyTable table;
    for (const LinkRecord &record : records)
        table.add(record.fields.*field);
    TermShares shares;
    for (const LinkRecord &record : records) {
        const QString &value = record.fields.*field;
        if (!value.isEmpty() && !shares.m_shares.contains(value))
            shares.m_shares.insert(value, table.frequency(value));
    }
    return shares;
}

QString parametersToJson(const ModelParameters &parameters, const LinkThresholds &thresholds)
{
    QJsonObject fields;
    for (const Field field : kFields) {
        QJsonArray m;
        QJsonArray u;
        for (int level = 0; level < levelCount(field); ++level) {
            m.append(parameters[field].m[std::size_t(level)]);
            u.append(parameters[field].u[std::size_t(level)]);
        }
        fields.insert(QString(fieldKey(field)),
                      QJsonObject{{QStringLiteral("m"), m}, {QStringLiteral("u"), u}});
    }
    const QJsonObject root{
        {QStringLiteral("lambda"), parameters.lambda},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("thresholds"), QJsonObject{{QStringLiteral("link"), thresholds.link},
                                                   {QStringLiteral("review"), thresholds.review}}},
    };
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

Result<void> parametersFromJson(const QString &json, ModelParameters &parameters,
                                LinkThresholds &thresholds)
{
    const auto invalid = [](const QString &what) {
        return makeError(ErrorCode::StoreDamaged,
                         QObject::tr("The stored linkage model is damaged (%1): re-estimate it "
                                     "with `broadview link --reestimate`.")
                             .arg(what));
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (!document.isObject())
        return invalid(parseError.errorString());
    const QJsonObject root = document.object();
    ModelParameters read;
    read.lambda = root.value(QStringLiteral("lambda")).toDouble(-1.0);
    const QJsonObject fields = root.value(QStringLiteral("fields")).toObject();
    for (const Field field : kFields) {
        const QJsonObject entry = fields.value(QString(fieldKey(field))).toObject();
        const QJsonArray m = entry.value(QStringLiteral("m")).toArray();
        const QJsonArray u = entry.value(QStringLiteral("u")).toArray();
        if (m.size() != levelCount(field) || u.size() != levelCount(field))
            return invalid(QObject::tr("field %1 has the wrong number of levels")
                               .arg(QString(fieldKey(field))));
        for (int level = 0; level < levelCount(field); ++level) {
            read[field].m[std::size_t(level)] = m.at(level).toDouble(-1.0);
            read[field].u[std::size_t(level)] = u.at(level).toDouble(-1.0);
        }
    }
    auto model = FellegiSunterModel::create(read);
    if (!model)
        return invalid(model.error().message);
    const QJsonObject limits = root.value(QStringLiteral("thresholds")).toObject();
    LinkThresholds readThresholds;
    readThresholds.link = limits.value(QStringLiteral("link")).toDouble(readThresholds.link);
    readThresholds.review = limits.value(QStringLiteral("review")).toDouble(readThresholds.review);
    if (!readThresholds.valid())
        return invalid(QObject::tr("thresholds out of range"));
    parameters = read;
    thresholds = readThresholds;
    return {};
}

} // namespace bv::linkage
