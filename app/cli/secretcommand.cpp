// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/secretcommand.h"

#include "access/session.h"
#include "store/database.h"
#include "store/statement.h"

#include <QFile>

namespace bv::cli {

QString SecretCommand::summary() const
{
    return QObject::tr("Keep the secrets feeds.json names (set, list, delete) inside the store.");
}

void SecretCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption(
        {QStringLiteral("name"), QObject::tr("The secret's name."), QObject::tr("NAME")});
    parser.addOption({QStringLiteral("value-file"),
                      QObject::tr("Read the value from FILE (default: ask on the terminal)."),
                      QObject::tr("FILE")});
}

namespace {

Result<QByteArray> readValue(const QCommandLineParser &parser, CommandIo &io, const QString &name)
{
    const QString path = parser.value(QStringLiteral("value-file"));
    if (path.isEmpty()) {
        auto typed = io.prompt.ask(QObject::tr("Value of secret %1: ").arg(name));
        BV_TRY(typed);
        return QByteArray(typed->view().data(), qsizetype(typed->view().size()));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QObject::tr("The value file %1 could not be read: %2").arg(path, file.errorString()));
    QByteArray value = file.readAll();
    // A file written by an editor ends with a newline that is not part of a client secret;
    // a PEM key keeps its own.
    if (!value.startsWith("-----BEGIN"))
        value = value.trimmed();
    return value;
}

} // namespace

int SecretCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.size() == 2 ? positional.at(1) : QString();
    if (action != QLatin1String("set") && action != QLatin1String("list")
        && action != QLatin1String("delete"))
        return usage(io, QObject::tr("usage: broadview secret set|list|delete --store PATH "
                                     "[--name NAME] [--value-file FILE]"));
    const QString name = parser.value(QStringLiteral("name"));
    if (action != QLatin1String("list") && name.isEmpty())
        return usage(io, QObject::tr("--name NAME is required."));
    QByteArray value;
    if (action == QLatin1String("set")) {
        auto read = readValue(parser, io, name);
        if (!read.ok())
            return fail(io, read.error());
        if (read->isEmpty())
            return usage(io, QObject::tr("The value of secret %1 is empty.").arg(name));
        value = read.value();
    }
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    store::Database &db = session.value()->database();

    if (action == QLatin1String("list")) {
        auto select = db.prepare("SELECT name, updated_at FROM secret ORDER BY name");
        if (!select.ok())
            return fail(io, select.error());
        for (;;) {
            auto row = select->step();
            if (!row.ok())
                return fail(io, row.error());
            if (!row.value())
                break;
            io.out << select->text(0) << QStringLiteral("  (set %1)").arg(select->text(1)) << '\n';
        }
        io.out.flush();
        return 0;
    }
    auto change = action == QLatin1String("set")
                      ? db.prepare("INSERT OR REPLACE INTO secret(name, value, updated_at) "
                                   "VALUES (?1, ?2, ?3)")
                      : db.prepare("DELETE FROM secret WHERE name = ?1");
    if (!change.ok())
        return fail(io, change.error());
    change->bind(1, name);
    if (action == QLatin1String("set"))
        change->bindBlob(2, value).bind(3, io.clock.nowUtc().toString(Qt::ISODateWithMs));
    if (auto done = change->run(); !done.ok())
        return fail(io, done.error());
    if (action == QLatin1String("delete") && db.changes() == 0)
        return fail(
            io, Error{ErrorCode::NotFound, QObject::tr("There is no secret named %1.").arg(name)});
    auto audited = session.value()->audit().append(
        session.value()->context(),
        {QStringLiteral("secret.%1").arg(action), QStringLiteral("secret:%1").arg(name), {}});
    if (!audited.ok())
        return fail(io, audited.error());
    io.out << (action == QLatin1String("set") ? QObject::tr("Secret %1 set.").arg(name)
                                              : QObject::tr("Secret %1 deleted.").arg(name))
           << Qt::endl;
    return 0;
}

} // namespace bv::cli
