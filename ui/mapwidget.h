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
    MapRenderer &renderer() { return *m_renderer; }

    QSize sizeHint() const override { return {640, 480}; }

Q_SIGNALS:
    void viewportChanged(const bv::ui::MapViewport &viewport);
    // An event's pin was clicked (or chosen with Enter while under the pointer).
    void eventClicked(qint64 eventId);

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

private:
    std::shared_ptr<MapRenderer> m_renderer;
    MapViewport m_viewport;
    std::optional<QPointF> m_dragFrom;
    QPointF m_pressedAt;
    std::optional<geo::LonLat> m_cursor;
    bool m_showingCounty = true;
};

} // namespace bv::ui
