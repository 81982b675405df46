// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "report/protectivemarking.h"

#include <QTest>

using namespace bv::report;

class tst_ProtectiveMarking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marking();
    void provenanceLineIsInUkTime_data();
    void provenanceLineIsInUkTime();
};

void tst_ProtectiveMarking::marking()
{
    QCOMPARE(ProtectiveMarking::marking(), QStringLiteral("OFFICIAL-SENSITIVE"));
}

void tst_ProtectiveMarking::provenanceLineIsInUkTime_data()
{
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<QString>("expected");
    QTest::newRow("winter: GMT")
        << QDateTime(QDate(2026, 1, 15), QTime(9, 5), Qt::UTC)
        << QStringLiteral("Produced by a.worker on 15 Jan 2026 09:05 (UK time) for: case review");
    QTest::newRow("summer: BST, an hour ahead")
        << QDateTime(QDate(2026, 7, 1), QTime(23, 30), Qt::UTC)
        << QStringLiteral("Produced by a.worker on 2 Jul 2026 00:30 (UK time) for: case review");
}

void tst_ProtectiveMarking::provenanceLineIsInUkTime()
{
    QFETCH(QDateTime, utc);
    QFETCH(QString, expected);
    QCOMPARE(ProtectiveMarking::provenanceLine(
                 {QStringLiteral("a.worker"), utc, QStringLiteral("case review")}),
             expected);
}

BV_TEST_MAIN(tst_ProtectiveMarking)
#include "tst_protectivemarking.moc"
