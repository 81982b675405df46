// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedadapter.h"
#include "feeds/feedmapping.h"
#include "feeds/fieldnormaliser.h"

#include <QString>
#include <QUrl>

// What the four adapters share: paging requests from the mapping, page checks, next links.
namespace bv::feeds {

// A page that cannot be read at all; names the URL (never the body, which holds personal data).
Error pageError(const QUrl &url, const QString &what);

// Refuses a response that is not a 2xx answer.
[[nodiscard]] Result<void> checkResponse(const FeedResponse &response);

// The body as text: UTF-8, a byte order mark dropped.
QString decodeBody(const QByteArray &body);

// The URL with one query parameter set to value (percent-encoded), replacing any it had.
QUrl withQueryItem(const QUrl &url, const QString &key, const QString &value);
// The value of a query parameter, decoded; empty if absent.
QString queryItem(const QUrl &url, const QString &key);

// The rel="next" target of an RFC 8288 Link header, resolved against the response's URL.
QUrl nextFromLinkHeader(const FeedResponse &response);

// Sets maxUpdatedAt from the page's records.
void finishPage(FeedPage &page);

// An adapter whose streams and paging come from a mapping file. Holds the feed's
// configuration, its mapping and a FieldNormaliser, which makes a PROJ context on first use:
// so an adapter is used from one thread at a time.
class MappedFeedAdapter : public FeedAdapter
{
public:
    MappedFeedAdapter(FeedConfig feed, FeedMapping mapping);

    QStringList streams() const override;
    QUrl requestFor(const QString &stream, const StreamState &state) const override;

    const FeedMapping &mapping() const { return m_mapping; }

protected:
    // The stream's spec, or an error naming it.
    [[nodiscard]] Result<const StreamSpec *> streamSpec(const QString &stream) const;
    FieldNormaliser &normaliser() const { return m_normaliser; }

private:
    FeedConfig m_feed;
    FeedMapping m_mapping;
    mutable FieldNormaliser m_normaliser;
};

} // namespace bv::feeds
