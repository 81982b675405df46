// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/tabledocument.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>

#include <algorithm>
#include <limits>

namespace bv::report {

namespace {

// The documents' page furniture, under one context lupdate can see.
struct TableDocumentText
{
    Q_DECLARE_TR_FUNCTIONS(bv::report::TableDocument)
};

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

} // namespace

std::unique_ptr<QTextDocument> makeTableDocument(const TableDocument &table,
                                                 const DocumentProvenance &provenance,
                                                 bool inlineMarking)
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
    // Each run with its own format: text inserted bare takes the format before it, the title's.
    const QTextCharFormat plain;
    cursor.insertText(table.title, heading);
    cursor.insertBlock();
    cursor.insertText(table.scope, plain);
    cursor.insertBlock();
    if (inlineMarking) {
        cursor.insertText(ProtectiveMarking::provenanceLine(provenance), plain);
        cursor.insertBlock();
    }
    QTextTableFormat tableFormat;
    tableFormat.setHeaderRowCount(1);
    tableFormat.setCellPadding(3);
    tableFormat.setCellSpacing(0);
    tableFormat.setBorder(0.5);
    tableFormat.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    tableFormat.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    QList<QTextLength> widths;
    for (qreal percent : table.columnPercent)
        widths << QTextLength(QTextLength::PercentageLength, percent);
    tableFormat.setColumnWidthConstraints(widths);
    const int columns = int(table.headers.size());
    QTextTable *cells = cursor.insertTable(int(table.rows.size()) + 1, columns, tableFormat);
    for (int column = 0; column < columns; ++column)
        cells->cellAt(0, column).firstCursorPosition().insertText(table.headers.at(column), bold);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const QStringList &fields = table.rows[i];
        for (int column = 0; column < std::min(columns, int(fields.size())); ++column)
            cells->cellAt(int(i) + 1, column).firstCursorPosition().insertText(fields.at(column));
    }
    if (inlineMarking) {
        cursor.movePosition(QTextCursor::End);
        cursor.insertBlock();
        cursor.insertText(ProtectiveMarking::marking(), bold);
    }
    return document;
}

Result<void> writeTablePdf(QSaveFile &file, const TableDocument &table,
                           const DocumentProvenance &provenance)
{
    QPdfWriter writer(&file);
    writer.setResolution(150);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
    writer.setTitle(table.title);
    writer.setCreator(QStringLiteral("Broadview"));
    const auto document = makeTableDocument(table, provenance, false);
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
    const QString pageText = TableDocumentText::tr("Page %1 of %2");
    const int pageWidth = smallMetrics.horizontalAdvance(pageText.arg(pages).arg(pages)) + gap;
    QPainter painter;
    if (!painter.begin(&writer))
        return makeError(ErrorCode::Io,
                         TableDocumentText::tr("Cannot start a PDF in %1.").arg(file.fileName()));
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
                         TableDocumentText::tr("Cannot finish the PDF %1.").arg(file.fileName()));
    return {};
}

} // namespace bv::report
