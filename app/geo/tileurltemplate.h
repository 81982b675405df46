// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/webmercator.h"

#include <QString>
#include <QUrl>

namespace bv::geo {

// A tile server's address with placeholders, as map tools take it:
// `https://tiles.example.org/{z}/{x}/{y}.png`, with `{-y}` for servers that count rows from the
// south (TMS).
class TileUrlTemplate
{
public:
    // Refuses text that is not an http(s) URL with {z}, {x} and {y} or {-y}, saying which.
    [[nodiscard]] static Result<TileUrlTemplate> parse(const QString &text);

    QUrl urlFor(const webmercator::TileId &tile) const;
    const QString &text() const { return m_text; }
    // Names this server's tiles in the cache: a hash, so the cache holds no URL.
    QString cacheKey() const;

private:
    explicit TileUrlTemplate(QString text);
    QString m_text;
};

} // namespace bv::geo
