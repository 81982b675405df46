// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/guitestmain.h"
#include "models/storesummarymodel.h"
#include "store/schema.h"
#include "ui/mainwindow.h"
#include "ui/recoverykeydialog.h"
#include "ui/unlockdialog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bv;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsStoreAndCounts();
    void summaryModelIsConsistent();
    void unlockDialogOpensStore();
    void unlockDialogShowsWrongPassphrase();
    void unlockDialogCreatesStore();
    void recoveryKeyDialogNeedsConfirmation();
    void lockClearsTheWindow();

private:
    static QLabel *valueLabel(QWidget &window, const QString &accessibleName);
    static void fillAndSubmit(ui::UnlockDialog &dialog, const QString &path,
                              const QString &passphrase);
};

QLabel *tst_MainWindow::valueLabel(QWidget &window, const QString &accessibleName)
{
    const auto labels = window.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->accessibleName() == accessibleName)
            return label;
    }
    return nullptr;
}

void tst_MainWindow::fillAndSubmit(ui::UnlockDialog &dialog, const QString &path,
                                   const QString &passphrase)
{
    const auto edits = dialog.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->accessibleName() == QLatin1String("Store file"))
            edit->setText(path);
        else if (edit->accessibleName().startsWith(QLatin1String("Passphrase")))
            edit->setText(passphrase);
    }
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void tst_MainWindow::showsStoreAndCounts()
{
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    QVERIFY_RESULT(test::insertPerson(session.value()->database(), QStringLiteral("health"),
                                      QStringLiteral("p1"), QStringLiteral("Okafor")));
    ui::MainWindow window(fixture.clock());
    window.openSession(std::move(session.value()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QLabel *store = valueLabel(window, QStringLiteral("Store file"));
    QVERIFY(store);
    QCOMPARE(store->text(), fixture.paths().store);
    QCOMPARE(valueLabel(window, QStringLiteral("Schema version"))->text(),
             QString::number(store::Schema::latestVersion()));

    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QAbstractItemModel *model = table->model();
    QHash<QString, qint64> rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows.insert(model->index(row, 0).data(Qt::UserRole).toString(),
                    model->index(row, 1).data(Qt::UserRole).toLongLong());
    QCOMPARE(rows.value(QStringLiteral("source_person")), 1);
    QCOMPARE(rows.value(QStringLiteral("person")), 1);
    QCOMPARE(rows.value(QStringLiteral("audit")), 1); // store.create
}

void tst_MainWindow::summaryModelIsConsistent()
{
    models::StoreSummaryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store::StoreSummary summary;
    summary.tables = {{QStringLiteral("event"), 10}, {QStringLiteral("audit"), 3}};
    model.setSummary(summary);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Events"));
    // People are those linked now: ids merged into others are kept but not counted.
    summary.tables = {{QStringLiteral("person"), 12}};
    summary.retiredPersons = 2;
    model.setSummary(summary);
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("10"));
    QVERIFY(model.index(0, 1).data(Qt::ToolTipRole).toString().contains(QLatin1String("2")));
    model.setSummary({});
    QCOMPARE(model.rowCount(), 0);
}

void tst_MainWindow::unlockDialogOpensStore()
{
    test::StoreFixture fixture;
    QVERIFY_RESULT(fixture.create());
    ui::UnlockDialog dialog(fixture.clock());
    dialog.show();
    fillAndSubmit(dialog, fixture.paths().store, QString::fromUtf8(fixture.passphrase()));
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    auto session = dialog.takeSession();
    QVERIFY(session);
    QCOMPARE(session->paths().store, fixture.paths().store);
}

void tst_MainWindow::unlockDialogShowsWrongPassphrase()
{
    test::StoreFixture fixture;
    QVERIFY_RESULT(fixture.create());
    ui::UnlockDialog dialog(fixture.clock());
    dialog.show();
    fillAndSubmit(dialog, fixture.paths().store, QStringLiteral("not the passphrase"));
    QLabel *status = valueLabel(dialog, QStringLiteral("Status"));
    QVERIFY(status);
    QTRY_VERIFY(status->text().contains(QLatin1String("passphrase is wrong")));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.takeSession());
}

void tst_MainWindow::unlockDialogCreatesStore()
{
    // Creating through the dialog uses the production KDF cost, which is what a user gets.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.bvstore"));
    SystemClock clock;
    ui::UnlockDialog dialog(clock);
    dialog.show();
    dialog.findChildren<QRadioButton *>().at(1)->setChecked(true);
    // The recovery key dialog is modal: tick and close it whenever it appears.
    QTimer dismisser;
    bool recoveryShown = false;
    connect(&dismisser, &QTimer::timeout, this, [&recoveryShown] {
        if (auto *recovery
            = qobject_cast<ui::RecoveryKeyDialog *>(QApplication::activeModalWidget())) {
            recoveryShown = true;
            recovery->findChild<QCheckBox *>()->setChecked(true);
            recovery->accept();
        }
    });
    dismisser.start(20);
    fillAndSubmit(dialog, path, QStringLiteral("a new passphrase"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 60000);
    QVERIFY(recoveryShown);
    QVERIFY(dialog.takeSession());
    QVERIFY(QFile::exists(path));
    QVERIFY(QFile::exists(path + QStringLiteral(".key")));
}

void tst_MainWindow::recoveryKeyDialogNeedsConfirmation()
{
    const SecretBytes key = SecretBytes::fromView("AAAA-BBBB");
    ui::RecoveryKeyDialog dialog(key);
    dialog.show();
    auto *close = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close);
    QVERIFY(!close->isEnabled());
    dialog.reject(); // Escape
    QVERIFY(dialog.isVisible());
    dialog.findChild<QCheckBox *>()->setChecked(true);
    QVERIFY(close->isEnabled());
    dialog.reject();
    QVERIFY(!dialog.isVisible());
}

void tst_MainWindow::lockClearsTheWindow()
{
    test::StoreFixture fixture;
    auto session = fixture.create();
    QVERIFY_RESULT(session);
    ui::MainWindow window(fixture.clock());
    window.openSession(std::move(session.value()));
    window.lock();
    QCOMPARE(window.findChild<QTableView *>()->model()->rowCount(), 0);
    QCOMPARE(valueLabel(window, QStringLiteral("Store file"))->text(), QStringLiteral("Locked"));
}

BV_GUI_TEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
