// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/explanation.h"

#include <QWidget>

namespace bv::ui {

// A match explanation as a waterfall: the prior, then one bar per field from the running
// total before it to the running total after, then the total. For and against are told apart
// by a sign and a direction, and a colour too; every bar has its weight written beside it.
// The summary sentence is the accessible description, and each bar's sentence its tooltip.
class WaterfallChart final : public QWidget
{
    Q_OBJECT

public:
    explicit WaterfallChart(QWidget *parent = nullptr);

    void setExplanation(const linkage::MatchExplanation &explanation);
    void clear();
    bool isEmpty() const { return m_rows.empty(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Row
    {
        QString label;
        double from = 0.0;
        double to = 0.0;
        QString tooltip;
        bool total = false;
    };
    int rowAt(int y) const;
    int rowHeight() const;

    std::vector<Row> m_rows;
    QString m_probability;
};

} // namespace bv::ui
