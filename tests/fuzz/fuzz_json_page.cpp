// SPDX-License-Identifier: GPL-3.0-or-later
// One page of a JSON feed (police's cursor-paged change feed, fire's token-paged incidents and
// visits) through the JsonAdapter with the shipped mapping.
// Input: a digit choosing the stream (kStreams), then the body.
#include "fuzzsupport.h"

#include <array>

using namespace bv;

namespace {

struct Stream
{
    const char *name;
    const char *url;
    bool police;
};

constexpr std::array kStreams{
    Stream{"changes", "https://127.0.0.1:8443/police/api/v1/changes?limit=500&cursor=c2VlZA", true},
    Stream{"incidents",
           "https://127.0.0.1:8443/fire/api/incidents?since=2025-01-01T00%3A00%3A00Z&page_size=500",
           false},
    Stream{"visits",
           "https://127.0.0.1:8443/fire/api/visits?since=2025-01-01T00%3A00%3A00Z&page_size=500"
           "&page_token=dG9rZW4",
           false},
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto police
        = fuzz::shippedAdapter(QStringLiteral("police"), QStringLiteral("json"));
    static const auto fire = fuzz::shippedAdapter(QStringLiteral("fire"), QStringLiteral("json"));
    const fuzz::Choice choice = fuzz::choose(data, size, kStreams.size());
    const Stream &stream = kStreams[choice.index];
    fuzz::parseAndCheck(stream.police ? *police : *fire, QLatin1String(stream.name),
                        fuzz::response(QLatin1String(stream.url), choice.rest,
                                       {{QByteArrayLiteral("Content-Type"),
                                         QByteArrayLiteral("application/json")}}));
    return 0;
}
