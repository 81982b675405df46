// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/democommand.h"

#include "access/session.h"
#include "cli/demofeeds.h"
#include "cli/exitcodes.h"
#include "cli/linkcommand.h"
#include "cli/synccommand.h"
#include "simulatorhost.h"
#include "store/storeinspector.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bv::cli {

QString DemoCommand::summary() const
{
    return QObject::tr("Create or reopen the demo store and open the app on it (--headless: print "
                       "its summary instead).");
}

void DemoCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addKdfOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("headless"), QObject::tr("Stop before opening the app.")});
    parser.addOption({QStringLiteral("persons"),
                      QObject::tr("People in the simulated county (default 5000, at most "
                                  "1000000)."),
                      QObject::tr("N"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("seed"),
                      QObject::tr("Seed of the simulated county (default 1)."), QObject::tr("S"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("data-dir"),
                      QObject::tr("The public reference data the county is drawn from."),
                      QObject::tr("DIR")});
}

DemoCommand::Prepared::Prepared() = default;
DemoCommand::Prepared::Prepared(Prepared &&) noexcept = default;
DemoCommand::Prepared::~Prepared() = default;

QString DemoCommand::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/demo/demo.bvstore");
}

QByteArray DemoCommand::demoPassphrase()
{
    return QByteArrayLiteral("broadview-demo");
}

namespace {

Result<std::unique_ptr<access::Session>>
openDemoStore(CommandIo &io, const store::StorePaths &paths, const access::AccessContext &who,
              const store::KdfParams &kdf, bool ownSecret, SecretBytes secret)
{
    if (!QFileInfo::exists(paths.store)) {
        auto created = access::Session::create(paths, secret, kdf, who, io.clock);
        BV_TRY(created);
        io.out << QObject::tr("Created the demo store %1.").arg(paths.store) << Qt::endl;
        if (!ownSecret)
            io.out << QObject::tr("Its passphrase is \"%1\" (demo data only).")
                          .arg(QString::fromLatin1(DemoCommand::demoPassphrase()))
                   << Qt::endl;
        return std::move(created->session);
    }
    io.out << QObject::tr("Opening the demo store %1.").arg(paths.store) << Qt::endl;
    return access::Session::unlock(paths, secret, who, io.clock);
}

} // namespace

Result<DemoCommand::Prepared> DemoCommand::prepare(const QCommandLineParser &parser, CommandIo &io)
{
    bool numbers = true;
    bool ok = false;
    const uint persons = parser.value(QStringLiteral("persons")).toUInt(&ok);
    numbers = numbers && ok && persons >= 1 && persons <= feedsim::SimulatorOptions::kMaxPersons;
    const qulonglong seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    numbers = numbers && ok;
    if (!numbers)
        return makeError(ErrorCode::Usage,
                         QObject::tr("--persons takes a number from 1 to %1 and --seed a "
                                     "non-negative number.")
                             .arg(feedsim::SimulatorOptions::kMaxPersons));

    QString path = parser.value(QStringLiteral("store"));
    if (path.isEmpty())
        path = defaultStorePath();
    const auto paths = store::StorePaths::forStore(path);
    const QString folder = QFileInfo(paths.store).absolutePath();
    QDir().mkpath(folder);

    SecretBytes secret;
    const bool ownSecret = parser.isSet(QStringLiteral("passphrase-file"))
                           || qEnvironmentVariableIsSet("BROADVIEW_PASSPHRASE");
    if (ownSecret) {
        auto read = passphrase(parser, io, false);
        BV_TRY(read);
        secret = std::move(read.value());
    } else {
        secret = SecretBytes::fromView(demoPassphrase());
    }

    Prepared prepared;
    auto session = openDemoStore(io, paths, context(parser), kdfParams(parser, io), ownSecret,
                                 std::move(secret));
    BV_TRY(session);
    prepared.session = std::move(session.value());

    DemoFeedOptions feedOptions;
    feedOptions.persons = persons;
    feedOptions.seed = seed;
    feedOptions.dataDir = parser.isSet(QStringLiteral("data-dir"))
                              ? parser.value(QStringLiteral("data-dir"))
                              : DemoFeeds::defaultDataDir();
    feedOptions.workDir = QDir(folder).filePath(QStringLiteral("feeds"));
    io.out
        << QObject::tr("Starting the feed simulator (%1 people, seed %2)...").arg(persons).arg(seed)
        << Qt::endl;
    auto feeds = DemoFeeds::start(feedOptions);
    BV_TRY(feeds);
    io.out << QObject::tr("Seven agency feeds on %1; feeds file %2.")
                  .arg(feeds.value()->simulator().origin().toString(),
                       feeds.value()->feedsFile().path)
           << Qt::endl;
    BV_TRY(feeds.value()->storeSecrets(prepared.session->database(),
                                       io.clock.nowUtc().toString(Qt::ISODateWithMs)));
    prepared.syncExitCode = SyncCommand::syncAndReport(*prepared.session,
                                                       feeds.value()->feedsFile().feeds, io, false);
    // Then the records become persons, as `broadview link` makes them.
    const int linked = LinkCommand::linkAndReport(*prepared.session, io,
                                                  linkage::LinkMode::Incremental, QString());
    if (prepared.syncExitCode == ExitOk)
        prepared.syncExitCode = linked;
    prepared.feeds = std::move(feeds.value());
    return prepared;
}

int DemoCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto prepared = prepare(parser, io);
    if (!prepared.ok())
        return fail(io, prepared.error());
    access::Session &session = *prepared->session;
    auto summary = store::StoreInspector::summarize(session.database(), session.context());
    if (!summary.ok())
        return fail(io, summary.error());
    io.out << QObject::tr("Schema version %1; content_hash %2")
                  .arg(summary->schemaVersion)
                  .arg(QString::fromLatin1(summary->contentHash.toHex()))
           << '\n';
    for (const auto &table : summary->tables)
        io.out << QStringLiteral("  %1 %2").arg(table.table, -16).arg(table.rows) << '\n';
    io.out.flush();
    return prepared->syncExitCode;
}

} // namespace bv::cli
