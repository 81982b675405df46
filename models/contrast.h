// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>

namespace bv::models {

// WCAG 2.2 AA: 4.5:1 for text, 3:1 for large text and the parts of controls.
inline constexpr double kTextContrast = 4.5;

// The WCAG contrast ratio of two opaque colours, from 1 to 21.
[[nodiscard]] double contrastRatio(const QColor &a, const QColor &b);

// `colour` moved towards black or white, whichever leaves `against` further behind, just far
// enough to reach `minimum` (or as far as it goes).
[[nodiscard]] QColor withContrast(const QColor &colour, const QColor &against, double minimum);

// The palette with every pair of text and its background at AA contrast at least: selected
// rows (Fusion's highlight is 3.7:1 against white text), placeholder text, links. Roles already
// readable are left as the system gave them; disabled text is exempt, as WCAG exempts it.
[[nodiscard]] QPalette readablePalette(const QPalette &palette);

// Text that says less than the title, still at AA contrast on the base and alternate base:
// most of the way from the base to the text colour.
[[nodiscard]] QColor secondaryText(const QPalette &palette);

} // namespace bv::models
