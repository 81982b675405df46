// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/quarantinecommand.h"

#include "access/session.h"
#include "store/database.h"
#include "store/statement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bv::cli {

QString QuarantineCommand::summary() const
{
    return QObject::tr("List feed input that was rejected, with the reason for each.");
}

void QuarantineCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    addJsonOption(parser);
    parser.addOption({QStringLiteral("all"),
                      QObject::tr("Also list entries resolved by a later good version.")});
    parser.addOption({QStringLiteral("payload"),
                      QObject::tr("Print what was received for entry ID (audited)."),
                      QObject::tr("ID")});
}

namespace {

// What was received for one entry; reading it is audited, since it may hold personal data.
Result<QByteArray> readPayload(access::Session &session, qint64 id)
{
    auto select = session.database().prepare("SELECT payload FROM quarantine WHERE id = ?1");
    BV_TRY(select);
    select->bind(1, id);
    auto row = select->step();
    BV_TRY(row);
    if (!row.value())
        return makeError(ErrorCode::NotFound,
                         QObject::tr("There is no quarantine entry %1.").arg(id));
    const QByteArray payload = select->blob(0);
    select->reset();
    BV_TRY(session.audit().append(session.context(),
                                  {QStringLiteral("quarantine.read"),
                                   QStringLiteral("quarantine:%1").arg(id),
                                   QStringLiteral("bytes=%1").arg(payload.size())}));
    return payload;
}

} // namespace

int QuarantineCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    if (parser.isSet(QStringLiteral("payload"))) {
        bool number = false;
        const qint64 id = parser.value(QStringLiteral("payload")).toLongLong(&number);
        if (!number)
            return usage(io, QObject::tr("--payload takes the number of an entry."));
        auto payload = readPayload(*session.value(), id);
        if (!payload.ok())
            return fail(io, payload.error());
        io.out << QString::fromUtf8(payload.value()) << '\n';
        io.out.flush();
        return 0;
    }

    const bool all = parser.isSet(QStringLiteral("all"));
    auto select = session.value()->database().prepare(
        "SELECT q.id, coalesce(s.code, ''), q.received_at, q.external_id, q.location, q.reason, "
        "q.resolved_at FROM quarantine q LEFT JOIN source s ON s.id = q.source_id "
        "WHERE ?1 OR q.resolved_at IS NULL ORDER BY q.id");
    if (!select.ok())
        return fail(io, select.error());
    select->bind(1, all ? 1 : 0);
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray entries;
    qsizetype count = 0;
    for (;;) {
        auto row = select->step();
        if (!row.ok())
            return fail(io, row.error());
        if (!row.value())
            break;
        ++count;
        if (json) {
            QJsonObject entry{{QStringLiteral("id"), select->int64(0)},
                              {QStringLiteral("feed"), select->text(1)},
                              {QStringLiteral("received_at"), select->text(2)},
                              {QStringLiteral("external_id"), select->text(3)},
                              {QStringLiteral("location"), select->text(4)},
                              {QStringLiteral("reason"), select->text(5)}};
            if (!select->isNull(6))
                entry.insert(QStringLiteral("resolved_at"), select->text(6));
            entries.append(entry);
        } else {
            io.out << QStringLiteral("%1  %2  %3  %4  %5: %6%7")
                          .arg(select->int64(0), 5)
                          .arg(select->text(1), -9)
                          .arg(select->text(2))
                          .arg(select->isNull(3) ? QObject::tr("(no id)") : select->text(3))
                          .arg(select->text(4), select->text(5))
                          .arg(select->isNull(6)
                                   ? QString()
                                   : QObject::tr(" (resolved %1)").arg(select->text(6)))
                   << '\n';
        }
    }
    if (json)
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                      .toJson(QJsonDocument::Indented);
    else if (count == 0)
        io.out << QObject::tr("Nothing is in quarantine.") << '\n';
    io.out.flush();
    return 0;
}

} // namespace bv::cli
