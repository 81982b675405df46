// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeinspector.h"

#include <QAbstractTableModel>

namespace bv::models {

// Rows per table of an unlocked store, for the main window's overview.
class StoreSummaryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TableColumn, RowsColumn, ColumnCount };

    explicit StoreSummaryModel(QObject *parent = nullptr);

    void setSummary(const store::StoreSummary &summary);
    const store::StoreSummary &summary() const { return m_summary; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A person-readable name for a schema table ("source_person" -> "Agency records").
    static QString tableLabel(const QString &table);

private:
    store::StoreSummary m_summary;
};

} // namespace bv::models
