// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "common/result.h"
#include "common/secretbytes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bv::store {

class Database;

struct TableCount
{
    QString table;
    qint64 rows = 0;
};

struct SourceCount
{
    QString code;
    QString agency;
    qint64 persons = 0;
    qint64 events = 0;
    qint64 flags = 0;
    qint64 addresses = 0;
    qint64 relationships = 0;
    qint64 quarantined = 0;
    QString lastSyncAt; // UTC, empty before the first complete pass
    QString lastError;  // why the last sync of the feed stopped, if it did
};

// Aggregates only: counts and a hash, never a record's content.
struct StoreSummary
{
    int schemaVersion = 0;
    QString createdAt; // UTC, ISO 8601
    QList<TableCount> tables;
    qint64 retiredPersons = 0; // person rows kept only so their ids are never reused
    QList<SourceCount> sources;
    // BLAKE2b-256 over the feed-derived rows, independent of row order, row ids and sync
    // timing (received_at, cursors, endpoints): two syncs of the same feed data agree.
    QByteArray contentHash;
};

struct IntegrityReport
{
    qint64 pageSize = 0;
    qint64 pagesRead = 0;
    QStringList problems; // empty when intact
};

class StoreInspector
{
public:
    // withContentHash false: the counts only, without reading every row (the app's overview).
    [[nodiscard]] static Result<StoreSummary>
    summarize(Database &db, const access::AccessContext &context, bool withContentHash = true);
    [[nodiscard]] static Result<QByteArray> contentHash(Database &db);
    // Each source's counts and sync state, without the content hash: cheap enough to show
    // after every sync.
    [[nodiscard]] static Result<QList<SourceCount>> sources(Database &db);
    // Decrypts and authenticates every page (SQLCipher 3.4.1 has no cipher_integrity_check:
    // a damaged page is found only when read), then runs integrity_check and
    // foreign_key_check. Pages are read by copying them into a throwaway encrypted file
    // beside the store, so no plaintext reaches the disk. Then the full-text index's entries are
    // compared with the events.
    [[nodiscard]] static Result<IntegrityReport> checkIntegrity(Database &db);
};

} // namespace bv::store
