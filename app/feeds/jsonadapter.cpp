// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/jsonadapter.h"

#include "feeds/recordmapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace bv::feeds {

namespace {

QString scalar(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return QString();
}

} // namespace

Result<FeedPage> JsonAdapter::parsePage(const QString &stream, const FeedResponse &response) const
{
    BV_TRY(checkResponse(response));
    Result<const StreamSpec *> specResult = streamSpec(stream);
    if (!specResult)
        return specResult.error();
    const StreamSpec &spec = *specResult.value();

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return pageError(response.url, QObject::tr("it is not JSON (%1 at offset %2).")
                                           .arg(parseError.errorString())
                                           .arg(parseError.offset));
    if (!document.isObject())
        return pageError(response.url, QObject::tr("its root is not a JSON object."));
    const QJsonValue root = document.object();
    const QJsonValue items = resolvePath(spec.items, ValueScope{root, root, {}});
    if (!items.isArray())
        return pageError(response.url, QObject::tr("it has no array \"%1\".").arg(spec.items.text));

    const QJsonArray array = items.toArray();
    std::vector<QJsonValue> records(array.begin(), array.end());
    FeedPage page;
    RecordMapper mapper(mapping(), spec, normaliser());
    mapper.indexItems(records);
    for (size_t i = 0; i < records.size(); ++i) {
        const QJsonValue &record = records[i];
        ++page.inputRecords;
        const QString location = QObject::tr("%1 item %2").arg(spec.items.text).arg(i + 1);
        const auto payload = [&record] {
            return record.isObject()
                       ? QJsonDocument(record.toObject()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(QJsonArray{record}).toJson(QJsonDocument::Compact);
        };
        if (!record.isObject()) {
            page.rejected.push_back(RejectedInput{
                QString(), location, QObject::tr("The record is not a JSON object."), payload()});
            continue;
        }
        mapper.mapItem(record, location, payload, page);
    }

    const PagingSpec &paging = spec.paging;
    const ValueScope scope{root, root, {}};
    switch (paging.kind) {
    case PagingKind::Cursor: {
        FieldPath cursorPath;
        cursorPath.segments = paging.nextCursor.split(QLatin1Char('.'));
        FieldPath morePath;
        morePath.segments = paging.hasMore.split(QLatin1Char('.'));
        const QString cursor = scalar(resolvePath(cursorPath, scope));
        const QJsonValue more = resolvePath(morePath, scope);
        const bool hasMore
            = more.isBool()
                  ? more.toBool()
                  : more.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        if (hasMore && cursor.isEmpty())
            return pageError(response.url,
                             QObject::tr("it says more pages follow but gives no \"%1\".")
                                 .arg(paging.nextCursor));
        // No new cursor on a last page: keep the one that was sent.
        page.cursor = cursor.isEmpty() ? queryItem(response.url, paging.cursorParam) : cursor;
        if (hasMore)
            page.next = withQueryItem(response.url, paging.cursorParam, cursor);
        break;
    }
    case PagingKind::BodyToken: {
        FieldPath tokenPath;
        tokenPath.segments = paging.token.split(QLatin1Char('.'));
        const QString token = scalar(resolvePath(tokenPath, scope));
        if (!token.isEmpty())
            page.next = withQueryItem(response.url, paging.tokenParam, token);
        break;
    }
    case PagingKind::LinkHeader:
        page.next = nextFromLinkHeader(response);
        break;
    case PagingKind::FhirLinkNext:
        break;
    }
    finishPage(page);
    return page;
}

} // namespace bv::feeds
