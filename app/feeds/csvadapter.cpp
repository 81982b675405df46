// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/csvadapter.h"

#include "feeds/csvparser.h"
#include "feeds/recordmapper.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>

namespace bv::feeds {

namespace {

// The columns a page must have for the stream: those its record ids are made from. A page
// without them is not this extract (an error page served as 200, another file).
QStringList idColumns(const StreamSpec &spec)
{
    QStringList columns;
    for (const RecordSpec &record : spec.records) {
        if (!record.when.isEmpty() || !record.each.empty())
            continue;
        for (const TemplatePart &part : record.id) {
            if (part.path && !part.path->segments.isEmpty()
                && !columns.contains(part.path->segments.first()))
                columns.append(part.path->segments.first());
        }
    }
    return columns;
}

} // namespace

Result<FeedPage> CsvAdapter::parsePage(const QString &stream, const FeedResponse &response) const
{
    BV_TRY(checkResponse(response));
    Result<const StreamSpec *> specResult = streamSpec(stream);
    if (!specResult)
        return specResult.error();
    const StreamSpec &spec = *specResult.value();

    const QString text = decodeBody(response.body);
    CsvParser parser(text);
    if (parser.atEnd())
        return pageError(response.url, QObject::tr("it has no header row."));
    const CsvRecord headerRecord = parser.next();
    if (!headerRecord.error.isEmpty())
        return pageError(response.url, QObject::tr("its header row is not valid CSV."));
    QStringList header;
    for (const QString &name : headerRecord.fields)
        header.append(name.trimmed());
    const QSet<QString> headerSet(header.begin(), header.end());
    if (headerSet.size() != header.size())
        return pageError(response.url, QObject::tr("its header row names a column twice."));
    for (const QString &column : idColumns(spec)) {
        if (!headerSet.contains(column))
            return pageError(response.url,
                             QObject::tr("it has no column \"%1\": it is not the expected "
                                         "extract.")
                                 .arg(column));
    }

    // Parsed first, mapped second: the stream's lookups may point forwards in the page.
    struct Row
    {
        CsvRecord record;
        QJsonValue object;
    };
    std::vector<Row> rows;
    std::vector<QJsonValue> objects;
    while (!parser.atEnd()) {
        CsvRecord record = parser.next();
        QJsonObject object;
        if (record.error.isEmpty() && record.fields.size() == header.size()) {
            for (qsizetype i = 0; i < header.size(); ++i)
                object.insert(header[i], record.fields[i]);
            objects.push_back(object);
        }
        rows.push_back(Row{std::move(record), object});
    }

    FeedPage page;
    RecordMapper mapper(mapping(), spec, normaliser());
    mapper.indexItems(objects);
    for (const Row &row : rows) {
        ++page.inputRecords;
        const QString location = QObject::tr("line %1").arg(row.record.line);
        const QByteArray payload = row.record.raw.toUtf8();
        if (!row.record.error.isEmpty()) {
            page.rejected.push_back(RejectedInput{QString(), location, row.record.error, payload});
            continue;
        }
        if (row.record.fields.size() != header.size()) {
            page.rejected.push_back(
                RejectedInput{QString(), location,
                              QObject::tr("The row has %1 fields; the header has %2.")
                                  .arg(row.record.fields.size())
                                  .arg(header.size()),
                              payload});
            continue;
        }
        mapper.mapItem(
            row.object, location, [&payload] { return payload; }, page);
    }
    page.next = nextFromLinkHeader(response);
    finishPage(page);
    return page;
}

} // namespace bv::feeds
