// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace bv::ui {

// "Known to" in the search results: each agency's badge icon (colour and pictogram) side by
// side, so seven agencies fit where their names would be cut off; the names are the cell's
// tooltip and what a screen reader reads (the model's ToolTipRole and AccessibleTextRole).
class AgencyIconsDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    AgencyIconsDelegate(int codesRole, int withheldRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int iconSize(const QStyleOptionViewItem &option) const;
    QString withheldText(const QModelIndex &index) const;

    int m_codesRole;
    int m_withheldRole;
};

} // namespace bv::ui
