// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/postcodegazetteer.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QFile>

#include <algorithm>
#include <spdlog/spdlog.h>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::PostcodeGazetteer", text);
}

std::array<char, 8> keyOf(const QString &text)
{
    std::array<char, 8> key{};
    qsizetype at = 0;
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        if (at == 8 || c.unicode() > 127)
            return {}; // not a postcode: matches nothing
        key[std::size_t(at++)] = char(c.toUpper().unicode());
    }
    return key;
}

} // namespace

Result<PostcodeGazetteer> PostcodeGazetteer::read(const QByteArray &compressed,
                                                  const QString &origin)
{
    const auto damaged = [&origin] {
        return makeError(ErrorCode::Io, tr("The postcode gazetteer %1 is damaged; reinstall "
                                           "Broadview.")
                                            .arg(origin));
    };
    const QByteArray bytes = qUncompress(compressed);
    if (!bytes.startsWith("BVPC0001"))
        return damaged();
    QDataStream in(bytes);
    in.setByteOrder(QDataStream::LittleEndian);
    in.skipRawData(8);
    PostcodeGazetteer gazetteer;
    for (auto *section : {&gazetteer.m_units, &gazetteer.m_sectors, &gazetteer.m_districts}) {
        quint32 count = 0;
        in >> count;
        if (in.status() != QDataStream::Ok || qsizetype(count) * 16 > bytes.size())
            return damaged();
        section->resize(count);
        for (Entry &entry : *section) {
            in.readRawData(entry.key.data(), int(entry.key.size()));
            in >> entry.lat >> entry.lon;
        }
        if (in.status() != QDataStream::Ok
            || !std::is_sorted(section->cbegin(), section->cend(),
                               [](const Entry &a, const Entry &b) { return a.key < b.key; }))
            return damaged();
    }
    if (!in.atEnd())
        return damaged();
    return gazetteer;
}

std::shared_ptr<const PostcodeGazetteer> PostcodeGazetteer::shipped()
{
    // Read once and never changed: the same table for every writer on every thread.
    static const std::shared_ptr<const PostcodeGazetteer> instance = [] {
        QFile file(QStringLiteral(":/map/postcodes.bvpc"));
        if (!file.open(QIODevice::ReadOnly)) {
            spdlog::error("the postcode gazetteer is missing from this build");
            return std::shared_ptr<const PostcodeGazetteer>();
        }
        auto read = PostcodeGazetteer::read(file.readAll(), file.fileName());
        if (!read.ok()) {
            spdlog::error("the postcode gazetteer could not be read");
            return std::shared_ptr<const PostcodeGazetteer>();
        }
        return std::make_shared<const PostcodeGazetteer>(std::move(read.value()));
    }();
    return instance;
}

std::optional<PostcodeGazetteer::Entry> PostcodeGazetteer::find(const std::vector<Entry> &entries,
                                                                const Key &key)
{
    const auto found
        = std::lower_bound(entries.cbegin(), entries.cend(), key,
                           [](const Entry &entry, const Key &k) { return entry.key < k; });
    if (found == entries.cend() || found->key != key)
        return std::nullopt;
    return *found;
}

std::optional<PostcodeGazetteer::Position> PostcodeGazetteer::locate(const QString &postcode) const
{
    const QString trimmed = postcode.trimmed().toUpper();
    const QString compact = QString(trimmed).remove(QLatin1Char(' '));
    if (compact.size() < 2)
        return std::nullopt;
    // "NR1 3", a sector as written: not district NR13.
    if (const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
        space > 0 && trimmed.size() - space - 1 == 1) {
        if (const auto sector = find(m_sectors, keyOf(compact)))
            return Position{{sector->lon / 1e6, sector->lat / 1e6}, Precision::District};
        return std::nullopt;
    }
    const auto position = [](const Entry &entry, Precision precision) {
        return Position{{entry.lon / 1e6, entry.lat / 1e6}, precision};
    };
    if (const auto unit = find(m_units, keyOf(compact)))
        return position(*unit, Precision::PostcodeUnit);
    // A full postcode's inward code is a digit and two letters: the sector keeps the digit.
    if (compact.size() >= 5) {
        const QString outward = compact.left(compact.size() - 3);
        if (const auto sector = find(m_sectors, keyOf(outward + compact.at(compact.size() - 3))))
            return position(*sector, Precision::District);
        if (const auto district = find(m_districts, keyOf(outward)))
            return position(*district, Precision::District);
        return std::nullopt;
    }
    if (const auto district = find(m_districts, keyOf(compact)))
        return position(*district, Precision::District);
    return std::nullopt;
}

} // namespace bv::geo
