// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/maprenderer.h"
#include "ui/mapviewport.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace bv::ui {

// The map on screen: drag or arrow keys to pan, the wheel, + and - or a touchpad pinch to zoom
// (a two-finger scroll pans), Home for the whole county; the position under the pointer shows
// in a corner. It draws through MapRenderer, as the PNG export and the tests do.
class MapWidget final : public QWidget
{
    Q_OBJECT

public:
    MapWidget(std::shared_ptr<MapRenderer> renderer, QWidget *parent = nullptr);

    const MapViewport &viewport() const { return m_viewport; }
    void setViewport(const MapViewport &viewport);
    void showWholeCounty();
    // Fits a box (west, south, east, north as x and y) with a margin, no closer than zoom 15.
    void showBox(const QRectF &lonLatBox);
    void centreOn(geo::LonLat position);

    // Drawing an area for the area query: a polygon (click each corner; Enter, a double-click
    // or a click on the first corner closes it) or a circle (press at the centre, drag out the
    // radius). Escape stops drawing. The finished area is emitted and stays outlined.
    enum class Drawing { None, Polygon, Circle };
    void startDrawing(Drawing drawing);
    Drawing drawing() const { return m_drawing; }
    // The area outlined on the map (drawn, or picked elsewhere); empty to clear it.
    void setQueryArea(const geo::Area &area);
    const geo::Area &queryArea() const { return m_queryArea; }
    MapRenderer &renderer() { return *m_renderer; }

    QSize sizeHint() const override { return {640, 480}; }

Q_SIGNALS:
    void viewportChanged(const bv::ui::MapViewport &viewport);
    // An event's pin was clicked (or chosen with Enter while under the pointer).
    void eventClicked(qint64 eventId);
    void areaDrawn(const bv::geo::Area &area);
    void drawingChanged(bv::ui::MapWidget::Drawing drawing);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    std::shared_ptr<MapRenderer> m_renderer;
    MapViewport m_viewport;
    std::optional<QPointF> m_dragFrom;
    QPointF m_pressedAt;
    std::optional<geo::LonLat> m_cursor;
    bool m_showingCounty = true;
    void finishPolygon();
    void finishCircle(const QPointF &edge);
    Drawing m_drawing = Drawing::None;
    std::vector<geo::LonLat> m_corners; // of the polygon being drawn
    std::optional<geo::LonLat> m_circleCentre;
    geo::Area m_queryArea;
};

} // namespace bv::ui
