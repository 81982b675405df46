// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/restorecommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "store/storebackup.h"
#include "store/storeinspector.h"

#include <QFile>

namespace bv::cli {

QString RestoreCommand::summary() const
{
    return QObject::tr(
        "Check a backup, then put it in place as a store (never over an existing one).");
}

void RestoreCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("backup"),
                      QObject::tr("The backup file made by backup --out."), QObject::tr("FILE")});
}

int RestoreCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QString backupPath = parser.value(QStringLiteral("backup"));
    auto storePath = requireStore(parser);
    if (backupPath.isEmpty() || !storePath.ok())
        return usage(io, QObject::tr("--backup FILE and --store PATH are required."));
    const auto backup = store::StorePaths::forStore(backupPath);
    const auto target = store::StorePaths::forStore(storePath.value());
    // Refused before the backup is unlocked (and its unlock audited).
    if (auto vacant = store::StoreBackup::refuseExisting(target); !vacant.ok())
        return fail(io, vacant.error());

    auto secret = passphrase(parser, io, false);
    if (!secret.ok())
        return fail(io, secret.error());
    {
        // Prove the backup opens with this passphrase and reads cleanly before copying it.
        // Read before anything is written, so a damaged backup is left as it was.
        auto session = access::Session::unlock(backup, secret.value(), context(parser), io.clock,
                                               {false, true});
        if (!session.ok())
            return fail(io, session.error());
        const auto &integrity = session.value()->integrityAtUnlock();
        if (!integrity->problems.isEmpty()) {
            io.err << QObject::tr("broadview: the backup %1 is damaged:").arg(backup.store) << '\n';
            for (const QString &problem : integrity->problems)
                io.err << "  " << problem << '\n';
            return ExitStoreDamaged;
        }
    }
    auto restored = store::StoreBackup::restore(backup, target);
    if (!restored.ok())
        return fail(io, restored.error());
    auto session = access::Session::unlock(target, secret.value(), context(parser), io.clock);
    if (!session.ok())
        return fail(io, session.error());
    auto audited = session.value()->audit().append(
        session.value()->context(),
        {QStringLiteral("store.restore"), QStringLiteral("store"), QString()});
    if (!audited.ok())
        return fail(io, audited.error());
    io.out << QObject::tr("Restored %1 from %2.").arg(target.store, backup.store) << Qt::endl;
    return 0;
}

} // namespace bv::cli
