// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/areaquerypanel.h"

#include "access/session.h"
#include "geo/arealist.h"
#include "geo/areaquery.h"
#include "geo/postcodeplacement.h"
#include "models/arealistmodel.h"
#include "report/arealistpdf.h"
#include "search/personsearch.h"
#include "ui/mapwidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

namespace bv::ui {

AreaQueryPanel::AreaQueryPanel(MapWidget *map, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_map(map)
    , m_clock(clock)
    , m_model(new models::AreaListModel(this))
{
    m_areaLabel = new QLabel(tr("No area yet: draw one on the map or pick a hazard area."), this);
    m_areaLabel->setWordWrap(true);
    m_areaLabel->setAccessibleName(tr("Area"));
    m_drawPolygon = new QPushButton(tr("Draw an area"), this);
    m_drawPolygon->setAccessibleDescription(
        tr("Click each corner on the map; Enter or a double-click closes the area."));
    m_drawCircle = new QPushButton(tr("Draw a circle"), this);
    m_drawCircle->setAccessibleDescription(
        tr("Press at the centre on the map and drag out the radius."));
    m_hazards = new QComboBox(this);
    m_hazards->setAccessibleName(tr("Hazard area"));
    m_hazards->setAccessibleDescription(tr("Use a hazard area shown on the map as the area."));
    connect(m_drawPolygon, &QPushButton::clicked, this, [this] {
        Q_EMIT drawRequested();
        m_map->startDrawing(MapWidget::Drawing::Polygon);
    });
    connect(m_drawCircle, &QPushButton::clicked, this, [this] {
        Q_EMIT drawRequested();
        m_map->startDrawing(MapWidget::Drawing::Circle);
    });
    connect(m_map, &MapWidget::areaDrawn, this, &AreaQueryPanel::setArea);
    connect(m_hazards, &QComboBox::activated, this, [this](int index) {
        const int area = m_hazards->itemData(index).toInt();
        if (area == -1) { // every hazard area together
            std::vector<geo::Polygon> polygons;
            for (const geo::Area &each : m_hazardAreas)
                polygons.insert(polygons.end(), each.polygons().cbegin(), each.polygons().cend());
            setArea(geo::Area(tr("All hazard areas"), std::move(polygons)));
        } else if (area >= 0 && std::size_t(area) < m_hazardAreas.size()) {
            setArea(m_hazardAreas[std::size_t(area)]);
        }
    });

    auto *flags = new QHBoxLayout;
    for (const char *kind :
         {"vulnerable_adult", "child_protection_plan", "looked_after", "marac", "risk_to_staff"}) {
        auto *box = new QCheckBox(search::flagLabel(QString::fromLatin1(kind)), this);
        box->setProperty("flag", QString::fromLatin1(kind));
        box->setChecked(QLatin1String(kind) == QLatin1String("vulnerable_adult"));
        flags->addWidget(box);
        m_flags.push_back(box);
    }
    flags->addStretch(1);
    m_asOf = new QDateEdit(this);
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_asOf->setAccessibleName(tr("Living there on"));
    m_asOf->setAccessibleDescription(tr("The day whose addresses count, as day/month/year."));
    m_purpose = new QLineEdit(this);
    m_purpose->setAccessibleName(tr("Purpose"));
    m_purpose->setAccessibleDescription(
        tr("Why you are asking: recorded in the audit with the people listed."));
    m_purpose->setPlaceholderText(tr("For example: flood warning for the lower Yare"));
    m_run = new QPushButton(tr("&Find people"), this);
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &AreaQueryPanel::run);
    connect(m_purpose, &QLineEdit::textChanged, this, &AreaQueryPanel::updateButtons);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Area query status"));
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("People in the area"));
    m_table->setAccessibleDescription(
        tr("Each person listed, where (inside, too coarsely located to be sure, or at a "
           "protected address), their flags, how precisely they are located and since when; "
           "why each is listed is in the tooltip. Press Enter to open one."));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT personActivated(index.data(models::AreaListModel::PersonIdRole).toLongLong());
    });
    m_exportCsv = new QPushButton(tr("Export CSV…"), this);
    m_exportGeoJson = new QPushButton(tr("Export GeoJSON…"), this);
    m_exportGeoJson->setAccessibleDescription(tr("For the GIS tools fire and police use."));
    connect(m_exportCsv, &QPushButton::clicked, this,
            [this] { exportList(QStringLiteral("csv")); });
    connect(m_exportGeoJson, &QPushButton::clicked, this,
            [this] { exportList(QStringLiteral("geojson")); });
    m_exportPdf = new QPushButton(tr("Export PDF…"), this);
    m_exportPdf->setAccessibleDescription(
        tr("A marked document for a meeting or briefing; protected addresses are never shown."));
    connect(m_exportPdf, &QPushButton::clicked, this,
            [this] { exportList(QStringLiteral("pdf")); });

    auto *draw = new QHBoxLayout;
    draw->addWidget(m_drawPolygon);
    draw->addWidget(m_drawCircle);
    draw->addWidget(m_hazards, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Flags:"), flags);
    form->addRow(tr("Living there on:"), m_asOf);
    form->addRow(tr("Purpose:"), m_purpose);
    auto *exports = new QHBoxLayout;
    exports->addWidget(m_exportCsv);
    exports->addWidget(m_exportGeoJson);
    exports->addWidget(m_exportPdf);
    exports->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_areaLabel);
    layout->addLayout(draw);
    layout->addLayout(form);
    layout->addWidget(m_run);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addLayout(exports);
    updateButtons();
}

void AreaQueryPanel::setSession(access::Session *session)
{
    m_session = session;
    m_asOf->setDate(m_clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date());
    m_model->clear();
    m_status->clear();
    updateButtons();
}

void AreaQueryPanel::clearSession()
{
    m_session = nullptr;
    m_model->clear();
    m_status->clear();
    m_purpose->clear();
    updateButtons();
}

void AreaQueryPanel::setHazardAreas(std::vector<geo::Area> areas)
{
    m_hazardAreas = std::move(areas);
    m_hazards->clear();
    m_hazards->addItem(tr("Or pick a hazard area…"), -2);
    if (!m_hazardAreas.empty())
        m_hazards->addItem(tr("All hazard areas (%1)").arg(m_hazardAreas.size()), -1);
    for (std::size_t i = 0; i < m_hazardAreas.size(); ++i)
        m_hazards->addItem(m_hazardAreas[i].name(), int(i));
    m_hazards->setEnabled(!m_hazardAreas.empty());
}

void AreaQueryPanel::setArea(const geo::Area &area)
{
    m_area = area;
    m_map->setQueryArea(area);
    m_areaLabel->setText(
        tr("Area: %1 (%n corner(s))", nullptr, int(area.vertexCount())).arg(area.name()));
    updateButtons();
}

QStringList AreaQueryPanel::chosenFlags() const
{
    QStringList kinds;
    for (const QCheckBox *box : m_flags) {
        if (box->isChecked())
            kinds << box->property("flag").toString();
    }
    return kinds;
}

void AreaQueryPanel::updateButtons()
{
    const bool ready = m_session && !m_area.isEmpty();
    m_run->setEnabled(ready && !m_purpose->text().trimmed().isEmpty());
    m_run->setToolTip(!ready ? tr("Draw or pick an area first.")
                      : m_purpose->text().trimmed().isEmpty()
                          ? tr("Say why you are asking: it is recorded in the audit.")
                          : QString());
    const bool listed = m_model->rowCount() > 0;
    m_exportCsv->setEnabled(listed);
    m_exportGeoJson->setEnabled(listed);
    m_exportPdf->setEnabled(listed);
}

void AreaQueryPanel::run()
{
    if (!m_session || m_area.isEmpty() || m_purpose->text().trimmed().isEmpty())
        return;
    // Addresses with only a postcode are placed first (once per store).
    if (auto placed = geo::placeAddressesByPostcode(m_session->database()); !placed.ok())
        spdlog::error("placing addresses by postcode failed (error code {})",
                      static_cast<int>(placed.error().code));
    access::AccessContext context = m_session->context();
    context.purpose = m_purpose->text().trimmed();
    geo::AreaQueryOptions options;
    options.flags = chosenFlags();
    options.asOf = m_asOf->date();
    auto result
        = geo::AreaQuery::run(m_session->database(), m_session->audit(), context, m_area, options);
    if (!result.ok()) {
        m_status->setText(tr("The query failed: %1").arg(result.error().message));
        return;
    }
    QString status = tr("%1 inside; %2 too coarsely located to be sure (listed after them); "
                        "%3 at protected addresses (contact the agency named).")
                         .arg(result->inside())
                         .arg(result->uncertain())
                         .arg(result->protectedAddresses());
    // Not dropped silently: people whose current address has no position cannot be placed.
    if (result->unplaced > 0)
        status += QLatin1Char(' ')
                  + tr("%n more had a located address in the area, but where they live now has no "
                       "position (no UPRN or known postcode), so they could not be placed.",
                       nullptr, int(result->unplaced));
    m_status->setText(status);
    QStringList flagLabels;
    for (const QString &kind : options.flags)
        flagLabels << search::flagLabel(kind);
    m_listCriteria
        = tr("%1, living there on %2")
              .arg(flagLabels.isEmpty() ? tr("Everyone") : flagLabels.join(QStringLiteral(", ")),
                   options.asOf.toString(QStringLiteral("dd/MM/yyyy")));
    m_model->setResult(std::move(result.value()));
    updateButtons();
}

Result<void> AreaQueryPanel::exportTo(const QString &path, const QString &format)
{
    if (!m_session)
        return makeError(ErrorCode::Usage, tr("Unlock a store first."));
    const report::DocumentProvenance provenance{m_session->context().user, m_clock.nowUtc(),
                                                m_purpose->text().trimmed()};
    // Who the file lists is already in the query's audit entry; the export is recorded too.
    const auto audit = [this, &format]() -> Result<void> {
        auto audited = m_session->audit().append(
            m_session->context(),
            {QStringLiteral("area.export"), QStringLiteral("area"),
             QStringLiteral("format=%1 persons=%2").arg(format).arg(m_model->rowCount())});
        if (!audited.ok())
            return audited.error();
        return {};
    };
    if (format == QLatin1String("pdf"))
        return report::writeAreaListPdf(path, m_model->result(), m_listCriteria, provenance, audit);
    const QByteArray bytes = format == QLatin1String("geojson")
                                 ? geo::areaListGeoJson(m_model->result(), provenance)
                                 : geo::areaListCsv(m_model->result(), provenance);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    // Audited before the file takes its place: an export the audit cannot record is not made.
    BV_TRY(audit());
    if (!file.commit())
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void AreaQueryPanel::exportList(const QString &format)
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the list"), QString(),
        format == QLatin1String("geojson") ? tr("GeoJSON (*.geojson)")
        : format == QLatin1String("pdf")   ? tr("PDF (*.pdf)")
                                           : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto written = exportTo(path, format); !written.ok())
        QMessageBox::warning(this, tr("Broadview"), written.error().message);
    else
        m_status->setText(tr("Exported the list to %1").arg(path));
}

} // namespace bv::ui
