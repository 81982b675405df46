// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace bv::ui {

// Draws TimelineModel rows: a day as a heading band; an event as its agency's colour bar and
// named badge (never colour alone), the time, the title with its category and significance,
// and the summary on a second line. Withheld events say so and why, with nothing else. All
// text in the palette's colours, so a dark palette stays readable.
class TimelineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace bv::ui
