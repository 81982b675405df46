// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/recovercommand.h"

#include "access/session.h"

#include <QFileInfo>

namespace bv::cli {

QString RecoverCommand::summary() const
{
    return QObject::tr("Set a new passphrase with the recovery key shown when the store was made.");
}

void RecoverCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addKdfOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("recovery-key-file"),
                      QObject::tr("Read the recovery key from FILE (else BROADVIEW_RECOVERY_KEY, "
                                  "else the terminal)."),
                      QObject::tr("FILE")});
    parser.addOption({QStringLiteral("new-passphrase-file"),
                      QObject::tr("Read the new passphrase from FILE (else "
                                  "BROADVIEW_NEW_PASSPHRASE, else the terminal, asked twice)."),
                      QObject::tr("FILE")});
}

int RecoverCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto path = requireStore(parser);
    if (!path.ok())
        return fail(io, path.error());
    const auto paths = store::StorePaths::forStore(path.value());
    if (!QFileInfo::exists(paths.store))
        return fail(io, makeError(ErrorCode::StoreMissing,
                                  QObject::tr("No store at %1.").arg(paths.store)));
    auto recoveryKey = readSecret({parser.value(QStringLiteral("recovery-key-file")),
                                   QStringLiteral("BROADVIEW_RECOVERY_KEY"),
                                   QObject::tr("Recovery key: "), false},
                                  io.prompt);
    if (!recoveryKey.ok())
        return fail(io, recoveryKey.error());
    auto newSecret = readSecret({parser.value(QStringLiteral("new-passphrase-file")),
                                 QStringLiteral("BROADVIEW_NEW_PASSPHRASE"),
                                 QObject::tr("New passphrase: "), true},
                                io.prompt);
    if (!newSecret.ok())
        return fail(io, newSecret.error());
    auto session = access::Session::recover(paths, recoveryKey.value(), newSecret.value(),
                                            kdfParams(parser, io), context(parser), io.clock);
    if (!session.ok())
        return fail(io, session.error());
    io.out << QObject::tr("New passphrase set for %1. The recovery key still works; keep it safe.")
                  .arg(paths.store)
           << Qt::endl;
    return 0;
}

} // namespace bv::cli
