// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/guitestmain.h"
#include "ui/basemapdialog.h"
#include "ui/exportdialog.h"
#include "ui/mainwindow.h"
#include "ui/notedialog.h"
#include "ui/recoverykeydialog.h"
#include "ui/searchpanel.h"
#include "ui/timelinepanel.h"
#include "ui/unlockdialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QTableView>
#include <QTest>

using namespace bv;

// The accessibility walk: on every screen, every control a keyboard can reach has a name and a
// description for a screen reader, and Tab reaches every one of them.
class tst_Accessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyControlIsNamedAndDescribed_data();
    void everyControlIsNamedAndDescribed();
    void tabReachesEveryControl_data();
    void tabReachesEveryControl();

private:
    // The screen named by a data row, shown; null if the row names none.
    QWidget *screen(const QString &name);
    static QList<QWidget *> controls(QWidget *top);
    static QString describe(QWidget *widget);

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QWidget> m_dialog;
};

void tst_Accessibility::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    QVERIFY_RESULT(test::insertPersonWithEvents(session.value()->database()));
    m_window = std::make_unique<ui::MainWindow>(m_fixture->clock());
    m_window->openSession(std::move(session.value()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // A person open and an event selected, so the timeline and detail show all they have.
    ui::SearchPanel *search = m_window->searchPanel();
    QTest::keyClicks(search->queryEdit(), QStringLiteral("quennell"));
    QTest::keyClick(search->queryEdit(), Qt::Key_Return);
    QTRY_VERIFY(search->resultsView()->currentIndex().isValid());
    search->resultsView()->setFocus();
    QTest::keyClick(search->resultsView(), Qt::Key_Return);
    QListView *timeline = m_window->timelinePanel()->view();
    QTRY_VERIFY(timeline->model()->rowCount() > 1);
    timeline->setCurrentIndex(timeline->model()->index(1, 0));
}

void tst_Accessibility::cleanup()
{
    m_dialog.reset();
    m_window.reset();
    m_fixture.reset();
}

QWidget *tst_Accessibility::screen(const QString &name)
{
    if (name.startsWith(QLatin1String("dock "))) {
        // Docks share the left side as tabs: raise the one asked for.
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
            if (dock->objectName() == name.mid(5)) {
                dock->show();
                dock->raise();
            }
        }
        QApplication::processEvents();
        return m_window.get();
    }
    if (name == QLatin1String("export dialog"))
        m_dialog = std::make_unique<ui::ExportDialog>(QStringLiteral("Person 7"),
                                                      QStringLiteral("case review"));
    else if (name == QLatin1String("note dialog"))
        m_dialog = std::make_unique<ui::NoteDialog>(QStringLiteral("Welfare check"));
    else if (name == QLatin1String("unlock dialog"))
        m_dialog = std::make_unique<ui::UnlockDialog>(m_fixture->clock());
    else if (name == QLatin1String("base map dialog")) {
        ui::BaseMapChoice choice;
        choice.kind = ui::BaseMapChoice::Kind::Server; // its fields enabled
        m_dialog = std::make_unique<ui::BaseMapDialog>(
            choice, [](const ui::BaseMapChoice &) { return Result<void>(); });
    } else if (name == QLatin1String("recovery key dialog"))
        m_dialog = std::make_unique<ui::RecoveryKeyDialog>(SecretBytes::fromView("AAAA-BBBB"));
    if (!m_dialog)
        return nullptr;
    m_dialog->show();
    QApplication::processEvents();
    return m_dialog.get();
}

QList<QWidget *> tst_Accessibility::controls(QWidget *top)
{
    QList<QWidget *> list;
    for (QWidget *widget : top->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(top) || !widget->isEnabled()
            || (widget->focusPolicy() & Qt::TabFocus) != Qt::TabFocus || widget->focusProxy())
            continue;
        // Tab reaches a group of radio buttons at its checked one; arrows move within it.
        if (auto *radio = qobject_cast<QRadioButton *>(widget); radio && !radio->isChecked())
            continue;
        list << widget;
    }
    return list;
}

QString tst_Accessibility::describe(QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->accessibleName());
}

namespace {

void addScreens()
{
    QTest::addColumn<QString>("screen");
    for (const char *name :
         {"dock searchDock", "dock storeDock", "dock sourcesDock", "export dialog", "note dialog",
          "unlock dialog", "recovery key dialog", "base map dialog"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

// Where a control takes text or choices, or shows data, its name alone is not enough: a
// screen reader also reads what to type or what it holds.
bool needsDescription(QWidget *widget)
{
    return qobject_cast<QLineEdit *>(widget) || qobject_cast<QComboBox *>(widget)
           || qobject_cast<QAbstractSpinBox *>(widget) || qobject_cast<QPlainTextEdit *>(widget)
           || qobject_cast<QAbstractItemView *>(widget);
}

} // namespace

void tst_Accessibility::everyControlIsNamedAndDescribed_data()
{
    addScreens();
}

void tst_Accessibility::everyControlIsNamedAndDescribed()
{
    QFETCH(QString, screen);
    QWidget *top = this->screen(screen);
    QVERIFY(top);
    QStringList missing;
    for (QWidget *widget : controls(top)) {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY(accessible);
        if (accessible->text(QAccessible::Name).trimmed().isEmpty())
            missing << describe(widget) + QStringLiteral(": no name");
        else if (needsDescription(widget)
                 && accessible->text(QAccessible::Description).trimmed().isEmpty())
            missing << describe(widget) + QStringLiteral(": no description");
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
}

void tst_Accessibility::tabReachesEveryControl_data()
{
    addScreens();
}

void tst_Accessibility::tabReachesEveryControl()
{
    QFETCH(QString, screen);
    QWidget *top = this->screen(screen);
    QVERIFY(top);
    top->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(top));
    const QList<QWidget *> expected = controls(top);
    QVERIFY(!expected.isEmpty());
    expected.first()->setFocus(Qt::TabFocusReason);
    QSet<QWidget *> reached;
    for (int press = 0; press < 4 * expected.size() + 10; ++press) {
        if (QWidget *focused = QApplication::focusWidget())
            reached.insert(focused);
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : top,
                        Qt::Key_Tab);
    }
    QStringList unreached;
    for (QWidget *widget : expected) {
        if (!reached.contains(widget))
            unreached << describe(widget);
    }
    QVERIFY2(unreached.isEmpty(), qPrintable(unreached.join(QStringLiteral("; "))));
}

BV_GUI_TEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
