// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/tilesource.h"

#include <QDir>

#include <memory>

namespace bv::geo {

// Raster tiles as files, `{z}/{x}/{y}.png` (or .jpg, .jpeg, .webp) under a folder, as mb-util
// and gdal2tiles write them. Rows count from the north, unless the folder carries
// gdal2tiles' tilemapresource.xml, whose rows count from the south (TMS). A metadata.json
// beside the zoom folders (mb-util) gives the name, attribution and zoom range.
class TileDirectorySource final : public TileSource
{
public:
    // Refuses a folder that does not exist or holds no zoom folder with tiles.
    [[nodiscard]] static Result<std::unique_ptr<TileDirectorySource>> open(const QString &path);

    const TileSourceInfo &info() const override { return m_info; }
    [[nodiscard]] Result<std::optional<QByteArray>> read(const webmercator::TileId &tile) override;

private:
    TileDirectorySource(QDir root, QString extension, bool tmsRows, TileSourceInfo info);

    QDir m_root;
    QString m_extension;
    bool m_tmsRows = false;
    TileSourceInfo m_info;
};

} // namespace bv::geo
