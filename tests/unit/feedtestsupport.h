// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedadapter.h"
#include "feeds/feedconfig.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>
#include <utility>
#include <vector>

// Adapters over the shipped mapping files, and responses made in memory, for the adapter tests.
namespace bv::test {

inline QString shippedFeedsDir()
{
    return QStringLiteral(BROADVIEW_SOURCE_DIR "/resources/feeds");
}

inline feeds::FeedConfig demoFeed(const QString &id, const QString &format)
{
    feeds::FeedConfig feed;
    feed.id = id;
    feed.agency = id;
    feed.format = format;
    feed.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:8443/") + id + QLatin1Char('/'));
    feed.mappingFile = shippedFeedsDir() + QLatin1Char('/') + id + QStringLiteral(".mapping.json");
    feed.pageSize = 500;
    return feed;
}

inline feeds::FeedResponse response(const QString &url, QByteArray body,
                                    std::vector<std::pair<QByteArray, QByteArray>> headers = {},
                                    int status = 200)
{
    feeds::FeedResponse response;
    response.url = QUrl(url);
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return response;
}

} // namespace bv::test
