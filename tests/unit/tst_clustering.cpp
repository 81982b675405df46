// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "linkage/clustering.h"

#include <QTest>

using namespace bv;
using namespace bv::linkage;

using Joins = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

class tst_Clustering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void joinsFollowChains();
    void differentNhsNumbersNeverJoin_data();
    void differentNhsNumbersNeverJoin();
    void labelsDoNotDependOnJoinOrder();
};

void tst_Clustering::joinsFollowChains()
{
    ClusterBuilder persons({0, 0, 0, 0});
    QVERIFY(persons.join(0, 1));
    QVERIFY(persons.join(1, 2));
    QVERIFY(persons.together(0, 2));
    QVERIFY(!persons.together(0, 3));
    QCOMPARE(persons.labels(), (std::vector<std::uint32_t>{0, 0, 0, 3}));
}

void tst_Clustering::differentNhsNumbersNeverJoin_data()
{
    QTest::addColumn<std::vector<std::uint64_t>>("nhs");
    QTest::addColumn<Joins>("joins");
    QTest::addColumn<std::vector<std::uint32_t>>("expected");
    // A and B hold different numbers: never one person, directly...
    QTest::newRow("directly") << std::vector<std::uint64_t>{9434765919, 9434765870} << Joins{{0, 1}}
                              << std::vector<std::uint32_t>{0, 1};
    // ...or through a record with none (A-C joins, then C-B is refused).
    QTest::newRow("through a chain")
        << std::vector<std::uint64_t>{9434765919, 9434765870, 0} << Joins{{0, 2}, {2, 1}}
        << std::vector<std::uint32_t>{0, 1, 0};
    // Through two persons each already holding a number.
    QTest::newRow("person to person")
        << std::vector<std::uint64_t>{9434765919, 0, 9434765870, 0} << Joins{{0, 1}, {2, 3}, {1, 3}}
        << std::vector<std::uint32_t>{0, 0, 2, 2};
    // The same number twice is no conflict.
    QTest::newRow("same number") << std::vector<std::uint64_t>{9434765919, 0, 9434765919}
                                 << Joins{{0, 1}, {1, 2}} << std::vector<std::uint32_t>{0, 0, 0};
}

void tst_Clustering::differentNhsNumbersNeverJoin()
{
    QFETCH(std::vector<std::uint64_t>, nhs);
    QFETCH(Joins, joins);
    QFETCH(std::vector<std::uint32_t>, expected);
    ClusterBuilder persons(nhs);
    for (const auto &[a, b] : joins)
        persons.join(a, b);
    QCOMPARE(persons.labels(), expected);
}

void tst_Clustering::labelsDoNotDependOnJoinOrder()
{
    ClusterBuilder forward({0, 0, 0, 0, 0});
    forward.join(0, 1);
    forward.join(3, 4);
    forward.join(1, 4);
    ClusterBuilder backward({0, 0, 0, 0, 0});
    backward.join(4, 1);
    backward.join(4, 3);
    backward.join(1, 0);
    QCOMPARE(forward.labels(), backward.labels());
    QCOMPARE(forward.labels(), (std::vector<std::uint32_t>{0, 0, 2, 0, 0}));
}

BV_TEST_MAIN(tst_Clustering)
#include "tst_clustering.moc"
