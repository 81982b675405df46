// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/guitestmain.h"
#include "models/personsearchmodel.h"
#include "search/personsearchindex.h"
#include "store/database.h"
#include "store/statement.h"
#include "ui/mainwindow.h"
#include "ui/searchpanel.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace bv;

class tst_SearchPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void resultsAppearAsYouType();
    void committedSearchIsAuditedWithoutTheWords();
    void findShortcutFocusesTheQuery();
    void lockEmptiesTheResults();

private:
    qint64 auditCount();

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<ui::MainWindow> m_window;
    store::Database *m_db = nullptr; // the window's session's
    qint64 m_okafor = 0;
};

void tst_SearchPanel::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    auto okafor = test::insertPerson(db, QStringLiteral("health"), QStringLiteral("p1"),
                                     QStringLiteral("Okafor"));
    QVERIFY_RESULT(okafor);
    m_okafor = okafor.value();
    QVERIFY_RESULT(test::insertPerson(db, QStringLiteral("health"), QStringLiteral("p2"),
                                      QStringLiteral("Okonkwo")));
    QVERIFY_RESULT(test::insertPerson(db, QStringLiteral("health"), QStringLiteral("p3"),
                                      QStringLiteral("Smith")));
    // insertPerson writes rows as a feed would, bar the index: made here as for an old store.
    QVERIFY_RESULT(search::PersonSearchIndex::rebuild(db));
    m_db = &db;
    m_window = std::make_unique<ui::MainWindow>(m_fixture->clock());
    m_window->openSession(std::move(session.value()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SearchPanel::cleanup()
{
    m_window.reset();
    m_db = nullptr;
    m_fixture.reset();
}

qint64 tst_SearchPanel::auditCount()
{
    return m_db->queryInt("SELECT count(*) FROM audit WHERE action = 'persons.search'").value();
}

void tst_SearchPanel::resultsAppearAsYouType()
{
    ui::SearchPanel *panel = m_window->searchPanel();
    auto *model = qobject_cast<models::PersonSearchModel *>(panel->resultsView()->model());
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::keyClicks(panel->queryEdit(), QStringLiteral("ok"));
    QTRY_COMPARE(model->rowCount(), 2);
    QTest::keyClicks(panel->queryEdit(), QStringLiteral("af"));
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->personId(0), m_okafor);
    QCOMPARE(model->index(0, models::PersonSearchModel::NameColumn).data().toString(),
             QStringLiteral("Alex Okafor"));
    QCOMPARE(model->index(0, models::PersonSearchModel::AgenciesColumn).data().toString(),
             QStringLiteral("Health"));
    // Typing is not a search anyone made: nothing audited yet.
    QCOMPARE(auditCount(), 0);
}

void tst_SearchPanel::committedSearchIsAuditedWithoutTheWords()
{
    ui::SearchPanel *panel = m_window->searchPanel();
    QTest::keyClicks(panel->queryEdit(), QStringLiteral("okafor"));
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QTRY_COMPARE(auditCount(), 1);
    auto row = m_db->prepare("SELECT subject, detail FROM audit WHERE action = 'persons.search'");
    QVERIFY_RESULT(row);
    auto step = row->step();
    QVERIFY_RESULT(step);
    QCOMPARE(row->text(0), QStringLiteral("person:%1").arg(m_okafor));
    QCOMPARE(row->text(1), QStringLiteral("terms=name; found=1"));
    QVERIFY(!row->text(1).contains(QLatin1String("okafor"), Qt::CaseInsensitive));
    // The first person found is ready to open with Enter.
    QTRY_VERIFY(panel->resultsView()->currentIndex().isValid());
}

void tst_SearchPanel::findShortcutFocusesTheQuery()
{
    ui::SearchPanel *panel = m_window->searchPanel();
    panel->resultsView()->setFocus();
    QTRY_VERIFY(!panel->queryEdit()->hasFocus());
    QTest::keySequence(m_window.get(), QKeySequence::Find);
    QTRY_VERIFY(panel->queryEdit()->hasFocus());
}

void tst_SearchPanel::lockEmptiesTheResults()
{
    ui::SearchPanel *panel = m_window->searchPanel();
    QTest::keyClicks(panel->queryEdit(), QStringLiteral("smith"));
    QTRY_COMPARE(panel->resultsView()->model()->rowCount(), 1);
    m_db = nullptr;
    m_window->lock();
    QCOMPARE(panel->resultsView()->model()->rowCount(), 0);
    QVERIFY(panel->queryEdit()->text().isEmpty());
}

BV_GUI_TEST_MAIN(tst_SearchPanel)
#include "tst_searchpanel.moc"
