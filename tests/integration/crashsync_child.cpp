// SPDX-License-Identifier: GPL-3.0-or-later
// The process tst_crashresume crashes: unlocks a store through the fault VFS and syncs it,
// either from the feeds of feeds.json (the code of `broadview sync`) or, with --synthetic,
// from pages made up here and written by the PageWriter directly. The VFS reads its crash
// point from BV_FAULTVFS_* (faultvfs.h); when it is never reached the sync runs to the end,
// the store is closed, and the VFS's totals line is printed on stdout.
//
//   crashsync_child --store PATH --passphrase-file FILE (--feeds FILE | --synthetic PAGES)
//                   [--wal-autocheckpoint PAGES] [--cache-pages PAGES]
#include "access/session.h"
#include "cli/passphrasesource.h"
#include "cli/synccommand.h"
#include "common/faultvfs.h"
#include "common/testsupport.h"
#include "feeds/feedconfig.h"
#include "store/database.h"
#include "syntheticfeed.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace bv;

namespace {

constexpr int kExitBadUsage = 2;
constexpr int kExitFailed = 3;

class NoPrompt final : public cli::SecretPrompt
{
public:
    Result<SecretBytes> ask(const QString &) override
    {
        return makeError(ErrorCode::Usage, QStringLiteral("no terminal in the crash child"));
    }
};

// Ends at once, like the normal end: PROJ may hold a VFS that wraps the fault VFS.
[[noreturn]] void failed(const Error &error)
{
    std::fprintf(stderr, "crashsync_child: %s\n", qPrintable(error.message));
    std::fflush(nullptr);
    ::_exit(kExitFailed);
}

} // namespace

int main(int argc, char **argv)
{
    // SIGABRT crashes must not leave a core holding the store key.
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("store"), QStringLiteral("The store."), QStringLiteral("PATH")},
         {QStringLiteral("passphrase-file"), QStringLiteral("Its passphrase."),
          QStringLiteral("FILE")},
         {QStringLiteral("feeds"), QStringLiteral("feeds.json"), QStringLiteral("FILE")},
         {QStringLiteral("synthetic"), QStringLiteral("Synthetic pages to write."),
          QStringLiteral("PAGES")},
         {QStringLiteral("wal-autocheckpoint"), QStringLiteral("WAL pages."),
          QStringLiteral("PAGES"), QStringLiteral("50")},
         {QStringLiteral("cache-pages"), QStringLiteral("Page cache size."),
          QStringLiteral("PAGES"), QStringLiteral("20")}});
    if (!parser.parse(QCoreApplication::arguments()) || !parser.isSet(QStringLiteral("store"))
        || !parser.isSet(QStringLiteral("passphrase-file"))
        || parser.isSet(QStringLiteral("feeds")) == parser.isSet(QStringLiteral("synthetic"))) {
        std::fprintf(stderr,
                     "%s\nusage: crashsync_child --store PATH --passphrase-file FILE "
                     "(--feeds FILE | --synthetic PAGES)\n",
                     qPrintable(parser.errorText()));
        return kExitBadUsage;
    }
    test::initialiseTestProcess();

    std::vector<feeds::FeedConfig> feedList;
    if (parser.isSet(QStringLiteral("feeds"))) {
        auto file = feeds::loadFeedsFile(parser.value(QStringLiteral("feeds")));
        if (!file.ok())
            failed(file.error());
        feedList = file->feeds;
    }
    QFile passphraseFile(parser.value(QStringLiteral("passphrase-file")));
    if (!passphraseFile.open(QIODevice::ReadOnly))
        failed({ErrorCode::Io, QStringLiteral("cannot read the passphrase file")});
    const QByteArray passphrase = passphraseFile.readAll().trimmed();

    // Before the store opens: the VFS a connection uses is chosen when it opens.
    auto vfs = test::FaultVfs::install(test::FaultVfsOptions::fromEnvironment());
    if (!vfs.ok())
        failed(vfs.error());
    const SystemClock clock;
    int code = 0;
    {
        auto session = access::Session::unlock(
            store::StorePaths::forStore(parser.value(QStringLiteral("store"))),
            SecretBytes::fromView(passphrase), test::adminContext(QStringLiteral("crash test")),
            clock);
        if (!session.ok())
            failed(session.error());
        store::Database &db = session.value()->database();
        // Checkpoints within the sync, and pages spilled inside a page's transaction.
        auto pragmas = db.exec("PRAGMA wal_autocheckpoint = "
                               + parser.value(QStringLiteral("wal-autocheckpoint")).toStdString()
                               + "; PRAGMA cache_size = "
                               + parser.value(QStringLiteral("cache-pages")).toStdString());
        if (!pragmas.ok())
            failed(pragmas.error());
        vfs.value()->watchStatements(db.handle());

        if (parser.isSet(QStringLiteral("synthetic"))) {
            auto synced = test::syncSyntheticFeed(
                db, clock, parser.value(QStringLiteral("synthetic")).toInt());
            if (!synced.ok())
                failed(synced.error());
        } else {
            QString out;
            QString err;
            QTextStream outStream(&out);
            QTextStream errStream(&err);
            NoPrompt prompt;
            cli::CommandIo io{outStream, errStream, prompt, clock};
            code = cli::SyncCommand::syncAndReport(*session.value(), feedList, io, false);
            errStream.flush();
            if (code != 0)
                std::fprintf(stderr, "crashsync_child: sync exit %d: %s\n", code, qPrintable(err));
        }
    } // the store closes (its last checkpoint) with the VFS still counting
    std::printf("%s\n", vfs.value()->totalsLine().constData());
    // PROJ's VFS for proj.db wraps ours and is torn down at exit: end before that, with the
    // fault VFS still in place.
    vfs.value()->flushLog();
    std::fflush(nullptr);
    ::_exit(code);
}
