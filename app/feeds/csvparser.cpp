// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/csvparser.h"

#include <QObject>

namespace bv::feeds {

CsvParser::CsvParser(QStringView text)
    : m_text(text)
{
    skipBlankLines();
}

bool CsvParser::atEnd() const
{
    return m_pos >= m_text.size();
}

void CsvParser::skipBlankLines()
{
    while (m_pos < m_text.size()) {
        if (m_text[m_pos] == u'\n') {
            ++m_pos;
            ++m_line;
        } else if (m_text[m_pos] == u'\r') {
            ++m_pos;
            if (m_pos < m_text.size() && m_text[m_pos] == u'\n')
                ++m_pos;
            ++m_line;
        } else {
            break;
        }
    }
}

CsvRecord CsvParser::next()
{
    CsvRecord record;
    record.line = m_line;
    const qsizetype start = m_pos;
    qsizetype end = m_text.size();
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool done = false;

    while (m_pos < m_text.size() && !done) {
        const QChar c = m_text[m_pos];
        if (inQuotes) {
            if (c == u'"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'"') {
                    field += u'"';
                    m_pos += 2;
                    continue;
                }
                inQuotes = false;
                ++m_pos;
                continue;
            }
            if (c == u'\n')
                ++m_line;
            else if (c == u'\r' && !(m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'\n'))
                ++m_line;
            field += c;
            ++m_pos;
            continue;
        }
        switch (c.unicode()) {
        case u',':
            record.fields.append(field);
            field.clear();
            fieldWasQuoted = false;
            ++m_pos;
            break;
        case u'"':
            if (field.isEmpty() && !fieldWasQuoted) {
                inQuotes = true;
                fieldWasQuoted = true;
            } else {
                field += c; // a bare quote in an unquoted field: kept as it is
            }
            ++m_pos;
            break;
        case u'\r':
        case u'\n':
            end = m_pos;
            done = true;
            break;
        default:
            field += c;
            ++m_pos;
            break;
        }
    }
    if (inQuotes) {
        record.error = QObject::tr("A quoted field is not closed before the end of the page.");
        end = m_text.size();
    }
    record.fields.append(field);
    record.raw = m_text.mid(start, end - start).toString();
    skipBlankLines();
    return record;
}

} // namespace bv::feeds
