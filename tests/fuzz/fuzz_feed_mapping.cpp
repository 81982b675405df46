// SPDX-License-Identifier: GPL-3.0-or-later
// A mapping file through loadFeedMapping and, when it loads, the adapter it makes over a page:
// the mapping language's engine (paths, templates, code tables, "each", indexes) under
// mappings nobody wrote. Input: a digit choosing the format (kFormats), the mapping file, then
// optionally a NUL byte and a page that every stream of the mapping parses.
#include "feeds/feedmapping.h"
#include "fuzzsupport.h"

#include <array>

using namespace bv;

namespace {

constexpr std::array kFormats{"fhir-r4", "json", "csv", "xml"};

// Enough to exercise paging without making a pass of thousands of streams.
constexpr qsizetype kMaxStreams = 8;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const fuzz::Choice choice = fuzz::choose(data, size, kFormats.size());
    const QString format = QLatin1String(kFormats[choice.index]);
    const qsizetype split = choice.rest.indexOf('\0');
    const QByteArray mappingText = split < 0 ? choice.rest : choice.rest.first(split);
    const QByteArray page = split < 0 ? QByteArray() : choice.rest.sliced(split + 1);

    feeds::FeedConfig feed;
    feed.id = QStringLiteral("fuzz");
    feed.agency = QStringLiteral("health");
    feed.format = format;
    feed.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:8443/fuzz/"));
    feed.mappingFile = fuzz::scratchDir() + QStringLiteral("/fuzz.mapping.json");
    fuzz::writeFile(feed.mappingFile, mappingText);

    const Result<feeds::FeedMapping> mapping = feeds::loadFeedMapping(feed.mappingFile, format);
    if (!mapping) {
        BV_FUZZ_CHECK(!mapping.error().message.isEmpty());
        return 0;
    }
    const Result<std::unique_ptr<feeds::FeedAdapter>> adapter = feeds::createFeedAdapter(feed);
    BV_FUZZ_CHECK(adapter.ok()); // the same file loaded a moment ago
    const QStringList streams = adapter.value()->streams();
    BV_FUZZ_CHECK(streams.size() == qsizetype(mapping.value().streams.size()));

    feeds::StreamState since;
    since.since = QDateTime(QDate(2025, 3, 30), QTime(1, 30), Qt::UTC);
    feeds::StreamState cursor;
    cursor.cursor = QStringLiteral("c2VlZA==&x=1");
    for (const QString &stream : streams.first(std::min(streams.size(), kMaxStreams))) {
        const QUrl first = adapter.value()->requestFor(stream, feeds::StreamState());
        BV_FUZZ_CHECK(first.isValid());
        (void)adapter.value()->requestFor(stream, since);
        (void)adapter.value()->requestFor(stream, cursor);
        fuzz::parseAndCheck(*adapter.value(), stream,
                            fuzz::response(first.toString(), page,
                                           {{QByteArrayLiteral("Link"),
                                             QByteArrayLiteral("<?page_token=2>; rel=\"next\"")}}));
    }
    return 0;
}
