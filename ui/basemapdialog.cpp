// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/basemapdialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace bv::ui {

BaseMapDialog::BaseMapDialog(const BaseMapChoice &current, Apply apply, QWidget *parent)
    : QDialog(parent)
    , m_apply(std::move(apply))
{
    setWindowTitle(tr("Base map"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Broadview's own map of the county works with no network. Raster tiles can be drawn "
           "over it instead: from a file or folder on this computer, or from a tile server. "
           "Tiles fetched from a server are kept encrypted with the store, since they show "
           "which streets were looked at."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_kinds = new QButtonGroup(this);
    auto *grid = new QGridLayout;
    const auto addKind = [&](BaseMapChoice::Kind kind, const QString &label, int row) {
        auto *button = new QRadioButton(label, this);
        m_kinds->addButton(button, int(kind));
        grid->addWidget(button, row, 0, 1, 3);
        return button;
    };
    addKind(BaseMapChoice::Kind::Vector, tr("&Offline county map (shipped with Broadview)"), 0);

    addKind(BaseMapChoice::Kind::MbTiles, tr("&MBTiles file"), 1);
    m_mbtiles = new QLineEdit(current.path, this);
    m_mbtiles->setAccessibleName(tr("MBTiles file"));
    m_mbtiles->setAccessibleDescription(tr("An .mbtiles file of raster tiles (PNG, JPEG or WebP)"));
    m_browseMbtiles = new QPushButton(tr("Browse…"), this);
    m_browseMbtiles->setAccessibleName(tr("Choose an MBTiles file"));
    grid->addWidget(m_mbtiles, 2, 1);
    grid->addWidget(m_browseMbtiles, 2, 2);

    addKind(BaseMapChoice::Kind::Folder, tr("Tile &folder ({z}/{x}/{y}.png)"), 3);
    m_folder = new QLineEdit(current.path, this);
    m_folder->setAccessibleName(tr("Tile folder"));
    m_folder->setAccessibleDescription(
        tr("A folder of zoom folders holding tiles as {z}/{x}/{y}.png, .jpg or .webp"));
    m_browseFolder = new QPushButton(tr("Browse…"), this);
    m_browseFolder->setAccessibleName(tr("Choose a tile folder"));
    grid->addWidget(m_folder, 4, 1);
    grid->addWidget(m_browseFolder, 4, 2);

    addKind(BaseMapChoice::Kind::Server, tr("Tile &server"), 5);
    auto *serverForm = new QFormLayout;
    m_server = new QLineEdit(current.server, this);
    m_server->setPlaceholderText(QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png"));
    m_server->setAccessibleName(tr("Tile server address"));
    m_server->setAccessibleDescription(
        tr("An https address with {z}, {x} and {y} (or {-y} for rows from the south)"));
    m_attribution = new QLineEdit(current.attribution, this);
    m_attribution->setPlaceholderText(tr("As the tiles' licence requires, e.g. © OpenStreetMap "
                                         "contributors"));
    m_attribution->setAccessibleName(tr("Attribution"));
    m_attribution->setAccessibleDescription(tr("Drawn on the map under the tiles"));
    serverForm->addRow(tr("Address:"), m_server);
    serverForm->addRow(tr("Attribution:"), m_attribution);
    grid->addLayout(serverForm, 6, 1, 1, 2);
    grid->setColumnMinimumWidth(0, 24);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    if (current.kind == BaseMapChoice::Kind::MbTiles)
        m_folder->clear();
    else if (current.kind == BaseMapChoice::Kind::Folder)
        m_mbtiles->clear();
    else {
        m_mbtiles->clear();
        m_folder->clear();
    }
    m_kinds->button(int(current.kind))->setChecked(true);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAccessibleName(tr("Why the base map did not open"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &BaseMapDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kinds, &QButtonGroup::idToggled, this, [this] { updateEnabled(); });
    connect(m_browseMbtiles, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose an MBTiles file"), m_mbtiles->text(), tr("MBTiles (*.mbtiles)"));
        if (!path.isEmpty())
            m_mbtiles->setText(path);
    });
    connect(m_browseFolder, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getExistingDirectory(this, tr("Choose a tile folder"), m_folder->text());
        if (!path.isEmpty())
            m_folder->setText(path);
    });
    updateEnabled();
    resize(560, sizeHint().height());
}

void BaseMapDialog::updateEnabled()
{
    const auto kind = BaseMapChoice::Kind(m_kinds->checkedId());
    m_mbtiles->setEnabled(kind == BaseMapChoice::Kind::MbTiles);
    m_browseMbtiles->setEnabled(kind == BaseMapChoice::Kind::MbTiles);
    m_folder->setEnabled(kind == BaseMapChoice::Kind::Folder);
    m_browseFolder->setEnabled(kind == BaseMapChoice::Kind::Folder);
    m_server->setEnabled(kind == BaseMapChoice::Kind::Server);
    m_attribution->setEnabled(kind == BaseMapChoice::Kind::Server);
}

BaseMapChoice BaseMapDialog::choice() const
{
    BaseMapChoice choice;
    choice.kind = BaseMapChoice::Kind(m_kinds->checkedId());
    if (choice.kind == BaseMapChoice::Kind::MbTiles)
        choice.path = m_mbtiles->text().trimmed();
    else if (choice.kind == BaseMapChoice::Kind::Folder)
        choice.path = m_folder->text().trimmed();
    choice.server = m_server->text().trimmed();
    choice.attribution = m_attribution->text().trimmed();
    return choice;
}

void BaseMapDialog::accept()
{
    if (auto applied = m_apply(choice()); !applied.ok()) {
        m_error->setText(applied.error().message);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace bv::ui
