// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/nicknames.h"

#include <QTest>

#include <algorithm>

using namespace bv;
using namespace bv::linkage;

class tst_Nicknames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shippedTableIsLarge();
    void shipped_data();
    void shipped();
    void groupsAreSorted();
    void parsesCommentsAndCrLf();
    void rejects_data();
    void rejects();
    void missingFile();

private:
    NicknameTable m_table;
};

void tst_Nicknames::initTestCase()
{
    Result<NicknameTable> table = NicknameTable::loadShipped();
    QVERIFY_RESULT(table);
    m_table = std::move(table).value();
}

void tst_Nicknames::shippedTableIsLarge()
{
    // "A few hundred pairs": count the pairs the rows imply.
    QVERIFY(m_table.groupCount() >= 300);
    QVERIFY(m_table.nameCount() >= 700);
}

void tst_Nicknames::shipped_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("nicknames");

    const auto row = [](const char *name, const char *a, const char *b, bool expected) {
        QTest::newRow(name) << QString::fromLatin1(a) << QString::fromLatin1(b) << expected;
    };
    row("Bill William", "BILL", "WILLIAM", true);
    row("William Bill", "WILLIAM", "BILL", true);
    row("Peggy Margaret", "PEGGY", "MARGARET", true);
    row("Jack John", "JACK", "JOHN", true);
    row("Liz Elizabeth", "LIZ", "ELIZABETH", true);
    row("Beth Elizabeth", "BETH", "ELIZABETH", true);
    row("Betty Elizabeth", "BETTY", "ELIZABETH", true);
    row("Beth Betty: one row", "BETH", "BETTY", true);
    row("Bob Robert", "BOB", "ROBERT", true);
    row("Dick Richard", "DICK", "RICHARD", true);
    row("Ted Edward", "TED", "EDWARD", true);
    row("Sally Sarah", "SALLY", "SARAH", true);
    row("Polly Mary", "POLLY", "MARY", true);
    row("Al Albert", "AL", "ALBERT", true);
    row("Al Alfred", "AL", "ALFRED", true);
    row("Albert Alfred: rows never chained", "ALBERT", "ALFRED", false);
    row("Joseph Josephine: Jo is in both, not chained", "JOSEPH", "JOSEPHINE", false);
    row("same name is exact, not a nickname", "WILLIAM", "WILLIAM", false);
    row("unrelated", "JOHN", "MARY", false);
    row("unknown name", "ZEBULON", "WILLIAM", false);
    row("empty", "", "WILLIAM", false);
    row("not normalised", "Bill", "William", false);
}

void tst_Nicknames::shipped()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, nicknames);
    QCOMPARE(m_table.areNicknames(a, b), nicknames);
    // What a prepared record keeps gives the same answer without the table.
    if (nicknames)
        QVERIFY(shareNicknameGroup(m_table.groupsOf(a), m_table.groupsOf(b)));
}

void tst_Nicknames::groupsAreSorted()
{
    const NicknameGroups al = m_table.groupsOf(u"AL");
    QVERIFY(al.size() >= 4); // Albert, Alfred, Alan, Allan, Alexander, Alistair...
    QVERIFY(std::is_sorted(al.begin(), al.end()));
    QVERIFY(std::adjacent_find(al.begin(), al.end()) == al.end());
    QVERIFY(m_table.groupsOf(u"ZEBULON").empty());
}

void tst_Nicknames::parsesCommentsAndCrLf()
{
    const Result<NicknameTable> table = NicknameTable::parse(
        "# comment\r\n\r\nWilliam,Bill, Will \r\n  # indented comment\nZoë,Zoe-Anne\n");
    QVERIFY_RESULT(table);
    QCOMPARE(table->groupCount(), 2);
    QVERIFY(table->areNicknames(u"WILL", u"BILL"));
    // Names are normalised on loading: diacritics and hyphens.
    QVERIFY(table->areNicknames(u"ZOE", u"ZOE ANNE"));
}

void tst_Nicknames::rejects_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("no rows");
    QTest::newRow("comments only") << QByteArray("# nothing\n") << QStringLiteral("no rows");
    QTest::newRow("one name") << QByteArray("# header\nWilliam,Bill\nSecretname\n")
                              << QStringLiteral("line 3");
    QTest::newRow("same name twice") << QByteArray("Anna,ANNA\n") << QStringLiteral("line 1");
    QTest::newRow("empty field") << QByteArray("William,,Bill\n") << QStringLiteral("line 1");
}

void tst_Nicknames::rejects()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, expected);
    const Result<NicknameTable> table = NicknameTable::parse(csv);
    QVERIFY(!table.ok());
    QVERIFY2(table.error().message.contains(expected), qPrintable(table.error().message));
    // Positions only: no name from the input in the message.
    QVERIFY(!table.error().message.contains(QLatin1String("SECRETNAME"), Qt::CaseInsensitive));
}

void tst_Nicknames::missingFile()
{
    const Result<NicknameTable> table = NicknameTable::load(QStringLiteral(":/no/such/file.csv"));
    QVERIFY(!table.ok());
    QCOMPARE(table.error().code, ErrorCode::Io);
}

BV_TEST_MAIN(tst_Nicknames)
#include "tst_nicknames.moc"
