// SPDX-License-Identifier: GPL-3.0-or-later
// bench_timeline: the unified timeline with 10,000 events from seven agencies, offscreen.
// Times what a user waits for: opening the person (the model's rows), a filter change, and a
// frame of the list and of the overview strip while scrolling. Baseline in the same run: the
// same list drawn by Qt's default delegate (plain text rows), so the ratio is the cost of the
// agency bars, badges and two-line rows.
//
//   bench_timeline [--events N] [--frames F]
#include "benchoutput.h"
#include "common/agencies.h"
#include "models/timelinemodel.h"
#include "store/personrepository.h"
#include "ui/timelineoverview.h"
#include "ui/timelinepanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTimeZone>

#include <algorithm>
#include <random>
#include <vector>

using namespace bv;
using bench::fixed;
using bench::say;

namespace {

QList<store::EventView> makeEvents(int count)
{
    std::mt19937_64 random(7);
    std::uniform_int_distribution<int> day(0, 20 * 365);
    std::uniform_int_distribution<int> minute(0, 24 * 60 - 1);
    std::uniform_int_distribution<int> significance(1, 3);
    QList<store::EventView> events;
    for (int i = 0; i < count; ++i) {
        store::EventView event;
        event.eventId = i + 1;
        event.agency = agencyOrder().at(i % agencyOrder().size());
        event.occurredDate = QDate(2005, 1, 1).addDays(day(random));
        if (i % 3 != 0)
            event.occurredAt
                = QDateTime(event.occurredDate, QTime(0, 0).addSecs(minute(random) * 60), Qt::UTC);
        event.category = event.agency;
        event.title = QStringLiteral("Event number %1 recorded by the agency").arg(i);
        event.summary = QStringLiteral("A summary of what happened, long enough to be elided in "
                                       "the row when the window is narrow");
        event.outcome = QStringLiteral("Referred on");
        event.significance = significance(random);
        events.append(event);
    }
    std::sort(events.begin(), events.end(),
              [](const auto &a, const auto &b) { return a.occurredDate < b.occurredDate; });
    return events;
}

double percentile(std::vector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[std::size_t(fraction * double(values.size() - 1) + 0.5)];
}

// Frame times of the list scrolled through in `frames` steps, rendered into an image.
std::vector<double> scrollFrames(QListView &view, int frames)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QScrollBar *bar = view.verticalScrollBar();
    std::vector<double> times;
    for (int frame = 0; frame < frames; ++frame) {
        bar->setValue(bar->maximum() * frame / std::max(1, frames - 1));
        QElapsedTimer timer;
        timer.start();
        QPainter painter(&image);
        view.viewport()->render(&painter);
        painter.end();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return times;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("events"), QStringLiteral("Events."), QStringLiteral("N"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("frames"), QStringLiteral("Frames."), QStringLiteral("F"),
                      QStringLiteral("200")});
    parser.process(app);
    const int count = std::max(1, parser.value(QStringLiteral("events")).toInt());
    const int frames = std::max(2, parser.value(QStringLiteral("frames")).toInt());
    say(QStringLiteral("bench_timeline: %1 events from seven agencies, 1000x700 offscreen")
            .arg(count));

    store::PersonView person;
    person.personId = 1;
    person.events = makeEvents(count);

    ui::TimelinePanel panel;
    panel.resize(1000, 900);
    panel.show();
    QElapsedTimer timer;
    timer.start();
    panel.setPerson(person, QDate(2026, 11, 25));
    QApplication::processEvents();
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    say(QStringLiteral("open the person (rows, overview): %1 ms, %2 rows")
            .arg(fixed(openMs, 1))
            .arg(panel.model()->rowCount()));

    timer.restart();
    models::TimelineFilter keyOnly;
    keyOnly.minSignificance = 3;
    panel.model()->setFilter(keyOnly);
    const double filterMs = double(timer.nsecsElapsed()) / 1e6;
    panel.model()->setFilter({});
    QApplication::processEvents(); // the list lays its rows out again
    say(QStringLiteral("filter to key events: %1 ms").arg(fixed(filterMs, 1)));

    const std::vector<double> ours = scrollFrames(*panel.view(), frames);
    // The baseline: the same rows, Qt's plain delegate.
    QListView plain;
    plain.setModel(panel.model());
    plain.setItemDelegate(new QStyledItemDelegate(&plain));
    plain.resize(panel.view()->size());
    plain.show();
    QApplication::processEvents();
    const std::vector<double> baseline = scrollFrames(plain, frames);

    QImage strip(panel.overview()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> overview;
    for (int frame = 0; frame < frames; ++frame) {
        QElapsedTimer one;
        one.start();
        QPainter painter(&strip);
        panel.overview()->render(&painter);
        painter.end();
        overview.push_back(double(one.nsecsElapsed()) / 1e6);
    }

    const double median = percentile(ours, 0.5);
    const double p95 = percentile(ours, 0.95);
    const double baseMedian = percentile(baseline, 0.5);
    say(QStringLiteral("list frame while scrolling: median %1 ms, p95 %2 ms; Qt's plain delegate "
                       "%3 ms median (ours %4x)")
            .arg(fixed(median, 2), fixed(p95, 2), fixed(baseMedian, 2),
                 fixed(median / std::max(baseMedian, 1e-6), 1)));
    say(QStringLiteral("overview strip frame (%1 marks): median %2 ms, p95 %3 ms")
            .arg(count)
            .arg(fixed(percentile(overview, 0.5), 2), fixed(percentile(overview, 0.95), 2)));
    say(QStringLiteral("figure timeline_open_ms %1 ms").arg(fixed(openMs, 1)));
    say(QStringLiteral("figure timeline_filter_ms %1 ms").arg(fixed(filterMs, 1)));
    say(QStringLiteral("figure timeline_overview_median_ms %1 ms")
            .arg(fixed(percentile(overview, 0.5), 2)));
    say(QStringLiteral("figure timeline_frame_p95_ms %1 ms").arg(fixed(p95, 2)));
    say(QStringLiteral("figure timeline_frame_median_ms %1 ms").arg(fixed(median, 2)));
    return 0;
}
