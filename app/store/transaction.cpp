// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/transaction.h"

#include "store/database.h"

#include <QObject>

#include <spdlog/spdlog.h>
#include <utility>

namespace bv::store {

Transaction::Transaction(Database &db)
    : m_db(&db)
{}

Result<Transaction> Transaction::begin(Database &db, Mode mode)
{
    BV_TRY(db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"));
    return Transaction(db);
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{}

Transaction::~Transaction()
{
    rollback();
}

Result<void> Transaction::commit()
{
    if (!m_db)
        return makeError(ErrorCode::Failure, QObject::tr("The transaction is no longer active."));
    auto result = m_db->exec("COMMIT");
    if (!result.ok()) {
        rollback();
        return result;
    }
    Database *db = std::exchange(m_db, nullptr);
    db->committed();
    return {};
}

void Transaction::rollback()
{
    Database *db = std::exchange(m_db, nullptr);
    if (!db)
        return;
    // SQLite may already have rolled back (an I/O error or a full disk); then ROLLBACK fails
    // harmlessly and there is nothing further to undo.
    if (db->inTransaction()) {
        auto result = db->exec("ROLLBACK");
        if (!result.ok())
            spdlog::warn("rollback failed: {}", result.error().message.toStdString());
    }
    db->rolledBack();
}

} // namespace bv::store
