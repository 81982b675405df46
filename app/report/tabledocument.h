// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "report/protectivemarking.h"

#include <QStringList>

#include <memory>
#include <vector>

class QSaveFile;
class QTextDocument;

namespace bv::report {

// A document that is one table under a title, as the chronology and the area list are.
struct TableDocument
{
    QString title;
    QString scope; // a line under the title: what the table holds
    QStringList headers;
    std::vector<qreal> columnPercent; // of the page's width, one a header
    std::vector<QStringList> rows;
};

// The document's body: title, scope, then the table, whose header row repeats on each page.
// inlineMarking puts the marking above and below, and the provenance under the scope, for
// formats with no page furniture of their own (ODT).
[[nodiscard]] std::unique_ptr<QTextDocument> makeTableDocument(const TableDocument &table,
                                                               const DocumentProvenance &provenance,
                                                               bool inlineMarking);

// A4 landscape: the marking at the top and foot of every page, the provenance and "Page n of
// N" at the foot, pages broken between rows (never inside one), the header row again on each.
// Needs a QGuiApplication (fonts).
[[nodiscard]] Result<void> writeTablePdf(QSaveFile &file, const TableDocument &table,
                                         const DocumentProvenance &provenance);

} // namespace bv::report
