// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzsupport.h"

#include "feeds/postcode.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bv::fuzz {

namespace {

bool isUtc(const QDateTime &instant)
{
    return !instant.isValid() || instant.timeSpec() == Qt::UTC;
}

void checkProvenance(const feeds::Provenance &provenance)
{
    BV_FUZZ_CHECK(!provenance.externalId.isEmpty());
    BV_FUZZ_CHECK(isUtc(provenance.updatedAt));
}

void checkLocation(const feeds::Location &location)
{
    if (!location.postcode.isEmpty()) {
        // A kept postcode is canonical: parsing it again gives it back.
        const Result<feeds::Postcode> again = feeds::Postcode::parse(location.postcode);
        BV_FUZZ_CHECK(again.ok());
        BV_FUZZ_CHECK(again.value().text() == location.postcode);
    }
    if (location.lat)
        BV_FUZZ_CHECK(std::isfinite(*location.lat) && std::fabs(*location.lat) <= 90.0);
    if (location.lon)
        BV_FUZZ_CHECK(std::isfinite(*location.lon) && std::fabs(*location.lon) <= 180.0);
}

// A record about a person names the person, unless it only withdraws itself.
template<typename Record>
void checkAboutPerson(const Record &record)
{
    checkProvenance(record.provenance);
    if (!record.provenance.withdrawn)
        BV_FUZZ_CHECK(!record.personExternalId.isEmpty());
}

bool allDigits(const QString &text)
{
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace

void fail(const char *check, const char *file, int line)
{
    std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", check, file, line);
    std::fflush(stderr);
    std::abort();
}

Choice choose(const std::uint8_t *data, std::size_t size, std::size_t count)
{
    Choice choice;
    if (size == 0 || count == 0)
        return choice;
    choice.index = std::uint8_t(data[0] - std::uint8_t('0')) % count;
    choice.rest = QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    return choice;
}

std::pair<std::vector<std::pair<QByteArray, QByteArray>>, QByteArray>
splitLinkHeader(const QByteArray &input)
{
    static constexpr QByteArrayView kPrefix("Link:");
    if (!input.startsWith(kPrefix))
        return {{}, input};
    const qsizetype end = input.indexOf('\n');
    const QByteArray value
        = input.mid(kPrefix.size(), end < 0 ? -1 : end - kPrefix.size()).trimmed();
    return {{{QByteArrayLiteral("Link"), value}}, end < 0 ? QByteArray() : input.mid(end + 1)};
}

std::unique_ptr<feeds::FeedAdapter> shippedAdapter(const QString &id, const QString &format)
{
    feeds::FeedConfig feed;
    feed.id = id;
    feed.agency = id;
    feed.format = format;
    feed.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:8443/") + id + QLatin1Char('/'));
    feed.mappingFile = QStringLiteral(":/feeds/") + id + QStringLiteral(".mapping.json");
    Result<std::unique_ptr<feeds::FeedAdapter>> adapter = feeds::createFeedAdapter(feed);
    if (!adapter) {
        std::fprintf(stderr, "%s\n", qPrintable(adapter.error().message));
        fail("the shipped mapping loads", __FILE__, __LINE__);
    }
    return std::move(adapter).value();
}

feeds::FeedResponse response(const QString &url, QByteArray body,
                             std::vector<std::pair<QByteArray, QByteArray>> headers)
{
    feeds::FeedResponse response;
    response.url = QUrl(url);
    response.status = 200;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return response;
}

void parseAndCheck(const feeds::FeedAdapter &adapter, const QString &stream,
                   const feeds::FeedResponse &response)
{
    // BV_FUZZ_VERBOSE=1 says what each input made, for whoever curates the seed corpus: counts
    // and the page's error, which names the URL and never the body.
    static const bool verbose = qEnvironmentVariableIsSet("BV_FUZZ_VERBOSE");
    const Result<feeds::FeedPage> page = adapter.parsePage(stream, response);
    if (!page) {
        BV_FUZZ_CHECK(!page.error().message.isEmpty());
        if (verbose)
            std::fprintf(stderr, "  page refused: %s\n", qPrintable(page.error().message));
        return;
    }
    if (verbose)
        std::fprintf(stderr, "  %lld inputs, %lld records, %zu rejected\n",
                     static_cast<long long>(page.value().inputRecords),
                     static_cast<long long>(page.value().recordCount()),
                     page.value().rejected.size());
    checkPage(page.value());
}

void checkPage(const feeds::FeedPage &page)
{
    for (const feeds::RejectedInput &rejected : page.rejected) {
        BV_FUZZ_CHECK(!rejected.reason.isEmpty());
        BV_FUZZ_CHECK(!rejected.location.isEmpty());
    }
    for (const feeds::PersonRecord &person : page.persons) {
        checkProvenance(person.provenance);
        checkLocation(person.address);
        switch (person.nhsStatus) {
        case feeds::NhsNumber::Status::Empty:
        case feeds::NhsNumber::Status::Malformed:
            BV_FUZZ_CHECK(person.nhsDigits.isEmpty());
            break;
        case feeds::NhsNumber::Status::CheckDigitFails:
        case feeds::NhsNumber::Status::Valid:
            BV_FUZZ_CHECK(person.nhsDigits.size() == 10 && allDigits(person.nhsDigits));
            break;
        }
    }
    for (const feeds::FlagRecord &flag : page.flags)
        checkAboutPerson(flag);
    for (const feeds::AddressRecord &address : page.addresses) {
        checkAboutPerson(address);
        checkLocation(address.location);
    }
    for (const feeds::RelationshipRecord &relationship : page.relationships) {
        checkAboutPerson(relationship);
        if (!relationship.provenance.withdrawn)
            BV_FUZZ_CHECK(!relationship.relatedExternalId.isEmpty());
    }
    for (const feeds::EventRecord &event : page.events) {
        checkAboutPerson(event);
        checkLocation(event.place);
        BV_FUZZ_CHECK(isUtc(event.occurredAt));
        BV_FUZZ_CHECK(event.significance >= 1 && event.significance <= 3);
    }
    BV_FUZZ_CHECK(isUtc(page.maxUpdatedAt));
    if (page.recordCount() > 0 || !page.rejected.empty())
        BV_FUZZ_CHECK(page.inputRecords > 0);
}

const QString &scratchDir()
{
    // Made once per process: libFuzzer calls a target many thousand times a second.
    static const auto dir = [] {
        auto made = std::make_unique<QTemporaryDir>();
        BV_FUZZ_CHECK(made->isValid());
        const QDir shipped(QStringLiteral(":/feeds"));
        for (const QString &name : shipped.entryList({QStringLiteral("*.mapping.json")}))
            BV_FUZZ_CHECK(QFile::copy(shipped.filePath(name), made->filePath(name)));
        return made;
    }();
    static const QString path = dir->path();
    return path;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    BV_FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    BV_FUZZ_CHECK(file.write(bytes) == bytes.size());
}

} // namespace bv::fuzz
