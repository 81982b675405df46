// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/xmladapter.h"

#include "feeds/recordmapper.h"
#include "feeds/xmltree.h"

#include <QObject>
#include <QXmlStreamReader>

namespace bv::feeds {

Result<FeedPage> XmlAdapter::parsePage(const QString &stream, const FeedResponse &response) const
{
    BV_TRY(checkResponse(response));
    Result<const StreamSpec *> specResult = streamSpec(stream);
    if (!specResult)
        return specResult.error();
    const StreamSpec &spec = *specResult.value();

    const QString text = decodeBody(response.body);
    QXmlStreamReader reader(text);
    if (!reader.readNextStartElement())
        return pageError(response.url, QObject::tr("it is not XML."));
    if (reader.name() != spec.root)
        return pageError(response.url, QObject::tr("its root element is not %1.").arg(spec.root));

    const QStringList itemPath = spec.items.segments;
    const QStringList tokenPath = spec.paging.kind == PagingKind::BodyToken
                                      ? spec.paging.token.split(QLatin1Char('/'))
                                      : QStringList();
    const QString itemName = itemPath.isEmpty() ? spec.root : itemPath.last();

    std::vector<QJsonValue> items;
    std::vector<QString> payloads;
    QString token;
    QStringList open; // the elements below the root the reader is in
    while (!reader.atEnd()) {
        const qint64 before = reader.characterOffset();
        const QXmlStreamReader::TokenType type = reader.readNext();
        if (type == QXmlStreamReader::StartElement) {
            open.append(reader.name().toString());
            if (open == itemPath) {
                // The reader may have read past the "<" of the start tag before reporting it.
                const qsizetype start = text.lastIndexOf(QLatin1Char('<'), qsizetype(before));
                items.push_back(readXmlElement(reader));
                payloads.push_back(text.mid(start, reader.characterOffset() - start));
                open.removeLast();
            } else if (open == tokenPath) {
                token = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
                open.removeLast();
            }
        } else if (type == QXmlStreamReader::EndElement) {
            if (open.isEmpty())
                break; // the root closed
            open.removeLast();
        }
    }
    if (reader.hasError())
        return pageError(response.url, QObject::tr("it is not well-formed XML (line %1: %2).")
                                           .arg(reader.lineNumber())
                                           .arg(reader.errorString()));

    FeedPage page;
    RecordMapper mapper(mapping(), spec, normaliser());
    mapper.indexItems(items);
    for (size_t i = 0; i < items.size(); ++i) {
        ++page.inputRecords;
        const QString location = QStringLiteral("%1 %2").arg(itemName).arg(i + 1);
        const QString &payload = payloads[i];
        mapper.mapItem(
            items[i], location, [&payload] { return payload.toUtf8(); }, page);
    }
    if (!token.isEmpty())
        page.next = withQueryItem(response.url, spec.paging.tokenParam, token);
    finishPage(page);
    return page;
}

} // namespace bv::feeds
