// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "store/storefiles.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <pwd.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace bv::cli {

QString currentUserName()
{
    if (const passwd *entry = getpwuid(getuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return QStringLiteral("uid:%1").arg(getuid());
}

void Command::addOptions(QCommandLineParser &) const {}

void Command::addStoreOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("store"), QObject::tr("The store file."), QObject::tr("PATH")});
}

void Command::addPassphraseOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("passphrase-file"),
                      QObject::tr("Read the passphrase from FILE (else BROADVIEW_PASSPHRASE, "
                                  "else the terminal)."),
                      QObject::tr("FILE")});
}

void Command::addKdfOptions(QCommandLineParser &parser)
{
    QCommandLineOption testKdf(QStringLiteral("insecure-test-kdf"),
                               QObject::tr("Use libsodium's minimum Argon2id cost. Tests only."));
    testKdf.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(testKdf);
}

void Command::addJsonOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("json"), QObject::tr("Print JSON for scripts.")});
}

void Command::addPurposeOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("purpose"),
                      QObject::tr("Why you are doing this; recorded in the audit."),
                      QObject::tr("TEXT"), QStringLiteral("administration")});
}

int Command::fail(CommandIo &io, const Error &error)
{
    io.err << QObject::tr("broadview: %1").arg(error.message) << Qt::endl;
    spdlog::info("command failed with exit code {}", exitCodeFor(error.code));
    return exitCodeFor(error.code);
}

int Command::usage(CommandIo &io, const QString &message)
{
    io.err << QObject::tr("broadview: %1").arg(message) << Qt::endl;
    return ExitUsage;
}

Result<QString> Command::requireStore(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("store"));
    if (path.isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("--store PATH is required."));
    return path;
}

Result<SecretBytes> Command::passphrase(const QCommandLineParser &parser, CommandIo &io,
                                        bool confirm)
{
    return readSecret({parser.value(QStringLiteral("passphrase-file")),
                       QStringLiteral("BROADVIEW_PASSPHRASE"), QObject::tr("Passphrase: "),
                       confirm},
                      io.prompt);
}

store::KdfParams Command::kdfParams(const QCommandLineParser &parser, CommandIo &io)
{
    if (parser.isSet(QStringLiteral("insecure-test-kdf"))) {
        io.err << QObject::tr("broadview: warning: minimum key derivation cost; for tests only.")
               << Qt::endl;
        return store::KdfParams::minimum();
    }
    return store::KdfParams::calibrated();
}

access::AccessContext Command::context(const QCommandLineParser &parser)
{
    // Every command that unlocks declares --purpose (addPurposeOption), defaulting it.
    return access::AccessContext::administrator(currentUserName(),
                                                parser.value(QStringLiteral("purpose")));
}

Result<std::unique_ptr<access::Session>> Command::unlock(const QCommandLineParser &parser,
                                                         CommandIo &io, bool verifyAuditFirst,
                                                         bool checkIntegrityFirst)
{
    auto path = requireStore(parser);
    BV_TRY(path);
    const auto paths = store::StorePaths::forStore(path.value());
    // Name the missing store before asking for a passphrase that could not help.
    if (!QFileInfo::exists(paths.store))
        return makeError(ErrorCode::StoreMissing, QObject::tr("No store at %1.").arg(paths.store));
    auto secret = passphrase(parser, io, false);
    BV_TRY(secret);
    return access::Session::unlock(paths, secret.value(), context(parser), io.clock,
                                   {verifyAuditFirst, checkIntegrityFirst});
}

} // namespace bv::cli
