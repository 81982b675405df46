// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/adaptersupport.h"

namespace bv::feeds {

// CSV extracts (children's and adult social care, housing): RFC 4180 with a header row, each
// row one record mapped by column name; the next page in a Link header.
class CsvAdapter final : public MappedFeedAdapter
{
public:
    using MappedFeedAdapter::MappedFeedAdapter;

    [[nodiscard]] Result<FeedPage> parsePage(const QString &stream,
                                             const FeedResponse &response) const override;
};

} // namespace bv::feeds
