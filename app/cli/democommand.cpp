// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/democommand.h"

#include "access/session.h"
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
}

QString DemoCommand::defaultStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/demo/demo.bvstore");
}

QByteArray DemoCommand::demoPassphrase()
{
    return QByteArrayLiteral("broadview-demo");
}

Result<std::unique_ptr<access::Session>> DemoCommand::prepare(const QCommandLineParser &parser,
                                                              CommandIo &io)
{
    QString path = parser.value(QStringLiteral("store"));
    if (path.isEmpty())
        path = defaultStorePath();
    const auto paths = store::StorePaths::forStore(path);
    QDir().mkpath(QFileInfo(paths.store).absolutePath());

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

    const access::AccessContext who = context(parser);
    if (!QFileInfo::exists(paths.store)) {
        auto created = access::Session::create(paths, secret, kdfParams(parser, io), who, io.clock);
        BV_TRY(created);
        io.out << QObject::tr("Created the demo store %1.").arg(paths.store) << Qt::endl;
        if (!ownSecret)
            io.out << QObject::tr("Its passphrase is \"%1\" (demo data only).")
                          .arg(QString::fromLatin1(demoPassphrase()))
                   << Qt::endl;
        return std::move(created->session);
    }
    io.out << QObject::tr("Opening the demo store %1.").arg(paths.store) << Qt::endl;
    return access::Session::unlock(paths, secret, who, io.clock);
}

int DemoCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto session = prepare(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    auto summary
        = store::StoreInspector::summarize(session.value()->database(), session.value()->context());
    if (!summary.ok())
        return fail(io, summary.error());
    io.out << QObject::tr("Schema version %1; content_hash %2")
                  .arg(summary->schemaVersion)
                  .arg(QString::fromLatin1(summary->contentHash.toHex()))
           << '\n';
    for (const auto &table : summary->tables)
        io.out << QStringLiteral("  %1 %2").arg(table.table, -16).arg(table.rows) << '\n';
    io.out.flush();
    return 0;
}

} // namespace bv::cli
