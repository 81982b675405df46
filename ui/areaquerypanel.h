// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/clock.h"
#include "geo/area.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace bv::access {
class Session;
}
namespace bv::models {
class AreaListModel;
}

namespace bv::ui {

class MapWidget;

// "Who lives in this area?": an area drawn on the map (a polygon or a circle) or a hazard area
// picked from the list, the flags to look for, the day and the purpose; then the people, with
// why each is listed, those too coarsely located to be sure apart, protected addresses never
// shown. The query is audited with its purpose; the list exports as CSV or GeoJSON.
class AreaQueryPanel final : public QWidget
{
    Q_OBJECT

public:
    AreaQueryPanel(MapWidget *map, const Clock &clock, QWidget *parent = nullptr);

    void setSession(access::Session *session);
    void clearSession();
    // The hazard areas offered in the list (the map's layers, by their features' names).
    void setHazardAreas(std::vector<geo::Area> areas);
    void setArea(const geo::Area &area);
    const geo::Area &area() const { return m_area; }

    // Runs the query; the result is in the table (and the status says how many).
    void run();
    [[nodiscard]] Result<void> exportTo(const QString &path, const QString &format);

    models::AreaListModel *model() const { return m_model; }
    QComboBox *hazardCombo() const { return m_hazards; }
    QLineEdit *purposeEdit() const { return m_purpose; }
    QPushButton *runButton() const { return m_run; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void personActivated(qint64 personId);
    void drawRequested();

private:
    void exportList(const QString &format);
    QStringList chosenFlags() const;
    void updateButtons();

    MapWidget *m_map;
    const Clock &m_clock;
    access::Session *m_session = nullptr;
    geo::Area m_area;
    std::vector<geo::Area> m_hazardAreas;
    QLabel *m_areaLabel = nullptr;
    QPushButton *m_drawPolygon = nullptr;
    QPushButton *m_drawCircle = nullptr;
    QComboBox *m_hazards = nullptr;
    std::vector<QCheckBox *> m_flags;
    QDateEdit *m_asOf = nullptr;
    QLineEdit *m_purpose = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    models::AreaListModel *m_model = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportGeoJson = nullptr;
    QPushButton *m_exportPdf = nullptr;
    QString m_listCriteria; // what the list on show was asked for, as its PDF says
};

} // namespace bv::ui
