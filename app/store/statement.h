// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace bv::store {

// A prepared statement with typed binds (1-based, as SQLite numbers them). A bind error is
// kept and returned by the next step(), so call sites stay a flat chain of binds.
class Statement
{
public:
    Statement(sqlite3 *db, sqlite3_stmt *stmt, std::string_view sql);
    // Not prepared: only to be move-assigned a prepared one (members of a statement cache).
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);      // a null QString binds NULL
    Statement &bind(int index, const char *utf8) = delete; // say which: QString or blob
    Statement &bindBlob(int index, QByteArrayView value);
    Statement &bindNull(int index);
    Statement &bind(int index, const std::optional<QString> &value);
    Statement &bind(int index, const std::optional<double> &value);

    // true while a row is available.
    [[nodiscard]] Result<bool> step();
    // Steps to completion (INSERT, UPDATE, DDL), then resets for the next binds.
    [[nodiscard]] Result<void> run();
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    QString sql() const;

private:
    void noteBindError(int rc, int index);
    void finalize();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::optional<Error> m_bindError;
};

} // namespace bv::store
