// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/adaptersupport.h"

namespace bv::feeds {

// XML feeds (education, in the style of the Common Transfer File): the records are the
// elements at the stream's items path below the root, each read as a JSON-like tree and
// mapped by the mapping file; the next page token is an element of the body.
class XmlAdapter final : public MappedFeedAdapter
{
public:
    using MappedFeedAdapter::MappedFeedAdapter;

    [[nodiscard]] Result<FeedPage> parsePage(const QString &stream,
                                             const FeedResponse &response) const override;
};

} // namespace bv::feeds
