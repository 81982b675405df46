// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/initcommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"

#include <QFile>
#include <QSaveFile>

namespace bv::cli {

QString InitCommand::summary() const
{
    return QObject::tr("Create a new encrypted store and print its recovery key once.");
}

void InitCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addKdfOptions(parser);
    addPurposeOption(parser);
    parser.addOption({QStringLiteral("recovery-key-out"),
                      QObject::tr("Write the recovery key to FILE (mode 0600) instead of "
                                  "printing it."),
                      QObject::tr("FILE")});
}

int InitCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto path = requireStore(parser);
    if (!path.ok())
        return fail(io, path.error());
    const auto paths = store::StorePaths::forStore(path.value());
    if (QFile::exists(paths.store) || QFile::exists(paths.keyFile()))
        return fail(
            io, makeError(ErrorCode::StoreExists,
                          QObject::tr("%1 already exists; refusing to overwrite it.")
                              .arg(QFile::exists(paths.store) ? paths.store : paths.keyFile())));
    auto secret = passphrase(parser, io, true);
    if (!secret.ok())
        return fail(io, secret.error());
    // The recovery key file is opened, owner-only, before the store exists: a key that cannot
    // be written must not leave behind a store whose recovery key nobody saw.
    const QString recoveryOut = parser.value(QStringLiteral("recovery-key-out"));
    QSaveFile recoveryFile(recoveryOut);
    if (!recoveryOut.isEmpty()
        && (!recoveryFile.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
            || !recoveryFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))) {
        return fail(io,
                    makeError(ErrorCode::Io, QObject::tr("Cannot write the recovery key to %1: %2")
                                                 .arg(recoveryOut, recoveryFile.errorString())));
    }
    auto created = access::Session::create(paths, secret.value(), kdfParams(parser, io),
                                           context(parser), io.clock);
    if (!created.ok())
        return fail(io, created.error());

    const SecretBytes &recovery = created->recoveryKeyText;
    io.out << QObject::tr("Created %1 and its key file %2.").arg(paths.store, paths.keyFile())
           << Qt::endl;
    if (!recoveryOut.isEmpty()) {
        if (recoveryFile.write(reinterpret_cast<const char *>(recovery.data()),
                               static_cast<qint64>(recovery.size()))
                != static_cast<qint64>(recovery.size())
            || !recoveryFile.commit()) {
            // The store exists now: show the key rather than lose it.
            io.out << QObject::tr("Cannot write the recovery key to %1 (%2); here it is, shown "
                                  "once:")
                          .arg(recoveryOut, recoveryFile.errorString())
                   << Qt::endl
                   << QString::fromLatin1(reinterpret_cast<const char *>(recovery.data()),
                                          static_cast<qsizetype>(recovery.size()))
                   << Qt::endl;
            return ExitFailure;
        }
        io.out << QObject::tr("The recovery key is in %1. Move it somewhere safe, away from this "
                              "machine.")
                      .arg(recoveryOut)
               << Qt::endl;
    } else {
        io.out << QObject::tr("Recovery key (shown once; write it down and keep it away from this "
                              "machine):")
               << Qt::endl
               << QString::fromLatin1(reinterpret_cast<const char *>(recovery.data()),
                                      static_cast<qsizetype>(recovery.size()))
               << Qt::endl;
    }
    return 0;
}

} // namespace bv::cli
