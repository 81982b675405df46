// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagetoken.h"

#include "recordrandom.h"

#include <QByteArray>
#include <QList>

namespace bv::feedsim {

namespace {

constexpr QByteArrayView kVersion = "t1";
constexpr quint64 kCheckSalt = 0x70c3e7;
constexpr int kFields = 8;

quint64 checksum(QByteArrayView body)
{
    quint64 hash = kCheckSalt;
    for (char c : body)
        hash = mix64(hash ^ quint8(c));
    return hash & 0xffffffffULL;
}

} // namespace

StreamKey PageToken::beforeInstant(qint64 since)
{
    return StreamKey{since - 1, 0xffffffffu, 0xffffffffu};
}

QString PageToken::encode() const
{
    const QByteArray body = kVersion.toByteArray() + '.' + QByteArray::number(stream) + '.'
                            + QByteArray::number(after.updated) + '.'
                            + QByteArray::number(after.table) + '.'
                            + QByteArray::number(after.serial) + '.' + QByteArray::number(limit)
                            + '.' + (repeat ? "r" : "n");
    const QByteArray text = body + '.' + QByteArray::number(checksum(body), 36);
    return QString::fromLatin1(
        text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<PageToken> PageToken::decode(const QString &encoded)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded.toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &text = decoded.decoded;
    const QList<QByteArray> fields = text.split('.');
    if (fields.size() != kFields || fields[0] != kVersion)
        return std::nullopt;
    const QByteArray body = text.left(text.lastIndexOf('.'));
    bool ok[6] = {};
    PageToken token;
    token.stream = fields[1].toUInt(&ok[0]);
    token.after.updated = fields[2].toLongLong(&ok[1]);
    token.after.table = fields[3].toUInt(&ok[2]);
    token.after.serial = fields[4].toUInt(&ok[3]);
    token.limit = fields[5].toInt(&ok[4]);
    const quint64 check = fields[7].toULongLong(&ok[5], 36);
    if (!std::all_of(std::begin(ok), std::end(ok), [](bool b) { return b; })
        || check != checksum(body) || (fields[6] != "r" && fields[6] != "n") || token.limit <= 0)
        return std::nullopt;
    token.repeat = fields[6] == "r";
    return token;
}

} // namespace bv::feedsim
