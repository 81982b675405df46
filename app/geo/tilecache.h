// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"
#include "geo/webmercator.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace bv::store {
class Database;
class Statement;
} // namespace bv::store

namespace bv::geo {

// Tiles fetched from a tile server, kept for offline use in their own SQLCipher file beside
// the store (`<store>.tiles`). Which tiles were fetched shows which streets were looked at,
// so the file is encrypted with a key derived from the store's: it opens only with the store
// unlocked, and is useless to whoever finds the laptop. Tiles are kept per source (a hash of
// the URL template), so changing server never mixes two maps.
class TileCache
{
public:
    static QString pathForStore(const QString &storePath);
    // Creates the file when missing. A file that does not decrypt (another store's, or
    // damaged) is refused with StoreDamaged and left as it is.
    [[nodiscard]] static Result<std::unique_ptr<TileCache>> open(const QString &path,
                                                                 const SecretBytes &storeKey);
    ~TileCache();
    TileCache(const TileCache &) = delete;
    TileCache &operator=(const TileCache &) = delete;

    [[nodiscard]] Result<std::optional<QByteArray>> read(const QString &source,
                                                         const webmercator::TileId &tile);
    [[nodiscard]] Result<bool> contains(const QString &source, const webmercator::TileId &tile);
    // How many tiles of a range are cached.
    [[nodiscard]] Result<qint64> countIn(const QString &source,
                                         const webmercator::TileRange &range);
    // A tile saved for offline use (`saved`) is kept until the user clears the cache; one
    // fetched for the screen may be dropped when the cache grows past kScreenTileBytes.
    [[nodiscard]] Result<void> write(const QString &source, const webmercator::TileId &tile,
                                     const QByteArray &bytes, bool saved = false);
    // The tiles of a range already cached become saved (one statement a range).
    [[nodiscard]] Result<void> markSaved(const QString &source,
                                         const webmercator::TileRange &range);
    // Drops the oldest tiles fetched for the screen beyond `maxBytes` of them; returns how
    // many. Saved tiles are never dropped.
    [[nodiscard]] Result<qint64> trim(qint64 maxBytes);
    static constexpr qint64 kScreenTileBytes = 256LL << 20;

    struct Usage
    {
        qint64 tiles = 0;
        qint64 bytes = 0;
        double meanTileBytes(double fallback) const
        {
            return tiles > 0 ? double(bytes) / double(tiles) : fallback;
        }
    };
    [[nodiscard]] Result<Usage> usage(const QString &source);
    [[nodiscard]] Result<void> clear(const QString &source);

private:
    explicit TileCache(std::unique_ptr<store::Database> db);
    [[nodiscard]] Result<void> prepareStatements();

    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::Statement> m_read;
    std::unique_ptr<store::Statement> m_contains;
    std::unique_ptr<store::Statement> m_write;
    std::unique_ptr<store::Statement> m_markSaved;
};

} // namespace bv::geo
