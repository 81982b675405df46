// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
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

// dark: for a dark palette, where the navy of the police would vanish against the base; it
// becomes a light blue with dark text.
[[nodiscard]] AgencyStyle agencyStyle(const QString &agency, bool dark = false);

// Whether a palette is dark (light text on a dark window): Qt 6.4 has no colour-scheme API,
// so it is read from the palette itself.
[[nodiscard]] bool isDarkPalette(const QPalette &palette);

} // namespace bv::models
