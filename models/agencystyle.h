// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace bv::models {

// How an agency is marked wherever it appears: a colour and a short name, always together
// (colour alone says nothing to a reader who cannot tell the colours apart, or to a screen
// reader). The colours are the Okabe-Ito set, told apart with every common colour blindness;
// each has at least 4.5:1 contrast against white text in its badge, or is drawn with dark text.
struct AgencyStyle
{
    QColor colour;
    QColor text;   // for text drawn on the colour
    QString badge; // the short name in the badge ("Police", "Children's SC")
};

[[nodiscard]] AgencyStyle agencyStyle(const QString &agency);

} // namespace bv::models
