// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring a linker's pairs against small hand-made truths, where every number can be worked
// out on paper.
#include "common/testsupport.h"
#include "linkage/evaluation.h"
#include "linkage/predictedpairs.h"
#include "linkage/truth.h"

#include <QTest>

using namespace bv;
using namespace bv::linkage;

namespace {

// Four people over three feeds (h, p, e): P1 in all three, P2 in two, P3 in one, P4 in two.
// True pairs: 3 + 1 + 0 + 1 = 5; true clusters: 4.
const QString kTruth = QStringLiteral("feed,kind,external_id,person_id\n"
                                      "h,patient,1,P1\n"
                                      "p,person,1,P1\n"
                                      "e,pupil,1,P1\n"
                                      "h,patient,2,P2\n"
                                      "p,person,2,P2\n"
                                      "h,patient,3,P3\n"
                                      "h,patient,4,P4\n"
                                      "e,pupil,4,P4\n");

const QString kHeader = QStringLiteral("id_a,id_b,weight,probability\n");

// Every true pair, each once.
const QString kPerfect = QStringLiteral("h/1,p/1,12.5,0.99\n"
                                        "p/1,e/1,9,0.98\n"
                                        "h/1,e/1,8.25,0.97\n"
                                        "h/2,p/2,11,0.99\n"
                                        "h/4,e/4,7,0.9\n");

struct Expected
{
    qint64 predicted = 0;
    qint64 truePositives = 0;
    qsizetype predictedClusters = 0;
    qsizetype exactClusters = 0;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    double clusterPrecision = 0.0;
    double clusterRecall = 0.0;
    double clusterF1 = 0.0;
};

struct LeftOut
{
    qint64 duplicates = 0;
    qint64 selfPairs = 0;
    qint64 unknownPairs = 0;
    qsizetype unknownIds = 0;
};

double f1(double precision, double recall)
{
    return 2 * precision * recall / (precision + recall);
}

} // namespace

Q_DECLARE_METATYPE(Expected)
Q_DECLARE_METATYPE(LeftOut)

class tst_LinkEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scoresSourceTruth_data();
    void scoresSourceTruth();
    void febrlDeduplication();
    void febrlLinkageCountsOnlyPairsAcrossFiles();
    void nothingPredicted();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void truthConflictIsAnError();
};

void tst_LinkEvaluation::scoresSourceTruth_data()
{
    QTest::addColumn<QString>("pairs");
    QTest::addColumn<Expected>("expected");
    QTest::addColumn<LeftOut>("leftOut");

    QTest::newRow("perfect") << kPerfect << Expected{5, 5, 4, 4, 1, 1, 1, 1, 1, 1} << LeftOut{};
    // The closure still makes P1 whole, but the pair h/1-e/1 itself was not predicted.
    QTest::newRow("perfect clusters by transitivity")
        << QStringLiteral("h/1,p/1,1,0.9\np/1,e/1,1,0.9\nh/2,p/2,1,0.9\nh/4,e/4,1,0.9\n")
        << Expected{4, 4, 4, 4, 1, 0.8, f1(1, 0.8), 1, 1, 1} << LeftOut{};
    // h/3-h/4 merges P3 and P4 into one wrong cluster of three.
    QTest::newRow("one false positive")
        << kPerfect + QStringLiteral("h/3,h/4,2,0.6\n")
        << Expected{6, 5, 3, 2, 5.0 / 6, 1, 10.0 / 11, 2.0 / 3, 0.5, f1(2.0 / 3, 0.5)} << LeftOut{};
    // Without h/2-p/2, P2 is two singletons: 5 predicted clusters, 3 exact (P1, P3, P4).
    QTest::newRow("one missed")
        << QStringLiteral("h/1,p/1,1,0.9\np/1,e/1,1,0.9\nh/1,e/1,1,0.9\nh/4,e/4,1,0.9\n")
        << Expected{4, 4, 5, 3, 1, 0.8, f1(1, 0.8), 0.6, 0.75, f1(0.6, 0.75)} << LeftOut{};
    QTest::newRow("reversed pairs are the same pair")
        << QStringLiteral("p/1,h/1,1,0.9\ne/1,p/1,1,0.9\ne/1,h/1,1,0.9\np/2,h/2,1,0.9\n"
                          "e/4,h/4,1,0.9\nh/1,p/1,1,0.9\n")
        << Expected{5, 5, 4, 4, 1, 1, 1, 1, 1, 1} << LeftOut{1, 0, 0, 0};
    // Only P2 and the singleton P3 come out exact; P1 is 3 singletons, P4 is 2: 7 clusters.
    QTest::newRow("duplicates and a self-pair")
        << QStringLiteral("h/2,p/2,1,0.9\nh/2,p/2,1,0.9\np/2,h/2,1,0.9\nh/3,h/3,1,0.9\n")
        << Expected{1, 1, 7, 2, 1, 0.2, f1(1, 0.2), 2.0 / 7, 0.5, f1(2.0 / 7, 0.5)}
        << LeftOut{2, 1, 0, 0};
    QTest::newRow("unknown ids are left out")
        << kPerfect + QStringLiteral("x/9,h/1,1,0.9\nx/9,x/8,1,0.9\nh/2,y/1,1,0.9\n")
        << Expected{5, 5, 4, 4, 1, 1, 1, 1, 1, 1} << LeftOut{0, 0, 3, 3};
    QTest::newRow("quoted fields, CRLF, columns in another order")
        << QStringLiteral("\"h/1\",\"p/1\"\r\n\"p/1\",\"e/1\"\r\n\"h/1\",e/1\r\n")
        << Expected{3, 3, 6, 2, 1, 0.6, 0.75, 1.0 / 3, 0.5, 0.4} << LeftOut{};
}

void tst_LinkEvaluation::scoresSourceTruth()
{
    QFETCH(QString, pairs);
    QFETCH(Expected, expected);
    QFETCH(LeftOut, leftOut);

    auto truth = TruthReader::parseSourceTruth(kTruth, QStringLiteral("truth.csv"));
    QVERIFY_RESULT(truth);
    QCOMPARE(truth->size(), 8);
    QCOMPARE(truth->entityCount(), 4);
    QCOMPARE(truth->truePairCount(), 5);
    QVERIFY(truth->indexOf(QStringLiteral("e/4")).has_value());

    // The last row uses other columns, in another order, without weight or probability.
    const QString header = QTest::currentDataTag()
                                   == QByteArray("quoted fields, CRLF, columns "
                                                 "in another order")
                               ? QStringLiteral("\"id_a\",id_b\r\n")
                               : kHeader;
    auto read = PredictedPairsReader::parse(QString(header + pairs), QStringLiteral("pairs.csv"),
                                            truth.value());
    QVERIFY_RESULT(read);
    QCOMPARE(read->duplicates, leftOut.duplicates);
    QCOMPARE(read->selfPairs, leftOut.selfPairs);
    QCOMPARE(read->unknownPairs, leftOut.unknownPairs);
    QCOMPARE(read->unknownIds, leftOut.unknownIds);
    QCOMPARE(read->withinOneFile, 0);
    QCOMPARE(read->rows, qint64(pairs.count(QLatin1Char('\n'))));

    const LinkageScores scores = LinkageEvaluator::evaluate(truth.value(), read->pairs);
    QCOMPARE(scores.records, 8);
    QCOMPARE(scores.truePairs, 5);
    QCOMPARE(scores.predictedPairs, expected.predicted);
    QCOMPARE(scores.truePositives, expected.truePositives);
    QCOMPARE(scores.falsePositives(), expected.predicted - expected.truePositives);
    QCOMPARE(scores.falseNegatives(), 5 - expected.truePositives);
    QCOMPARE(scores.trueClusters, 4);
    QCOMPARE(scores.trueMultiClusters, 3);
    QCOMPARE(scores.predictedClusters, expected.predictedClusters);
    QCOMPARE(scores.exactClusters, expected.exactClusters);
    QCOMPARE(scores.pairwise.precision, expected.precision);
    QCOMPARE(scores.pairwise.recall, expected.recall);
    QCOMPARE(scores.pairwise.f1, expected.f1);
    QCOMPARE(scores.cluster.precision, expected.clusterPrecision);
    QCOMPARE(scores.cluster.recall, expected.clusterRecall);
    QCOMPARE(scores.cluster.f1, expected.clusterF1);
}

void tst_LinkEvaluation::febrlDeduplication()
{
    // FEBRL's shape: ", " between fields, an entity of three, one of one, CRLF and no final
    // line break; the field values are placeholders.
    const QString file = QStringLiteral("rec_id, given_name, surname\r\n"
                                        "rec-0-org, a, b\r\n"
                                        "rec-1-org, c,  \r\n"
                                        "rec-0-dup-0, a, b\r\n"
                                        "rec-0-dup-3, a, x");
    GroundTruth truth(LinkageTask::Deduplication);
    QVERIFY_RESULT(TruthReader::parseFebrl(file, QStringLiteral("one.csv"), 0, truth));
    QCOMPARE(truth.size(), 4);
    QCOMPARE(truth.entityCount(), 2);
    QCOMPARE(truth.truePairCount(), 3);

    const QString pairs = kHeader
                          + QStringLiteral("rec-0-org, rec-0-dup-0,5,0.9\n"
                                           "rec-0-dup-3,rec-1-org,5,0.9\n");
    auto read = PredictedPairsReader::parse(pairs, QStringLiteral("pairs.csv"), truth);
    QVERIFY_RESULT(read);
    const LinkageScores scores = LinkageEvaluator::evaluate(truth, read->pairs);
    QCOMPARE(scores.truePositives, 1);
    QCOMPARE(scores.pairwise.precision, 0.5);
    QCOMPARE(scores.pairwise.recall, 1.0 / 3);
    // {0-org, 0-dup-0} and {0-dup-3, 1-org}: neither is an entity.
    QCOMPARE(scores.predictedClusters, 2);
    QCOMPARE(scores.exactClusters, 0);
    QCOMPARE(scores.cluster.f1, 0.0);
}

void tst_LinkEvaluation::febrlLinkageCountsOnlyPairsAcrossFiles()
{
    GroundTruth truth(LinkageTask::Linkage);
    QVERIFY_RESULT(TruthReader::parseFebrl(
        QStringLiteral("rec_id, surname\nrec-0-org, a\nrec-1-org, b\nrec-2-org, c\n"),
        QStringLiteral("a.csv"), 0, truth));
    QVERIFY_RESULT(TruthReader::parseFebrl(
        QStringLiteral("rec_id, surname\nrec-0-dup-0, a\nrec-1-dup-0, b\nrec-3-dup-0, d\n"),
        QStringLiteral("b.csv"), 1, truth));
    QCOMPARE(truth.size(), 6);
    QCOMPARE(truth.truePairCount(), 2);

    const QString pairs = kHeader
                          + QStringLiteral("rec-0-org,rec-0-dup-0,1,1\n"
                                           "rec-1-dup-0,rec-1-org,1,1\n"
                                           "rec-0-org,rec-1-org,1,1\n"
                                           "rec-2-org,rec-3-dup-0,1,1\n");
    auto read = PredictedPairsReader::parse(pairs, QStringLiteral("pairs.csv"), truth);
    QVERIFY_RESULT(read);
    QCOMPARE(read->withinOneFile, 1);
    const LinkageScores scores = LinkageEvaluator::evaluate(truth, read->pairs);
    QCOMPARE(scores.predictedPairs, 3);
    QCOMPARE(scores.truePositives, 2);
    QCOMPARE(scores.pairwise.precision, 2.0 / 3);
    QCOMPARE(scores.pairwise.recall, 1.0);
    // Over A and B together: entities 0 and 1 of two records, 2 and 3 of one.
    QCOMPARE(scores.trueClusters, 4);
    QCOMPARE(scores.predictedClusters, 3);
    QCOMPARE(scores.exactClusters, 2);
    QCOMPARE(scores.cluster.precision, 2.0 / 3);
    QCOMPARE(scores.cluster.recall, 0.5);
}

void tst_LinkEvaluation::nothingPredicted()
{
    auto truth = TruthReader::parseSourceTruth(kTruth, QStringLiteral("truth.csv"));
    QVERIFY_RESULT(truth);
    auto read = PredictedPairsReader::parse(kHeader, QStringLiteral("pairs.csv"), truth.value());
    QVERIFY_RESULT(read);
    const LinkageScores scores = LinkageEvaluator::evaluate(truth.value(), read->pairs);
    // Nothing to divide by counts as 0; only the singleton P3 is an exact cluster.
    QCOMPARE(scores.pairwise.precision, 0.0);
    QCOMPARE(scores.pairwise.recall, 0.0);
    QCOMPARE(scores.pairwise.f1, 0.0);
    QCOMPARE(scores.predictedClusters, 8);
    QCOMPARE(scores.exactClusters, 1);
    QCOMPARE(scores.exactMultiClusters, 0);
    QCOMPARE(scores.cluster.precision, 1.0 / 8);
    QCOMPARE(scores.cluster.recall, 1.0 / 4);
}

void tst_LinkEvaluation::rejectsBadInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString pairs = QStringLiteral("pairs");
    QTest::newRow("pairs: no id_b column")
        << pairs << QStringLiteral("id_a,idb,weight,probability\nh/1,p/1,1,1\n")
        << QStringLiteral("pairs.csv: the header has no column \"id_b\"");
    QTest::newRow("pairs: too few fields")
        << pairs << kHeader + QStringLiteral("h/1,p/1,1,1\nh/2,p/2,1\n")
        << QStringLiteral("pairs.csv line 3: expected 4 fields as in the header, found 3.");
    QTest::newRow("pairs: unclosed quote")
        << pairs << kHeader + QStringLiteral("h/1,\"p/1,1,1\nh/2,p/2,1,1\n")
        << QStringLiteral("pairs.csv line 2: a quoted field is not closed.");
    QTest::newRow("pairs: weight not a number")
        << pairs << kHeader + QStringLiteral("h/1,p/1,high,1\n")
        << QStringLiteral("pairs.csv line 2: weight is not a number.");
    QTest::newRow("pairs: probability above 1")
        << pairs << kHeader + QStringLiteral("h/1,p/1,3,1.5\n")
        << QStringLiteral("pairs.csv line 2: probability is not between 0 and 1.");
    QTest::newRow("pairs: empty id") << pairs << kHeader + QStringLiteral("h/1,p/1,3,1\n,p/1,3,1\n")
                                     << QStringLiteral("pairs.csv line 3: an id is empty.");
    QTest::newRow("pairs: empty file")
        << pairs << QString() << QStringLiteral("pairs.csv is empty: expected a header line.");
    const QString truth = QStringLiteral("truth");
    QTest::newRow("truth: no person_id column")
        << truth << QStringLiteral("feed,kind,external_id\nh,patient,1\n")
        << QStringLiteral("truth.csv: the header has no column \"person_id\"");
    QTest::newRow("truth: empty person_id")
        << truth
        << QStringLiteral("feed,kind,external_id,person_id\nh,patient,1,P1\nh,patient,2,\n")
        << QStringLiteral("truth.csv line 3: person_id is empty.");
    const QString febrl = QStringLiteral("febrl");
    QTest::newRow("febrl: rec_id of another shape")
        << febrl << QStringLiteral("rec_id, surname\nrec-1-org, a\nrecord-2, b\n")
        << QStringLiteral("febrl.csv line 3: rec_id \"record-2\" is not rec-<n>-org");
}

void tst_LinkEvaluation::rejectsBadInput()
{
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, message);

    auto truth = TruthReader::parseSourceTruth(kTruth, QStringLiteral("truth.csv"));
    QVERIFY_RESULT(truth);
    Error error;
    if (kind == QLatin1String("pairs")) {
        auto read = PredictedPairsReader::parse(text, QStringLiteral("pairs.csv"), truth.value());
        QVERIFY(!read.ok());
        error = read.error();
    } else if (kind == QLatin1String("truth")) {
        auto read = TruthReader::parseSourceTruth(text, QStringLiteral("truth.csv"));
        QVERIFY(!read.ok());
        error = read.error();
    } else {
        GroundTruth febrl;
        auto read = TruthReader::parseFebrl(text, QStringLiteral("febrl.csv"), 0, febrl);
        QVERIFY(!read.ok());
        error = read.error();
    }
    QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
}

void tst_LinkEvaluation::truthConflictIsAnError()
{
    auto repeated = TruthReader::parseSourceTruth(
        QStringLiteral("feed,kind,external_id,person_id\nh,patient,1,P1\nh,patient,1,P1\n"),
        QStringLiteral("truth.csv"));
    QVERIFY_RESULT(repeated); // the same row twice says nothing new
    QCOMPARE(repeated->size(), 1);

    auto conflict = TruthReader::parseSourceTruth(
        QStringLiteral("feed,kind,external_id,person_id\nh,patient,1,P1\nh,patient,1,P2\n"),
        QStringLiteral("truth.csv"));
    QVERIFY(!conflict.ok());
    QVERIFY2(conflict.error().message.startsWith(QStringLiteral("truth.csv line 3: record "
                                                                "\"h/1\" is already")),
             qPrintable(conflict.error().message));

    // The same rec_id in both files of a linkage could not tell which file a pair names.
    GroundTruth linkage(LinkageTask::Linkage);
    QVERIFY_RESULT(TruthReader::parseFebrl(QStringLiteral("rec_id\nrec-1-org\n"),
                                           QStringLiteral("a.csv"), 0, linkage));
    auto both = TruthReader::parseFebrl(QStringLiteral("rec_id\nrec-1-org\n"),
                                        QStringLiteral("b.csv"), 1, linkage);
    QVERIFY(!both.ok());
    QVERIFY(both.error().message.startsWith(QStringLiteral("b.csv line 2:")));
}

BV_TEST_MAIN(tst_LinkEvaluation)
#include "tst_linkevaluation.moc"
