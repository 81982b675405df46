// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/chronology.h"

#include "access/auditlog.h"
#include "common/age.h"
#include "common/csv.h"
#include "search/personsearch.h"
#include "store/database.h"
#include "store/statement.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QTextTable>
#include <QTimeZone>

#include <algorithm>
#include <limits>

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

// The document's body: title, scope, then the table with a header row repeated on each page.
std::unique_ptr<QTextDocument>
makeDocument(const Chronology &chronology, const DocumentProvenance &provenance, bool inlineMarking)
{
    auto document = std::make_unique<QTextDocument>();
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    document->setDefaultFont(font);
    QTextCursor cursor(document.get());
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    QTextCharFormat heading = bold;
    heading.setFontPointSize(13);
    if (inlineMarking) {
        cursor.insertText(ProtectiveMarking::marking(), bold);
        cursor.insertBlock();
    }
    cursor.insertText(title(chronology), heading);
    cursor.insertBlock();
    cursor.insertText(scope(chronology));
    cursor.insertBlock();
    if (inlineMarking) {
        cursor.insertText(ProtectiveMarking::provenanceLine(provenance));
        cursor.insertBlock();
    }
    QTextTableFormat tableFormat;
    tableFormat.setHeaderRowCount(1);
    tableFormat.setCellPadding(3);
    tableFormat.setCellSpacing(0);
    tableFormat.setBorder(0.5);
    tableFormat.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    tableFormat.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    tableFormat.setColumnWidthConstraints({QTextLength(QTextLength::PercentageLength, 11),
                                           QTextLength(QTextLength::PercentageLength, 5),
                                           QTextLength(QTextLength::PercentageLength, 32),
                                           QTextLength(QTextLength::PercentageLength, 16),
                                           QTextLength(QTextLength::PercentageLength, 18),
                                           QTextLength(QTextLength::PercentageLength, 18)});
    QTextTable *table
        = cursor.insertTable(int(chronology.rows.size()) + 1, int(headers().size()), tableFormat);
    for (int column = 0; column < headers().size(); ++column)
        table->cellAt(0, column).firstCursorPosition().insertText(headers().at(column), bold);
    for (std::size_t i = 0; i < chronology.rows.size(); ++i) {
        const QStringList fields = rowFields(chronology.rows[i]);
        for (int column = 0; column < fields.size(); ++column)
            table->cellAt(int(i) + 1, column).firstCursorPosition().insertText(fields.at(column));
    }
    if (inlineMarking) {
        cursor.movePosition(QTextCursor::End);
        cursor.insertBlock();
        cursor.insertText(ProtectiveMarking::marking(), bold);
    }
    return document;
}

// Where the laid-out document may break between pages: after the title and header row, then
// after each table row. Rows are kept whole, so no text is drawn out of sight on a page
// (clipped text would still be in the PDF, read twice by a screen reader or a search).
struct RowBands
{
    qreal headerTop = 0;          // of the table's header row
    std::vector<qreal> rowBottom; // [0] is the header row's, then each row's
};

RowBands rowBands(QTextDocument &document)
{
    RowBands bands;
    QTextTable *table = nullptr;
    for (QTextFrame *frame : document.rootFrame()->childFrames()) {
        if ((table = qobject_cast<QTextTable *>(frame)))
            break;
    }
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    if (!table) {
        bands.rowBottom.push_back(document.size().height());
        return bands;
    }
    // A row starts where the first lines of its cells start, less the cell's padding and border.
    const QTextTableFormat format = table->format();
    const qreal inset = format.cellPadding() + format.border();
    std::vector<qreal> rowTop;
    for (int row = 0; row < table->rows(); ++row) {
        qreal top = std::numeric_limits<qreal>::max();
        for (int column = 0; column < table->columns(); ++column)
            top = std::min(
                top,
                layout->blockBoundingRect(table->cellAt(row, column).firstCursorPosition().block())
                    .top());
        rowTop.push_back(top - inset);
    }
    bands.headerTop = rowTop.front();
    for (std::size_t row = 1; row < rowTop.size(); ++row)
        bands.rowBottom.push_back(rowTop[row]);
    bands.rowBottom.push_back(layout->frameBoundingRect(table).bottom());
    return bands;
}

// The ranges of the document each page shows, after the first page's title and header row.
struct PageSlice
{
    qreal from = 0;
    qreal to = 0;
};

std::vector<PageSlice> paginate(const RowBands &bands, qreal pageHeight)
{
    const qreal header = bands.rowBottom.front() - bands.headerTop;
    std::vector<PageSlice> pages;
    PageSlice current{0, bands.rowBottom.front()}; // the title, the scope and the header row
    qreal used = current.to;
    bool rowsOnPage = false;
    for (std::size_t row = 1; row < bands.rowBottom.size(); ++row) {
        const qreal height = bands.rowBottom[row] - bands.rowBottom[row - 1];
        // A row taller than a whole page has one to itself, cut at its foot.
        if (rowsOnPage && used + height > pageHeight) {
            pages.push_back(current);
            current = {bands.rowBottom[row - 1], bands.rowBottom[row - 1]};
            used = header;
            rowsOnPage = false;
        }
        current.to = bands.rowBottom[row];
        used += height;
        rowsOnPage = true;
    }
    pages.push_back(current);
    return pages;
}

void drawBand(QPainter &painter, QTextDocument &document, qreal from, qreal to, qreal at)
{
    // A hair inside the band, so the rows either side of it are not drawn at all.
    const QRectF band(0, from + 0.5, document.textWidth(), to - from - 1);
    painter.save();
    painter.translate(0, at - from);
    painter.setClipRect(QRectF(0, from, document.textWidth(), to - from));
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = band;
    context.palette.setColor(QPalette::Text, Qt::black);
    document.documentLayout()->draw(&painter, context);
    painter.restore();
}

Result<void> writePdf(QSaveFile &file, const Chronology &chronology,
                      const DocumentProvenance &provenance)
{
    QPdfWriter writer(&file);
    writer.setResolution(150);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
    writer.setTitle(title(chronology));
    writer.setCreator(QStringLiteral("Broadview"));
    const auto document = makeDocument(chronology, provenance, false);
    // Laid out for the writer itself, so 9 pt prints as 9 pt whatever the screen.
    document->documentLayout()->setPaintDevice(&writer);
    const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPointSizeF(8);
    QFont markingFont = small;
    markingFont.setBold(true);
    markingFont.setPointSizeF(10);
    const QFontMetrics smallMetrics(small, &writer);
    const QFontMetrics markingMetrics(markingFont, &writer);
    const int gap = writer.resolution() / 12; // about 2 mm
    // Above the body: the marking. Below: the marking, then who made it and the page number.
    const int top = markingMetrics.height() + gap;
    const int bottom = markingMetrics.height() + smallMetrics.height() + 2 * gap;
    const QSizeF body(page.width(), page.height() - top - bottom);
    // One long page, broken between rows here rather than by QTextDocument, which breaks
    // within a row.
    document->setTextWidth(body.width());
    const RowBands bands = rowBands(*document);
    const std::vector<PageSlice> slices = paginate(bands, body.height());
    const int pages = int(slices.size());
    const QString pageText = ChronologyText::tr("Page %1 of %2");
    const int pageWidth = smallMetrics.horizontalAdvance(pageText.arg(pages).arg(pages)) + gap;
    QPainter painter;
    if (!painter.begin(&writer))
        return makeError(ErrorCode::Io,
                         ChronologyText::tr("Cannot start a PDF in %1.").arg(file.fileName()));
    for (int index = 0; index < pages; ++index) {
        if (index > 0)
            writer.newPage();
        painter.setFont(markingFont);
        painter.drawText(QRect(0, 0, page.width(), top), Qt::AlignHCenter | Qt::AlignTop,
                         ProtectiveMarking::marking());
        const int footer = page.height() - bottom + gap;
        painter.drawText(QRect(0, footer, page.width(), markingMetrics.height()),
                         Qt::AlignHCenter | Qt::AlignTop, ProtectiveMarking::marking());
        painter.setFont(small);
        const QRect provenanceLine(0, footer + markingMetrics.height(), page.width() - pageWidth,
                                   smallMetrics.height());
        painter.drawText(provenanceLine, Qt::AlignLeft | Qt::AlignTop,
                         smallMetrics.elidedText(ProtectiveMarking::provenanceLine(provenance),
                                                 Qt::ElideRight, provenanceLine.width()));
        painter.drawText(
            QRect(page.width() - pageWidth, provenanceLine.top(), pageWidth, smallMetrics.height()),
            Qt::AlignRight | Qt::AlignTop, pageText.arg(index + 1).arg(pages));
        // The body, clipped to its place: the header row again on later pages, then the rows.
        painter.save();
        painter.setClipRect(QRectF(QPointF(0, top), body));
        const PageSlice &slice = slices[std::size_t(index)];
        qreal at = top;
        if (index > 0) {
            drawBand(painter, *document, bands.headerTop, bands.rowBottom.front(), at);
            at += bands.rowBottom.front() - bands.headerTop;
        }
        drawBand(painter, *document, slice.from, slice.to, at);
        painter.restore();
    }
    if (!painter.end())
        return makeError(ErrorCode::Io,
                         ChronologyText::tr("Cannot finish the PDF %1.").arg(file.fileName()));
    return {};
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
        const auto document = makeDocument(chronology, provenance, true);
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
        auto written = writePdf(file, chronology, provenance);
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
