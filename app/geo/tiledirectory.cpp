// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/tiledirectory.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::TileDirectorySource", text);
}

const QStringList &tileExtensions()
{
    static const QStringList extensions = {QStringLiteral("png"), QStringLiteral("jpg"),
                                           QStringLiteral("jpeg"), QStringLiteral("webp")};
    return extensions;
}

// The extension of the first tile found under a zoom folder, or empty.
QString firstTileExtension(const QDir &zoomDir)
{
    for (const QString &column : zoomDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir columnDir(zoomDir.filePath(column));
        for (const QString &file : columnDir.entryList(QDir::Files)) {
            const QString suffix = QFileInfo(file).suffix().toLower();
            if (tileExtensions().contains(suffix))
                return QFileInfo(file).suffix();
        }
    }
    return {};
}

} // namespace

TileDirectorySource::TileDirectorySource(QDir root, QString extension, bool tmsRows,
                                         TileSourceInfo info)
    : m_root(std::move(root))
    , m_extension(std::move(extension))
    , m_tmsRows(tmsRows)
    , m_info(std::move(info))
{}

Result<std::unique_ptr<TileDirectorySource>> TileDirectorySource::open(const QString &path)
{
    const QDir root(path);
    if (!root.exists())
        return makeError(ErrorCode::Io, tr("No tile folder at %1.").arg(path));

    std::vector<int> zooms;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isNumber = false;
        const int zoom = entry.toInt(&isNumber);
        if (isNumber && zoom >= 0 && zoom <= 24)
            zooms.push_back(zoom);
    }
    std::sort(zooms.begin(), zooms.end());
    QString extension;
    for (int zoom : zooms) {
        extension = firstTileExtension(QDir(root.filePath(QString::number(zoom))));
        if (!extension.isEmpty())
            break;
    }
    if (extension.isEmpty()) {
        return makeError(ErrorCode::Io,
                         tr("%1 holds no tiles: Broadview reads {z}/{x}/{y}.png (or .jpg, "
                            ".webp) under the folder.")
                             .arg(path));
    }

    TileSourceInfo info;
    info.name = root.dirName();
    info.format = extension.toLower() == QLatin1String("jpeg") ? QStringLiteral("jpg")
                                                               : extension.toLower();
    info.minZoom = zooms.front();
    info.maxZoom = zooms.back();
    QFile metadata(root.filePath(QStringLiteral("metadata.json")));
    if (metadata.open(QIODevice::ReadOnly)) {
        const QJsonObject object = QJsonDocument::fromJson(metadata.readAll()).object();
        info.name = object.value(QStringLiteral("name")).toString(info.name);
        info.attribution = object.value(QStringLiteral("attribution")).toString();
    }
    const bool tmsRows = root.exists(QStringLiteral("tilemapresource.xml"));
    return std::unique_ptr<TileDirectorySource>(
        new TileDirectorySource(root, extension, tmsRows, std::move(info)));
}

Result<std::optional<QByteArray>> TileDirectorySource::read(const webmercator::TileId &tile)
{
    if (tile.zoom < m_info.minZoom || tile.zoom > m_info.maxZoom)
        return std::optional<QByteArray>();
    const int row = m_tmsRows ? webmercator::tmsRow(tile) : tile.y;
    QFile file(m_root.filePath(
        QStringLiteral("%1/%2/%3.%4").arg(tile.zoom).arg(tile.x).arg(row).arg(m_extension)));
    if (!file.exists())
        return std::optional<QByteArray>();
    if (!file.open(QIODevice::ReadOnly)) {
        // No tile position in the message: it says where the user looked, and may be logged.
        return makeError(
            ErrorCode::Io,
            tr("A tile under %1 cannot be read: %2").arg(m_root.path(), file.errorString()));
    }
    return std::optional<QByteArray>(file.readAll());
}

} // namespace bv::geo
