// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "ui/basemapcontroller.h"

#include <QDialog>

#include <functional>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;

namespace bv::ui {

// Settings > Base map: the shipped offline map (the default), an MBTiles file, a tile folder,
// or a tile server. OK tries the choice first; a source that does not open keeps the dialog
// open with the reason, and nothing changes.
class BaseMapDialog final : public QDialog
{
    Q_OBJECT

public:
    using Apply = std::function<Result<void>(const BaseMapChoice &)>;
    BaseMapDialog(const BaseMapChoice &current, Apply apply, QWidget *parent = nullptr);

    BaseMapChoice choice() const;

    void accept() override;

private:
    void updateEnabled();

    Apply m_apply;
    QButtonGroup *m_kinds = nullptr;
    QLineEdit *m_mbtiles = nullptr;
    QLineEdit *m_folder = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_attribution = nullptr;
    QPushButton *m_browseMbtiles = nullptr;
    QPushButton *m_browseFolder = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace bv::ui
