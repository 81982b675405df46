// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

// Synthetic, seeded feed data for bench_store_ingest: a county's agency feeds delivering
// event rows page by page. Nothing here is personal data: names, places and ids are drawn
// from fixed lists and counters by a deterministic generator, so the SQLCipher executable
// and the SQLite 3.40 baseline (a separate process) insert byte-identical rows.
namespace bv::bench {

// SplitMix64: tiny, fast, and fully specified, unlike std::uniform_*_distribution whose
// output differs between standard libraries.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed)
    {}
    std::uint64_t next();
    // Uniform in [0, n).
    std::uint32_t below(std::uint32_t n);
    // Uniform in [0, 1).
    double unit();
    bool chance(double p) { return unit() < p; }
    template<typename T, std::size_t N>
    const T &pick(const std::array<T, N> &items)
    {
        return items[below(static_cast<std::uint32_t>(N))];
    }

private:
    std::uint64_t m_state;
};

// One agency feed: the `source` row and how its events look.
struct FeedSpec
{
    const char *code;
    const char *agency; // source.agency
    const char *format; // source.format
    double shareOfEvents;
};

const std::array<FeedSpec, 7> &feeds();

// A `source_person` row, as the feed's person resource would give it.
struct PersonRow
{
    int sourceIndex = 0; // into feeds(); source.id is sourceIndex + 1
    QString externalId;
    QString givenName;
    QString familyName;
    QString givenNorm;
    QString familyNorm;
    QString birthDate;
    QString sex;
    QString nhsNumber; // the 999 test range, valid check digit; health and social care only
    QString postcode;
    QString address;
    QString receivedAt;
};

// Where an FNV-1a digest of rows starts (its offset basis).
constexpr std::uint64_t kDigestStart = 0xcbf29ce484222325ULL;

// An `event` row: about 200 bytes of bound values.
struct EventRow
{
    qint64 sourceId = 0;
    QString externalId;
    qint64 sourcePersonId = 0;
    QString occurredAt;   // an instant, where the feed gives a time
    QString occurredDate; // a calendar date, where it gives only a date
    QString periodEndDate;
    QString category;
    QString title;
    QString summary;
    QString outcome;
    int significance = 1;
    QString sensitivity;
    QString placeText;
    std::optional<double> lat;
    std::optional<double> lon;
    QString placePrecision;
    QString agencyContact;
    QString receivedAt;
    QString updatedAt;

    // Bytes of the values bound for this row (UTF-8 text, 8 per number): the "row byte" that
    // write amplification is measured against.
    qint64 payloadBytes() const;
    // Folds the row into an FNV-1a digest, so two processes can prove they inserted the same.
    void addToDigest(std::uint64_t &digest) const;
};

// The county: persons per feed, and each feed's events in the order a `_lastUpdated`
// cursor would page them (ascending update time, people interleaved).
class SyntheticCounty
{
public:
    SyntheticCounty(std::uint64_t seed, qint64 eventCount);

    qint64 eventCount() const { return m_eventCount; }
    // source_person rows; their ids are 1.. in this order (inserted into an empty store).
    const std::vector<PersonRow> &persons() const { return m_persons; }

    // The next feed page of at most `pageRows` events (empty when all are delivered). Pages
    // come round-robin across the feeds, as a sync pass over all of them would.
    void nextPage(int pageRows, std::vector<EventRow> &page);

private:
    struct FeedState
    {
        qint64 total = 0;     // events this feed delivers
        qint64 delivered = 0; // so far
        qint64 firstPerson = 0;
        qint64 personCount = 0;
        qint64 nextSequence = 0; // the agency's own record counter
    };

    void makePersons(Rng &rng);
    void makeEvent(int feedIndex, FeedState &feed, EventRow &row);

    qint64 m_eventCount;
    Rng m_rng;
    std::vector<PersonRow> m_persons;
    std::vector<FeedState> m_feeds;
    std::size_t m_nextFeed = 0;
};

} // namespace bv::bench
