// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "linkage/comparablerecord.h"
#include "linkage/linkrecord.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace bv::linkage {

// Which columns of a CSV file hold what the linker compares: a small JSON file, so a file of
// another layout is configuration, not code. resources/linkage/febrl.json is one; the
// language is in docs/linkage.md.
struct CsvLinkMapping
{
    QString idColumn;
    QString givenColumn;
    QString familyColumn;
    QString birthDateColumn;
    QString birthDateFormat = QStringLiteral("yyyy-MM-dd"); // QDate::fromString's format
    QString sexColumn;
    QString postcodeColumn;
    PostcodeScheme postcodeScheme = PostcodeScheme::UnitedKingdom;
    QStringList addressColumns; // joined with spaces, in this order
    QString uprnColumn;         // or another identifier compared exactly, as a number
    QString nhsNumberColumn;

    [[nodiscard]] static Result<CsvLinkMapping> load(const QString &path);
};

struct CsvLinkInput
{
    std::vector<LinkRecord> records;
    qsizetype rows = 0;
};

// Reads one CSV file into link records of the given side. A row without an id, a repeated
// id, or a date of birth that is present but not a date in the mapping's format is an error
// naming the file and line; an empty date is simply missing.
[[nodiscard]] Result<CsvLinkInput> readCsvForLinking(const QString &path,
                                                     const CsvLinkMapping &mapping,
                                                     const RecordPreparer &preparer, int side);

} // namespace bv::linkage
