// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"

#include <QList>
#include <QString>

namespace bv::store {
class Database;
}

namespace bv::access {

struct AuditFinding
{
    enum class Kind {
        Edited,        // an entry's fields no longer match its hash
        Missing,       // entries absent from the middle of the chain
        Reordered,     // an entry holds the content of another position
        BrokenLink,    // an entry does not follow the one before it
        Truncated,     // entries after the last one present were removed
        HeadMismatch,  // audit_head and the last entry disagree
        MirrorMissing, // no mirror file: a removed tail cannot be detected
        MirrorInvalid, // the mirror's MAC is wrong: it was edited or copied from another store
        MirrorBehind,  // the mirror lags the table (a crash between commit and mirror write)
    };
    Kind kind;
    qint64 seq = 0; // the first entry concerned
    QString message;
    bool tampering = true; // false for findings that an interrupted write can also cause
};

struct AuditReport
{
    qint64 entries = 0;
    qint64 lastSeq = 0;
    QList<AuditFinding> findings;

    bool intact() const;
};

// Walks the whole chain and compares its end with audit_head and the mirror file.
class AuditVerifier
{
public:
    [[nodiscard]] static Result<AuditReport> verify(store::Database &db, const QString &mirrorPath,
                                                    const SecretBytes &storeKey);
    // What the verification cannot detect, for the CLI's help and the documentation.
    static QString limitations();
};

} // namespace bv::access
