// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/webmercator.h"

#include <QDialog>
#include <QPointer>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bv::geo {
class TileFetcher;
}

namespace bv::ui {

// "Save this area for offline use": the map's view at a range of zoom levels, fetched from
// the tile server into the encrypted cache before going where there is no network. The
// estimate (tiles, and megabytes from the tiles cached so far) shows before anything is
// fetched.
class OfflineAreaDialog final : public QDialog
{
    Q_OBJECT

public:
    // The box is the map's view in degrees (west, south, east, north).
    OfflineAreaDialog(geo::TileFetcher *fetcher, const QRectF &box, int zoom,
                      QWidget *parent = nullptr);

    QSpinBox *fromZoom() const { return m_from; }
    QSpinBox *toZoom() const { return m_to; }
    QLabel *estimate() const { return m_estimate; }
    QPushButton *saveButton() const { return m_save; }

    // Esc, Close and the window's close button all stop a save under way.
    void reject() override;

private:
    std::vector<geo::webmercator::TileRange> ranges() const;
    void updateEstimate();
    void save();

    QPointer<geo::TileFetcher> m_fetcher;
    QRectF m_box;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
    QLabel *m_estimate = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_save = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace bv::ui
