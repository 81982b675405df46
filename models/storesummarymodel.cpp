// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/storesummarymodel.h"

#include <QLocale>

namespace bv::models {

StoreSummaryModel::StoreSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void StoreSummaryModel::setSummary(const store::StoreSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    endResetModel();
}

int StoreSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summary.tables.size());
}

int StoreSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StoreSummaryModel::tableLabel(const QString &table)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("source"), QT_TR_NOOP("Agency feeds")},
        {QStringLiteral("source_person"), QT_TR_NOOP("Agency records of people")},
        {QStringLiteral("person"), QT_TR_NOOP("People (linked)")},
        {QStringLiteral("person_link"), QT_TR_NOOP("Links between records and people")},
        {QStringLiteral("event"), QT_TR_NOOP("Events")},
        {QStringLiteral("annotation"), QT_TR_NOOP("Practitioner annotations")},
        {QStringLiteral("address_period"), QT_TR_NOOP("Addresses over time")},
        {QStringLiteral("flag"), QT_TR_NOOP("Flags")},
        {QStringLiteral("relationship"), QT_TR_NOOP("Relationships")},
        {QStringLiteral("place"), QT_TR_NOOP("Located places")},
        {QStringLiteral("quarantine"), QT_TR_NOOP("Quarantined feed input")},
        {QStringLiteral("audit"), QT_TR_NOOP("Audit entries")},
    };
    const auto it = labels.constFind(table);
    return it == labels.constEnd() ? table : tr(it.value());
}

QVariant StoreSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_summary.tables.size())
        return {};
    const auto &table = m_summary.tables.at(index.row());
    // People are those linked now; the ids of people merged into others are kept, not counted.
    const bool persons = table.table == QLatin1String("person");
    const qint64 rows = persons ? table.rows - m_summary.retiredPersons : table.rows;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == TableColumn ? tableLabel(table.table) : QLocale().toString(rows);
    case Qt::ToolTipRole:
        if (persons && m_summary.retiredPersons > 0)
            return tr("Besides these, %n earlier person id(s) merged into others are kept so "
                      "they are never reused.",
                      nullptr, int(m_summary.retiredPersons));
        return index.column() == TableColumn ? tr("Table %1").arg(table.table) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == RowsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::UserRole:
        return index.column() == TableColumn ? QVariant(table.table) : QVariant(rows);
    default:
        return {};
    }
}

QVariant StoreSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TableColumn ? tr("Kind of record") : tr("Rows");
}

} // namespace bv::models
