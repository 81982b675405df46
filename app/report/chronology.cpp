// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/chronology.h"

#include "access/auditlog.h"
#include "common/age.h"
#include "common/csv.h"
#include "report/tabledocument.h"
#include "search/personsearch.h"
#include "store/database.h"
#include "store/statement.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QLocale>
#include <QSaveFile>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QTimeZone>

#include <algorithm>

namespace bv::report {

namespace {

// The documents' words, under one context lupdate can see (a free ChronologyText::tr() wrapper it
// cannot).
struct ChronologyText
{
    Q_DECLARE_TR_FUNCTIONS(bv::report::Chronology)
};

QStringList headers()
{
    return {ChronologyText::tr("Date or period"),
            ChronologyText::tr("Age"),
            ChronologyText::tr("Significant event"),
            ChronologyText::tr("Source agency and reference"),
            ChronologyText::tr("Impact on the person"),
            ChronologyText::tr("Action taken")};
}

QString title(const Chronology &chronology)
{
    QString subject = chronology.personName;
    if (chronology.birthDate.isValid())
        subject += ChronologyText::tr(", born %1")
                       .arg(chronology.birthDate.toString(QStringLiteral("dd/MM/yyyy")));
    return ChronologyText::tr("Chronology: %1 (person %2)").arg(subject).arg(chronology.personId);
}

QString scope(const Chronology &chronology)
{
    const ChronologyOptions &o = chronology.options;
    const QString significance = o.minSignificance >= 3 ? ChronologyText::tr("key events")
                                 : o.minSignificance == 2
                                     ? ChronologyText::tr("notable and key events")
                                     : ChronologyText::tr("all events");
    QString range;
    if (o.from.isValid() && o.to.isValid())
        range = ChronologyText::tr(" from %1 to %2")
                    .arg(o.from.toString(QStringLiteral("dd/MM/yyyy")),
                         o.to.toString(QStringLiteral("dd/MM/yyyy")));
    else if (o.from.isValid())
        range = ChronologyText::tr(" from %1").arg(o.from.toString(QStringLiteral("dd/MM/yyyy")));
    else if (o.to.isValid())
        range = ChronologyText::tr(" up to %1").arg(o.to.toString(QStringLiteral("dd/MM/yyyy")));
    QString text
        = ChronologyText::tr("Showing %1%2: %n event(s).", nullptr, int(chronology.rows.size()))
              .arg(significance, range);
    if (chronology.withheld > 0)
        text += QLatin1Char(' ')
                + ChronologyText::tr("%n of them withheld from the person who produced it.",
                                     nullptr, chronology.withheld);
    return text;
}

QStringList rowFields(const ChronologyRow &row)
{
    return {row.when, row.ageAtTime, row.event, row.source, row.impact, row.action};
}

// The chronology as a marked table: title, scope, then one row an event.
TableDocument tableOf(const Chronology &chronology)
{
    TableDocument table;
    table.title = title(chronology);
    table.scope = scope(chronology);
    table.headers = headers();
    table.columnPercent = {11, 5, 32, 16, 18, 18};
    table.rows.reserve(chronology.rows.size());
    for (const ChronologyRow &row : chronology.rows)
        table.rows.push_back(rowFields(row));
    return table;
}

} // namespace

Chronology buildChronology(const store::PersonView &person,
                           const QHash<qint64, std::vector<Annotation>> &annotations,
                           const ChronologyOptions &options)
{
    Chronology chronology;
    chronology.personId = person.personId;
    chronology.options = options;
    const store::PersonSummary summary = store::summarise(person);
    chronology.personName = summary.name;
    chronology.birthDate = summary.birthDate;
    const QTimeZone london("Europe/London");
    for (const store::EventView &event : person.events) {
        if (event.significance < options.minSignificance)
            continue;
        if (options.from.isValid() && event.occurredDate < options.from)
            continue;
        if (options.to.isValid() && event.occurredDate > options.to)
            continue;
        ChronologyRow row;
        row.when
            = event.occurredAt.isValid()
                  ? event.occurredAt.toTimeZone(london).toString(QStringLiteral("dd/MM/yyyy HH:mm"))
                  : event.occurredDate.toString(QStringLiteral("dd/MM/yyyy"));
        if (event.periodEndDate.isValid())
            row.when += ChronologyText::tr(" to %1").arg(
                event.periodEndDate.toString(QStringLiteral("dd/MM/yyyy")));
        if (chronology.birthDate.isValid()) {
            const int age = ageOn(chronology.birthDate, event.occurredDate);
            if (age >= 0)
                row.ageAtTime = QString::number(age);
        }
        row.source = search::agencyLabel(event.agency);
        if (event.withheld) {
            row.event = ChronologyText::tr("Withheld: %1").arg(event.withheldReason);
            ++chronology.withheld;
            chronology.rows.push_back(std::move(row));
            continue;
        }
        row.source += ChronologyText::tr(", ref %1").arg(event.externalId);
        row.event = event.title;
        if (!event.summary.isEmpty())
            row.event += QStringLiteral(". ") + event.summary;
        row.action = event.outcome;
        QStringList analysis;
        QStringList impact;
        for (const Annotation &note : annotations.value(event.eventId)) {
            if (note.kind == QLatin1String("impact"))
                impact << note.body;
            else
                analysis << note.body;
        }
        if (!analysis.isEmpty())
            row.event += QStringLiteral("\n")
                         + ChronologyText::tr("Practitioner's analysis: %1")
                               .arg(analysis.join(QStringLiteral(" ")));
        row.impact = impact.join(QStringLiteral(" "));
        chronology.rows.push_back(std::move(row));
    }
    return chronology;
}

QString chronologyFormatName(ChronologyFormat format)
{
    switch (format) {
    case ChronologyFormat::Pdf:
        return QStringLiteral("pdf");
    case ChronologyFormat::Odt:
        return QStringLiteral("odt");
    case ChronologyFormat::Csv:
        break;
    }
    return QStringLiteral("csv");
}

Result<Chronology> exportChronology(store::Database &db, access::AuditLog &audit,
                                    const access::AccessContext &context,
                                    const store::PersonView &person,
                                    const ChronologyOptions &options, ChronologyFormat format,
                                    const QString &path, const QDateTime &nowUtc)
{
    auto annotations = store::AnnotationRepository::forEvents(db, person.events);
    BV_TRY(annotations);
    Chronology chronology = buildChronology(person, annotations.value(), options);
    const DocumentProvenance provenance{context.user, nowUtc, context.purpose};
    const auto audited = [&]() -> Result<void> {
        auto entry = audit.append(
            context,
            {QStringLiteral("chronology.export"), QStringLiteral("person:%1").arg(person.personId),
             QStringLiteral("format=%1 rows=%2 withheld=%3 min_significance=%4")
                 .arg(chronologyFormatName(format))
                 .arg(chronology.rows.size())
                 .arg(chronology.withheld)
                 .arg(options.minSignificance)});
        BV_TRY(entry);
        return {};
    };
    BV_TRY(writeChronology(path, format, chronology, provenance, audited));
    return chronology;
}

std::optional<ChronologyFormat> chronologyFormatFromName(const QString &name)
{
    if (name == QLatin1String("pdf"))
        return ChronologyFormat::Pdf;
    if (name == QLatin1String("odt"))
        return ChronologyFormat::Odt;
    if (name == QLatin1String("csv"))
        return ChronologyFormat::Csv;
    return std::nullopt;
}

Result<void> writeChronology(const QString &path, ChronologyFormat format,
                             const Chronology &chronology, const DocumentProvenance &provenance,
                             const std::function<Result<void>()> &beforeCommit)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         ChronologyText::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    switch (format) {
    case ChronologyFormat::Csv: {
        QString text = csv::line({ProtectiveMarking::marking()})
                       + csv::line({ProtectiveMarking::provenanceLine(provenance)})
                       + csv::line({title(chronology)}) + csv::line(headers());
        for (const ChronologyRow &row : chronology.rows)
            text += csv::line(rowFields(row));
        file.write(text.toUtf8());
        break;
    }
    case ChronologyFormat::Odt: {
        // The ODF writer closes its device when done, which QSaveFile forbids: it writes to
        // memory, and the bytes go to the file.
        const auto document = makeTableDocument(tableOf(chronology), provenance, true);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QTextDocumentWriter writer(&buffer, QByteArrayLiteral("odf"));
        if (!writer.write(document.get())) {
            file.cancelWriting();
            return makeError(ErrorCode::Io,
                             ChronologyText::tr("Cannot write the ODT %1.").arg(path));
        }
        file.write(buffer.data());
        break;
    }
    case ChronologyFormat::Pdf: {
        auto written = writeTablePdf(file, tableOf(chronology), provenance);
        if (!written.ok()) {
            file.cancelWriting();
            return written;
        }
        break;
    }
    }
    if (beforeCommit) {
        if (auto ready = beforeCommit(); !ready.ok()) {
            file.cancelWriting();
            return ready;
        }
    }
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         ChronologyText::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    return {};
}

} // namespace bv::report
