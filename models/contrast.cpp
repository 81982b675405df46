// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/contrast.h"

#include <algorithm>
#include <cmath>

namespace bv::models {

namespace {

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF())
           + 0.0722 * linear(rgb.blueF());
}

QColor mixed(const QColor &from, const QColor &to, double amount)
{
    const auto mix = [amount](float a, float b) {
        return a + (b - a) * float(amount);
    };
    return QColor::fromRgbF(mix(from.redF(), to.redF()), mix(from.greenF(), to.greenF()),
                            mix(from.blueF(), to.blueF()));
}

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor withContrast(const QColor &colour, const QColor &against, double minimum)
{
    if (contrastRatio(colour, against) >= minimum)
        return colour;
    // Away from the background: darker on a light one, lighter on a dark one.
    const QColor target = luminance(against) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    QColor best = target;
    // The ratio grows with the amount, so halve towards the least amount that reaches it.
    double low = 0.0;
    double high = 1.0;
    for (int step = 0; step < 20; ++step) {
        const double middle = (low + high) / 2;
        const QColor candidate = mixed(colour, target, middle);
        if (contrastRatio(candidate, against) >= minimum) {
            best = candidate;
            high = middle;
        } else {
            low = middle;
        }
    }
    return best;
}

QPalette readablePalette(const QPalette &palette)
{
    QPalette readable = palette;
    // Only a role that fails is set, so the others keep following the system's palette.
    const auto ensure
        = [&](QPalette::ColorGroup group, QPalette::ColorRole role, const QColor &against) {
              const QColor colour = palette.color(group, role);
              const QColor fixed = withContrast(colour, against, kTextContrast);
              if (fixed != colour)
                  readable.setColor(group, role, fixed);
          };
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        const QColor base = palette.color(group, QPalette::Base);
        // The highlight moves, not its text, so selected rows keep the system's white or black.
        ensure(group, QPalette::Highlight, palette.color(group, QPalette::HighlightedText));
        for (const auto role :
             {QPalette::Text, QPalette::PlaceholderText, QPalette::Link, QPalette::LinkVisited})
            ensure(group, role, base);
        ensure(group, QPalette::WindowText, palette.color(group, QPalette::Window));
        ensure(group, QPalette::ButtonText, palette.color(group, QPalette::Button));
    }
    return readable;
}

QColor secondaryText(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const QColor alternate = palette.color(QPalette::AlternateBase);
    // Three quarters of the way from the base, then nearer the text if that is not enough
    // on either background.
    QColor quiet = mixed(base, text, 0.75);
    quiet = withContrast(quiet, base, kTextContrast);
    return withContrast(quiet, alternate, kTextContrast);
}

} // namespace bv::models
