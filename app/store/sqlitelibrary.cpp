// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitelibrary.h"

#include <QObject>

#include <sqlite3.h>

namespace bv::store {

SqliteLibraryInfo sqliteLibraryInfo()
{
    SqliteLibraryInfo info;
    info.libraryVersion = QString::fromLatin1(sqlite3_libversion());
    info.headerVersion = QStringLiteral(SQLITE_VERSION);

    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW) {
            info.cipherVersion
                = QString::fromLatin1(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close_v2(db);
    return info;
}

Result<SqliteLibraryInfo> verifySqliteLibrary()
{
    SqliteLibraryInfo info = sqliteLibraryInfo();
    if (info.libraryVersion != info.headerVersion) {
        return makeError(ErrorCode::WrongLibrary,
                         QObject::tr("The process bound SQLite %1, but Broadview was built against "
                                     "SQLCipher's SQLite %2: another libsqlite3 was loaded first. "
                                     "Refusing to open a store that would not be encrypted.")
                             .arg(info.libraryVersion, info.headerVersion));
    }
    if (info.cipherVersion.isEmpty()) {
        return makeError(ErrorCode::WrongLibrary,
                         QObject::tr("SQLite %1 answers, but PRAGMA cipher_version does not: this "
                                     "is not SQLCipher. Refusing to open a store that would not "
                                     "be encrypted.")
                             .arg(info.libraryVersion));
    }
    return info;
}

} // namespace bv::store
