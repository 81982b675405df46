// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

namespace bv::store {

struct SqliteLibraryInfo
{
    QString libraryVersion; // sqlite3_libversion() as bound at run time
    QString headerVersion;  // SQLITE_VERSION we compiled against
    QString cipherVersion;  // PRAGMA cipher_version; empty when the engine is plain SQLite
};

SqliteLibraryInfo sqliteLibraryInfo();

// Proves that the sqlite3_* symbols this process bound are SQLCipher's: PROJ brings
// Debian's libsqlite3 into the process and the dynamic linker serves both from whichever it
// bound first. Runs before any store opens; a plain SQLite would write plaintext.
[[nodiscard]] Result<SqliteLibraryInfo> verifySqliteLibrary();

} // namespace bv::store
