// SPDX-License-Identifier: GPL-3.0-or-later
// One page of a CSV extract (csc, asc, housing) through the CsvAdapter with the shipped mapping.
// Input: a digit choosing the stream (kStreams), an optional "Link: ..." line (the header the
// page came with), then the body. The body also goes through CsvParser alone, which must reach
// the end in at most one record per character.
#include "feeds/csvparser.h"
#include "fuzzsupport.h"

#include <array>

using namespace bv;

namespace {

struct Stream
{
    const char *feed;
    const char *name;
    const char *url;
};

constexpr std::array kStreams{
    Stream{"csc", "children",
           "https://127.0.0.1:8443/csc/extract/children.csv?modified_since=01%2F01%2F2025%2000%3A00"
           "&page_size=500"},
    Stream{"csc", "contacts", "https://127.0.0.1:8443/csc/extract/contacts.csv?page_size=500"},
    Stream{"csc", "relationships",
           "https://127.0.0.1:8443/csc/extract/relationships.csv?page_size=500"},
    Stream{"csc", "episodes", "https://127.0.0.1:8443/csc/extract/episodes.csv?page_size=500"},
    Stream{"asc", "clients", "https://127.0.0.1:8443/asc/extract/clients.csv?page_size=500"},
    Stream{"asc", "episodes", "https://127.0.0.1:8443/asc/extract/episodes.csv?page_size=500"},
    Stream{"housing", "tenants",
           "https://127.0.0.1:8443/housing/extract/tenants.csv?page_size=500"},
    Stream{"housing", "tenancies",
           "https://127.0.0.1:8443/housing/extract/tenancies.csv?page_size=500"},
    Stream{"housing", "cases", "https://127.0.0.1:8443/housing/extract/cases.csv?page_size=500"},
};

void checkCsvParser(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body);
    feeds::CsvParser parser(text);
    qsizetype records = 0;
    qsizetype lastLine = 0;
    while (!parser.atEnd()) {
        const feeds::CsvRecord record = parser.next();
        BV_FUZZ_CHECK(record.line > lastLine);
        BV_FUZZ_CHECK(!record.fields.isEmpty());
        lastLine = record.line;
        BV_FUZZ_CHECK(++records <= text.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto adapters = [] {
        return std::array{fuzz::shippedAdapter(QStringLiteral("csc"), QStringLiteral("csv")),
                          fuzz::shippedAdapter(QStringLiteral("asc"), QStringLiteral("csv")),
                          fuzz::shippedAdapter(QStringLiteral("housing"), QStringLiteral("csv"))};
    }();
    const fuzz::Choice choice = fuzz::choose(data, size, kStreams.size());
    const Stream &stream = kStreams[choice.index];
    const feeds::FeedAdapter &adapter = *adapters[choice.index < 4 ? 0 : choice.index < 6 ? 1 : 2];
    auto [headers, body] = fuzz::splitLinkHeader(choice.rest);
    checkCsvParser(body);
    fuzz::parseAndCheck(adapter, QLatin1String(stream.name),
                        fuzz::response(QLatin1String(stream.url), body, std::move(headers)));
    return 0;
}
