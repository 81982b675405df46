// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/logging.h"

#include <QDir>
#include <QStandardPaths>
#include <QtGlobal>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <vector>

namespace bv {

namespace {

void routeQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const std::string category = context.category ? context.category : "qt";
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        spdlog::info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        spdlog::warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
        spdlog::error("[{}] {}", category, text);
        break;
    case QtFatalMsg:
        spdlog::critical("[{}] {}", category, text);
        spdlog::shutdown();
        break;
    }
}

} // namespace

std::optional<spdlog::level::level_enum> parseLogLevel(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower.isEmpty())
        return std::nullopt;
    const auto level = spdlog::level::from_str(lower.toStdString());
    // from_str answers "off" for anything it does not know; only "off" itself means off.
    if (level == spdlog::level::off && lower != QLatin1String("off"))
        return std::nullopt;
    return level;
}

spdlog::level::level_enum resolveLogLevel(const QString &flag, spdlog::level::level_enum fallback)
{
    if (auto level = parseLogLevel(flag))
        return *level;
    if (auto level = parseLogLevel(qEnvironmentVariable("BROADVIEW_LOG_LEVEL")))
        return *level;
    return fallback;
}

QString defaultLogDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/logs");
}

void setUpLogging(const LoggingOptions &options)
{
    std::vector<spdlog::sink_ptr> sinks;
    if (options.toStderr) {
        auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        sink->set_level(options.explicitLevel ? options.level
                                              : std::max(options.level, spdlog::level::warn));
        sinks.push_back(sink);
    }
    if (!options.directory.isEmpty() && QDir().mkpath(options.directory)) {
        constexpr std::size_t kFileBytes = 5 * 1024 * 1024;
        constexpr std::size_t kFiles = 5;
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                QString(options.directory + QStringLiteral("/broadview.log")).toStdString(),
                kFileBytes, kFiles));
        } catch (const spdlog::spdlog_ex &error) {
            // Keep going on stderr alone: a full disk must not stop a user reaching their data.
            if (options.toStderr)
                std::fprintf(stderr, "broadview: log file unavailable: %s\n", error.what());
        }
    }
    auto logger = std::make_shared<spdlog::logger>("broadview", sinks.begin(), sinks.end());
    logger->set_level(options.level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ [%t] %v");
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    qInstallMessageHandler(routeQtMessage);
}

} // namespace bv
