// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QTextStream>

#include <memory>

namespace bv::ui {

// A QApplication with Broadview's style, icon and translations. `argc` must outlive it.
std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv);

// Keeps the application palette at WCAG AA contrast from now on, as the system's palette
// changes (createApplication does this).
void keepPaletteReadable(QCoreApplication &app);

// Runs the app: the unlock-or-create dialog, then the main window. With `demo`, the demo
// store is prepared first (cli::DemoCommand) and the window opens on it directly.
int runGui(QCoreApplication &app, bool demo, QTextStream &out, QTextStream &err);

} // namespace bv::ui
