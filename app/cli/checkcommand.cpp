// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/checkcommand.h"

#include "access/auditverifier.h"
#include "access/session.h"
#include "cli/exitcodes.h"
#include "store/storeinspector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bv::cli {

QString CheckCommand::summary() const
{
    return QObject::tr("Read every page of a store, check its integrity and audit chain, and "
                       "print its counts and content hash.");
}

void CheckCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    addJsonOption(parser);
}

int CheckCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    // Every page is read before anything is written: a damaged store gets no unlock entry.
    auto session = unlock(parser, io, true, true);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &s = *session.value();

    const auto &integrity = s.integrityAtUnlock();
    auto summary = store::StoreInspector::summarize(s.database(), s.context());
    if (!summary.ok())
        return fail(io, summary.error());
    const auto &audit = s.auditAtUnlock();

    const bool intact = integrity->problems.isEmpty();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject tables;
        for (const auto &table : summary->tables)
            tables.insert(table.table, table.rows);
        QJsonArray sources;
        for (const auto &source : summary->sources) {
            QJsonObject entry{{QStringLiteral("code"), source.code},
                              {QStringLiteral("agency"), source.agency},
                              {QStringLiteral("persons"), source.persons},
                              {QStringLiteral("events"), source.events},
                              {QStringLiteral("flags"), source.flags},
                              {QStringLiteral("addresses"), source.addresses},
                              {QStringLiteral("relationships"), source.relationships},
                              {QStringLiteral("quarantined"), source.quarantined}};
            if (!source.lastSyncAt.isEmpty())
                entry.insert(QStringLiteral("last_sync_at"), source.lastSyncAt);
            if (!source.lastError.isEmpty())
                entry.insert(QStringLiteral("last_error"), source.lastError);
            sources.append(entry);
        }
        QJsonObject json{
            {QStringLiteral("store"), s.paths().store},
            {QStringLiteral("schema_version"), summary->schemaVersion},
            {QStringLiteral("page_size"), integrity->pageSize},
            {QStringLiteral("pages_read"), integrity->pagesRead},
            {QStringLiteral("integrity_ok"), intact},
            {QStringLiteral("problems"), QJsonArray::fromStringList(integrity->problems)},
            {QStringLiteral("tables"), tables},
            {QStringLiteral("sources"), sources},
            {QStringLiteral("content_hash"), QString::fromLatin1(summary->contentHash.toHex())},
            {QStringLiteral("audit_entries"), audit->entries},
            {QStringLiteral("audit_intact"), audit->intact()},
        };
        io.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    } else {
        io.out << QObject::tr("Store:          %1").arg(s.paths().store) << '\n'
               << QObject::tr("Schema version: %1").arg(summary->schemaVersion) << '\n'
               << QObject::tr("Pages read:     %1 of %2 bytes")
                      .arg(integrity->pagesRead)
                      .arg(integrity->pageSize)
               << '\n'
               << QObject::tr("Integrity:      %1")
                      .arg(intact ? QObject::tr("ok")
                                  : QObject::tr("%n problem(s)", nullptr,
                                                static_cast<int>(integrity->problems.size())))
               << '\n';
        for (const QString &problem : integrity->problems)
            io.out << "  " << problem << '\n';
        // Verified as found, before this check's own unlock entry was appended.
        io.out << QObject::tr("Audit chain:    %1 (%2 entries before this check)")
                      .arg(audit->intact() ? QObject::tr("intact")
                                           : QObject::tr("DOES NOT VERIFY (run audit verify)"))
                      .arg(audit->entries)
               << '\n'
               << QObject::tr("Rows per table:") << '\n';
        for (const auto &table : summary->tables)
            io.out << QStringLiteral("  %1 %2").arg(table.table, -16).arg(table.rows) << '\n';
        if (!summary->sources.isEmpty()) {
            io.out << QObject::tr("Rows per source (persons, events, quarantined):") << '\n';
            for (const auto &source : summary->sources) {
                io.out << QStringLiteral("  %1 %2 %3 %4")
                              .arg(source.code, -16)
                              .arg(source.persons)
                              .arg(source.events)
                              .arg(source.quarantined)
                       << '\n';
            }
        }
        io.out
            << QObject::tr("content_hash %1").arg(QString::fromLatin1(summary->contentHash.toHex()))
            << Qt::endl;
    }
    // The report went to stdout; the verdict also goes to stderr, where scripts and people
    // look for failures.
    if (!intact) {
        io.err << QObject::tr("broadview check: the store is damaged (%n problem(s)); restore it "
                              "from a backup.",
                              nullptr, static_cast<int>(integrity->problems.size()))
               << Qt::endl;
        return ExitStoreDamaged;
    }
    if (!audit->intact()) {
        io.err << QObject::tr("broadview check: the audit chain does not verify; run broadview "
                              "audit verify.")
               << Qt::endl;
        return ExitAuditTampered;
    }
    return ExitOk;
}

} // namespace bv::cli
