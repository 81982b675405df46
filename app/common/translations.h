// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace bv {

// Loads Qt's and Broadview's translations for the user's locale (en_GB is the source, and its
// .qm carries the plural forms). The .qm files are resources of the program, under :/i18n.
void installTranslations(QCoreApplication &app);

} // namespace bv
