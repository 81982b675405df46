// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/tilesource.h"

#include <memory>

namespace bv::store {
class Database;
class Statement;
} // namespace bv::store

namespace bv::geo {

// Raster tiles from an MBTiles file (the MBTiles 1.3 layout that GDAL, TileMill, QGIS and
// mb-util write): a `metadata` table of name/value pairs and a `tiles` table or view keyed by
// zoom, column and a row counted from the south (TMS order). Opened read-only: the user's file
// is never written, not even a journal.
class MbTilesSource final : public TileSource
{
public:
    // Refuses, with a message naming the file and what is wrong, a file that is not SQLite,
    // is damaged, lacks either table or holds vector tiles (pbf).
    [[nodiscard]] static Result<std::unique_ptr<MbTilesSource>> open(const QString &path);
    ~MbTilesSource() override;

    const TileSourceInfo &info() const override { return m_info; }
    [[nodiscard]] Result<std::optional<QByteArray>> read(const webmercator::TileId &tile) override;

private:
    MbTilesSource(std::unique_ptr<store::Database> db, TileSourceInfo info, QString path);

    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::Statement> m_select;
    TileSourceInfo m_info;
    QString m_path;
};

} // namespace bv::geo
