// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mapwidget.h"

#include "models/agencystyle.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QWheelEvent>

namespace bv::ui {

MapWidget::MapWidget(std::shared_ptr<MapRenderer> renderer, QWidget *parent)
    : QWidget(parent)
    , m_renderer(std::move(renderer))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Map"));
    setAccessibleDescription(
        tr("The county with hazard areas and where people live, drawn offline. Arrow keys pan, "
           "plus and minus zoom, Home shows the whole county. The area query lists the same "
           "people in words."));
    m_renderer->setDark(models::isDarkPalette(palette()));
    showWholeCounty();
}

void MapWidget::setViewport(const MapViewport &viewport)
{
    m_showingCounty = false;
    m_viewport = viewport;
    m_viewport.size = size();
    update();
    Q_EMIT viewportChanged(m_viewport);
}

void MapWidget::showWholeCounty()
{
    MapViewport whole;
    whole.size = size();
    // Norfolk's extent, about 0.15 to 1.75 E and 52.35 to 52.99 N, fitted to the widget.
    const QPointF west = geo::webmercator::project({0.15, 52.99});
    const QPointF east = geo::webmercator::project({1.75, 52.35});
    const double spanX = (east.x() - west.x()) * geo::webmercator::kTileSize;
    const double spanY = (east.y() - west.y()) * geo::webmercator::kTileSize;
    const double fit = std::min(std::max(1, width()) / spanX, std::max(1, height()) / spanY);
    whole.zoom = std::clamp(std::log2(fit * 0.95), MapViewport::kMinZoom, MapViewport::kMaxZoom);
    whole.centre = geo::webmercator::unproject((west + east) / 2);
    setViewport(whole);
    m_showingCounty = true;
}

void MapWidget::showBox(const QRectF &lonLatBox)
{
    MapViewport next = m_viewport;
    next.size = size();
    const QPointF northWest = geo::webmercator::project({lonLatBox.left(), lonLatBox.bottom()});
    const QPointF southEast = geo::webmercator::project({lonLatBox.right(), lonLatBox.top()});
    const double spanX
        = std::max(1e-9, (southEast.x() - northWest.x())) * geo::webmercator::kTileSize;
    const double spanY
        = std::max(1e-9, (southEast.y() - northWest.y())) * geo::webmercator::kTileSize;
    const double fit
        = std::min(std::max(1, width() - 120) / spanX, std::max(1, height() - 120) / spanY);
    next.zoom = std::clamp(std::log2(fit), MapViewport::kMinZoom, 15.0);
    next.centre = geo::webmercator::unproject((northWest + southEast) / 2);
    setViewport(next);
}

void MapWidget::centreOn(geo::LonLat position)
{
    MapViewport next = m_viewport;
    next.centre = position;
    setViewport(next);
}

void MapWidget::startDrawing(Drawing drawing)
{
    m_drawing = drawing;
    m_corners.clear();
    m_circleCentre.reset();
    setCursor(drawing == Drawing::None ? Qt::ArrowCursor : Qt::CrossCursor);
    setFocus(Qt::OtherFocusReason);
    update();
    Q_EMIT drawingChanged(drawing);
}

void MapWidget::setQueryArea(const geo::Area &area)
{
    m_queryArea = area;
    update();
}

void MapWidget::finishPolygon()
{
    if (m_corners.size() < 3)
        return;
    geo::Polygon polygon;
    polygon.rings.push_back(m_corners);
    const geo::Area area(tr("Drawn area"), {std::move(polygon)});
    startDrawing(Drawing::None);
    setQueryArea(area);
    Q_EMIT areaDrawn(area);
}

void MapWidget::finishCircle(const QPointF &edge)
{
    const geo::LonLat centre = *m_circleCentre;
    const QPointF middle = m_viewport.toScreen(centre);
    const double pixels = std::hypot(edge.x() - middle.x(), edge.y() - middle.y());
    const double metres = pixels * geo::webmercator::metresPerPixel(centre.lat, m_viewport.zoom);
    if (metres < 1)
        return;
    const geo::Area area
        = geo::Area::circle(tr("Circle of %1 m").arg(qRound(metres)), centre, metres);
    startDrawing(Drawing::None);
    setQueryArea(area);
    Q_EMIT areaDrawn(area);
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_drawing == Drawing::Polygon)
        finishPolygon();
    else
        QWidget::mouseDoubleClickEvent(event);
}

void MapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    m_renderer->render(painter, m_viewport);
    // The query's area, and the one being drawn.
    const QColor ink = palette().color(QPalette::Highlight);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const geo::Polygon &polygon : m_queryArea.polygons()) {
        for (const auto &ring : polygon.rings) {
            QPolygonF outline;
            for (const geo::LonLat &corner : ring)
                outline << m_viewport.toScreen(corner);
            QColor fill = ink;
            fill.setAlphaF(0.15f);
            painter.setBrush(fill);
            painter.setPen(QPen(ink, 2, Qt::DashLine));
            painter.drawPolygon(outline);
        }
    }
    if (m_drawing == Drawing::Polygon && !m_corners.empty()) {
        QPolygonF outline;
        for (const geo::LonLat &corner : m_corners)
            outline << m_viewport.toScreen(corner);
        if (m_cursor)
            outline << m_viewport.toScreen(*m_cursor);
        painter.setPen(QPen(ink, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(outline);
        for (const QPointF &corner : outline)
            painter.drawEllipse(corner, 3, 3);
    }
    if (m_drawing == Drawing::Circle && m_circleCentre && m_cursor) {
        const QPointF middle = m_viewport.toScreen(*m_circleCentre);
        const QPointF edge = m_viewport.toScreen(*m_cursor);
        const double radius = std::hypot(edge.x() - middle.x(), edge.y() - middle.y());
        painter.setPen(QPen(ink, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(middle, radius, radius);
    }
    if (m_cursor) {
        const QLocale locale;
        const QString text = tr("%1° N, %2° E")
                                 .arg(locale.toString(m_cursor->lat, 'f', 5),
                                      locale.toString(m_cursor->lon, 'f', 5));
        const QFontMetrics metrics(font());
        const QRect box(width() - metrics.horizontalAdvance(text) - 16, 8,
                        metrics.horizontalAdvance(text) + 8, metrics.height() + 4);
        painter.fillRect(box, palette().color(QPalette::Base));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(box, Qt::AlignCenter, text);
    }
    if (hasFocus()) {
        QPen focus(palette().color(QPalette::Highlight), 2);
        painter.setPen(focus);
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void MapWidget::resizeEvent(QResizeEvent *)
{
    m_viewport.size = size();
    // Until the user moves the map, it keeps the whole county in view as it is resized.
    if (m_showingCounty)
        showWholeCounty();
}

void MapWidget::mousePressEvent(QMouseEvent *event)
{
    if (m_drawing == Drawing::Circle && event->button() == Qt::LeftButton) {
        m_circleCentre = m_viewport.toLonLat(event->position());
        return;
    }
    if (m_drawing == Drawing::Polygon && event->button() == Qt::LeftButton) {
        // A click near the first corner closes the polygon.
        if (m_corners.size() >= 3) {
            const QPointF first = m_viewport.toScreen(m_corners.front());
            if ((first - event->position()).manhattanLength() < 8) {
                finishPolygon();
                return;
            }
        }
        m_corners.push_back(m_viewport.toLonLat(event->position()));
        update();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        m_dragFrom = event->position();
        m_pressedAt = event->position();
    }
}

void MapWidget::mouseMoveEvent(QMouseEvent *event)
{
    m_cursor = m_viewport.toLonLat(event->position());
    if (m_dragFrom && m_drawing == Drawing::None) {
        setViewport(m_viewport.panned(event->position() - *m_dragFrom));
        m_dragFrom = event->position();
        return;
    }
    update();
}

void MapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drawing == Drawing::Circle && m_circleCentre && event->button() == Qt::LeftButton) {
        finishCircle(event->position());
        return;
    }
    if (m_drawing != Drawing::None)
        return;
    m_dragFrom.reset();
    // A click, not a drag: the event pin under it, if any.
    if (event->button() == Qt::LeftButton
        && (event->position() - m_pressedAt).manhattanLength() < 4) {
        if (const qint64 id = m_renderer->eventAt(m_viewport, event->position()); id != 0)
            Q_EMIT eventClicked(id);
    }
}

void MapWidget::leaveEvent(QEvent *)
{
    m_cursor.reset();
    update();
}

void MapWidget::wheelEvent(QWheelEvent *event)
{
    // A touchpad's two-finger scroll pans; a wheel, or a scroll with Ctrl, zooms.
    if (!event->pixelDelta().isNull() && !(event->modifiers() & Qt::ControlModifier)) {
        setViewport(m_viewport.panned(event->pixelDelta()));
        return;
    }
    const double steps = event->angleDelta().y() / 120.0 * 0.5;
    setViewport(m_viewport.zoomedAt(event->position(), steps));
}

bool MapWidget::event(QEvent *event)
{
    // A touchpad pinch (where the platform sends one): zoom about the fingers.
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            setViewport(m_viewport.zoomedAt(gesture->position(), std::log2(1 + gesture->value())));
            return true;
        }
    }
    return QWidget::event(event);
}

void MapWidget::keyPressEvent(QKeyEvent *event)
{
    const double step = 80;
    const QPointF centre(width() / 2.0, height() / 2.0);
    if (m_drawing != Drawing::None) {
        if (event->key() == Qt::Key_Escape) {
            startDrawing(Drawing::None);
            return;
        }
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            && m_drawing == Drawing::Polygon) {
            finishPolygon();
            return;
        }
    }
    switch (event->key()) {
    case Qt::Key_Left:
        setViewport(m_viewport.panned({step, 0}));
        break;
    case Qt::Key_Right:
        setViewport(m_viewport.panned({-step, 0}));
        break;
    case Qt::Key_Up:
        setViewport(m_viewport.panned({0, step}));
        break;
    case Qt::Key_Down:
        setViewport(m_viewport.panned({0, -step}));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setViewport(m_viewport.zoomedAt(centre, 1));
        break;
    case Qt::Key_Minus:
        setViewport(m_viewport.zoomedAt(centre, -1));
        break;
    case Qt::Key_Home:
        showWholeCounty();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void MapWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_renderer->setDark(models::isDarkPalette(palette()));
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace bv::ui
