// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/areaquery.h"

#include <QAbstractTableModel>

namespace bv::models {

// The area query's list: one person a row, those inside first, then those whose location is
// too coarse to be sure, then those at protected addresses (who show no address at all).
class AreaListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        BornColumn,
        PlacementColumn,
        FlagsColumn,
        PrecisionColumn,
        AsOfColumn,
        AddressColumn,
        ContactColumn,
        ColumnCount
    };
    enum Role { PersonIdRole = Qt::UserRole + 1, PlacementRole };

    explicit AreaListModel(QObject *parent = nullptr);

    void setResult(geo::AreaQueryResult result);
    const geo::AreaQueryResult &result() const { return m_result; }
    void clear();

    static QString precisionLabel(const QString &precision);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    geo::AreaQueryResult m_result;
};

} // namespace bv::models
