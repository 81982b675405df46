// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/adaptersupport.h"

namespace bv::feeds {

// JSON feeds (police, fire): the records are an array in the page body, mapped by the
// mapping file's record part; paged by cursor, body token or Link header.
class JsonAdapter final : public MappedFeedAdapter
{
public:
    using MappedFeedAdapter::MappedFeedAdapter;

    [[nodiscard]] Result<FeedPage> parsePage(const QString &stream,
                                             const FeedResponse &response) const override;
};

} // namespace bv::feeds
