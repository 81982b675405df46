// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/backupcommand.h"

#include "access/session.h"
#include "store/storebackup.h"

namespace bv::cli {

QString BackupCommand::summary() const
{
    return QObject::tr("Write a consistent encrypted copy of a store, with its key file, while it "
                       "is in use.");
}

void BackupCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("out"),
                      QObject::tr("The backup file; FILE.key and FILE.audit-head are written "
                                  "beside it."),
                      QObject::tr("FILE")});
}

int BackupCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        return usage(io, QObject::tr("--out FILE is required."));
    const auto target = store::StorePaths::forStore(out);
    // Refused before the unlock, so no store.backup entry records a backup never made.
    if (auto vacant = store::StoreBackup::refuseExisting(target); !vacant.ok())
        return fail(io, vacant.error());
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    auto pages = session.value()->backupTo(target);
    if (!pages.ok())
        return fail(io, pages.error());
    io.out << QObject::tr("Backed up %1 pages to %2 (key file %3).")
                  .arg(pages.value())
                  .arg(target.store, target.keyFile())
           << Qt::endl;
    return 0;
}

} // namespace bv::cli
