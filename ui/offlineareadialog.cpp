// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/offlineareadialog.h"

#include "geo/tilefetcher.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

namespace bv::ui {

OfflineAreaDialog::OfflineAreaDialog(geo::TileFetcher *fetcher, const QRectF &box, int zoom,
                                     QWidget *parent)
    : QDialog(parent)
    , m_fetcher(fetcher)
    , m_box(box)
{
    setWindowTitle(tr("Save this area for offline use"));
    auto *layout = new QVBoxLayout(this);
    const double kmWide
        = box.width() * 111.32 * std::cos(box.center().y() * std::numbers::pi / 180.0);
    const double kmHigh = box.height() * 110.57;
    auto *what = new QLabel(
        tr("The map's view, about %1 km by %2 km, is fetched from %3 and kept encrypted with "
           "this store, so the map shows it with no network. Save only what the work needs: "
           "tile servers limit how much may be fetched.")
            .arg(QLocale().toString(kmWide, 'f', 1), QLocale().toString(kmHigh, 'f', 1),
                 fetcher->server().urlFor({0, 0, 0}).host()),
        this);
    what->setWordWrap(true);
    layout->addWidget(what);

    auto *form = new QFormLayout;
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    for (QSpinBox *spin : {m_from, m_to})
        spin->setRange(0, 19);
    m_from->setValue(std::clamp(zoom, 0, 19));
    m_to->setValue(std::clamp(zoom + 3, 0, 19));
    m_from->setAccessibleName(tr("From zoom level"));
    m_to->setAccessibleName(tr("To zoom level"));
    m_from->setAccessibleDescription(tr("The coarsest level saved"));
    m_to->setAccessibleDescription(tr("The finest level saved: 16 shows streets, 18 buildings"));
    form->addRow(tr("From zoom level:"), m_from);
    form->addRow(tr("To zoom level:"), m_to);
    layout->addLayout(form);

    m_estimate = new QLabel(this);
    m_estimate->setWordWrap(true);
    m_estimate->setAccessibleName(tr("Estimate"));
    layout->addWidget(m_estimate);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Tiles saved"));
    m_progress->hide();
    layout->addWidget(m_progress);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    connect(m_save, &QPushButton::clicked, this, &OfflineAreaDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OfflineAreaDialog::reject);
    connect(m_from, &QSpinBox::valueChanged, this, &OfflineAreaDialog::updateEstimate);
    connect(m_to, &QSpinBox::valueChanged, this, &OfflineAreaDialog::updateEstimate);
    connect(fetcher, &geo::TileFetcher::saveProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(fetcher, &geo::TileFetcher::saveFinished, this,
            [this](qint64 saved, qint64 failed, const QString &error) {
                m_progress->hide();
                QString text = tr("%n tile(s) saved.", nullptr, int(saved));
                if (failed > 0)
                    text += QLatin1Char(' ')
                            + tr("%n the server did not have.", nullptr, int(failed));
                if (!error.isEmpty())
                    text += QLatin1Char(' ') + error;
                m_estimate->setText(text);
                m_from->setEnabled(true);
                m_to->setEnabled(true);
                m_save->setEnabled(true);
            });
    updateEstimate();
    resize(460, sizeHint().height());
}

std::vector<geo::webmercator::TileRange> OfflineAreaDialog::ranges() const
{
    std::vector<geo::webmercator::TileRange> ranges;
    for (int zoom = std::min(m_from->value(), m_to->value());
         zoom <= std::max(m_from->value(), m_to->value()); ++zoom)
        ranges.push_back(geo::webmercator::tilesCovering(m_box.left(), m_box.top(), m_box.right(),
                                                         m_box.bottom(), zoom));
    return ranges;
}

void OfflineAreaDialog::updateEstimate()
{
    if (!m_fetcher)
        return;
    auto plan = m_fetcher->planSave(ranges());
    if (!plan.ok()) {
        m_estimate->setText(plan.error().message);
        m_save->setEnabled(false);
        return;
    }
    const QLocale locale;
    m_estimate->setText(
        tr("%1 tiles, %2 of them not saved yet: about %3 to fetch.")
            .arg(locale.toString(plan.value().tiles), locale.toString(plan.value().toFetch),
                 locale.formattedDataSize(plan.value().bytes, 1, QLocale::DataSizeSIFormat)));
    m_save->setEnabled(plan.value().toFetch > 0);
}

void OfflineAreaDialog::reject()
{
    if (m_fetcher && m_fetcher->isSaving())
        m_fetcher->cancelSave();
    QDialog::reject();
}

void OfflineAreaDialog::save()
{
    if (!m_fetcher)
        return;
    auto started = m_fetcher->saveArea(ranges());
    if (!started.ok()) {
        m_estimate->setText(started.error().message);
        return;
    }
    if (!m_fetcher->isSaving())
        return; // nothing to fetch: saveFinished has said so
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_save->setEnabled(false);
    m_progress->show();
}

} // namespace bv::ui
