// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/schema.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QDateTime>

#include <array>

namespace bv::store {

namespace {

// Schema v1: the data model of DESIGN.md. Written for SQLite 3.15 (no UPSERT, no JSON1).
// Feed rows keep their provenance: source, external id, received and updated times and a
// sensitivity label. Instants are UTC ISO 8601 with a 'Z'; calendar dates are YYYY-MM-DD.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    agency        TEXT NOT NULL CHECK (agency IN ('health', 'police', 'fire',
                      'childrens_social_care', 'adult_social_care', 'education', 'housing')),
    format        TEXT NOT NULL CHECK (format IN ('fhir-r4', 'json', 'csv', 'xml')),
    endpoint      TEXT NOT NULL,
    auth_ref      TEXT,            -- the name of a row in secret, never the secret itself
    sync_cursor   TEXT,
    last_sync_at  TEXT,
    last_error    TEXT,
    enabled       INTEGER NOT NULL DEFAULT 1
);

-- Feed secrets (OAuth client secrets, client-certificate keys) live inside the encrypted store.
CREATE TABLE secret (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE source_person (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES source(id),
    external_id      TEXT NOT NULL,
    given_name       TEXT,
    middle_names     TEXT,
    family_name      TEXT,
    given_norm       TEXT,         -- upper case, letters only, for blocking and comparison
    family_norm      TEXT,
    birth_date       TEXT,         -- calendar date, no zone
    sex              TEXT CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    nhs_number       TEXT,
    nhs_number_valid INTEGER NOT NULL DEFAULT 0,
    postcode         TEXT,
    uprn             TEXT,
    address          TEXT,
    phone            TEXT,
    sensitivity      TEXT NOT NULL DEFAULT 'official',
    withdrawn        INTEGER NOT NULL DEFAULT 0,
    received_at      TEXT NOT NULL,
    updated_at       TEXT,
    UNIQUE (source_id, external_id)
);
CREATE INDEX source_person_nhs ON source_person(nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX source_person_block ON source_person(family_norm, birth_date);

CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE person_link (
    source_person_id INTEGER PRIMARY KEY REFERENCES source_person(id),
    person_id        INTEGER NOT NULL REFERENCES person(id),
    match_weight     REAL,
    decided_by       TEXT NOT NULL,  -- 'auto' or the user who decided
    decided_at       TEXT NOT NULL,
    reason           TEXT
);
CREATE INDEX person_link_person ON person_link(person_id);

CREATE TABLE event (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES source(id),
    external_id      TEXT NOT NULL,
    source_person_id INTEGER REFERENCES source_person(id),
    occurred_at      TEXT,           -- an instant in UTC, where the source gives a time
    occurred_date    TEXT,           -- a calendar date, where it gives only a date
    period_end_date  TEXT,           -- the end of a period, where the event spans one
    category         TEXT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT,
    outcome          TEXT,           -- outcome or action taken, where the agency records one
    significance     INTEGER NOT NULL DEFAULT 1 CHECK (significance BETWEEN 1 AND 3),
    sensitivity      TEXT NOT NULL DEFAULT 'official',
    place_text       TEXT,
    lat              REAL,
    lon              REAL,
    place_precision  TEXT CHECK (place_precision IN ('uprn', 'postcode_unit', 'district')),
    agency_contact   TEXT,
    withdrawn        INTEGER NOT NULL DEFAULT 0,
    received_at      TEXT NOT NULL,
    updated_at       TEXT,
    UNIQUE (source_id, external_id),
    CHECK (occurred_at IS NOT NULL OR occurred_date IS NOT NULL)
);
CREATE INDEX event_person_time ON event(source_person_id, occurred_date, occurred_at);

CREATE TABLE annotation (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES event(id),
    author     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('analysis', 'impact', 'note')),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX annotation_event ON annotation(event_id);

CREATE TABLE address_period (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES source(id),
    source_person_id INTEGER NOT NULL REFERENCES source_person(id),
    external_id      TEXT,
    address          TEXT,
    postcode         TEXT,
    uprn             TEXT,
    lat              REAL,
    lon              REAL,
    precision        TEXT CHECK (precision IN ('uprn', 'postcode_unit', 'district')),
    from_date        TEXT,
    to_date          TEXT,
    protected        INTEGER NOT NULL DEFAULT 0,
    sensitivity      TEXT NOT NULL DEFAULT 'official',
    received_at      TEXT NOT NULL,
    updated_at       TEXT
);
CREATE INDEX address_period_person ON address_period(source_person_id);

CREATE TABLE flag (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES source(id),
    source_person_id INTEGER NOT NULL REFERENCES source_person(id),
    external_id      TEXT,
    kind             TEXT NOT NULL CHECK (kind IN ('vulnerable_adult', 'child_protection_plan',
                         'looked_after', 'risk_to_staff', 'marac', 'protected_address', 'other')),
    detail           TEXT,
    from_date        TEXT,
    to_date          TEXT,
    active           INTEGER NOT NULL DEFAULT 1,
    sensitivity      TEXT NOT NULL DEFAULT 'official',
    received_at      TEXT NOT NULL,
    updated_at       TEXT
);
CREATE INDEX flag_person ON flag(source_person_id);
CREATE INDEX flag_kind ON flag(kind) WHERE active = 1;

CREATE TABLE relationship (
    id                       INTEGER PRIMARY KEY,
    source_id                INTEGER NOT NULL REFERENCES source(id),
    source_person_id         INTEGER NOT NULL REFERENCES source_person(id),
    related_external_id      TEXT NOT NULL,
    related_source_person_id INTEGER REFERENCES source_person(id),
    kind                     TEXT NOT NULL CHECK (kind IN ('parent', 'child', 'sibling',
                                 'twin', 'partner', 'household_member')),
    from_date                TEXT,
    to_date                  TEXT,
    received_at              TEXT NOT NULL,
    updated_at               TEXT
);
CREATE INDEX relationship_person ON relationship(source_person_id);

-- Full-text search over events; external content, so the text is stored once.
CREATE VIRTUAL TABLE event_fts USING fts4(content="event", title, summary, outcome);

-- A located thing (an address period or an event) for map and area queries.
CREATE TABLE place (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('address', 'event')),
    owner_id   INTEGER NOT NULL,
    UNIQUE (owner_kind, owner_id)
);
CREATE VIRTUAL TABLE place_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER REFERENCES source(id),
    received_at TEXT NOT NULL,
    external_id TEXT,
    location    TEXT,            -- where in the input: page, line, record index
    reason      TEXT NOT NULL,
    payload     BLOB NOT NULL,
    resolved_at TEXT
);

-- Append-only and hash-chained (access/auditlog.h); the head is kept in audit_head in the
-- same transaction and mirrored outside the store.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,
    purpose   TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB NOT NULL
);
)sql";

// Version 2, for feed sync: every feed row is addressed by (source, external id) so a page
// can be written twice with no effect; names a source knows besides the main one; where each
// stream of each feed has been read to; the full-text index kept by triggers; rejected input
// identified by its content so a repeated page quarantines nothing twice.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE relationship ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX address_period_external ON address_period(source_id, external_id);
CREATE UNIQUE INDEX flag_external ON flag(source_id, external_id);
CREATE UNIQUE INDEX relationship_external ON relationship(source_id, external_id);
CREATE INDEX event_source_person ON event(source_person_id);
CREATE INDEX relationship_related ON relationship(source_id, related_external_id);
CREATE INDEX quarantine_record ON quarantine(source_id, external_id);

CREATE TABLE source_person_name (
    id               INTEGER PRIMARY KEY,
    source_person_id INTEGER NOT NULL REFERENCES source_person(id),
    use              TEXT NOT NULL CHECK (use IN ('official', 'usual', 'maiden', 'old',
                         'nickname', 'alias')),
    given_name       TEXT,
    middle_names     TEXT,
    family_name      TEXT,
    given_norm       TEXT,
    family_norm      TEXT
);
CREATE INDEX source_person_name_person ON source_person_name(source_person_id);
CREATE INDEX source_person_name_block ON source_person_name(family_norm);

CREATE TABLE sync_stream (
    source_id       INTEGER NOT NULL REFERENCES source(id),
    stream          TEXT NOT NULL,
    next_url        TEXT,          -- a pass is under way: the next page to read
    cursor          TEXT,          -- cursor-paged feeds: the cursor to send next
    since           TEXT,          -- time-paged feeds: high-water mark of completed passes
    pass_high_water TEXT,          -- the latest update read in the pass under way
    pages           INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (source_id, stream)
) WITHOUT ROWID;

ALTER TABLE quarantine ADD COLUMN payload_hash BLOB;
CREATE UNIQUE INDEX quarantine_payload ON quarantine(source_id, payload_hash);

CREATE TRIGGER event_fts_before_update BEFORE UPDATE ON event
BEGIN DELETE FROM event_fts WHERE docid = old.id; END;
CREATE TRIGGER event_fts_before_delete BEFORE DELETE ON event
BEGIN DELETE FROM event_fts WHERE docid = old.id; END;
CREATE TRIGGER event_fts_after_update AFTER UPDATE ON event
BEGIN INSERT INTO event_fts(docid, title, summary, outcome)
      VALUES (new.id, new.title, new.summary, new.outcome); END;
CREATE TRIGGER event_fts_after_insert AFTER INSERT ON event
BEGIN INSERT INTO event_fts(docid, title, summary, outcome)
      VALUES (new.id, new.title, new.summary, new.outcome); END;

-- A located row takes its map entry with it.
CREATE TRIGGER event_place_delete AFTER DELETE ON event
BEGIN
    DELETE FROM place_rtree WHERE id IN
        (SELECT id FROM place WHERE owner_kind = 'event' AND owner_id = old.id);
    DELETE FROM place WHERE owner_kind = 'event' AND owner_id = old.id;
END;
CREATE TRIGGER address_place_delete AFTER DELETE ON address_period
BEGIN
    DELETE FROM place_rtree WHERE id IN
        (SELECT id FROM place WHERE owner_kind = 'address' AND owner_id = old.id);
    DELETE FROM place WHERE owner_kind = 'address' AND owner_id = old.id;
END;
)sql";

// Version 3:
// - The full-text index of events is kept by the code that writes events
//   (store/eventtextindex.h), in the same transaction. The triggers made every event INSERT
//   and UPDATE open a statement journal, which SQLCipher encrypts: four times the cost.
// - Places a source keeps as records of their own (police locations), which its addresses and
//   events name by id: copied into the rows that name them when either is written, so what
//   a store holds does not depend on which page brought which.
// - Linkage's review queue and the parameters of the model links were made with.
constexpr std::string_view kSchemaV3 = R"sql(
DROP TRIGGER event_fts_before_update;
DROP TRIGGER event_fts_before_delete;
DROP TRIGGER event_fts_after_update;
DROP TRIGGER event_fts_after_insert;

CREATE TABLE source_location (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source(id),
    external_id TEXT NOT NULL,
    address     TEXT,
    postcode    TEXT,
    uprn        TEXT,
    lat         REAL,
    lon         REAL,
    precision   TEXT CHECK (precision IN ('uprn', 'postcode_unit', 'district')),
    received_at TEXT NOT NULL,
    updated_at  TEXT,
    UNIQUE (source_id, external_id)
);
ALTER TABLE address_period ADD COLUMN location_ref TEXT;
ALTER TABLE event ADD COLUMN location_ref TEXT;
CREATE INDEX address_period_location ON address_period(source_id, location_ref)
    WHERE location_ref IS NOT NULL;
CREATE INDEX event_location ON event(source_id, location_ref) WHERE location_ref IS NOT NULL;

-- Linkage: pairs a person should decide on (uncertain, or refused because the two records
-- hold different valid NHS numbers), and the model the links were made with.
CREATE TABLE link_review (
    source_person_a INTEGER NOT NULL REFERENCES source_person(id),
    source_person_b INTEGER NOT NULL REFERENCES source_person(id),
    match_weight    REAL NOT NULL,
    probability     REAL NOT NULL,
    reason          TEXT NOT NULL CHECK (reason IN ('uncertain', 'nhs_conflict')),
    found_at        TEXT NOT NULL,
    PRIMARY KEY (source_person_a, source_person_b)
) WITHOUT ROWID;
CREATE TABLE link_parameters (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    parameters   TEXT NOT NULL,  -- JSON: lambda, and m and u per field and level
    estimated_at TEXT NOT NULL,
    estimated_by TEXT NOT NULL
);
)sql";

// v4: linking as records arrive, under a frozen model, with people's decisions.
constexpr std::string_view kSchemaV4 = R"sql(
-- A person whose records have all gone elsewhere is kept, retired, so its id is never given
-- to someone else; merged_into says where most of its records went.
ALTER TABLE person ADD COLUMN record_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN retired_at TEXT;
ALTER TABLE person ADD COLUMN merged_into INTEGER REFERENCES person(id);
UPDATE person SET record_count = (SELECT count(*) FROM person_link WHERE person_id = person.id);
-- The linked fields as they were when the record was last linked: a record whose fields
-- changed since is linked again.
ALTER TABLE person_link ADD COLUMN fields_hash INTEGER;

-- The model's term shares (each normalised name's share of records), frozen with it.
CREATE TABLE link_term_share (
    field TEXT NOT NULL CHECK (field IN ('given_name', 'family_name')),
    term  TEXT NOT NULL,
    share REAL NOT NULL,
    PRIMARY KEY (field, term)
) WITHOUT ROWID;
-- Blocks too large to use at the last link: a block that crosses the limit changes pairs of
-- records that did not change themselves.
CREATE TABLE link_oversized_block (block_key INTEGER PRIMARY KEY);
-- Relinking a record replaces the review pairs it is either side of.
CREATE INDEX link_review_b ON link_review(source_person_b);

-- People's decisions about who is whom, kept for good: undoing one marks it revoked.
CREATE TABLE link_decision (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    action        TEXT NOT NULL CHECK (action IN ('merge', 'split', 'apart')),
    decided_by    TEXT NOT NULL,
    decided_at    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    revoked_by    TEXT,
    revoked_at    TEXT,
    revoke_reason TEXT
);
-- What a decision means for the linker, record pair by record pair.
CREATE TABLE link_constraint (
    decision_id     INTEGER NOT NULL REFERENCES link_decision(id),
    source_person_a INTEGER NOT NULL REFERENCES source_person(id),
    source_person_b INTEGER NOT NULL REFERENCES source_person(id),
    kind            TEXT NOT NULL CHECK (kind IN ('together', 'apart')),
    PRIMARY KEY (decision_id, source_person_a, source_person_b)
) WITHOUT ROWID;
CREATE INDEX link_constraint_a ON link_constraint(source_person_a);
CREATE INDEX link_constraint_b ON link_constraint(source_person_b);
)sql";

// v5: comparison levels changed (names exchanged counted once, one-slip levels, dates of birth
// ruled out by relationships), so a frozen model no longer fits: it is dropped, and the next
// link estimates a new one (audited, as any estimation) and relinks everything. The review
// queue gains the reason 'ambiguous': a record linking about as strongly to two persons who
// cannot be one.
constexpr std::string_view kSchemaV5 = R"sql(
DELETE FROM link_parameters;
DELETE FROM link_term_share;
CREATE TABLE link_review_v5 (
    source_person_a INTEGER NOT NULL REFERENCES source_person(id),
    source_person_b INTEGER NOT NULL REFERENCES source_person(id),
    match_weight    REAL NOT NULL,
    probability     REAL NOT NULL,
    reason          TEXT NOT NULL CHECK (reason IN ('uncertain', 'nhs_conflict', 'ambiguous')),
    found_at        TEXT NOT NULL,
    PRIMARY KEY (source_person_a, source_person_b)
) WITHOUT ROWID;
INSERT INTO link_review_v5 SELECT * FROM link_review;
DROP TABLE link_review;
ALTER TABLE link_review_v5 RENAME TO link_review;
CREATE INDEX link_review_b ON link_review(source_person_b);
)sql";

// v6: person search. One row per source record (docid = source_person.id): its names, and
// keys for their sounds, a valid NHS number, the date of birth and the postcode (see
// search::PersonSearchIndex, which fills it: the sounds need C++). Prefixes of two and three
// letters are indexed, so typing "sm" or "smi" is one index probe. The rows are made once
// for a store made before (store_meta person_search_built), then kept by every write.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE VIRTUAL TABLE person_search USING fts4(names, keys, prefix="2,3");
INSERT INTO store_meta(key, value)
    SELECT 'person_search_built', '1' WHERE NOT EXISTS (SELECT 1 FROM source_person);
)sql";

// v7: the area query's index of flagged people's places (geo::AreaQuery). Asked which people
// with a flag live in an area, the query would otherwise join every address near it back to
// its person before the flags thin them out (190,000 rows round Norwich in a million). One row
// per person, mark and placed address: the marks are the kinds of the active flags of any of
// the person's records, and 'protected_address' also for a person with an address row marked
// protected, so the query can tell who must be weighed at a coarse cell. Rows are kept in
// longitude order within a mark, so an area's strip is one range. It is a superset, never
// the answer: the query reads the records of the people it finds again and decides on them.
// The people whose rows must be made again (flagged_place_stale) are found three ways, none of
// them a trigger on INSERT: a trigger makes SQLite keep a statement journal for every insert,
// which SQLCipher encrypts (8 times the cost of writing an address, measured; see v3):
// - new address and flag rows: their ids above the highest the index has taken in
//   (flagged_place_seen); a delete that lowers the table's highest id lowers the mark too, so
//   an id given again is not missed;
// - links: StoreLinker notes the people it moves records between;
// - updates and deletes (which keep a statement journal anyway): triggers.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE flagged_place (
    mark       TEXT NOT NULL,
    lon        REAL NOT NULL,
    lat        REAL NOT NULL,
    address_id INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    precision  TEXT,
    PRIMARY KEY (mark, lon, address_id)
) WITHOUT ROWID;
CREATE INDEX flagged_place_person ON flagged_place(person_id);
CREATE TABLE flagged_place_stale (person_id INTEGER PRIMARY KEY);
CREATE TABLE flagged_place_seen (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    address_id INTEGER NOT NULL,
    flag_id    INTEGER NOT NULL
);

CREATE TRIGGER flagged_place_flag_update AFTER UPDATE OF source_person_id, kind, active ON flag
WHEN old.source_person_id IS NOT new.source_person_id OR old.kind IS NOT new.kind
    OR old.active IS NOT new.active
BEGIN
    INSERT OR IGNORE INTO flagged_place_stale(person_id)
        SELECT person_id FROM person_link
        WHERE source_person_id IN (old.source_person_id, new.source_person_id);
END;
CREATE TRIGGER flagged_place_flag_delete AFTER DELETE ON flag
BEGIN
    INSERT OR IGNORE INTO flagged_place_stale(person_id)
        SELECT person_id FROM person_link
        WHERE source_person_id = old.source_person_id AND old.active = 1;
    UPDATE flagged_place_seen SET flag_id = (SELECT coalesce(max(id), 0) FROM flag)
        WHERE flag_id > (SELECT coalesce(max(id), 0) FROM flag);
END;

CREATE TRIGGER flagged_place_address_update
AFTER UPDATE OF source_person_id, lat, lon, precision, protected ON address_period
WHEN old.source_person_id IS NOT new.source_person_id OR old.lat IS NOT new.lat
    OR old.lon IS NOT new.lon OR old.precision IS NOT new.precision
    OR old.protected IS NOT new.protected
BEGIN
    INSERT OR IGNORE INTO flagged_place_stale(person_id)
        SELECT person_id FROM person_link
        WHERE source_person_id IN (old.source_person_id, new.source_person_id);
END;
CREATE TRIGGER flagged_place_address_delete AFTER DELETE ON address_period
BEGIN
    INSERT OR IGNORE INTO flagged_place_stale(person_id)
        SELECT person_id FROM person_link
        WHERE source_person_id = old.source_person_id
          AND ((old.lat IS NOT NULL AND old.lon IS NOT NULL) OR old.protected <> 0);
    UPDATE flagged_place_seen SET address_id = (SELECT coalesce(max(id), 0) FROM address_period)
        WHERE address_id > (SELECT coalesce(max(id), 0) FROM address_period);
END;

CREATE TRIGGER flagged_place_link_update AFTER UPDATE OF source_person_id, person_id ON person_link
WHEN old.source_person_id IS NOT new.source_person_id OR old.person_id IS NOT new.person_id
BEGIN
    INSERT OR IGNORE INTO flagged_place_stale(person_id) VALUES (old.person_id);
    INSERT OR IGNORE INTO flagged_place_stale(person_id) VALUES (new.person_id);
END;

INSERT OR REPLACE INTO flagged_place(mark, lon, lat, address_id, person_id, precision)
WITH marks(person_id, mark) AS (
    SELECT pl.person_id, f.kind FROM flag f
        JOIN person_link pl ON pl.source_person_id = f.source_person_id WHERE f.active = 1
    UNION
    SELECT pl.person_id, 'protected_address' FROM address_period a
        JOIN person_link pl ON pl.source_person_id = a.source_person_id WHERE a.protected <> 0)
SELECT m.mark, a.lon, a.lat, a.id, m.person_id, a.precision FROM marks m
    CROSS JOIN person_link pl ON pl.person_id = m.person_id
    CROSS JOIN address_period a ON a.source_person_id = pl.source_person_id
    WHERE a.lat IS NOT NULL AND a.lon IS NOT NULL;
INSERT INTO flagged_place_seen(id, address_id, flag_id) VALUES
    (1, (SELECT coalesce(max(id), 0) FROM address_period), (SELECT coalesce(max(id), 0) FROM flag));
)sql";

// v8: the area query finds a protected person's family by relationships recorded on the
// relative's records too (geo::ProtectedNeighbourhood), for every query near a protected
// person: by the related record, not a scan of every relationship.
constexpr std::string_view kSchemaV8 = R"sql(
CREATE INDEX IF NOT EXISTS relationship_related_person ON relationship(related_source_person_id);
)sql";

constexpr std::array kMigrations{
    Migration{1, kSchemaV1}, Migration{2, kSchemaV2}, Migration{3, kSchemaV3},
    Migration{4, kSchemaV4}, Migration{5, kSchemaV5}, Migration{6, kSchemaV6},
    Migration{7, kSchemaV7}, Migration{8, kSchemaV8},
};

} // namespace

int Schema::latestVersion()
{
    return kMigrations.back().version;
}

std::span<const Migration> Schema::migrations()
{
    return kMigrations;
}

Result<int> Schema::currentVersion(Database &db)
{
    auto exists = db.queryInt(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    BV_TRY(exists);
    if (exists.value() == 0)
        return 0;
    auto version = db.queryInt("SELECT coalesce(max(version), 0) FROM schema_version");
    BV_TRY(version);
    return static_cast<int>(version.value());
}

Result<int> Schema::migrate(Database &db)
{
    return migrate(db, kMigrations);
}

Result<int> Schema::migrate(Database &db, std::span<const Migration> steps)
{
    BV_TRY(db.exec("CREATE TABLE IF NOT EXISTS schema_version ("
                   "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    auto current = currentVersion(db);
    BV_TRY(current);
    const int known = steps.empty() ? 0 : steps.back().version;
    if (current.value() > known) {
        return makeError(ErrorCode::SchemaTooNew,
                         QObject::tr("The store has schema version %1, but this Broadview knows "
                                     "only up to version %2. Use a newer Broadview; the store "
                                     "was left unchanged.")
                             .arg(current.value())
                             .arg(known));
    }
    int version = current.value();
    for (const Migration &step : steps) {
        if (step.version <= version)
            continue;
        auto tx = Transaction::begin(db);
        BV_TRY(tx);
        BV_TRY(db.exec(step.sql));
        auto record = db.prepare("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)");
        BV_TRY(record);
        record->bind(1, step.version)
            .bind(2, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        BV_TRY(record->run());
        BV_TRY(tx->commit());
        version = step.version;
    }
    return version;
}

} // namespace bv::store
