// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/auditcommand.h"

#include "access/auditverifier.h"
#include "access/session.h"
#include "cli/exitcodes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bv::cli {

QString AuditCommand::summary() const
{
    return QObject::tr("verify: walk the audit chain and report any entry edited, deleted, "
                       "reordered or removed from the end.\n"
                       "reset-mirror: after verify has reported a missing, invalid or stale "
                       "mirror file and it has been looked into, record what the mirror said in "
                       "the chain and write it anew (until then it is kept as evidence).\n")
           + access::AuditVerifier::limitations();
}

void AuditCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    addJsonOption(parser);
}

int AuditCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.size() == 2 ? positional.at(1) : QString();
    if (action != QLatin1String("verify") && action != QLatin1String("reset-mirror"))
        return usage(io, QObject::tr("usage: broadview audit verify|reset-mirror --store PATH"));
    auto path = requireStore(parser);
    if (!path.ok())
        return fail(io, path.error());
    if (action == QLatin1String("reset-mirror"))
        return resetMirror(parser, io);
    // Verified at unlock, before the unlock's own entry: the report is the chain as found.
    auto session = unlock(parser, io, true);
    if (!session.ok())
        return fail(io, session.error());
    const auto &report = session.value()->auditAtUnlock();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray findings;
        for (const auto &finding : report->findings) {
            findings.append(QJsonObject{{QStringLiteral("seq"), finding.seq},
                                        {QStringLiteral("tampering"), finding.tampering},
                                        {QStringLiteral("message"), finding.message}});
        }
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("entries"), report->entries},
                                            {QStringLiteral("intact"), report->intact()},
                                            {QStringLiteral("findings"), findings}})
                      .toJson(QJsonDocument::Indented);
    } else {
        for (const auto &finding : report->findings)
            io.out << (finding.tampering ? QObject::tr("TAMPERED: ") : QObject::tr("note: "))
                   << finding.message << '\n';
        io.out << (report->intact() ? QObject::tr("The audit chain of %1 entries verifies.")
                                    : QObject::tr("The audit chain of %1 entries does NOT verify."))
                      .arg(report->entries)
               << Qt::endl;
    }
    return report->intact() ? ExitOk : ExitAuditTampered;
}

int AuditCommand::resetMirror(const QCommandLineParser &parser, CommandIo &io) const
{
    auto session = unlock(parser, io, true);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &s = *session.value();
    auto seq = s.audit().resetMirror(s.context());
    if (!seq.ok())
        return fail(io, seq.error());
    io.out << QObject::tr("The audit mirror of %1 now names entry %2; the previous mirror is "
                          "recorded in that entry.")
                  .arg(s.paths().store)
                  .arg(seq.value())
           << Qt::endl;
    return ExitOk;
}

} // namespace bv::cli
