// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>

namespace bv {

// Reads a configuration file that must hold one JSON object. `kind` names the file in
// messages ("Feeds file", "Mapping file"); a file that cannot be read is ErrorCode::Io, one
// that is not a JSON object is `invalid`, with the offset of the fault.
[[nodiscard]] Result<QJsonObject> readJsonObjectFile(const QString &path, const QString &kind,
                                                     ErrorCode invalid);

} // namespace bv
