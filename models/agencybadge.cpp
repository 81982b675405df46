// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/agencybadge.h"

#include "models/agencystyle.h"

#include <QFontMetrics>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>

namespace bv::models {

namespace {

QPainterPath cross()
{
    QPainterPath path;
    path.addRect(6, 2, 4, 12);
    path.addRect(2, 6, 12, 4);
    return path;
}

QPainterPath shield()
{
    QPainterPath path;
    path.moveTo(8, 1);
    path.lineTo(14, 3);
    path.lineTo(14, 8);
    path.cubicTo(14, 11.5, 11, 14, 8, 15);
    path.cubicTo(5, 14, 2, 11.5, 2, 8);
    path.lineTo(2, 3);
    path.closeSubpath();
    return path;
}

QPainterPath flame()
{
    QPainterPath path;
    path.moveTo(8, 1);
    path.cubicTo(12.5, 4.5, 14, 8.5, 12.5, 12);
    path.cubicTo(11.5, 14.2, 9.8, 15, 8, 15);
    path.cubicTo(6.2, 15, 4.5, 14.2, 3.5, 12);
    path.cubicTo(2.4, 9.5, 3.8, 7, 5.5, 5);
    path.cubicTo(5.8, 6.8, 6.6, 8, 7.8, 8.6);
    path.cubicTo(8.4, 6.2, 8.6, 3.8, 8, 1);
    return path;
}

QPainterPath adultAndChild()
{
    QPainterPath path;
    path.addEllipse(QPointF(5.5, 3.5), 2.3, 2.3);
    path.addRoundedRect(QRectF(2.5, 6.5, 6, 8.5), 2, 2);
    path.addEllipse(QPointF(11.8, 7.2), 1.8, 1.8);
    path.addRoundedRect(QRectF(9.6, 9.6, 4.4, 5.4), 1.5, 1.5);
    return path;
}

QPainterPath heart()
{
    QPainterPath path;
    path.moveTo(8, 14.5);
    path.cubicTo(1, 9.5, 0.5, 3, 4.6, 2.6);
    path.cubicTo(6.3, 2.4, 7.4, 3.4, 8, 4.6);
    path.cubicTo(8.6, 3.4, 9.7, 2.4, 11.4, 2.6);
    path.cubicTo(15.5, 3, 15, 9.5, 8, 14.5);
    path.closeSubpath();
    return path;
}

QPainterPath mortarboard()
{
    QPainterPath path;
    path.addPolygon(QPolygonF({{0.5, 6}, {8, 2.5}, {15.5, 6}, {8, 9.5}, {0.5, 6}}));
    path.addPolygon(QPolygonF({{4, 8}, {8, 10}, {12, 8}, {12, 12}, {8, 13.5}, {4, 12}, {4, 8}}));
    path.addRect(13.6, 6, 1.1, 6);
    return path;
}

QPainterPath house()
{
    QPainterPath outline;
    outline.addPolygon(
        QPolygonF({{1, 8}, {8, 1.5}, {15, 8}, {13, 8}, {13, 15}, {3, 15}, {3, 8}, {1, 8}}));
    QPainterPath door;
    door.addRect(6.8, 10.5, 2.4, 4.5);
    return outline.subtracted(door);
}

} // namespace

QPainterPath agencyGlyph(const QString &agency)
{
    // Built once (simplified() is not cheap) and never changed: the timeline paints a badge
    // per row per frame.
    const auto solid = [](QPainterPath path) {
        path.setFillRule(Qt::WindingFill); // overlapping parts stay filled
        return path.simplified();
    };
    static const QHash<QString, QPainterPath> glyphs = {
        {QStringLiteral("health"), solid(cross())},
        {QStringLiteral("police"), solid(shield())},
        {QStringLiteral("fire"), solid(flame())},
        {QStringLiteral("childrens_social_care"), solid(adultAndChild())},
        {QStringLiteral("adult_social_care"), solid(heart())},
        {QStringLiteral("education"), solid(mortarboard())},
        {QStringLiteral("housing"), solid(house())},
    };
    if (const auto found = glyphs.constFind(agency); found != glyphs.constEnd())
        return found.value();
    QPainterPath dot;
    dot.addEllipse(QPointF(8, 8), 4, 4);
    return dot;
}

namespace {

// The glyph fitted into a square of side `side` at `topLeft`.
QPainterPath fitted(const QString &agency, QPointF topLeft, qreal side)
{
    QTransform transform;
    transform.translate(topLeft.x(), topLeft.y());
    transform.scale(side / 16.0, side / 16.0);
    return transform.map(agencyGlyph(agency));
}

constexpr qreal kPad = 4;

} // namespace

int agencyBadgeWidth(const QString &text, const QFont &font)
{
    const QFontMetrics metrics(font);
    const int glyph = metrics.height();
    return int(kPad) + glyph + int(kPad) + metrics.horizontalAdvance(text) + int(kPad) + 2;
}

void paintAgencyBadge(QPainter &painter, const QRectF &badge, const QString &agency, bool dark,
                      const QFont &font)
{
    const AgencyStyle style = agencyStyle(agency, dark);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath shape;
    shape.addRoundedRect(badge, 4, 4);
    painter.fillPath(shape, style.colour);
    const QFontMetrics metrics(font);
    const qreal side = std::min<qreal>(metrics.height(), badge.height() - 2);
    const qreal textWidth = metrics.horizontalAdvance(style.badge);
    // Pictogram and name centred together.
    const qreal content = side + kPad + textWidth;
    const qreal left = badge.left() + std::max<qreal>(kPad, (badge.width() - content) / 2);
    painter.fillPath(fitted(agency, {left, badge.center().y() - side / 2}, side), style.text);
    painter.setFont(font);
    painter.setPen(style.text);
    painter.drawText(
        QRectF(left + side + kPad, badge.top(), badge.right() - left - side - kPad, badge.height()),
        Qt::AlignLeft | Qt::AlignVCenter, style.badge);
    painter.restore();
}

namespace {

// Paints at the size asked, so the icon is sharp on any screen.
class AgencyIconEngine final : public QIconEngine
{
public:
    AgencyIconEngine(QString agency, bool dark)
        : m_agency(std::move(agency))
        , m_dark(dark)
    {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode, QIcon::State) override
    {
        const AgencyStyle style = agencyStyle(m_agency, m_dark);
        const qreal side = std::min(rect.width(), rect.height());
        const QRectF square(rect.left() + (rect.width() - side) / 2,
                            rect.top() + (rect.height() - side) / 2, side, side);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QPainterPath background;
        background.addRoundedRect(square, side / 5, side / 5);
        painter->fillPath(background, style.colour);
        const qreal inset = side * 0.14;
        painter->fillPath(
            fitted(m_agency, square.topLeft() + QPointF(inset, inset), side - 2 * inset),
            style.text);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new AgencyIconEngine(m_agency, m_dark); }

private:
    QString m_agency;
    bool m_dark;
};

} // namespace

QIcon agencyIcon(const QString &agency, bool dark)
{
    return QIcon(new AgencyIconEngine(agency, dark));
}

} // namespace bv::models
