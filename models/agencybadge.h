// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QPainterPath>
#include <QString>

class QFont;
class QPainter;
class QRectF;

namespace bv::models {

// Each agency's pictogram in a 16 x 16 box: a cross for health, a shield for police, a flame
// for fire, an adult and a child for children's social care, a heart for adult social care,
// a mortarboard for education and a house for housing. The badge shows it beside the name,
// so agencies are told apart by colour, shape and word.
[[nodiscard]] QPainterPath agencyGlyph(const QString &agency);

// The badge: the agency's colour, its pictogram and its short name, drawn in `badge`.
void paintAgencyBadge(QPainter &painter, const QRectF &badge, const QString &agency, bool dark,
                      const QFont &font);
// The width a badge needs for `text` in `font` (pictogram and margins included).
[[nodiscard]] int agencyBadgeWidth(const QString &text, const QFont &font);

// The pictogram on the agency's colour, drawn at whatever size is asked (crisp at any DPI),
// for item views.
[[nodiscard]] QIcon agencyIcon(const QString &agency, bool dark);

} // namespace bv::models
