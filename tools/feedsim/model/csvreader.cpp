// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QFile>

namespace bv::feedsim {

Result<CsvReader> CsvReader::open(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot read reference file %1: %2").arg(path, file.errorString()));
    CsvReader reader;
    reader.m_path = path;
    reader.m_bytes = file.readAll();
    if (!reader.next(reader.m_header))
        return makeError(ErrorCode::Io, QStringLiteral("reference file %1 is empty").arg(path));
    return reader;
}

Result<std::vector<int>> CsvReader::columns(std::initializer_list<QByteArray> names) const
{
    std::vector<int> indexes;
    for (const QByteArray &name : names) {
        const int index = int(m_header.indexOf(name));
        if (index < 0)
            return makeError(ErrorCode::Failure,
                             QStringLiteral("reference file %1 has no column %2")
                                 .arg(m_path, QString::fromLatin1(name)));
        indexes.push_back(index);
    }
    return indexes;
}

bool CsvReader::next(QList<QByteArray> &fields)
{
    while (m_position < m_bytes.size()) {
        qsizetype end = m_bytes.indexOf('\n', m_position);
        if (end < 0)
            end = m_bytes.size();
        QByteArrayView line(m_bytes.constData() + m_position, end - m_position);
        m_position = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        splitLine(line, fields);
        return true;
    }
    return false;
}

void CsvReader::splitLine(QByteArrayView line, QList<QByteArray> &fields) const
{
    fields.clear();
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field.append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(field);
            field.clear();
        } else {
            field.append(c);
        }
    }
    fields.append(field);
}

} // namespace bv::feedsim
