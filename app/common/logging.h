// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <spdlog/common.h>

namespace bv {

// Logging for the whole process, set up once by the composition root (main.cpp): a rotating
// file in the user's data location, stderr for the CLI, and Qt's own messages routed in.
// Logs carry ids and counts only, never names, dates of birth, addresses or free text.
struct LoggingOptions
{
    spdlog::level::level_enum level = spdlog::level::info;
    bool toStderr = false;
    // Without an explicit level, stderr shows warnings and errors only, so a command's own
    // output is not buried; the file keeps `level`.
    bool explicitLevel = false;
    QString directory; // empty: no file (tests)
};

// `flag` (--log-level) wins over BROADVIEW_LOG_LEVEL; both accept trace..critical and off.
std::optional<spdlog::level::level_enum> parseLogLevel(const QString &name);
spdlog::level::level_enum resolveLogLevel(const QString &flag, spdlog::level::level_enum fallback);

void setUpLogging(const LoggingOptions &options);
QString defaultLogDirectory();

} // namespace bv
