// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/feedadapter.h"

#include "feeds/csvadapter.h"
#include "feeds/feedmapping.h"
#include "feeds/fhiradapter.h"
#include "feeds/jsonadapter.h"
#include "feeds/xmladapter.h"

#include <QObject>

namespace bv::feeds {

QByteArray FeedResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

Result<std::unique_ptr<FeedAdapter>> createFeedAdapter(const FeedConfig &feed)
{
    const QStringList formats{QStringLiteral("fhir-r4"), QStringLiteral("json"),
                              QStringLiteral("csv"), QStringLiteral("xml")};
    if (!formats.contains(feed.format))
        return makeError(ErrorCode::FeedConfig,
                         QObject::tr("The feed %1 has the format \"%2\", which no adapter reads.")
                             .arg(feed.id, feed.format));
    Result<FeedMapping> mapping = loadFeedMapping(feed.mappingFile, feed.format);
    if (!mapping)
        return mapping.error();
    std::unique_ptr<FeedAdapter> adapter;
    if (feed.format == QLatin1String("fhir-r4"))
        adapter = std::make_unique<FhirAdapter>(feed, std::move(mapping).value());
    else if (feed.format == QLatin1String("json"))
        adapter = std::make_unique<JsonAdapter>(feed, std::move(mapping).value());
    else if (feed.format == QLatin1String("csv"))
        adapter = std::make_unique<CsvAdapter>(feed, std::move(mapping).value());
    else
        adapter = std::make_unique<XmlAdapter>(feed, std::move(mapping).value());
    return adapter;
}

} // namespace bv::feeds
