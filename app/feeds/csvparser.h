// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace bv::feeds {

// One record of a CSV text.
struct CsvRecord
{
    QStringList fields;
    qsizetype line = 0; // where the record starts, from 1
    QString raw;        // the record's text as it stood, line breaks inside quotes included
    QString error;      // non-empty when the record is not valid CSV (an unclosed quote)
};

// RFC 4180 over text already decoded: fields separated by commas, records by CRLF or LF,
// quoted fields holding commas, line breaks and doubled quotes. Lenient where real extracts
// are (a bare quote inside an unquoted field is kept as a character); an unclosed quote makes
// the rest of the text one bad record. Empty lines are skipped. Views into text: keep it alive.
class CsvParser
{
public:
    explicit CsvParser(QStringView text);

    bool atEnd() const;
    CsvRecord next();

private:
    void skipBlankLines();

    QStringView m_text;
    qsizetype m_pos = 0;
    qsizetype m_line = 1;
};

} // namespace bv::feeds
