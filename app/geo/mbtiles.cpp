// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/mbtiles.h"

#include "store/database.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::MbTilesSource", text);
}

// A full check reads every page; past this size the first tile's read stands in for it, so a
// county's file opens at once and a damaged page later fails its own tile, not the map.
constexpr qint64 kFullCheckBytes = 64 * 1024 * 1024;

Error refused(const QString &path, const QString &why)
{
    return {ErrorCode::Io, tr("%1 is not a usable MBTiles file: %2").arg(path, why)};
}

} // namespace

QString imageFormatOf(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("png");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QStringLiteral("jpg");
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QStringLiteral("webp");
    return {};
}

MbTilesSource::MbTilesSource(std::unique_ptr<store::Database> db, TileSourceInfo info, QString path)
    : m_db(std::move(db))
    , m_info(std::move(info))
    , m_path(std::move(path))
{}

MbTilesSource::~MbTilesSource() = default;

Result<std::unique_ptr<MbTilesSource>> MbTilesSource::open(const QString &path)
{
    const QFileInfo file(path);
    if (!file.isFile())
        return makeError(ErrorCode::Io, tr("No MBTiles file at %1.").arg(path));
    if (file.size() == 0)
        return refused(path, tr("the file is empty."));

    store::Database::OpenOptions options;
    options.readOnly = true;
    options.pragmas.cacheKiB = 8 * 1024;
    auto opened = store::Database::open(path, options);
    if (!opened.ok())
        return refused(path, tr("it is not an SQLite database, or its first page is damaged (%1).")
                                 .arg(opened.error().message));
    std::unique_ptr<store::Database> db = std::move(opened).value();

    if (file.size() <= kFullCheckBytes) {
        auto check = db->queryText("PRAGMA quick_check(1)");
        if (!check.ok() || check.value() != QLatin1String("ok"))
            return refused(path, tr("it is damaged (SQLite's check failed)."));
    }
    auto tables = db->queryInt("SELECT count(*) FROM sqlite_master WHERE type IN ('table', "
                               "'view') AND name IN ('metadata', 'tiles')");
    if (!tables.ok())
        return refused(path, tr("its schema cannot be read."));
    if (tables.value() != 2)
        return refused(path, tr("it has no \"metadata\" and \"tiles\" tables."));

    QHash<QString, QString> metadata;
    auto rows = db->prepare("SELECT name, value FROM metadata");
    if (!rows.ok())
        return refused(path, tr("its metadata table cannot be read."));
    for (;;) {
        auto step = rows->step();
        if (!step.ok())
            return refused(path, tr("its metadata table is damaged."));
        if (!step.value())
            break;
        metadata.insert(rows->text(0).trimmed().toLower(), rows->text(1).trimmed());
    }

    TileSourceInfo info;
    info.name = metadata.value(QStringLiteral("name"), file.completeBaseName());
    info.attribution = metadata.value(QStringLiteral("attribution"));
    info.format = metadata.value(QStringLiteral("format")).toLower();
    if (info.format == QLatin1String("jpeg"))
        info.format = QStringLiteral("jpg");
    if (info.format == QLatin1String("pbf"))
        return refused(path, tr("it holds vector tiles (pbf); Broadview draws raster tiles "
                                "(png, jpg, webp)."));

    // The first tile stands for the rest: it must read, and be an image.
    auto first = db->prepare("SELECT zoom_level, tile_data FROM tiles LIMIT 1");
    if (!first.ok())
        return refused(path, tr("its tiles table lacks the MBTiles columns."));
    auto firstStep = first->step();
    if (!firstStep.ok())
        return refused(path, tr("its tiles cannot be read (the file is damaged)."));
    if (!firstStep.value())
        return refused(path, tr("it holds no tiles."));
    const QString firstFormat = imageFormatOf(first->blob(1));
    if (firstFormat.isEmpty())
        return refused(path, tr("its tiles are not PNG, JPEG or WebP images."));
    if (info.format.isEmpty())
        info.format = firstFormat;

    bool minOk = false;
    bool maxOk = false;
    info.minZoom = metadata.value(QStringLiteral("minzoom")).toInt(&minOk);
    info.maxZoom = metadata.value(QStringLiteral("maxzoom")).toInt(&maxOk);
    if (!minOk || !maxOk) {
        auto range = db->prepare("SELECT min(zoom_level), max(zoom_level) FROM tiles");
        if (!range.ok())
            return refused(path, tr("its zoom levels cannot be read."));
        auto step = range->step();
        if (!step.ok() || !step.value())
            return refused(path, tr("its zoom levels cannot be read."));
        info.minZoom = int(range->int64(0));
        info.maxZoom = int(range->int64(1));
    }
    if (info.minZoom < 0 || info.maxZoom > 24 || info.minZoom > info.maxZoom)
        return refused(
            path, tr("its zoom range %1 to %2 is impossible.").arg(info.minZoom).arg(info.maxZoom));
    // "left,bottom,right,top" in degrees.
    const QStringList bounds = metadata.value(QStringLiteral("bounds")).split(QLatin1Char(','));
    if (bounds.size() == 4) {
        bool ok[4] = {};
        const double west = bounds[0].toDouble(&ok[0]);
        const double south = bounds[1].toDouble(&ok[1]);
        const double east = bounds[2].toDouble(&ok[2]);
        const double north = bounds[3].toDouble(&ok[3]);
        if (ok[0] && ok[1] && ok[2] && ok[3] && west < east && south < north)
            info.bounds = QRectF(west, south, east - west, north - south);
    }

    std::unique_ptr<MbTilesSource> source(new MbTilesSource(std::move(db), info, path));
    auto select = source->m_db->prepare(
        "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 "
        "AND tile_row = ?3");
    if (!select.ok())
        return refused(path, tr("its tiles table lacks the MBTiles columns."));
    source->m_select = std::make_unique<store::Statement>(std::move(select).value());
    return source;
}

Result<std::optional<QByteArray>> MbTilesSource::read(const webmercator::TileId &tile)
{
    if (tile.zoom < m_info.minZoom || tile.zoom > m_info.maxZoom)
        return std::optional<QByteArray>();
    m_select->reset();
    m_select->bind(1, tile.zoom).bind(2, tile.x).bind(3, webmercator::tmsRow(tile));
    auto step = m_select->step();
    if (!step.ok()) {
        // No tile position in the message: it says where the user looked, and may be logged.
        return makeError(step.error().code,
                         tr("A tile of %1 cannot be read: %2").arg(m_path, step.error().message));
    }
    if (!step.value())
        return std::optional<QByteArray>();
    QByteArray bytes = m_select->blob(0);
    m_select->reset();
    return std::optional<QByteArray>(std::move(bytes));
}

} // namespace bv::geo
