// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/storelinker.h"

#include "linkage/blockindex.h"
#include "linkage/nicknames.h"
#include "linkage/pairswriter.h"
#include "linkage/regionlinker.h"
#include "linkage/storedrecords.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QHash>
#include <QObject>

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <spdlog/spdlog.h>

namespace bv::linkage {

namespace {

// What the store says about the records' current persons.
struct CurrentLinks
{
    std::vector<std::int64_t> person;               // per record; 0 none
    std::vector<std::optional<std::uint64_t>> hash; // per record, as last linked
    std::map<qint64, qint64> recordCount;           // live persons: records when last linked
    std::map<qint64, qint64> members;               // live persons: records now
};

Result<CurrentLinks> readCurrentLinks(store::Database &db, const StoredRecords &stored)
{
    CurrentLinks links;
    links.person.assign(stored.records.size(), 0);
    links.hash.assign(stored.records.size(), std::nullopt);
    auto select = db.prepare("SELECT source_person_id, person_id, fields_hash FROM person_link");
    BV_TRY(select);
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        const auto index = stored.index(select->int64(0));
        if (!index)
            continue;
        links.person[*index] = select->int64(1);
        if (!select->isNull(2))
            links.hash[*index] = std::bit_cast<std::uint64_t>(select->int64(2));
        ++links.members[select->int64(1)];
    }
    auto persons = db.prepare("SELECT id, record_count FROM person WHERE retired_at IS NULL");
    BV_TRY(persons);
    for (;;) {
        auto row = persons->step();
        BV_TRY(row);
        if (!row.value())
            break;
        links.recordCount[persons->int64(0)] = persons->int64(1);
    }
    return links;
}

QString reviewReasonText(PairReason reason)
{
    switch (reason) {
    case PairReason::NhsConflict:
        return QStringLiteral("nhs_conflict");
    case PairReason::Ambiguous:
        return QStringLiteral("ambiguous");
    case PairReason::Weight:
    case PairReason::SameNhsNumber:
        break;
    }
    return QStringLiteral("uncertain");
}

struct Decisions
{
    LinkConstraints constraints;
    std::map<std::uint32_t, QString> decidedBy;   // record -> who decided it belongs where it is
    std::map<std::uint32_t, QString> keptApartBy; // record -> who decided it is not someone
};

Result<Decisions> readDecisions(store::Database &db, const StoredRecords &stored)
{
    Decisions decisions;
    decisions.constraints.related = stored.related;
    auto select = db.prepare(
        "SELECT c.source_person_a, c.source_person_b, c.kind, d.decided_by FROM link_constraint c "
        "JOIN link_decision d ON d.id = c.decision_id WHERE d.revoked_at IS NULL ORDER BY d.id");
    BV_TRY(select);
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        const auto a = stored.index(select->int64(0));
        const auto b = stored.index(select->int64(1));
        if (!a || !b)
            continue;
        if (select->text(2) == QLatin1String("together")) {
            decisions.constraints.together.push_back({*a, *b});
            decisions.decidedBy.try_emplace(*a, select->text(3));
            decisions.decidedBy.try_emplace(*b, select->text(3));
        } else {
            decisions.constraints.apart.push_back({*a, *b});
            decisions.keptApartBy.try_emplace(*a, select->text(3));
            decisions.keptApartBy.try_emplace(*b, select->text(3));
        }
    }
    return decisions;
}

Result<std::vector<std::uint64_t>> readOversizedBlocks(store::Database &db)
{
    std::vector<std::uint64_t> keys;
    auto select = db.prepare("SELECT block_key FROM link_oversized_block ORDER BY block_key");
    BV_TRY(select);
    for (;;) {
        auto row = select->step();
        BV_TRY(row);
        if (!row.value())
            break;
        keys.push_back(std::bit_cast<std::uint64_t>(select->int64(0)));
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

Result<void> writeOversizedBlocks(store::Database &db, const std::vector<std::uint64_t> &keys)
{
    BV_TRY(db.exec("DELETE FROM link_oversized_block"));
    auto insert = db.prepare("INSERT OR IGNORE INTO link_oversized_block(block_key) VALUES (?1)");
    BV_TRY(insert);
    for (const std::uint64_t key : keys)
        BV_TRY(insert->bind(1, std::bit_cast<qint64>(key)).run());
    return {};
}

// The records an incremental link must start from.
std::vector<std::uint32_t> seedsOf(const StoredRecords &stored, const CurrentLinks &links,
                                   const std::vector<std::uint64_t> &oversizedBefore,
                                   const BlockIndex &blocks, const StoreLinkRequest &request)
{
    std::vector<std::uint32_t> seeds;
    std::set<qint64> shrunk; // persons that lost a record since the last link
    for (const auto &[person, recorded] : links.recordCount) {
        const auto now = links.members.find(person);
        if (now == links.members.end() || now->second < recorded)
            shrunk.insert(person);
    }
    std::size_t fresh = 0;
    std::size_t changed = 0;
    for (std::uint32_t i = 0; i < stored.records.size(); ++i) {
        fresh += links.person[i] == 0 ? 1 : 0;
        changed += links.person[i] != 0 && links.hash[i] != stored.hashes[i] ? 1 : 0;
        if (links.person[i] == 0 || links.hash[i] != stored.hashes[i]
            || shrunk.count(links.person[i]))
            seeds.push_back(i);
    }
    std::vector<std::uint64_t> flipped;
    std::set_symmetric_difference(oversizedBefore.begin(), oversizedBefore.end(),
                                  blocks.oversizedKeys().begin(), blocks.oversizedKeys().end(),
                                  std::back_inserter(flipped));
    const std::vector<std::uint32_t> inFlipped = blocks.recordsIn(flipped);
    seeds.insert(seeds.end(), inFlipped.begin(), inFlipped.end());
    spdlog::info("link: {} new records, {} changed, {} persons lost records, {} blocks crossed "
                 "the size limit",
                 fresh, changed, shrunk.size(), flipped.size());
    for (const qint64 rowId : request.alsoRelink) {
        if (const auto index = stored.index(rowId))
            seeds.push_back(*index);
    }
    std::sort(seeds.begin(), seeds.end());
    seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
    return seeds;
}

// The persons of the relinked records, as record groups and the links that made them.
struct Relinked
{
    std::vector<std::uint32_t> region; // sorted
    std::vector<std::uint32_t> person; // per region record: its group's label
    std::vector<ScoredPair> linked;
    std::vector<ScoredPair> review;
    bool everything = false; // the region is every record
};

// Gives each group of relinked records a person id: each previous person's id to the group
// holding most of its records (ties to the smaller id, then the smaller group label), the
// rest new ids; previous persons left without records are retired.
class PersonIds
{
public:
    PersonIds(store::Database &db, const QString &now)
        : m_db(db)
        , m_now(now)
    {}

    Result<std::map<std::uint32_t, qint64>>
    assign(const Relinked &relinked, const CurrentLinks &links, StoreLinkOutcome &outcome)
    {
        std::map<std::uint32_t, std::vector<std::uint32_t>> groups;
        std::map<std::pair<std::uint32_t, qint64>, qint64> overlap; // (label, previous) -> records
        std::set<qint64> previous;
        for (std::size_t i = 0; i < relinked.region.size(); ++i) {
            const std::uint32_t record = relinked.region[i];
            groups[relinked.person[i]].push_back(record);
            if (links.person[record] != 0) {
                ++overlap[{relinked.person[i], links.person[record]}];
                previous.insert(links.person[record]);
            }
        }
        std::vector<std::tuple<qint64, qint64, std::uint32_t>> claims; // -count, id, label
        for (const auto &[key, records] : overlap)
            claims.emplace_back(-records, key.second, key.first);
        std::sort(claims.begin(), claims.end());
        std::map<std::uint32_t, qint64> idOf;
        std::set<qint64> taken;
        for (const auto &[negative, id, label] : claims) {
            if (idOf.count(label) || taken.count(id))
                continue;
            idOf[label] = id;
            taken.insert(id);
        }
        auto insert = m_db.prepare("INSERT INTO person(created_at, updated_at, record_count) "
                                   "VALUES (?1, ?1, ?2)");
        BV_TRY(insert);
        auto update = m_db.prepare(
            "UPDATE person SET record_count = ?2, updated_at = CASE WHEN record_count = ?2 AND ?3 "
            "THEN updated_at ELSE ?4 END, retired_at = NULL, merged_into = NULL WHERE id = ?1");
        BV_TRY(update);
        for (const auto &[label, members] : groups) {
            const auto found = idOf.find(label);
            if (found == idOf.end()) {
                BV_TRY(insert->bind(1, m_now).bind(2, qint64(members.size())).run());
                idOf[label] = m_db.lastInsertRowId();
                ++outcome.newPersons;
                continue;
            }
            // Unchanged when every member was already this person's and the count agrees.
            const bool sameMembers = std::all_of(members.begin(), members.end(), [&](auto m) {
                return links.person[m] == found->second;
            });
            BV_TRY(update->bind(1, found->second)
                       .bind(2, qint64(members.size()))
                       .bind(3, qint64(sameMembers ? 1 : 0))
                       .bind(4, m_now)
                       .run());
        }
        // Where most of each retired person's records went.
        std::map<qint64, std::pair<qint64, qint64>> heir; // previous -> (records, new id)
        for (const auto &[key, records] : overlap) {
            const qint64 newId = idOf[key.first];
            auto &best = heir[key.second];
            if (records > best.first)
                best = {records, newId};
        }
        auto retire = m_db.prepare("UPDATE person SET record_count = 0, retired_at = ?2, "
                                   "updated_at = ?2, merged_into = ?3 WHERE id = ?1");
        BV_TRY(retire);
        const auto retireOne = [&](qint64 id, std::optional<qint64> mergedInto) -> Result<void> {
            retire->bind(1, id).bind(2, m_now);
            if (mergedInto)
                retire->bind(3, *mergedInto);
            else
                retire->bindNull(3);
            BV_TRY(retire->run());
            ++outcome.retiredPersons;
            return {};
        };
        for (const qint64 id : previous) {
            if (!taken.count(id))
                BV_TRY(retireOne(id, heir[id].second));
        }
        // Persons whose records were all withdrawn.
        for (const auto &[id, recorded] : links.recordCount) {
            if (!previous.count(id) && !links.members.count(id))
                BV_TRY(retireOne(id, std::nullopt));
        }
        return idOf;
    }

private:
    store::Database &m_db;
    QString m_now;
};

Result<void> writeLinks(store::Database &db, const QString &now, const StoredRecords &stored,
                        const CurrentLinks &links, const Relinked &relinked,
                        const std::map<std::uint32_t, qint64> &idOf, const Decisions &decisions)
{
    // The strongest link that brought each record into its person.
    std::map<std::uint32_t, const ScoredPair *> strongest;
    for (const ScoredPair &pair : relinked.linked) {
        for (const std::uint32_t record : {pair.a, pair.b}) {
            const ScoredPair *&best = strongest[record];
            if (!best || pair.weight > best->weight)
                best = &pair;
        }
    }
    std::map<std::uint32_t, std::size_t> groupSize;
    for (const std::uint32_t label : relinked.person)
        ++groupSize[label];
    auto write = db.prepare(
        "INSERT OR REPLACE INTO person_link(source_person_id, person_id, match_weight, "
        "decided_by, decided_at, reason, fields_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    BV_TRY(write);
    // A record moved between people changes the flagged places of both (geo::AreaQuery's
    // index, made again on its next refresh). Noted here, not by a trigger: a trigger on
    // person_link would make every link written keep an encrypted statement journal.
    auto stale = db.prepare("INSERT OR IGNORE INTO flagged_place_stale(person_id) VALUES (?1)");
    BV_TRY(stale);
    for (std::size_t i = 0; i < relinked.region.size(); ++i) {
        const std::uint32_t record = relinked.region[i];
        const std::uint32_t label = relinked.person[i];
        if (links.person[record] != idOf.at(label)) {
            for (const qint64 person : {qint64(links.person[record]), idOf.at(label)}) {
                if (person != 0)
                    BV_TRY(stale->bind(1, person).run());
            }
        }
        write->bind(1, stored.rowIds[record])
            .bind(2, idOf.at(label))
            .bind(5, now)
            .bind(7, std::bit_cast<qint64>(stored.hashes[record]));
        const auto decided = decisions.decidedBy.find(record);
        const auto link = strongest.find(record);
        if (decided != decisions.decidedBy.end() && groupSize[label] > 1) {
            write->bind(4, decided->second).bind(6, QStringLiteral("decision"));
        } else if (link != strongest.end()) {
            write->bind(4, QStringLiteral("auto"))
                .bind(6, link->second->reason == PairReason::SameNhsNumber
                             ? QStringLiteral("nhs_number")
                             : QStringLiteral("match_weight"));
        } else if (const auto apart = decisions.keptApartBy.find(record);
                   apart != decisions.keptApartBy.end() && groupSize[label] == 1) {
            write->bind(4, apart->second).bind(6, QStringLiteral("decision"));
        } else {
            write->bind(4, QStringLiteral("auto")).bind(6, QStringLiteral("no_match"));
        }
        if (link != strongest.end())
            write->bind(3, link->second->weight);
        else
            write->bindNull(3);
        BV_TRY(write->run());
    }
    return {};
}

Result<void> writeReview(store::Database &db, const QString &now, const StoredRecords &stored,
                         const Relinked &relinked)
{
    if (relinked.everything) {
        BV_TRY(db.exec("DELETE FROM link_review"));
    } else {
        auto remove = db.prepare(
            "DELETE FROM link_review WHERE source_person_a = ?1 OR source_person_b = ?1");
        BV_TRY(remove);
        for (const std::uint32_t record : relinked.region)
            BV_TRY(remove->bind(1, stored.rowIds[record]).run());
    }
    auto insert = db.prepare(
        "INSERT OR REPLACE INTO link_review(source_person_a, source_person_b, match_weight, "
        "probability, reason, found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    BV_TRY(insert);
    for (const ScoredPair &pair : relinked.review) {
        // Stored smaller row id first, so one pair has one row whichever order records came in.
        const qint64 a = std::min(stored.rowIds[pair.a], stored.rowIds[pair.b]);
        const qint64 b = std::max(stored.rowIds[pair.a], stored.rowIds[pair.b]);
        BV_TRY(insert->bind(1, a)
                   .bind(2, b)
                   .bind(3, pair.weight)
                   .bind(4, pair.probability)
                   .bind(5, reviewReasonText(pair.reason))
                   .bind(6, now)
                   .run());
    }
    return {};
}

// Everything the pairs file needs once the transaction has committed.
struct PairsSource
{
    StoredRecords stored;
    LinkResult result;
};

Result<StoreLinkOutcome> linkStore(store::Database &db, const Clock &clock,
                                   const StoreLinkRequest &request, PairsSource *pairs)
{
    auto nicknames = NicknameTable::loadShipped();
    BV_TRY(nicknames);
    const RecordPreparer preparer(nicknames.value());
    auto stored = readStoredRecords(db, preparer);
    BV_TRY(stored);
    const std::vector<LinkRecord> &records = stored->records;
    auto links = readCurrentLinks(db, stored.value());
    BV_TRY(links);
    auto decisions = readDecisions(db, stored.value());
    BV_TRY(decisions);
    std::optional<LinkModel> frozen;
    if (request.mode != LinkMode::Reestimate) {
        auto loaded = loadLinkModel(db);
        BV_TRY(loaded);
        frozen = std::move(loaded.value());
    }
    const bool estimate = !frozen.has_value();

    StoreLinkOutcome outcome;
    outcome.estimated = estimate;
    const QString now = clock.nowUtc().toString(Qt::ISODateWithMs);
    LinkModel model;
    Relinked relinked;
    const BlockIndex blocks(records, request.blocking);
    if (request.mode == LinkMode::Incremental && !estimate) {
        model = std::move(*frozen);
        auto before = readOversizedBlocks(db);
        BV_TRY(before);
        const std::vector<std::uint32_t> seeds
            = seedsOf(stored.value(), links.value(), before.value(), blocks, request);
        auto region = linkRegion(records, blocks, model, decisions->constraints, links->person,
                                 seeds, request.threads);
        BV_TRY(region);
        outcome.statistics.records = records.size();
        outcome.statistics.comparisons = region->comparisons;
        outcome.statistics.candidatePairs = region->comparisons;
        outcome.contradictedDecisions = qint64(region->contradicted.size());
        relinked.region = std::move(region->region);
        relinked.person = std::move(region->person);
        relinked.linked = std::move(region->linked);
        relinked.review = std::move(region->review);
    } else {
        LinkOptions options;
        options.blocking = request.blocking;
        options.thresholds = request.thresholds;
        options.threads = request.threads;
        options.seed = request.seed;
        options.constraints = decisions->constraints;
        if (!estimate)
            options.frozen = std::move(frozen);
        auto linked = link(records, options);
        BV_TRY(linked);
        outcome.statistics = linked->statistics;
        model = linked->model;
        relinked.everything = true;
        relinked.region.resize(records.size());
        std::iota(relinked.region.begin(), relinked.region.end(), std::uint32_t{0});
        relinked.person = linked->person;
        relinked.linked = std::move(linked->linked);
        relinked.review = std::move(linked->review);
        outcome.contradictedDecisions = qint64(linked->contradicted.size());
    }
    outcome.relinked = qint64(relinked.region.size());

    PersonIds ids(db, now);
    auto idOf = ids.assign(relinked, links.value(), outcome);
    BV_TRY(idOf);
    BV_TRY(writeLinks(db, now, stored.value(), links.value(), relinked, idOf.value(),
                      decisions.value()));
    BV_TRY(writeReview(db, now, stored.value(), relinked));
    BV_TRY(writeOversizedBlocks(db, blocks.oversizedKeys()));
    if (estimate)
        BV_TRY(saveLinkModel(db, model, now, QStringLiteral("link")));
    auto persons = db.queryInt("SELECT count(*) FROM person WHERE retired_at IS NULL");
    BV_TRY(persons);
    outcome.persons = persons.value();
    auto review = db.queryInt("SELECT count(*) FROM link_review");
    BV_TRY(review);
    outcome.reviewPairs = review.value();
    outcome.statistics.persons = std::uint64_t(outcome.persons);

    if (pairs) {
        // Every person's records, labelled by their smallest record index, as link() labels.
        auto all = db.prepare("SELECT source_person_id, person_id FROM person_link");
        BV_TRY(all);
        std::map<qint64, std::uint32_t> smallest;
        std::vector<qint64> personOf(records.size(), 0);
        for (;;) {
            auto row = all->step();
            BV_TRY(row);
            if (!row.value())
                break;
            const auto index = stored->index(all->int64(0));
            if (!index)
                continue;
            personOf[*index] = all->int64(1);
            auto [entry, inserted] = smallest.try_emplace(all->int64(1), *index);
            if (!inserted)
                entry->second = std::min(entry->second, *index);
        }
        pairs->result.model = model;
        pairs->result.person.resize(records.size());
        for (std::uint32_t i = 0; i < records.size(); ++i)
            pairs->result.person[i] = personOf[i] == 0 ? i : smallest[personOf[i]];
        pairs->stored = std::move(stored.value());
    }
    return outcome;
}

} // namespace

Result<StoreLinkOutcome> StoreLinker::linkInTransaction(store::Database &db, const Clock &clock,
                                                        const StoreLinkRequest &request)
{
    return linkStore(db, clock, request, nullptr);
}

Result<StoreLinkOutcome>
StoreLinker::link(store::Database &db, const Clock &clock, const StoreLinkRequest &request,
                  const std::function<Result<void>(const StoreLinkOutcome &)> &beforeCommit,
                  const QString &pairsOut)
{
    auto transaction = store::Transaction::begin(db);
    BV_TRY(transaction);
    PairsSource pairs;
    auto outcome = linkStore(db, clock, request, pairsOut.isEmpty() ? nullptr : &pairs);
    BV_TRY(outcome);
    if (beforeCommit)
        BV_TRY(beforeCommit(outcome.value()));
    BV_TRY(transaction->commit());
    // After the commit, so the file never disagrees with the store.
    if (!pairsOut.isEmpty()) {
        auto written = writeLinkedPairs(pairsOut, pairs.stored.records, pairs.result, false);
        BV_TRY(written);
        outcome->pairsWritten = written.value();
    }
    return outcome;
}

} // namespace bv::linkage
