// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/waterfallchart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace bv::ui {

namespace {

constexpr int kMargin = 6;
// Okabe-Ito bluish green and vermilion: for and against, told apart in every common colour
// blindness (and by the sign and the direction of the bar in any case).
const QColor kFor(0x00, 0x9E, 0x73);
const QColor kAgainst(0xD5, 0x5E, 0x00);

QString signedBits(double bits)
{
    const QString number = QLocale().toString(std::abs(bits), 'f', 1);
    return bits >= 0 ? QStringLiteral("+") + number : QStringLiteral("\u2212") + number;
}

} // namespace

WaterfallChart::WaterfallChart(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Why these records are one person"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void WaterfallChart::setExplanation(const linkage::MatchExplanation &explanation)
{
    m_rows.clear();
    double running = explanation.priorWeight;
    m_rows.push_back({tr("Before comparing"), 0.0, running, explanation.priorSentence, false});
    for (const linkage::FieldContribution &c : explanation.contributions) {
        const QString label = c.fieldLabel + QStringLiteral(": ") + c.levelLabel;
        m_rows.push_back({label, running, running + c.weight, c.sentence, false});
        running += c.weight;
    }
    m_rows.push_back({tr("Total"), 0.0, running, explanation.summary, true});
    const double percent = explanation.probability * 100.0;
    m_probability = percent > 99.9  ? tr("more than 99.9%")
                    : percent < 0.1 ? tr("less than 0.1%")
                                    : QLocale().toString(percent, 'f', 1) + QLatin1Char('%');
    setAccessibleDescription(explanation.summary);
    updateGeometry();
    update();
}

void WaterfallChart::clear()
{
    m_rows.clear();
    m_probability.clear();
    setAccessibleDescription(QString());
    updateGeometry();
    update();
}

int WaterfallChart::rowHeight() const
{
    return fontMetrics().height() + 4;
}

QSize WaterfallChart::sizeHint() const
{
    const int rows = std::max<int>(1, int(m_rows.size()) + 1);
    return {420, rows * rowHeight() + 2 * kMargin};
}

QSize WaterfallChart::minimumSizeHint() const
{
    return {240, sizeHint().height()};
}

int WaterfallChart::rowAt(int y) const
{
    const int row = (y - kMargin) / rowHeight();
    return row >= 0 && row < int(m_rows.size()) ? row : -1;
}

bool WaterfallChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos().y());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), m_rows[std::size_t(row)].tooltip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void WaterfallChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &palette = this->palette();
    if (m_rows.empty()) {
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No explanation to show."));
        return;
    }
    const QFontMetrics metrics = fontMetrics();
    const int height = rowHeight();
    int labelWidth = 0;
    for (const Row &row : m_rows)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(row.label));
    labelWidth = std::min(labelWidth + kMargin, width() / 2);
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral("\u221288.8")) + kMargin;
    const int chartLeft = kMargin + labelWidth;
    const int chartRight = width() - kMargin - valueWidth;
    double low = 0.0;
    double high = 0.0;
    for (const Row &row : m_rows) {
        low = std::min({low, row.from, row.to});
        high = std::max({high, row.from, row.to});
    }
    const double span = std::max(1.0, high - low);
    const auto xOf = [&](double bits) {
        return chartLeft + int(std::round((bits - low) / span * (chartRight - chartLeft)));
    };

    // Zero, where the evidence is even.
    painter.setPen(QPen(palette.color(QPalette::Mid), 1, Qt::DashLine));
    painter.drawLine(xOf(0.0), kMargin, xOf(0.0), kMargin + int(m_rows.size()) * height);

    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        const int y = kMargin + int(i) * height;
        QFont font = this->font();
        font.setBold(row.total);
        painter.setFont(font);
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(QRect(kMargin, y, labelWidth - kMargin, height),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(row.label, Qt::ElideRight, labelWidth - kMargin));
        const double delta = row.to - row.from;
        const int x1 = xOf(std::min(row.from, row.to));
        const int x2 = xOf(std::max(row.from, row.to));
        const QColor colour = row.total    ? palette.color(QPalette::WindowText)
                              : delta >= 0 ? kFor
                                           : kAgainst;
        if (x2 - x1 >= 1)
            painter.fillRect(QRect(x1, y + 3, std::max(2, x2 - x1), height - 6), colour);
        else
            painter.fillRect(QRect(x1, y + 3, 1, height - 6), palette.color(QPalette::Mid));
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(
            QRect(chartRight + kMargin, y, valueWidth, height), Qt::AlignRight | Qt::AlignVCenter,
            row.total || i == 0 ? QLocale().toString(row.to, 'f', 1) : signedBits(delta));
    }
    const int y = kMargin + int(m_rows.size()) * height;
    QFont font = this->font();
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRect(kMargin, y, width() - 2 * kMargin, height),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Probability of the same person: %1").arg(m_probability));
}

} // namespace bv::ui
