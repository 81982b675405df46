// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feeds/feedadapter.h"
#include "feeds/feedrecords.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

// What the fuzz targets share. A target only looks for crashes, sanitizer reports and broken
// invariants; a broken invariant ends the process through fail(), which libFuzzer records as a
// crash with the input that caused it. Messages name the check, never the input (it may hold
// what looks like personal data).
namespace bv::fuzz {

[[noreturn]] void fail(const char *check, const char *file, int line);

#define BV_FUZZ_CHECK(condition)                                                                   \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::bv::fuzz::fail(#condition, __FILE__, __LINE__);                                      \
    } while (false)

// The first byte of an input chooses one of count things (the seed files write it as a digit:
// "0" is the first, "1" the second); the rest of the input is what the target parses.
struct Choice
{
    std::size_t index = 0;
    QByteArray rest;
};
Choice choose(const std::uint8_t *data, std::size_t size, std::size_t count);

// Splits an optional first line "Link: <value>" off a page: a CSV seed carries the Link header
// the simulator sent with it. Returns the headers and the body.
std::pair<std::vector<std::pair<QByteArray, QByteArray>>, QByteArray>
splitLinkHeader(const QByteArray &input);

// The adapter of a shipped feed (resources/feeds/<id>.mapping.json, read from the resources
// compiled into the engine). A shipped mapping that fails to load ends the process.
std::unique_ptr<feeds::FeedAdapter> shippedAdapter(const QString &id, const QString &format);

feeds::FeedResponse response(const QString &url, QByteArray body,
                             std::vector<std::pair<QByteArray, QByteArray>> headers = {});

// Parses one page and checks what every page must satisfy: a refused page says why, every
// rejected input says where and why, every record has an id, normalised values are normal.
void parseAndCheck(const feeds::FeedAdapter &adapter, const QString &stream,
                   const feeds::FeedResponse &response);
void checkPage(const feeds::FeedPage &page);

// A folder of this process's own, for targets whose parser reads a file: made on first use,
// with the shipped mapping files copied in (feeds.json names them), removed at exit.
const QString &scratchDir();
void writeFile(const QString &path, const QByteArray &bytes);

} // namespace bv::fuzz
