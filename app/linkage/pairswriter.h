// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/linker.h"

#include <QString>

#include <span>

namespace bv::linkage {

// Writes, atomically, every pair of records within each person of a linking result as CSV
// `id_a,id_b,weight,probability` (the form `broadview link-eval` reads): what was linked,
// directly or through other records. With acrossSidesOnly, only pairs of records from two
// sides. Pairs are scored again with the result's model, so a pair joined only through others
// gets its own weight. Returns the number of pairs written.
[[nodiscard]] Result<qint64> writeLinkedPairs(const QString &path,
                                              std::span<const LinkRecord> records,
                                              const LinkResult &result, bool acrossSidesOnly);

} // namespace bv::linkage
