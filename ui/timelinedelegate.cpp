// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/timelinedelegate.h"

#include "models/agencybadge.h"
#include "models/agencystyle.h"
#include "models/contrast.h"
#include "models/timelinemodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace bv::ui {

namespace {

using models::TimelineModel;

constexpr int kMargin = 6;
constexpr int kBarWidth = 5;

bool isDay(const QModelIndex &index)
{
    return index.data(TimelineModel::KindRole).toInt() == int(TimelineModel::RowKind::Day);
}

QFont bold(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smaller(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

} // namespace

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    if (isDay(index))
        return {option.rect.width(), metrics.height() + 2 * kMargin};
    return {option.rect.width(), 2 * metrics.height() + 3 * kMargin};
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    painter->save();
    const QPalette &palette = option.palette;
    const QRect rect = option.rect;
    const QFontMetrics metrics(option.font);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text
        = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    const QColor quiet = selected ? text : models::secondaryText(palette);

    if (isDay(index)) {
        painter->fillRect(rect, palette.color(QPalette::AlternateBase));
        painter->setPen(palette.color(QPalette::Mid));
        painter->drawLine(rect.bottomLeft(), rect.bottomRight());
        painter->setFont(bold(option.font));
        painter->setPen(palette.color(QPalette::Text));
        const QDate date = index.data(TimelineModel::DateRole).toDate();
        const int count = index.data(TimelineModel::DayEventCountRole).toInt();
        const QString heading = QLocale().toString(date, QStringLiteral("dddd d MMMM yyyy"));
        painter->drawText(rect.adjusted(kMargin, 0, -kMargin, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          heading);
        painter->setFont(option.font);
        painter->setPen(models::secondaryText(palette));
        painter->drawText(rect.adjusted(kMargin, 0, -kMargin, 0), Qt::AlignVCenter | Qt::AlignRight,
                          TimelineModel::tr("%n event(s)", nullptr, count));
        painter->restore();
        return;
    }

    if (selected)
        painter->fillRect(rect, palette.color(QPalette::Highlight));
    if (option.state & QStyle::State_HasFocus) {
        QPen focus(palette.color(QPalette::Highlight).darker(130));
        focus.setWidth(2);
        painter->setPen(focus);
        painter->drawRect(rect.adjusted(1, 1, -1, -1));
    }
    const QString agency = index.data(TimelineModel::AgencyRole).toString();
    const models::AgencyStyle style
        = models::agencyStyle(agency, models::isDarkPalette(option.palette));
    painter->fillRect(QRect(rect.left(), rect.top(), kBarWidth, rect.height()), style.colour);

    const int lineHeight = metrics.height();
    const int top = rect.top() + kMargin;
    int x = rect.left() + kBarWidth + kMargin;

    // The time (or nothing, for a date-only event), in a fixed column.
    const int timeWidth = metrics.horizontalAdvance(QStringLiteral("00:00")) + kMargin;
    painter->setFont(option.font);
    painter->setPen(quiet);
    painter->drawText(QRect(x, top, timeWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(TimelineModel::TimeTextRole).toString());
    x += timeWidth + kMargin;

    // The agency's badge: its colour, pictogram and name.
    const QFont badgeFont = bold(smaller(option.font));
    const int badgeWidth = models::agencyBadgeWidth(
        models::agencyStyle(QStringLiteral("childrens_social_care")).badge, badgeFont);
    models::paintAgencyBadge(*painter, QRect(x, top, badgeWidth, lineHeight), agency,
                             models::isDarkPalette(option.palette), badgeFont);
    painter->setRenderHint(QPainter::Antialiasing);
    x += badgeWidth + kMargin;

    const int right = rect.right() - kMargin;
    if (index.data(TimelineModel::WithheldRole).toBool()) {
        QFont italic = option.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->setPen(quiet);
        painter->drawText(QRect(x, top, right - x, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          TimelineModel::tr("Withheld"));
        painter->drawText(
            QRect(x, top + lineHeight + kMargin, right - x, lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(index.data(TimelineModel::WithheldReasonRole).toString(),
                               Qt::ElideRight, right - x));
        painter->restore();
        return;
    }

    // Significance first where it matters: a key event is marked in words, not a colour.
    const int significance = index.data(TimelineModel::SignificanceRole).toInt();
    QString category = index.data(TimelineModel::CategoryRole).toString();
    if (!category.isEmpty())
        category[0] = category[0].toUpper();
    const QString tag = category
                        + (significance > 1 ? QStringLiteral(" · ")
                                                  + TimelineModel::significanceLabel(significance)
                                            : QString());
    const QFont tagFont = significance == 3 ? bold(smaller(option.font)) : smaller(option.font);
    const QFontMetrics tagMetrics(tagFont);
    const int tagWidth = std::min(tagMetrics.horizontalAdvance(tag) + kMargin, (right - x) / 2);
    painter->setFont(tagFont);
    painter->setPen(significance == 3 && !selected ? palette.color(QPalette::Text) : quiet);
    painter->drawText(QRect(right - tagWidth, top, tagWidth, lineHeight),
                      Qt::AlignRight | Qt::AlignVCenter,
                      tagMetrics.elidedText(tag, Qt::ElideLeft, tagWidth));

    painter->setFont(bold(option.font));
    painter->setPen(text);
    const QFontMetrics boldMetrics(bold(option.font));
    painter->drawText(QRect(x, top, right - tagWidth - x - kMargin, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(index.data(TimelineModel::TitleRole).toString(),
                                             Qt::ElideRight, right - tagWidth - x - kMargin));

    QString second = index.data(TimelineModel::SummaryRole).toString();
    const QString outcome = index.data(TimelineModel::OutcomeRole).toString();
    if (!outcome.isEmpty())
        second += (second.isEmpty() ? QString() : QStringLiteral("  ")) + QStringLiteral("→ ")
                  + outcome;
    painter->setFont(option.font);
    painter->setPen(quiet);
    painter->drawText(QRect(x, top + lineHeight + kMargin, right - x, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(second, Qt::ElideRight, right - x));
    painter->restore();
}

} // namespace bv::ui
