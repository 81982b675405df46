// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/evaluationcsv.h"

#include <QFile>
#include <QObject>

#include <utility>

namespace bv::linkage {

namespace {

QStringList trimmed(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &field : fields)
        out.append(field.trimmed());
    return out;
}

} // namespace

EvaluationCsv::EvaluationCsv(QStringView text, QString name)
    : m_parser(text)
    , m_name(std::move(name))
{}

Result<EvaluationCsv> EvaluationCsv::open(QStringView text, const QString &name)
{
    // A spreadsheet may save a byte order mark, which would become part of the first column.
    if (text.startsWith(QChar(0xfeff)))
        text = text.mid(1);
    EvaluationCsv csv(text, name);
    if (csv.m_parser.atEnd())
        return makeError(ErrorCode::Failure,
                         QObject::tr("%1 is empty: expected a header line.").arg(name));
    const feeds::CsvRecord header = csv.m_parser.next();
    if (!header.error.isEmpty())
        return makeError(ErrorCode::Failure,
                         csv.where(header.line, QObject::tr("a quoted field is not closed.")));
    csv.m_header = trimmed(header.fields);
    return csv;
}

Result<int> EvaluationCsv::column(const QString &column) const
{
    const auto index = m_header.indexOf(column);
    if (index < 0)
        return makeError(ErrorCode::Failure,
                         QObject::tr("%1: the header has no column \"%2\" (it has: %3).")
                             .arg(m_name, column, m_header.join(QStringLiteral(", "))));
    return int(index);
}

Result<std::optional<EvaluationCsvRow>> EvaluationCsv::next()
{
    if (m_parser.atEnd())
        return std::optional<EvaluationCsvRow>();
    const feeds::CsvRecord record = m_parser.next();
    if (!record.error.isEmpty())
        return makeError(ErrorCode::Failure,
                         where(record.line, QObject::tr("a quoted field is not closed.")));
    if (record.fields.size() != m_header.size())
        return makeError(ErrorCode::Failure,
                         where(record.line, QObject::tr("expected %1 fields as in the header, "
                                                        "found %2.")
                                                .arg(m_header.size())
                                                .arg(record.fields.size())));
    return std::optional(EvaluationCsvRow{trimmed(record.fields), record.line});
}

QString EvaluationCsv::where(qsizetype line, const QString &message) const
{
    // One multi-arg call: a name or message holding "%1" must not be substituted again.
    return QObject::tr("%1 line %2: %3").arg(m_name, QString::number(line), message);
}

Result<QString> readEvaluationFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QObject::tr("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCode::Io,
                         QObject::tr("cannot read %1: %2").arg(path, file.errorString()));
    return QString::fromUtf8(bytes);
}

} // namespace bv::linkage
