// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "geo/areaquery.h"
#include "report/protectivemarking.h"

#include <functional>

namespace bv::report {

// The area query's list as a PDF for a meeting or a briefing: the same people, order and
// reasons as the CSV, a protected address as "inside, address protected" with the contact
// route and never the address. `criteria` says what was asked ("Vulnerable adult, on
// 25/11/2026"). Written atomically; beforeCommit (the audit) runs once the document is
// complete and before it takes its place: if it fails, no file is left. Needs a
// QGuiApplication (fonts).
[[nodiscard]] Result<void> writeAreaListPdf(const QString &path, const geo::AreaQueryResult &result,
                                            const QString &criteria,
                                            const DocumentProvenance &provenance,
                                            const std::function<Result<void>()> &beforeCommit = {});

} // namespace bv::report
