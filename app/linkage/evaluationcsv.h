// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feeds/csvparser.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// The CSV files of a linkage evaluation (truths, predicted pairs): a header naming the
// columns, then rows of as many fields, every field trimmed (FEBRL separates with ", ").
namespace bv::linkage {

struct EvaluationCsvRow
{
    QStringList fields; // trimmed, as many as the header has
    qsizetype line = 0; // from 1
};

class EvaluationCsv
{
public:
    // Reads the header. `name` is how errors call the file (its path, as the user gave it).
    // The text is viewed, not copied: keep it alive.
    [[nodiscard]] static Result<EvaluationCsv> open(QStringView text, const QString &name);

    // The index of a column of the header; an error names the file and the column.
    [[nodiscard]] Result<int> column(const QString &column) const;
    // The next row, or nullopt after the last; a row with an unclosed quote or another
    // number of fields than the header is an error naming the line.
    [[nodiscard]] Result<std::optional<EvaluationCsvRow>> next();

    // "NAME line N: message", the shape of every error about a row.
    [[nodiscard]] QString where(qsizetype line, const QString &message) const;
    [[nodiscard]] const QString &name() const { return m_name; }

private:
    EvaluationCsv(QStringView text, QString name);

    feeds::CsvParser m_parser;
    QString m_name;
    QStringList m_header;
};

// The text of a file, decoded as UTF-8; an error names the path.
[[nodiscard]] Result<QString> readEvaluationFile(const QString &path);

} // namespace bv::linkage
