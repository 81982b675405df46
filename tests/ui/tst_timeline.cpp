// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/guitestmain.h"
#include "models/agencystyle.h"
#include "models/personsearchmodel.h"
#include "models/timelinemodel.h"
#include "search/personsearchindex.h"
#include "store/database.h"
#include "store/personrepository.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/notedialog.h"
#include "ui/recorddetailpanel.h"
#include "ui/searchpanel.h"
#include "ui/timelineoverview.h"
#include "ui/timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace bv;
using models::TimelineModel;

namespace {

// (kind, title) per row: "day" rows carry the date.
QStringList rows(const TimelineModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(TimelineModel::KindRole).toInt() == int(TimelineModel::RowKind::Day))
            out << QStringLiteral("day ")
                       + index.data(TimelineModel::DateRole).toDate().toString(Qt::ISODate);
        else
            out << index.data(TimelineModel::TitleRole).toString();
    }
    return out;
}

} // namespace

class tst_Timeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void searchThenOpenShowsEveryAgencyInTimeOrder();
    void filters_data();
    void filters();
    void withheldEventsSayWhy_data();
    void withheldEventsSayWhy();
    void selectingAnEventShowsItInFull();
    void exportFromTheApp();
    void addANoteFromTheDetail();
    void overviewZoomsAndPicks();
    void followsADarkPalette();

private:
    void openPersonBySearch();

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<ui::MainWindow> m_window;
    store::Database *m_db = nullptr;
};

void tst_Timeline::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_db = &session.value()->database();
    QVERIFY_RESULT(test::insertPersonWithEvents(*m_db));
    m_window = std::make_unique<ui::MainWindow>(m_fixture->clock());
    m_window->openSession(std::move(session.value()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_Timeline::cleanup()
{
    m_window.reset();
    m_db = nullptr;
    m_fixture.reset();
}

void tst_Timeline::openPersonBySearch()
{
    ui::SearchPanel *search = m_window->searchPanel();
    QTest::keyClicks(search->queryEdit(), QStringLiteral("quennell"));
    QTest::keyClick(search->queryEdit(), Qt::Key_Return);
    QTRY_COMPARE(search->resultsView()->model()->rowCount(), 1);
    QTRY_VERIFY(search->resultsView()->currentIndex().isValid());
    search->resultsView()->setFocus();
    QTest::keyClick(search->resultsView(), Qt::Key_Return);
}

void tst_Timeline::searchThenOpenShowsEveryAgencyInTimeOrder()
{
    TimelineModel *model = m_window->timelinePanel()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    openPersonBySearch();
    QTRY_COMPARE(model->shownEventCount(), 3);
    // Days in order; within a day, the date-only event before the timed one.
    QCOMPARE(rows(*model),
             (QStringList{u"day 2023-12-25"_qs, u"Welfare check"_qs, u"day 2024-03-01"_qs,
                          u"Domestic incident"_qs, u"GP appointment"_qs}));
    QCOMPARE(model->index(1).data(TimelineModel::AgencyRole).toString(), QStringLiteral("police"));
    QCOMPARE(model->index(1).data(TimelineModel::TimeTextRole).toString(), QStringLiteral("22:15"));
    QCOMPARE(model->index(4).data(TimelineModel::AgencyRole).toString(), QStringLiteral("health"));
    // 10:00 UTC on 1 March is 10:00 in London (GMT).
    QCOMPARE(model->index(4).data(TimelineModel::TimeTextRole).toString(), QStringLiteral("10:00"));
    // Opening a person is audited.
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM audit WHERE action = 'person.read' "
                            "AND subject = 'person:7'")
                 .value(),
             qint64(1));
}

void tst_Timeline::filters_data()
{
    QTest::addColumn<QString>("hiddenAgency");
    QTest::addColumn<int>("significanceIndex"); // 0 all, 1 notable and key, 2 key only
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("titles");
    QTest::newRow("everything") << QString() << 0 << QString()
                                << QStringList{u"Welfare check"_qs, u"Domestic incident"_qs,
                                               u"GP appointment"_qs};
    QTest::newRow("police hidden")
        << QStringLiteral("police") << 0 << QString() << QStringList{u"GP appointment"_qs};
    QTest::newRow("notable and key")
        << QString() << 1 << QString() << QStringList{u"Welfare check"_qs, u"Domestic incident"_qs};
    QTest::newRow("key events, the chronology")
        << QString() << 2 << QString() << QStringList{u"Domestic incident"_qs};
    QTest::newRow("words in the outcome")
        << QString() << 0 << QStringLiteral("marac") << QStringList{u"Domestic incident"_qs};
    QTest::newRow("dates: 2024 only") << QString() << 0 << QStringLiteral("2024")
                                      << QStringList{u"Domestic incident"_qs, u"GP appointment"_qs};
    QTest::newRow("words in the summary, health only")
        << QStringLiteral("police") << 0 << QStringLiteral("medication")
        << QStringList{u"GP appointment"_qs};
}

void tst_Timeline::filters()
{
    QFETCH(QString, hiddenAgency);
    QFETCH(int, significanceIndex);
    QFETCH(QString, text);
    QFETCH(QStringList, titles);
    openPersonBySearch();
    ui::TimelinePanel *panel = m_window->timelinePanel();
    QTRY_COMPARE(panel->model()->shownEventCount(), 3);
    if (!hiddenAgency.isEmpty())
        QTest::mouseClick(panel->agencyButton(hiddenAgency), Qt::LeftButton);
    panel->significanceFilter()->setCurrentIndex(significanceIndex);
    if (text == QLatin1String("2024")) {
        // Not words: the date range, from 1 January 2024.
        panel->dateRangeFilter()->setChecked(true);
        panel->fromDate()->setDate(QDate(2024, 1, 1));
    } else {
        QTest::keyClicks(panel->textFilter(), text);
    }
    QStringList shown;
    for (const QString &row : rows(*panel->model())) {
        if (!row.startsWith(QLatin1String("day ")))
            shown << row;
    }
    QCOMPARE(shown, titles);
}

void tst_Timeline::withheldEventsSayWhy_data()
{
    QTest::addColumn<bool>("byAgency"); // else by clearance
    QTest::addColumn<QString>("reason");
    // A role that sees health records only.
    QTest::newRow("agency not shared") << true << QStringLiteral("police");
    // The police record is restricted, above an official clearance: its events are official,
    // but an event is seen only when its record may be.
    QTest::newRow("record above clearance") << false << QStringLiteral("restricted");
}

void tst_Timeline::withheldEventsSayWhy()
{
    QFETCH(bool, byAgency);
    QFETCH(QString, reason);
    // A reader whose role sees health records only: the police events are there, withheld.
    m_window.reset(); // closes its session
    m_db = nullptr;
    auto session = m_fixture->unlock();
    QVERIFY_RESULT(session);
    access::AccessContext reader = test::adminContext();
    if (byAgency) {
        reader.agencies = {QStringLiteral("health")};
    } else {
        QVERIFY_RESULT(session.value()->database().exec(
            "UPDATE source_person SET sensitivity = 'restricted' WHERE id = 2"));
        reader.clearance = access::Sensitivity::Official;
    }
    auto person = store::PersonRepository(session.value()->database(), session.value()->audit())
                      .read(reader, 7);
    QVERIFY_RESULT(person);
    ui::TimelinePanel panel;
    panel.setPerson(person.value(), QDate(2026, 11, 25));
    const TimelineModel *model = panel.model();
    QCOMPARE(model->shownEventCount(), 3);
    const QModelIndex welfare = model->index(1);
    QVERIFY(welfare.data(TimelineModel::WithheldRole).toBool());
    QVERIFY(welfare.data(TimelineModel::TitleRole).toString().isEmpty());
    QVERIFY2(welfare.data(TimelineModel::WithheldReasonRole).toString().contains(reason),
             qPrintable(welfare.data(TimelineModel::WithheldReasonRole).toString()));
    // Nothing that says what it was: not even that it was notable.
    QCOMPARE(welfare.data(TimelineModel::SignificanceRole).toInt(), 1);
    // The health event is seen in full.
    QCOMPARE(model->index(model->rowOfEvent(1)).data(TimelineModel::TitleRole).toString(),
             QStringLiteral("GP appointment"));
    QVERIFY(welfare.data(Qt::AccessibleTextRole).toString().contains(QLatin1String("withheld")));
}

void tst_Timeline::selectingAnEventShowsItInFull()
{
    openPersonBySearch();
    ui::TimelinePanel *panel = m_window->timelinePanel();
    QTRY_COMPARE(panel->model()->shownEventCount(), 3);
    const int row = panel->model()->rowOfEvent(2); // the domestic incident
    QVERIFY(row > 0);
    panel->view()->setCurrentIndex(panel->model()->index(row));
    const QString fields = m_window->detailPanel()->fields()->text();
    QVERIFY2(fields.contains(QLatin1String("Neighbour reported shouting")), qPrintable(fields));
    QVERIFY(fields.contains(QLatin1String("Referred to MARAC")));
    QVERIFY(fields.contains(QLatin1String("Key event")));
    // Provenance: which agency, which of its records, when it came.
    QVERIFY(fields.contains(QLatin1String("police, record e2")));
    QVERIFY(fields.contains(QLatin1String("Received")));
    QVERIFY(!m_window->detailPanel()->why()->text().isEmpty());
}

void tst_Timeline::exportFromTheApp()
{
    openPersonBySearch();
    QTRY_COMPARE(m_window->timelinePanel()->model()->shownEventCount(), 3);
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("ada.csv"));
    bool filled = false;
    // The dialog is modal: filled in and accepted once it is up, as a user would.
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ui::ExportDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        const auto combos = dialog->findChildren<QComboBox *>();
        for (QComboBox *combo : combos) {
            if (combo->accessibleName() == QLatin1String("Format"))
                combo->setCurrentIndex(combo->findData(QStringLiteral("csv")));
            if (combo->accessibleName() == QLatin1String("Events to include"))
                combo->setCurrentIndex(combo->findData(1));
        }
        const auto edits = dialog->findChildren<QLineEdit *>();
        for (QLineEdit *edit : edits) {
            if (edit->accessibleName() == QLatin1String("File"))
                edit->setText(path);
            if (edit->accessibleName() == QLatin1String("Purpose"))
                edit->setText(QStringLiteral("core group"));
        }
        filled = true;
        dialog->accept();
    });
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(filled);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QLatin1String("GP appointment")));
    QVERIFY(text.contains(QLatin1String("core group")));
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM audit WHERE action = 'chronology.export' "
                            "AND subject = 'person:7' AND purpose = 'core group'")
                 .value(),
             qint64(1));
}

void tst_Timeline::addANoteFromTheDetail()
{
    openPersonBySearch();
    ui::TimelinePanel *panel = m_window->timelinePanel();
    QTRY_COMPARE(panel->model()->shownEventCount(), 3);
    panel->view()->setCurrentIndex(panel->model()->index(panel->model()->rowOfEvent(2)));
    ui::RecordDetailPanel *detail = m_window->detailPanel();
    QVERIFY(detail->addNoteButton()->isEnabled());
    bool filled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ui::NoteDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *kind = dialog->findChild<QComboBox *>();
        kind->setCurrentIndex(kind->findData(QStringLiteral("impact")));
        dialog->findChild<QPlainTextEdit *>()->setPlainText(QStringLiteral("Ada was frightened"));
        filled = true;
        dialog->accept();
    });
    QTest::mouseClick(detail->addNoteButton(), Qt::LeftButton);
    QVERIFY(filled);
    QVERIFY2(detail->notes()->text().contains(QLatin1String("Ada was frightened")),
             qPrintable(detail->notes()->text()));
    QCOMPARE(m_db->queryInt("SELECT count(*) FROM audit WHERE action = 'annotation.add'").value(),
             qint64(1));
}

void tst_Timeline::overviewZoomsAndPicks()
{
    openPersonBySearch();
    ui::TimelinePanel *panel = m_window->timelinePanel();
    QTRY_COMPARE(panel->model()->shownEventCount(), 3);
    ui::TimelineOverview *overview = panel->overview();
    // Everything in view: the first event (25 December 2023) to the last (1 March 2024).
    QVERIFY(overview->shownFrom() <= QDate(2023, 12, 25));
    QVERIFY(overview->shownTo() >= QDate(2024, 3, 1));
    QVERIFY2(overview->accessibleDescription().contains(QLatin1String("Police: 2 event")),
             qPrintable(overview->accessibleDescription()));
    const qint64 span = overview->shownFrom().daysTo(overview->shownTo());
    overview->setFocus();
    QTest::keyClick(overview, Qt::Key_Plus);
    QVERIFY(overview->shownFrom().daysTo(overview->shownTo()) < span);
    QTest::keyClick(overview, Qt::Key_Home);
    QCOMPARE(overview->shownFrom().daysTo(overview->shownTo()), span);
    // Picking a mark shows its event, even when a filter had hidden it.
    panel->significanceFilter()->setCurrentIndex(2); // key events only
    Q_EMIT overview->eventClicked(3);                // the notable welfare check
    const store::EventView *current = panel->model()->eventAt(panel->view()->currentIndex().row());
    QVERIFY(current);
    QCOMPARE(current->eventId, qint64(3));
}

void tst_Timeline::followsADarkPalette()
{
    ui::TimelinePanel *panel = m_window->timelinePanel();
    const QPalette light = QApplication::palette();
    QVERIFY(!models::isDarkPalette(light));
    // The colour of the police button's icon, beside its pictogram.
    const auto policeColour = [panel] {
        return panel->agencyButton(QStringLiteral("police"))
            ->icon()
            .pixmap(32, 32)
            .toImage()
            .pixelColor(1, 16)
            .rgb();
    };
    QCOMPARE(policeColour(), models::agencyStyle(QStringLiteral("police"), false).colour.rgb());
    // The system switches to dark: light text on a dark window.
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, Qt::white);
    QApplication::setPalette(dark);
    QTRY_VERIFY(models::isDarkPalette(panel->palette()));
    // The police navy turns to a light blue that shows on the dark base.
    QTRY_COMPARE(policeColour(), models::agencyStyle(QStringLiteral("police"), true).colour.rgb());
    QApplication::setPalette(light);
    QTRY_COMPARE(policeColour(), models::agencyStyle(QStringLiteral("police"), false).colour.rgb());
}

BV_GUI_TEST_MAIN(tst_Timeline)
#include "tst_timeline.moc"
