// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/basemap.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QFile>
#include <QIODevice>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::BaseMap", text);
}

// Reads little-endian values, failing once, for good, at the first read past the end.
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_in(bytes)
        , m_size(bytes.size())
    {
        m_in.setByteOrder(QDataStream::LittleEndian);
    }

    bool ok() const { return m_in.status() == QDataStream::Ok; }
    bool atEnd() const { return m_in.atEnd(); }

    template<typename T>
    T number()
    {
        T value{};
        m_in >> value;
        return ok() ? value : T{};
    }

    QString text()
    {
        const auto length = number<quint16>();
        QByteArray utf8(length, Qt::Uninitialized);
        if (!ok() || m_in.readRawData(utf8.data(), length) != length) {
            m_in.setStatus(QDataStream::ReadPastEnd);
            return {};
        }
        return QString::fromUtf8(utf8);
    }

    LonLat position()
    {
        const auto lon = number<qint32>();
        const auto lat = number<qint32>();
        return {lon / 1e6, lat / 1e6};
    }

    // A count, refused if the bytes left could not hold that many of `each` bytes.
    quint32 count(qsizetype each)
    {
        const auto value = number<quint32>();
        if (ok() && qsizetype(value) * each > m_size - m_in.device()->pos())
            m_in.setStatus(QDataStream::ReadCorruptData);
        return ok() ? value : 0;
    }

private:
    QDataStream m_in;
    qsizetype m_size;
};

} // namespace

const BaseMap::Layer *BaseMap::layer(const QString &name) const
{
    for (const Layer &layer : layers) {
        if (layer.name == name)
            return &layer;
    }
    return nullptr;
}

Result<BaseMap> BaseMap::read(const QByteArray &compressed, const QString &origin)
{
    const auto damaged = [&origin] {
        return makeError(
            ErrorCode::Io,
            tr("The base map %1 is damaged or not a base map; reinstall Broadview.").arg(origin));
    };
    const QByteArray bytes = qUncompress(compressed);
    if (bytes.size() < 12 || !bytes.startsWith("BVMAP001"))
        return damaged();
    const QByteArray body = bytes.mid(8);
    Reader reader(body);
    BaseMap map;
    const quint32 layers = reader.count(8);
    for (quint32 l = 0; l < layers && reader.ok(); ++l) {
        Layer layer;
        layer.kind = Kind(reader.number<quint8>());
        layer.name = reader.text();
        const quint32 features = reader.count(7);
        if (layer.kind == Kind::Places) {
            for (quint32 f = 0; f < features && reader.ok(); ++f) {
                Place place;
                place.name = reader.text();
                place.rank = reader.number<quint8>();
                place.weight = reader.number<quint32>();
                place.position = reader.position();
                layer.places.push_back(std::move(place));
            }
        } else if (layer.kind == Kind::Areas || layer.kind == Kind::Outlines) {
            for (quint32 f = 0; f < features && reader.ok(); ++f) {
                Feature feature;
                feature.label = reader.text();
                const quint32 polygons = reader.count(4);
                for (quint32 p = 0; p < polygons && reader.ok(); ++p) {
                    Polygon polygon;
                    const quint32 rings = reader.count(4);
                    for (quint32 r = 0; r < rings && reader.ok(); ++r) {
                        std::vector<LonLat> ring(reader.count(8));
                        for (LonLat &point : ring)
                            point = reader.position();
                        polygon.rings.push_back(std::move(ring));
                    }
                    feature.polygons.push_back(std::move(polygon));
                }
                layer.features.push_back(std::move(feature));
            }
        } else {
            return damaged();
        }
        map.layers.push_back(std::move(layer));
    }
    map.attribution = reader.text();
    if (!reader.ok() || !reader.atEnd())
        return damaged();
    return map;
}

Result<BaseMap> BaseMap::shipped()
{
    const QString path = QStringLiteral(":/map/basemap.bvmap");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("The base map is missing from this build."));
    return read(file.readAll(), path);
}

} // namespace bv::geo
