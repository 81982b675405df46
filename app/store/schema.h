// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <span>
#include <string_view>

namespace bv::store {

class Database;

struct Migration
{
    int version;          // the schema version this step produces
    std::string_view sql; // applied in one transaction with its schema_version row
};

// Forward-only migrations of the store schema. A store written by a newer Broadview is
// refused rather than guessed at, since an older build could drop what it does not know.
class Schema
{
public:
    static int latestVersion();
    static std::span<const Migration> migrations();

    // The schema version recorded in the store; 0 for a new, empty database.
    [[nodiscard]] static Result<int> currentVersion(Database &db);
    // Applies every step above the current version; a no-op when up to date.
    [[nodiscard]] static Result<int> migrate(Database &db);
    [[nodiscard]] static Result<int> migrate(Database &db, std::span<const Migration> steps);
};

} // namespace bv::store
