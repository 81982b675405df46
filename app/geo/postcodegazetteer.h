// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/area.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace bv::geo {

// Where a postcode is, from Ordnance Survey's Code-Point Open (resources/map/postcodes.bvpc,
// made by tools/make-gazetteer.py): a unit postcode's mean position, else its sector's or
// district's centre. Feeds that give only a postcode (health, social care, education) are
// placed on the map and in the area query this way, with the precision that says how far off
// it may be. Immutable; one per process, shared.
class PostcodeGazetteer
{
public:
    enum class Precision { PostcodeUnit, District };
    struct Position
    {
        LonLat position;
        Precision precision = Precision::PostcodeUnit;
    };

    // Reads the compressed file; a damaged one is refused, saying so.
    [[nodiscard]] static Result<PostcodeGazetteer> read(const QByteArray &compressed,
                                                        const QString &origin);
    // The shipped one, read on first use; null if this build lacks it (logged once).
    static std::shared_ptr<const PostcodeGazetteer> shipped();

    // "NR1 3JB" or "nr13jb"; a unit postcode not listed falls back to its sector ("NR1 3"),
    // then its district ("NR1"), both as District precision.
    std::optional<Position> locate(const QString &postcode) const;

    qsizetype units() const { return qsizetype(m_units.size()); }

private:
    using Key = std::array<char, 8>;
    struct Entry
    {
        Key key;
        qint32 lat = 0;
        qint32 lon = 0;
    };
    static std::optional<Entry> find(const std::vector<Entry> &entries, const Key &key);

    std::vector<Entry> m_units;
    std::vector<Entry> m_sectors;
    std::vector<Entry> m_districts;
};

} // namespace bv::geo
