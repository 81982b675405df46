// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/jsonfile.h"

#include <QFile>
#include <QJsonDocument>
#include <QObject>

namespace bv {

Result<QJsonObject> readJsonObjectFile(const QString &path, const QString &kind, ErrorCode invalid)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("%1 %2 cannot be read: %3").arg(kind, path, file.errorString()));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(invalid, QObject::tr("%1 %2 is not valid JSON at offset %3: %4")
                                      .arg(kind, path)
                                      .arg(parseError.offset)
                                      .arg(parseError.errorString()));
    if (!document.isObject())
        return makeError(invalid, QObject::tr("%1 %2 must hold a JSON object.").arg(kind, path));
    return document.object();
}

} // namespace bv
