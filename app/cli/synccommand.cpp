// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/synccommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "feeds/syncengine.h"
#include "sync/storerefresh.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <unistd.h>

namespace bv::cli {

QString SyncCommand::summary() const
{
    return QObject::tr("Bring the store up to date with the agency feeds listed in feeds.json.");
}

void SyncCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    addJsonOption(parser);
    parser.addOption({QStringLiteral("feeds"), QObject::tr("The feeds file (feeds.json)."),
                      QObject::tr("FILE")});
    parser.addOption({QStringLiteral("feed"),
                      QObject::tr("Sync only this feed (may be given more than once)."),
                      QObject::tr("ID")});
}

namespace {

QJsonObject summaryJson(const feeds::FeedSyncSummary &summary)
{
    QJsonObject object{{QStringLiteral("feed"), summary.feedId},
                       {QStringLiteral("ok"), summary.ok()},
                       {QStringLiteral("pages"), qint64(summary.pages)},
                       {QStringLiteral("records"), qint64(summary.records)},
                       {QStringLiteral("written"), qint64(summary.written)},
                       {QStringLiteral("unchanged"), qint64(summary.unchanged)},
                       {QStringLiteral("removed"), qint64(summary.removed)},
                       {QStringLiteral("quarantined"), qint64(summary.rejected)},
                       {QStringLiteral("retries"), summary.retries},
                       {QStringLiteral("elapsed_ms"), summary.elapsedMs}};
    if (summary.error)
        object.insert(QStringLiteral("error"), summary.error->message);
    return object;
}

QString summaryLine(const feeds::FeedSyncSummary &summary)
{
    const QLocale locale;
    if (!summary.ok())
        return QObject::tr("%1: stopped after pages: %2 (rows written: %3): %4")
            .arg(summary.feedId)
            .arg(summary.pages)
            .arg(locale.toString(qint64(summary.written)))
            .arg(summary.error->message);
    return QObject::tr("%1: pages %2, source records %3; rows written %4, unchanged %5, "
                       "removed %6; quarantined %7; retries %8; %9 s")
        .arg(summary.feedId)
        .arg(summary.pages)
        .arg(locale.toString(qint64(summary.records)))
        .arg(locale.toString(qint64(summary.written)))
        .arg(locale.toString(qint64(summary.unchanged)))
        .arg(locale.toString(qint64(summary.removed)))
        .arg(locale.toString(qint64(summary.rejected)))
        .arg(summary.retries)
        .arg(double(summary.elapsedMs) / 1000.0, 0, 'f', 1);
}

} // namespace

int SyncCommand::syncAndReport(access::Session &session,
                               const std::vector<feeds::FeedConfig> &feeds, CommandIo &io,
                               bool json)
{
    feeds::SyncEngine engine(session.database(), feeds::storeSecretLookup(session.database()),
                             io.clock);
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && !json;
    if (terminal) {
        engine.setProgressHandler([&io](const feeds::SyncProgress &progress) {
            io.err << '\r'
                   << QObject::tr("%1 %2: pages %3, source records %4")
                          .arg(progress.feedId, progress.stream)
                          .arg(progress.pages)
                          .arg(progress.records)
                   << QStringLiteral("\x1b[K");
            io.err.flush();
        });
    }
    const auto summaries = engine.syncAll(feeds);
    if (terminal)
        io.err << "\r\x1b[K";

    int exitCode = ExitOk;
    QJsonArray list;
    for (const auto &summary : summaries) {
        if (!summary.ok() && exitCode == ExitOk)
            exitCode = exitCodeFor(summary.error->code);
        if (json)
            list.append(summaryJson(summary));
        else
            io.out << summaryLine(summary) << '\n';
    }
    if (json)
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("feeds"), list}})
                      .toJson(QJsonDocument::Indented);
    io.out.flush();

    auto audited = session.audit().append(session.context(), sync::syncAuditEvent(summaries));
    if (!audited.ok())
        return fail(io, audited.error());
    return exitCode;
}

int SyncCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QString feedsPath = parser.value(QStringLiteral("feeds"));
    if (feedsPath.isEmpty())
        return usage(io, QObject::tr("--feeds FILE is required."));
    auto file = feeds::loadFeedsFile(feedsPath);
    if (!file.ok())
        return fail(io, file.error());
    std::vector<feeds::FeedConfig> chosen;
    const QStringList only = parser.values(QStringLiteral("feed"));
    for (const QString &id : only) {
        const bool known = std::any_of(file->feeds.begin(), file->feeds.end(),
                                       [&id](const feeds::FeedConfig &f) { return f.id == id; });
        if (!known)
            return usage(io, QObject::tr("%1 lists no feed named %2.").arg(feedsPath, id));
    }
    for (const auto &feed : file->feeds) {
        if (only.isEmpty() || only.contains(feed.id))
            chosen.push_back(feed);
    }
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    return syncAndReport(*session.value(), chosen, io, parser.isSet(QStringLiteral("json")));
}

} // namespace bv::cli
