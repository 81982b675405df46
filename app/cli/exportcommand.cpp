// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/exportcommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "report/chronology.h"
#include "store/personrepository.h"

#include <QFileInfo>

namespace bv::cli {

namespace {

const QString kPerson = QStringLiteral("person");
const QString kFormat = QStringLiteral("format");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kMinSignificance = QStringLiteral("min-significance");
const QString kOut = QStringLiteral("out");

std::optional<QDate> dateOption(const QCommandLineParser &parser, const QString &name,
                                QString *problem)
{
    if (!parser.isSet(name))
        return QDate();
    const QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid()) {
        *problem = QObject::tr("--%1 must be a date as YYYY-MM-DD, not \"%2\".")
                       .arg(name, parser.value(name));
        return std::nullopt;
    }
    return date;
}

} // namespace

QString ExportCommand::summary() const
{
    return QObject::tr("Export a person's multi-agency chronology as PDF, ODT or CSV.");
}

void ExportCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption(
        {kPerson, QObject::tr("The person's id (as search shows it)."), QObject::tr("ID")});
    parser.addOption({kFormat, QObject::tr("pdf, odt or csv."), QObject::tr("FORMAT")});
    parser.addOption(
        {kFrom, QObject::tr("Events from this date (YYYY-MM-DD)."), QObject::tr("DATE")});
    parser.addOption(
        {kTo, QObject::tr("Events up to this date (YYYY-MM-DD)."), QObject::tr("DATE")});
    parser.addOption({kMinSignificance,
                      QObject::tr("1 every event, 2 notable and key, 3 key events only "
                                  "(default: 3, the chronology)."),
                      QObject::tr("N"), QStringLiteral("3")});
    parser.addOption({kOut, QObject::tr("Where to write the document."), QObject::tr("FILE")});
}

int ExportCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2 || positional.at(1) != QLatin1String("chronology"))
        return usage(io, QObject::tr("Say what to export: `broadview export chronology ...`."));
    bool personOk = false;
    const qint64 personId = parser.value(kPerson).toLongLong(&personOk);
    if (!parser.isSet(kPerson) || !personOk || personId <= 0)
        return usage(io, QObject::tr("--person ID is required: a person's number, as search "
                                     "shows it."));
    const auto format = report::chronologyFormatFromName(parser.value(kFormat));
    if (!format)
        return usage(io, QObject::tr("--format must be pdf, odt or csv, not \"%1\".")
                             .arg(parser.value(kFormat)));
    if (!parser.isSet(kOut))
        return usage(io, QObject::tr("--out FILE is required."));
    if (!parser.isSet(QStringLiteral("purpose")))
        return usage(io, QObject::tr("--purpose is required: the document says why it was "
                                     "made, and so does the audit."));
    bool significanceOk = false;
    const int minSignificance = parser.value(kMinSignificance).toInt(&significanceOk);
    if (!significanceOk || minSignificance < 1 || minSignificance > 3)
        return usage(io, QObject::tr("--min-significance must be 1, 2 or 3, not \"%1\".")
                             .arg(parser.value(kMinSignificance)));
    QString problem;
    const auto from = dateOption(parser, kFrom, &problem);
    const auto to = dateOption(parser, kTo, &problem);
    if (!from || !to)
        return usage(io, problem);
    if (from->isValid() && to->isValid() && *from > *to)
        return usage(io, QObject::tr("--from is after --to."));

    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &opened = *session.value();
    // Reading the person is audited (person.read) as the app's opening of them is.
    auto person = store::PersonRepository(opened.database(), opened.audit())
                      .read(opened.context(), personId);
    if (!person.ok())
        return fail(io, person.error());
    report::ChronologyOptions options;
    options.minSignificance = minSignificance;
    options.from = *from;
    options.to = *to;
    const QString out = parser.value(kOut);
    auto chronology
        = report::exportChronology(opened.database(), opened.audit(), opened.context(),
                                   person.value(), options, *format, out, io.clock.nowUtc());
    if (!chronology.ok())
        return fail(io, chronology.error());
    io.out << QObject::tr("Wrote a chronology of %n event(s) to %1.", nullptr,
                          int(chronology->rows.size()))
                  .arg(QFileInfo(out).absoluteFilePath())
           << '\n';
    return ExitOk;
}

std::vector<std::unique_ptr<Command>> allCommandsWithReports()
{
    auto commands = allCommands();
    commands.push_back(std::make_unique<ExportCommand>());
    return commands;
}

} // namespace bv::cli
