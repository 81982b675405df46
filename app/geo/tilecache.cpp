// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/tilecache.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QCoreApplication>
#include <QDateTime>

#include <sodium.h>
#include <tuple>
#include <vector>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::TileCache", text);
}

// The cache's own key: a keyed BLAKE2b of a fixed label under the store key, so the store's
// key is never reused as is and a cache file cannot be decrypted into the store.
Result<SecretBytes> cacheKey(const SecretBytes &storeKey)
{
    static constexpr char kLabel[] = "broadview tile cache key v1";
    if (storeKey.size() < crypto_generichash_KEYBYTES_MIN)
        return makeError(ErrorCode::Crypto, tr("The store key is too short for the tile cache."));
    SecretBytes key(32);
    if (crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char *>(kLabel),
                           sizeof kLabel - 1, storeKey.data(), storeKey.size())
        != 0)
        return makeError(ErrorCode::Crypto, tr("The tile cache key cannot be derived."));
    return key;
}

} // namespace

QString TileCache::pathForStore(const QString &storePath)
{
    return storePath + QStringLiteral(".tiles");
}

TileCache::TileCache(std::unique_ptr<store::Database> db)
    : m_db(std::move(db))
{}

TileCache::~TileCache() = default;

Result<std::unique_ptr<TileCache>> TileCache::open(const QString &path, const SecretBytes &storeKey)
{
    auto key = cacheKey(storeKey);
    BV_TRY(key);
    const SecretBytes spec = store::StoreFiles::keySpec(key.value());
    store::Database::OpenOptions options;
    options.create = true;
    options.keySpec = &spec;
    options.pragmas.cacheKiB = 4 * 1024;
    // A tile lost in a power cut is fetched again; a cache must not cost an fsync a tile.
    options.pragmas.synchronousNormal = true;
    auto db = store::Database::open(path, options);
    if (!db.ok()) {
        return makeError(
            db.error().code == ErrorCode::StoreDamaged ? ErrorCode::StoreDamaged : db.error().code,
            tr("The tile cache %1 cannot be opened: %2").arg(path, db.error().message));
    }
    std::unique_ptr<TileCache> cache(new TileCache(std::move(db).value()));
    BV_TRY(cache->m_db->exec("CREATE TABLE IF NOT EXISTS tile ("
                             " source TEXT NOT NULL, zoom INTEGER NOT NULL, x INTEGER NOT NULL,"
                             " y INTEGER NOT NULL, data BLOB NOT NULL, fetched_at TEXT NOT NULL,"
                             " saved INTEGER NOT NULL DEFAULT 0,"
                             " PRIMARY KEY (source, zoom, x, y)) WITHOUT ROWID"));
    // A cache made before tiles could be saved gains the column (all its tiles the screen's).
    // (PRAGMA table_info as a statement: SQLite 3.15 has no pragma table functions.)
    bool hasSaved = false;
    auto columns = cache->m_db->prepare("PRAGMA table_info(tile)");
    BV_TRY(columns);
    for (;;) {
        auto step = columns->step();
        BV_TRY(step);
        if (!step.value())
            break;
        hasSaved = hasSaved || columns->text(1) == QLatin1String("saved");
    }
    if (!hasSaved)
        BV_TRY(cache->m_db->exec("ALTER TABLE tile ADD COLUMN saved INTEGER NOT NULL DEFAULT 0"));
    // The trim reads ages and sizes from here, never the tiles' pages.
    BV_TRY(cache->m_db->exec("CREATE INDEX IF NOT EXISTS tile_age ON tile(saved, fetched_at)"));
    BV_TRY(cache->prepareStatements());
    // What the screen fetched is a cache; what the user saved is not. Kept to a size at open,
    // trimmed to nine tenths so that it is not trimmed again at every open.
    auto total
        = cache->m_db->queryInt("SELECT coalesce(sum(length(data)), 0) FROM tile WHERE saved = 0");
    BV_TRY(total);
    if (total.value() > kScreenTileBytes)
        BV_TRY(cache->trim(kScreenTileBytes / 10 * 9));
    return cache;
}

Result<void> TileCache::prepareStatements()
{
    auto read = m_db->prepare(
        "SELECT data FROM tile WHERE source = ?1 AND zoom = ?2 AND x = ?3 AND y = ?4");
    BV_TRY(read);
    m_read = std::make_unique<store::Statement>(std::move(read).value());
    auto contains
        = m_db->prepare("SELECT 1 FROM tile WHERE source = ?1 AND zoom = ?2 AND x = ?3 AND y = ?4");
    BV_TRY(contains);
    m_contains = std::make_unique<store::Statement>(std::move(contains).value());
    auto write
        = m_db->prepare("INSERT OR REPLACE INTO tile(source, zoom, x, y, data, fetched_at, saved) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, max(?7, coalesce((SELECT saved FROM "
                        "tile WHERE source = ?1 AND zoom = ?2 AND x = ?3 AND y = ?4), 0)))");
    BV_TRY(write);
    m_write = std::make_unique<store::Statement>(std::move(write).value());
    auto markSaved = m_db->prepare("UPDATE tile SET saved = 1 WHERE source = ?1 AND zoom = ?2 "
                                   "AND x BETWEEN ?3 AND ?4 AND y BETWEEN ?5 AND ?6");
    BV_TRY(markSaved);
    m_markSaved = std::make_unique<store::Statement>(std::move(markSaved).value());
    return {};
}

Result<std::optional<QByteArray>> TileCache::read(const QString &source,
                                                  const webmercator::TileId &tile)
{
    m_read->reset();
    m_read->bind(1, source).bind(2, tile.zoom).bind(3, tile.x).bind(4, tile.y);
    auto step = m_read->step();
    BV_TRY(step);
    if (!step.value())
        return std::optional<QByteArray>();
    QByteArray bytes = m_read->blob(0);
    m_read->reset();
    return std::optional<QByteArray>(std::move(bytes));
}

Result<bool> TileCache::contains(const QString &source, const webmercator::TileId &tile)
{
    m_contains->reset();
    m_contains->bind(1, source).bind(2, tile.zoom).bind(3, tile.x).bind(4, tile.y);
    auto step = m_contains->step();
    BV_TRY(step);
    const bool found = step.value();
    m_contains->reset();
    return found;
}

Result<qint64> TileCache::countIn(const QString &source, const webmercator::TileRange &range)
{
    auto count = m_db->prepare("SELECT count(*) FROM tile WHERE source = ?1 AND zoom = ?2 "
                               "AND x BETWEEN ?3 AND ?4 AND y BETWEEN ?5 AND ?6");
    BV_TRY(count);
    count->bind(1, source)
        .bind(2, range.zoom)
        .bind(3, range.minX)
        .bind(4, range.maxX)
        .bind(5, range.minY)
        .bind(6, range.maxY);
    auto step = count->step();
    BV_TRY(step);
    return count->int64(0);
}

Result<void> TileCache::markSaved(const QString &source, const webmercator::TileRange &range)
{
    return m_markSaved->bind(1, source)
        .bind(2, range.zoom)
        .bind(3, range.minX)
        .bind(4, range.maxX)
        .bind(5, range.minY)
        .bind(6, range.maxY)
        .run();
}

Result<qint64> TileCache::trim(qint64 maxBytes)
{
    auto total = m_db->queryInt("SELECT coalesce(sum(length(data)), 0) FROM tile WHERE saved = 0");
    BV_TRY(total);
    if (total.value() <= maxBytes)
        return qint64(0);
    // Oldest first, until what is left fits.
    auto oldest = m_db->prepare("SELECT source, zoom, x, y, length(data) FROM tile "
                                "WHERE saved = 0 ORDER BY fetched_at");
    BV_TRY(oldest);
    auto remove
        = m_db->prepare("DELETE FROM tile WHERE source = ?1 AND zoom = ?2 AND x = ?3 AND y = ?4");
    BV_TRY(remove);
    std::vector<std::tuple<QString, int, int, int>> doomed;
    qint64 excess = total.value() - maxBytes;
    for (;;) {
        if (excess <= 0)
            break;
        auto step = oldest->step();
        BV_TRY(step);
        if (!step.value())
            break;
        doomed.emplace_back(oldest->text(0), int(oldest->int64(1)), int(oldest->int64(2)),
                            int(oldest->int64(3)));
        excess -= oldest->int64(4);
    }
    oldest->reset();
    auto tx = store::Transaction::begin(*m_db);
    BV_TRY(tx);
    for (const auto &[source, zoom, x, y] : doomed)
        BV_TRY(remove->bind(1, source).bind(2, zoom).bind(3, x).bind(4, y).run());
    BV_TRY(tx->commit());
    return qint64(doomed.size());
}

Result<void> TileCache::write(const QString &source, const webmercator::TileId &tile,
                              const QByteArray &bytes, bool saved)
{
    m_write->bind(1, source)
        .bind(2, tile.zoom)
        .bind(3, tile.x)
        .bind(4, tile.y)
        .bindBlob(5, bytes)
        .bind(6, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
        .bind(7, saved ? 1 : 0);
    return m_write->run();
}

Result<TileCache::Usage> TileCache::usage(const QString &source)
{
    auto totals = m_db->prepare("SELECT count(*), coalesce(sum(length(data)), 0) FROM tile "
                                "WHERE source = ?1");
    BV_TRY(totals);
    totals->bind(1, source);
    auto step = totals->step();
    BV_TRY(step);
    return Usage{totals->int64(0), totals->int64(1)};
}

Result<void> TileCache::clear(const QString &source)
{
    auto remove = m_db->prepare("DELETE FROM tile WHERE source = ?1");
    BV_TRY(remove);
    return remove->bind(1, source).run();
}

} // namespace bv::geo
