// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/decisioncommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "linkage/linkdecisions.h"
#include "linkage/storedrecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace bv::cli {

namespace {

const QString kPerson = QStringLiteral("person");
const QString kRecord = QStringLiteral("record");
const QString kReason = QStringLiteral("reason");
const QString kId = QStringLiteral("id");
const QString kAll = QStringLiteral("all");
const QString kJson = QStringLiteral("json");

QString idList(const std::vector<qint64> &ids)
{
    QStringList parts;
    for (const qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QStringLiteral(", "));
}

Result<std::vector<qint64>> numbers(const QStringList &values, const QString &option)
{
    std::vector<qint64> ids;
    for (const QString &value : values) {
        bool ok = false;
        const qint64 id = value.toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError(ErrorCode::Usage,
                             QObject::tr("--%1 takes a number, not \"%2\".").arg(option, value));
        ids.push_back(id);
    }
    return ids;
}

} // namespace

QString DecisionCommand::summary() const
{
    return QObject::tr("Decide who is whom: merge two persons, split records off a person, keep "
                       "two persons apart, undo a decision, or list them. Audited; each holds "
                       "across later syncs and relinks.");
}

void DecisionCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption({kPerson,
                      QObject::tr("A person id (twice for merge and apart, once for split)."),
                      QObject::tr("ID")});
    parser.addOption({kRecord,
                      QObject::tr("A record to split off, as FEED/EXTERNAL_ID or its number "
                                  "(repeat for several)."),
                      QObject::tr("RECORD")});
    parser.addOption({kReason, QObject::tr("Why (required for every change; kept in the store)."),
                      QObject::tr("TEXT")});
    parser.addOption({kId, QObject::tr("The decision to undo."), QObject::tr("N")});
    parser.addOption({kAll, QObject::tr("list: also undone decisions.")});
    parser.addOption({kJson, QObject::tr("list: as JSON.")});
}

int DecisionCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.size() == 2 ? positional.at(1) : QString();
    const QStringList actions{QStringLiteral("merge"), QStringLiteral("split"),
                              QStringLiteral("apart"), QStringLiteral("undo"),
                              QStringLiteral("list")};
    if (!actions.contains(action))
        return usage(io, QObject::tr("usage: broadview decision merge|split|apart|undo|list "
                                     "--store PATH (see --help)"));
    auto persons = numbers(parser.values(kPerson), kPerson);
    if (!persons.ok())
        return fail(io, persons.error());
    const QString reason = parser.value(kReason);
    if (action != QLatin1String("list") && reason.trimmed().isEmpty())
        return usage(io, QObject::tr("--reason TEXT is required: say why."));
    const bool twoPersons = action == QLatin1String("merge") || action == QLatin1String("apart");
    if (twoPersons && persons->size() != 2)
        return usage(io, QObject::tr("%1 takes --person twice.").arg(action));
    if (action == QLatin1String("split") && (persons->size() != 1 || !parser.isSet(kRecord)))
        return usage(io, QObject::tr("split takes one --person and at least one --record."));
    qint64 decisionId = 0;
    if (action == QLatin1String("undo")) {
        auto id = numbers(parser.values(kId), kId);
        if (!id.ok())
            return fail(io, id.error());
        if (id->size() != 1)
            return usage(io, QObject::tr("undo takes --id N."));
        decisionId = id->front();
    }

    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &opened = *session.value();
    linkage::LinkDecisions decisions(opened.database(), opened.audit(), io.clock);

    if (action == QLatin1String("list")) {
        auto listed = decisions.list(parser.isSet(kAll));
        if (!listed.ok())
            return fail(io, listed.error());
        // The reasons are free text about people: reading them is audited.
        auto audited = opened.audit().append(
            opened.context(), {QStringLiteral("persons.decision_list"), QStringLiteral("persons"),
                               QStringLiteral("decisions=%1").arg(listed->size())});
        if (!audited.ok())
            return fail(io, audited.error());
        if (parser.isSet(kJson)) {
            QJsonArray entries;
            for (const linkage::LinkDecision &d : listed.value())
                entries.append(QJsonObject{
                    {QStringLiteral("id"), d.id},
                    {QStringLiteral("action"), linkage::LinkDecisions::actionKey(d.action)},
                    {QStringLiteral("decided_by"), d.decidedBy},
                    {QStringLiteral("decided_at"), d.decidedAt},
                    {QStringLiteral("reason"), d.reason},
                    {QStringLiteral("records"), d.records},
                    {QStringLiteral("revoked_by"), d.revokedBy},
                    {QStringLiteral("revoked_at"), d.revokedAt},
                    {QStringLiteral("revoke_reason"), d.revokeReason},
                });
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("decisions"), entries}})
                          .toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        if (listed->empty())
            io.out << QObject::tr("No decisions.") << '\n';
        for (const linkage::LinkDecision &d : listed.value()) {
            io.out << QObject::tr("#%1 %2 by %3 at %4, %5 records: %6")
                          .arg(d.id)
                          .arg(linkage::LinkDecisions::actionKey(d.action), d.decidedBy,
                               d.decidedAt)
                          .arg(d.records)
                          .arg(d.reason)
                   << '\n';
            if (!d.revokedAt.isEmpty())
                io.out << "    "
                       << QObject::tr("undone by %1 at %2: %3")
                              .arg(d.revokedBy, d.revokedAt, d.revokeReason)
                       << '\n';
        }
        return ExitOk;
    }

    Result<linkage::DecisionOutcome> outcome = makeError(ErrorCode::Usage, QString());
    if (action == QLatin1String("merge")) {
        outcome = decisions.merge(opened.context(), persons->at(0), persons->at(1), reason);
    } else if (action == QLatin1String("apart")) {
        outcome = decisions.keepApart(opened.context(), persons->at(0), persons->at(1), reason);
    } else if (action == QLatin1String("split")) {
        std::vector<qint64> records;
        for (const QString &name : parser.values(kRecord)) {
            auto record = linkage::findSourceRecord(opened.database(), name);
            if (!record.ok())
                return fail(io, record.error());
            records.push_back(record.value());
        }
        outcome = decisions.split(opened.context(), persons->front(), records, reason);
    } else {
        outcome = decisions.revoke(opened.context(), decisionId, reason);
    }
    if (!outcome.ok())
        return fail(io, outcome.error());
    io.out << (action == QLatin1String("undo")
                   ? QObject::tr("Decision %1 undone; its records now belong to persons %2.")
                   : QObject::tr("Decision %1 recorded; its records now belong to persons %2."))
                  .arg(outcome->decisionId)
                  .arg(idList(outcome->persons))
           << '\n';
    return ExitOk;
}

} // namespace bv::cli
