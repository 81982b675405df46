// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/agencyiconsdelegate.h"

#include "models/agencybadge.h"
#include "models/agencystyle.h"
#include "models/contrast.h"

#include <QApplication>
#include <QPainter>

namespace bv::ui {

namespace {
constexpr int kGap = 3;
constexpr int kMargin = 4;
} // namespace

AgencyIconsDelegate::AgencyIconsDelegate(int codesRole, int withheldRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_codesRole(codesRole)
    , m_withheldRole(withheldRole)
{}

int AgencyIconsDelegate::iconSize(const QStyleOptionViewItem &option) const
{
    return option.fontMetrics.height() + 2;
}

QString AgencyIconsDelegate::withheldText(const QModelIndex &index) const
{
    const int withheld = index.data(m_withheldRole).toInt();
    return withheld > 0 ? tr("+%n withheld", nullptr, withheld) : QString();
}

void AgencyIconsDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    // The cell's background, selection and focus as the style draws them, without the text.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const int size = iconSize(option);
    const bool dark = models::isDarkPalette(option.palette);
    int x = option.rect.left() + kMargin;
    const int top = option.rect.top() + (option.rect.height() - size) / 2;
    for (const QString &agency : index.data(m_codesRole).toStringList()) {
        models::agencyIcon(agency, dark).paint(painter, QRect(x, top, size, size));
        x += size + kGap;
    }
    if (const QString more = withheldText(index); !more.isEmpty()) {
        const bool selected = option.state & QStyle::State_Selected;
        painter->save();
        painter->setPen(selected ? option.palette.color(QPalette::HighlightedText)
                                 : models::secondaryText(option.palette));
        painter->drawText(
            QRect(x, option.rect.top(), option.rect.right() - x, option.rect.height()),
            Qt::AlignLeft | Qt::AlignVCenter, more);
        painter->restore();
    }
}

QSize AgencyIconsDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    const int size = iconSize(option);
    const auto count = index.data(m_codesRole).toStringList().size();
    int width = 2 * kMargin + int(count) * (size + kGap);
    if (const QString more = withheldText(index); !more.isEmpty())
        width += option.fontMetrics.horizontalAdvance(more) + kGap;
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {width, std::max(base.height(), size + 4)};
}

} // namespace bv::ui
