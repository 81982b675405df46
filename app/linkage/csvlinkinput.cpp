// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/csvlinkinput.h"

#include "common/jsonfile.h"
#include "feeds/nhsnumber.h"
#include "linkage/evaluationcsv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSet>

namespace bv::linkage {

namespace {

Error mappingError(const QString &path, const QString &key, const QString &message)
{
    return Error{ErrorCode::Usage, QObject::tr("Mapping file %1: %2 %3").arg(path, key, message)};
}

// A field is a column name, or an object naming the column and how to read it.
Result<QString> columnOf(const QJsonValue &value, const QString &path, const QString &key)
{
    if (value.isString())
        return value.toString();
    if (value.isObject() && value.toObject().value(QLatin1String("column")).isString())
        return value.toObject().value(QLatin1String("column")).toString();
    return mappingError(path, key, QObject::tr("must be a column name or {\"column\": ...}"));
}

} // namespace

Result<CsvLinkMapping> CsvLinkMapping::load(const QString &path)
{
    auto object = readJsonObjectFile(path, QObject::tr("Mapping file"), ErrorCode::Usage);
    BV_TRY(object);
    const QJsonObject root = object.value();
    CsvLinkMapping mapping;
    if (!root.value(QLatin1String("id")).isString())
        return mappingError(path, QStringLiteral("id"), QObject::tr("must name the id column"));
    mapping.idColumn = root.value(QLatin1String("id")).toString();
    const QJsonObject fields = root.value(QLatin1String("fields")).toObject();
    static const QSet<QString> known{QStringLiteral("givenName"), QStringLiteral("familyName"),
                                     QStringLiteral("birthDate"), QStringLiteral("sex"),
                                     QStringLiteral("postcode"),  QStringLiteral("address"),
                                     QStringLiteral("uprn"),      QStringLiteral("nhsNumber")};
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString key = QStringLiteral("fields.") + it.key();
        if (!known.contains(it.key()))
            return mappingError(path, key,
                                QObject::tr("is not a field (givenName, familyName, birthDate, "
                                            "sex, postcode, address, uprn, nhsNumber)"));
        if (it.key() == QLatin1String("address")) {
            const QJsonValue join = it.value().isObject()
                                        ? it.value().toObject().value(QLatin1String("join"))
                                        : QJsonValue(QJsonArray{it.value()});
            if (!join.isArray() || join.toArray().isEmpty())
                return mappingError(path, key,
                                    QObject::tr("must be a column name or {\"join\": [...]}"));
            for (const QJsonValue &column : join.toArray())
                mapping.addressColumns.append(column.toString());
            continue;
        }
        auto column = columnOf(it.value(), path, key);
        BV_TRY(column);
        if (it.key() == QLatin1String("givenName")) {
            mapping.givenColumn = column.value();
        } else if (it.key() == QLatin1String("familyName")) {
            mapping.familyColumn = column.value();
        } else if (it.key() == QLatin1String("birthDate")) {
            mapping.birthDateColumn = column.value();
            const QJsonValue format = it.value().toObject().value(QLatin1String("format"));
            if (format.isString())
                mapping.birthDateFormat = format.toString();
        } else if (it.key() == QLatin1String("sex")) {
            mapping.sexColumn = column.value();
        } else if (it.key() == QLatin1String("postcode")) {
            mapping.postcodeColumn = column.value();
            const QString scheme = it.value()
                                       .toObject()
                                       .value(QLatin1String("scheme"))
                                       .toString(QStringLiteral("uk"));
            if (scheme == QLatin1String("exact"))
                mapping.postcodeScheme = PostcodeScheme::Exact;
            else if (scheme != QLatin1String("uk"))
                return mappingError(path, key + QStringLiteral(".scheme"),
                                    QObject::tr("must be \"uk\" or \"exact\""));
        } else if (it.key() == QLatin1String("uprn")) {
            mapping.uprnColumn = column.value();
        } else {
            mapping.nhsNumberColumn = column.value();
        }
    }
    return mapping;
}

Result<CsvLinkInput> readCsvForLinking(const QString &path, const CsvLinkMapping &mapping,
                                       const RecordPreparer &preparer, int side)
{
    auto text = readEvaluationFile(path);
    BV_TRY(text);
    auto csv = EvaluationCsv::open(text.value(), path);
    BV_TRY(csv);
    const auto columnIndex = [&csv](const QString &name) -> Result<int> {
        if (name.isEmpty())
            return -1;
        return csv->column(name);
    };
    struct Columns
    {
        int id = -1, given = -1, family = -1, birth = -1, sex = -1, postcode = -1, uprn = -1,
            nhs = -1;
    } columns;
    const std::pair<const QString *, int *> wanted[] = {
        {&mapping.idColumn, &columns.id},         {&mapping.givenColumn, &columns.given},
        {&mapping.familyColumn, &columns.family}, {&mapping.birthDateColumn, &columns.birth},
        {&mapping.sexColumn, &columns.sex},       {&mapping.postcodeColumn, &columns.postcode},
        {&mapping.uprnColumn, &columns.uprn},     {&mapping.nhsNumberColumn, &columns.nhs},
    };
    for (const auto &[name, index] : wanted) {
        auto found = columnIndex(*name);
        BV_TRY(found);
        *index = found.value();
    }
    std::vector<int> address;
    for (const QString &column : mapping.addressColumns) {
        auto index = columnIndex(column);
        BV_TRY(index);
        address.push_back(index.value());
    }

    CsvLinkInput input;
    QSet<QString> seen;
    for (;;) {
        auto next = csv->next();
        BV_TRY(next);
        if (!next.value())
            break;
        const EvaluationCsvRow &row = *next.value();
        const auto field = [&row](int index) {
            return index < 0 ? QString() : row.fields.at(index);
        };
        LinkRecord record;
        record.id = field(columns.id);
        record.side = side;
        if (record.id.isEmpty())
            return Error{ErrorCode::Usage, csv->where(row.line, QObject::tr("the id is empty"))};
        if (seen.contains(record.id))
            return Error{ErrorCode::Usage,
                         csv->where(row.line, QObject::tr("the id is used by an earlier row"))};
        seen.insert(record.id);
        SourceFields fields;
        fields.givenName = field(columns.given);
        fields.familyName = field(columns.family);
        const QString birthText = field(columns.birth);
        if (!birthText.isEmpty()) {
            fields.birthDate = QDate::fromString(birthText, mapping.birthDateFormat);
            // A date the source could not have meant (19990231) is missing, not an error:
            // FEBRL garbles dates on purpose. One of the wrong shape says the mapping is wrong.
            if (!fields.birthDate.isValid() && birthText.size() != mapping.birthDateFormat.size())
                return Error{ErrorCode::Usage,
                             csv->where(row.line, QObject::tr("%1 is not a date in the format %2")
                                                      .arg(mapping.birthDateColumn,
                                                           mapping.birthDateFormat))};
        }
        fields.sex = field(columns.sex);
        fields.postcode = field(columns.postcode);
        fields.uprn = field(columns.uprn);
        QStringList parts;
        for (const int index : address) {
            if (const QString part = field(index); !part.isEmpty())
                parts.append(part);
        }
        fields.address = parts.join(QLatin1Char(' '));
        if (columns.nhs >= 0) {
            const feeds::NhsNumber number = feeds::NhsNumber::parse(field(columns.nhs));
            if (number.isValid())
                record.nhsNumber = number.digits().toULongLong();
        }
        record.fields = preparer.prepare(fields);
        input.records.push_back(std::move(record));
        ++input.rows;
    }
    return input;
}

} // namespace bv::linkage
