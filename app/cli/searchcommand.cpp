// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/searchcommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "search/personsearch.h"
#include "search/personsearchindex.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

namespace bv::cli {

namespace {

const QString kJson = QStringLiteral("json");
const QString kLimit = QStringLiteral("limit");

QJsonObject hitJson(const search::PersonHit &hit)
{
    QJsonObject object{{QStringLiteral("person"), hit.personId},
                       {QStringLiteral("name"), hit.name},
                       {QStringLiteral("agencies"), QJsonArray::fromStringList(hit.agencies)},
                       {QStringLiteral("flags"), QJsonArray::fromStringList(hit.flags)},
                       {QStringLiteral("records"), hit.records},
                       {QStringLiteral("withheld_records"), hit.withheldRecords}};
    object.insert(QStringLiteral("birth_date"),
                  hit.birthDate.isValid() ? QJsonValue(hit.birthDate.toString(Qt::ISODate))
                                          : QJsonValue());
    object.insert(QStringLiteral("age"), hit.age ? QJsonValue(*hit.age) : QJsonValue());
    return object;
}

QString agencyLabels(const QStringList &agencies)
{
    QStringList labels;
    for (const QString &agency : agencies)
        labels << search::agencyLabel(agency);
    return labels.join(QStringLiteral(", "));
}

} // namespace

QString SearchCommand::summary() const
{
    return QObject::tr("Find linked persons: QUERY (quoted if it has several words) holds names "
                       "or their beginnings, an NHS number, a date of birth (12/03/1985 or "
                       "1985-03-12), a postcode or its outward code (NR1).");
}

void SearchCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    addJsonOption(parser);
    parser.addOption({kLimit, QObject::tr("At most N persons (default 50)."), QObject::tr("N"),
                      QStringLiteral("50")});
}

int SearchCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    // The first positional argument is the command's name.
    const QString text = parser.positionalArguments().mid(1).join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty())
        return usage(io, QObject::tr("Say what to search for, e.g. `broadview search --store S "
                                     "\"Jane Smith 12/03/1985\"`."));
    bool limitOk = false;
    const int limit = parser.value(kLimit).toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 1000)
        return usage(io, QObject::tr("--limit must be a whole number from 1 to 1000, not \"%1\".")
                             .arg(parser.value(kLimit)));
    const search::SearchQuery query = search::SearchQuery::parse(text);
    if (query.isEmpty())
        return usage(io, QObject::tr("Nothing in \"%1\" can be searched for: give a name, an "
                                     "NHS number whose check digit holds, a real date of birth "
                                     "or a postcode.")
                             .arg(text));

    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &opened = *session.value();
    auto built = search::PersonSearchIndex::isBuilt(opened.database());
    if (!built.ok())
        return fail(io, built.error());
    if (!built.value()) {
        // A store made before search: its index is made once, here.
        auto rows = search::PersonSearchIndex::rebuild(opened.database());
        if (!rows.ok())
            return fail(io, rows.error());
    }
    const QDate today = io.clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date();
    auto found
        = search::PersonSearch(opened.database()).search(opened.context(), query, today, limit);
    if (!found.ok())
        return fail(io, found.error());

    auto audited
        = opened.audit().append(opened.context(), search::auditEventFor(query, found.value()));
    if (!audited.ok())
        return fail(io, audited.error());

    if (parser.isSet(kJson)) {
        QJsonArray array;
        for (const search::PersonHit &hit : found->persons)
            array.append(hitJson(hit));
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("persons"), array},
                                            {QStringLiteral("truncated"), found->truncated}})
                      .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    const QLocale locale;
    for (const search::PersonHit &hit : found->persons) {
        const QString born = hit.birthDate.isValid()
                                 ? QObject::tr("born %1 (%2)")
                                       .arg(locale.toString(hit.birthDate, QLocale::ShortFormat))
                                       .arg(*hit.age)
                                 : QObject::tr("date of birth not known");
        io.out << QStringLiteral("%1  %2, %3; %4")
                      .arg(hit.personId, 7)
                      .arg(hit.name.isEmpty() ? QObject::tr("(no name)") : hit.name, born,
                           agencyLabels(hit.agencies));
        if (!hit.flags.isEmpty())
            io.out << QObject::tr("; flags: %1").arg(hit.flags.join(QStringLiteral(", ")));
        if (hit.withheldRecords > 0)
            io.out << QObject::tr("; %n record(s) withheld", nullptr, hit.withheldRecords);
        io.out << '\n';
    }
    io.out << QObject::tr("%n person(s) found", nullptr, int(found->persons.size()))
           << (found->truncated ? QObject::tr("; more match: narrow the search") : QString())
           << '\n';
    return ExitOk;
}

} // namespace bv::cli
