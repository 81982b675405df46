// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/feedconfig.h"
#include "feeds/feedrecords.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <utility>
#include <vector>

namespace bv::feeds {

// One HTTP response of a feed, as the sync engine received it.
struct FeedResponse
{
    QUrl url;
    int status = 0;
    std::vector<std::pair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty if absent
};

// Turns one format's pages into records, as the feed's mapping file says. Const and without
// page-to-page state: pages of several streams may be parsed in turn. Not thread-safe: an
// adapter makes a PROJ context on first use (GridConverter), so use it from one thread at a
// time. Memory is bounded by one page: nothing is cached between pages.
class FeedAdapter
{
public:
    virtual ~FeedAdapter() = default;

    // The streams of the feed in the order they are read: people before records about them.
    virtual QStringList streams() const = 0;

    // The next request of a stream: state.next while a pass is under way, else a new pass
    // from state.cursor (cursor feeds) or state.since (time feeds, inclusive).
    virtual QUrl requestFor(const QString &stream, const StreamState &state) const = 0;

    // One page. A page that cannot be read at all (not JSON, wrong root) is an error that
    // names the URL and what was wrong; a bad record goes to page.rejected, the rest is kept.
    [[nodiscard]] virtual Result<FeedPage> parsePage(const QString &stream,
                                                     const FeedResponse &response) const = 0;
};

// The adapter for feed.format with feed.mappingFile loaded and checked.
[[nodiscard]] Result<std::unique_ptr<FeedAdapter>> createFeedAdapter(const FeedConfig &feed);

} // namespace bv::feeds
