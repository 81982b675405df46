// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/statement.h"

#include "store/database.h"

#include <QObject>

#include <sqlite3.h>
#include <utility>

namespace bv::store {

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt, std::string_view)
    : m_db(db)
    , m_stmt(stmt)
{}

Statement::~Statement()
{
    finalize();
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_bindError(std::exchange(other.m_bindError, std::nullopt))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        finalize();
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::exchange(other.m_bindError, std::nullopt);
    }
    return *this;
}

void Statement::finalize()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
}

QString Statement::sql() const
{
    return m_stmt ? QString::fromUtf8(sqlite3_sql(m_stmt)).simplified() : QString();
}

void Statement::noteBindError(int rc, int index)
{
    if (rc == SQLITE_OK || m_bindError)
        return;
    m_bindError = makeError(ErrorCode::Sql, QObject::tr("Cannot bind parameter %1 (%2) in: %3")
                                                .arg(index)
                                                .arg(QString::fromUtf8(sqlite3_errstr(rc)), sql()));
}

Statement &Statement::bind(int index, qint64 value)
{
    noteBindError(sqlite3_bind_int64(m_stmt, index, value), index);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    noteBindError(sqlite3_bind_double(m_stmt, index, value), index);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    noteBindError(sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                                    SQLITE_TRANSIENT),
                  index);
    return *this;
}

Statement &Statement::bindBlob(int index, QByteArrayView value)
{
    noteBindError(sqlite3_bind_blob(m_stmt, index, value.data(), static_cast<int>(value.size()),
                                    SQLITE_TRANSIENT),
                  index);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    noteBindError(sqlite3_bind_null(m_stmt, index), index);
    return *this;
}

Statement &Statement::bind(int index, const std::optional<QString> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement &Statement::bind(int index, const std::optional<double> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Result<bool> Statement::step()
{
    if (!m_stmt)
        return makeError(ErrorCode::Sql,
                         QObject::tr("A statement was used before it was prepared."));
    if (m_bindError) {
        Error error = *m_bindError;
        m_bindError.reset();
        return error;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // The statement's own error, since sqlite3_errmsg may already describe a later call.
    Error error = makeError(errorCodeForSqlite(rc),
                            QObject::tr("SQLite error %1 (%2) in: %3")
                                .arg(rc)
                                .arg(QString::fromUtf8(sqlite3_errmsg(m_db)), sql()));
    sqlite3_reset(m_stmt);
    return error;
}

Result<void> Statement::run()
{
    for (;;) {
        auto row = step();
        BV_TRY(row);
        if (!row.value())
            break;
    }
    reset();
    return {};
}

void Statement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), size) : QByteArray();
}

} // namespace bv::store
