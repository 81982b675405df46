// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordtable.h"

#include <QString>

#include <optional>

namespace bv::feedsim {

// What an opaque page token or cursor carries: which stream, the key of the last record
// served (the next page starts after it), the page size, and whether the page it asks for
// is the repeat of the one before (a repeat never repeats again).
struct PageToken
{
    quint32 stream = 0;
    StreamKey after;
    int limit = 0;
    bool repeat = false;

    // The position before every record updated at or after `since` (Unix seconds).
    static StreamKey beforeInstant(qint64 since);

    QString encode() const;
    // Nothing when the text is not a token of this simulator (or was altered).
    static std::optional<PageToken> decode(const QString &text);
};

} // namespace bv::feedsim
