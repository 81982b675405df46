// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

namespace bv::store {

class Database;

// Rolls back on destruction unless committed, so an early return or an exception leaves the
// store as it was. IMMEDIATE by default: a writer takes the lock up front instead of
// failing with SQLITE_BUSY half way through.
class Transaction
{
public:
    enum class Mode { Deferred, Immediate };

    [[nodiscard]] static Result<Transaction> begin(Database &db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] Result<void> commit();
    void rollback();
    bool isActive() const { return m_db != nullptr; }

private:
    explicit Transaction(Database &db);
    Database *m_db = nullptr;
};

} // namespace bv::store
