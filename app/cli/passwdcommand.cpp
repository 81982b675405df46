// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/passwdcommand.h"

#include "access/session.h"

namespace bv::cli {

QString PasswdCommand::summary() const
{
    return QObject::tr("Change the passphrase (rewraps the key; the store is not re-encrypted).");
}

void PasswdCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addKdfOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("new-passphrase-file"),
                      QObject::tr("Read the new passphrase from FILE (else "
                                  "BROADVIEW_NEW_PASSPHRASE, else the terminal, asked twice)."),
                      QObject::tr("FILE")});
}

int PasswdCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    auto newSecret = readSecret({parser.value(QStringLiteral("new-passphrase-file")),
                                 QStringLiteral("BROADVIEW_NEW_PASSPHRASE"),
                                 QObject::tr("New passphrase: "), true},
                                io.prompt);
    if (!newSecret.ok())
        return fail(io, newSecret.error());
    auto changed = session.value()->changePassphrase(newSecret.value(), kdfParams(parser, io));
    if (!changed.ok())
        return fail(io, changed.error());
    io.out << QObject::tr("Passphrase changed for %1.").arg(session.value()->paths().store)
           << Qt::endl;
    return 0;
}

} // namespace bv::cli
