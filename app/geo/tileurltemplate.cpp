// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/tileurltemplate.h"

#include <QCoreApplication>
#include <QHostAddress>

#include <sodium.h>

namespace bv::geo {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bv::geo::TileUrlTemplate", text);
}

} // namespace

TileUrlTemplate::TileUrlTemplate(QString text)
    : m_text(std::move(text))
{}

Result<TileUrlTemplate> TileUrlTemplate::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::Usage, tr("The tile server address is empty."));
    // Placeholders filled with digits must give a valid URL.
    const QString sample = QString(trimmed)
                               .replace(QLatin1String("{z}"), QLatin1String("1"))
                               .replace(QLatin1String("{x}"), QLatin1String("1"))
                               .replace(QLatin1String("{-y}"), QLatin1String("1"))
                               .replace(QLatin1String("{y}"), QLatin1String("1"));
    const QUrl url(sample, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::Usage,
                         tr("\"%1\" is not a web address (%2).").arg(trimmed, url.errorString()));
    // The tiles asked for show which streets were looked at: only TLS carries them off the
    // machine.
    const QHostAddress host(url.host());
    const bool loopback
        = url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
    if (url.scheme() != QLatin1String("https")
        && !(url.scheme() == QLatin1String("http") && loopback))
        return makeError(ErrorCode::Usage,
                         tr("\"%1\" must start with https:// (plain http only to this machine: "
                            "the tiles asked for show which streets were looked at).")
                             .arg(trimmed));
    QStringList missing;
    if (!trimmed.contains(QLatin1String("{z}")))
        missing << QStringLiteral("{z}");
    if (!trimmed.contains(QLatin1String("{x}")))
        missing << QStringLiteral("{x}");
    if (!trimmed.contains(QLatin1String("{y}")) && !trimmed.contains(QLatin1String("{-y}")))
        missing << QStringLiteral("{y}");
    if (!missing.isEmpty())
        return makeError(ErrorCode::Usage, tr("The tile server address \"%1\" lacks %2.")
                                               .arg(trimmed, missing.join(QStringLiteral(", "))));
    return TileUrlTemplate(trimmed);
}

QUrl TileUrlTemplate::urlFor(const webmercator::TileId &tile) const
{
    QString text = m_text;
    text.replace(QLatin1String("{z}"), QString::number(tile.zoom))
        .replace(QLatin1String("{x}"), QString::number(tile.x))
        .replace(QLatin1String("{-y}"), QString::number(webmercator::tmsRow(tile)))
        .replace(QLatin1String("{y}"), QString::number(tile.y));
    return QUrl(text);
}

QString TileUrlTemplate::cacheKey() const
{
    const QByteArray utf8 = m_text.toUtf8();
    unsigned char hash[12];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>(utf8.constData()),
                       std::size_t(utf8.size()), nullptr, 0);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(hash), sizeof hash).toHex());
}

} // namespace bv::geo
