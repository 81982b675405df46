// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/agencystyle.h"

#include <QCoreApplication>

namespace bv::models {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness()
           < palette.color(QPalette::WindowText).lightness();
}

AgencyStyle agencyStyle(const QString &agency, bool dark)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("bv::models::AgencyStyle", text);
    };
    const QColor white(Qt::white);
    const QColor black(Qt::black);
    if (agency == QLatin1String("health"))
        return {QColor(0x00, 0x72, 0xB2), white, tr("Health")};
    if (agency == QLatin1String("police"))
        return dark ? AgencyStyle{QColor(0x7F, 0xB2, 0xE5), black, tr("Police")}
                    : AgencyStyle{QColor(0x00, 0x33, 0x66), white, tr("Police")};
    if (agency == QLatin1String("fire"))
        return {QColor(0xD5, 0x5E, 0x00), black, tr("Fire")};
    if (agency == QLatin1String("childrens_social_care"))
        return {QColor(0xCC, 0x79, 0xA7), black, tr("Children's SC")};
    if (agency == QLatin1String("adult_social_care"))
        return {QColor(0x00, 0x9E, 0x73), black, tr("Adult SC")};
    if (agency == QLatin1String("education"))
        return {QColor(0xE6, 0x9F, 0x00), black, tr("Education")};
    if (agency == QLatin1String("housing"))
        return {QColor(0x56, 0xB4, 0xE9), black, tr("Housing")};
    return {QColor(0x60, 0x60, 0x60), white, agency};
}

} // namespace bv::models
