// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <initializer_list>
#include <vector>

namespace bv::feedsim {

// Reads one of the reference CSV files: a header row, LF or CRLF line ends, fields that may be
// double-quoted (the ONS counts are "5,390"). Whole file in memory: the largest is 5 MB.
class CsvReader
{
public:
    [[nodiscard]] static Result<CsvReader> open(const QString &path);

    // The indexes of these header columns, in order, or an Error naming the missing one.
    [[nodiscard]] Result<std::vector<int>> columns(std::initializer_list<QByteArray> names) const;

    // The next record's fields; false at the end.
    bool next(QList<QByteArray> &fields);

    const QString &path() const { return m_path; }

private:
    void splitLine(QByteArrayView line, QList<QByteArray> &fields) const;

    QString m_path;
    QByteArray m_bytes;
    qsizetype m_position = 0;
    QList<QByteArray> m_header;
};

} // namespace bv::feedsim
