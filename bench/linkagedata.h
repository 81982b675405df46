// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/linkrecord.h"

#include <QString>
#include <QtGlobal>

#include <vector>

namespace bv::bench {

struct LinkageInputOptions
{
    qsizetype records = 100000; // source records wanted
    quint64 seed = 1;           // of the county and of the feeds' noise
    QString dataDir;            // the simulator's reference data (shared/data)
    QString feedsFile;          // resources/feeds/feeds.json: the shipped mappings
    // Non-empty: the served records are read from this file when it was written for the same
    // records and seed, else generated and written to it. For runs that change only the
    // linker; a file written before the simulator or the adapters changed keeps the old records.
    QString cacheFile;
};

struct FeedRecordCount
{
    QString feed;
    qsizetype records = 0;
};

// Source person records as the store would hold them after a full sync of every simulated
// feed, made ready for link(), with the county person each one is about.
struct LinkageInput
{
    std::vector<linkage::LinkRecord> records;
    std::vector<quint32> truePerson;      // per record: the county person it is about
    quint32 countyPersons = 0;            // persons in the generated county
    quint32 personsSeen = 0;              // of them, with at least one kept record
    qsizetype recordsRead = 0;            // distinct source person records the feeds served
    std::vector<FeedRecordCount> perFeed; // of the kept records
    double countySeconds = 0;             // county and feeds built
    double feedSeconds = 0;               // pages rendered and parsed
    double prepareSeconds = 0;            // RecordPreparer
    bool fromCache = false;               // the served records came from options.cacheFile
};

// Generates a county of about records / (records per person) persons with the feed simulator,
// reads every stream of every feed in-process (the simulator's own pages, no HTTP, parsed by
// Broadview's adapters with the shipped mappings), keeps each person record's last version as
// PageWriter would store it, and prepares the records as StoreLinker does. When the feeds
// serve more records than wanted, a seeded random choice of them is left out, so every feed
// keeps its share. Deterministic for the same options.
[[nodiscard]] Result<LinkageInput> makeLinkageInput(const LinkageInputOptions &options);

} // namespace bv::bench
