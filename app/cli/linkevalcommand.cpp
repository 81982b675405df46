// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/linkevalcommand.h"

#include "cli/exitcodes.h"
#include "linkage/evaluation.h"
#include "linkage/predictedpairs.h"
#include "linkage/truth.h"

namespace bv::cli {

namespace {

const QString kPairs = QStringLiteral("pairs");
const QString kTruth = QStringLiteral("truth");
const QString kFebrl = QStringLiteral("febrl");

// Figures are for scripts: a fixed format, never translated.
QString figure(const QString &name, double value)
{
    return QStringLiteral("figure %1 %2").arg(name, QString::number(value, 'f', 6));
}

QString decimal(double value)
{
    return QString::number(value, 'f', 6);
}

QString taskName(const linkage::GroundTruth &truth, bool febrl)
{
    if (truth.task() == linkage::LinkageTask::Linkage)
        return QObject::tr("linkage of two files (only pairs across them count)");
    return febrl ? QObject::tr("deduplication of one file")
                 : QObject::tr("deduplication over every feed");
}

void printLeftOut(const linkage::PredictedPairs &pairs, CommandIo &io)
{
    QStringList parts;
    if (pairs.duplicates > 0)
        parts << QObject::tr("%1 repeated").arg(pairs.duplicates);
    if (pairs.selfPairs > 0)
        parts << QObject::tr("%1 linking a record to itself").arg(pairs.selfPairs);
    if (pairs.withinOneFile > 0)
        parts << QObject::tr("%1 within one file").arg(pairs.withinOneFile);
    if (pairs.unknownPairs > 0)
        parts << QObject::tr("%1 naming records not in the truth").arg(pairs.unknownPairs);
    io.out << QObject::tr("Pair rows:         %1").arg(pairs.rows);
    if (!parts.isEmpty())
        io.out << QObject::tr(" (left out: %1)").arg(parts.join(QStringLiteral(", ")));
    io.out << '\n';
}

void printScores(const linkage::LinkageScores &scores, CommandIo &io)
{
    io.out << QObject::tr("Records:           %1").arg(scores.records) << '\n'
           << QObject::tr("True pairs:        %1").arg(scores.truePairs) << '\n'
           << QObject::tr("Predicted pairs:   %1").arg(scores.predictedPairs) << '\n'
           << QObject::tr("True positives:    %1").arg(scores.truePositives) << '\n'
           << QObject::tr("False positives:   %1").arg(scores.falsePositives()) << '\n'
           << QObject::tr("False negatives:   %1").arg(scores.falseNegatives()) << '\n'
           << QObject::tr("Pairwise precision %1").arg(decimal(scores.pairwise.precision)) << '\n'
           << QObject::tr("Pairwise recall    %1").arg(decimal(scores.pairwise.recall)) << '\n'
           << QObject::tr("Pairwise F1        %1").arg(decimal(scores.pairwise.f1)) << '\n'
           << QObject::tr("Predicted clusters %1 (%2 of two or more records)")
                  .arg(scores.predictedClusters)
                  .arg(scores.predictedMultiClusters)
           << '\n'
           << QObject::tr("True clusters      %1 (%2 of two or more records)")
                  .arg(scores.trueClusters)
                  .arg(scores.trueMultiClusters)
           << '\n'
           << QObject::tr("Exactly equal      %1 (%2 of two or more records)")
                  .arg(scores.exactClusters)
                  .arg(scores.exactMultiClusters)
           << '\n'
           << QObject::tr("Cluster precision  %1").arg(decimal(scores.cluster.precision)) << '\n'
           << QObject::tr("Cluster recall     %1").arg(decimal(scores.cluster.recall)) << '\n'
           << QObject::tr("Cluster F1         %1").arg(decimal(scores.cluster.f1)) << '\n';
    // The pairwise figures come last, so a script reading the final three gets them.
    io.out << figure(QStringLiteral("cluster_precision"), scores.cluster.precision) << '\n'
           << figure(QStringLiteral("cluster_recall"), scores.cluster.recall) << '\n'
           << figure(QStringLiteral("cluster_f1"), scores.cluster.f1) << '\n'
           << figure(QStringLiteral("precision"), scores.pairwise.precision) << '\n'
           << figure(QStringLiteral("recall"), scores.pairwise.recall) << '\n'
           << figure(QStringLiteral("f1"), scores.pairwise.f1) << '\n';
}

} // namespace

QString LinkEvalCommand::summary() const
{
    return QObject::tr(
        "Score a linker's pairs against a ground truth: pairwise and cluster precision, recall "
        "and F1.\n"
        "PAIRS.csv has the header id_a,id_b,weight,probability, one linked pair a row; a pair "
        "and its reverse are one pair, and a record linked to itself is ignored. --truth "
        "takes the feed simulator's source truth (feed,kind,external_id,person_id; the record "
        "id is <feed>/<external_id>); --febrl takes one FEBRL file (deduplication) or two "
        "(linkage: only pairs across the files count), with rec_id as the record id. Ids the "
        "truth does not know are counted, reported and left out.\n"
        "Cluster precision and recall are exact-match cluster measures (Menestrina et al., "
        "2010): the clusters are the transitive closure of the pairs over every record of the "
        "truth, singletons included, and a cluster counts only when it equals a true entity. "
        "A ratio with nothing to divide by is 0.\n"
        "The last lines are `figure NAME VALUE`: cluster_precision, cluster_recall, "
        "cluster_f1, then the pairwise precision, recall and f1.");
}

void LinkEvalCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption({kPairs, QObject::tr("The linker's pairs (CSV)."), QObject::tr("PAIRS.csv")});
    parser.addOption({kTruth, QObject::tr("The feed simulator's source truth (CSV)."),
                      QObject::tr("TRUTH.csv")});
    parser.addOption({kFebrl,
                      QObject::tr("A FEBRL file; a second one after it (or a second --febrl) "
                                  "makes it a linkage of the two."),
                      QObject::tr("A.csv")});
}

int LinkEvalCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QString pairsPath = parser.value(kPairs);
    if (pairsPath.isEmpty())
        return usage(io, QObject::tr("--pairs PAIRS.csv is required."));
    QStringList febrlPaths = parser.values(kFebrl);
    febrlPaths += parser.positionalArguments().mid(1);
    const bool febrl = parser.isSet(kFebrl);
    if (parser.isSet(kTruth) == febrl)
        return usage(io, QObject::tr("give either --truth TRUTH.csv or --febrl A.csv "
                                     "[B.csv]."));
    if (!febrl && !parser.positionalArguments().mid(1).isEmpty())
        return usage(io, QObject::tr("a second file is only taken after --febrl."));
    if (febrl && febrlPaths.size() > 2)
        return usage(io,
                     QObject::tr("--febrl takes one or two files, not %1.").arg(febrlPaths.size()));

    auto truth = febrl ? linkage::TruthReader::febrl(febrlPaths)
                       : linkage::TruthReader::sourceTruth(parser.value(kTruth));
    if (!truth.ok())
        return fail(io, truth.error());
    auto pairs = linkage::PredictedPairsReader::read(pairsPath, truth.value());
    if (!pairs.ok())
        return fail(io, pairs.error());
    if (pairs->unknownPairs > 0) {
        io.err << QObject::tr("broadview link-eval: warning: %1 names %2 id(s) that the truth "
                              "does not know, in %3 row(s) (the first on line %4); those rows "
                              "are left out of the scoring.")
                      .arg(pairsPath, QString::number(pairs->unknownIds),
                           QString::number(pairs->unknownPairs),
                           QString::number(pairs->firstUnknownLine))
               << Qt::endl;
    }

    const auto scores = linkage::LinkageEvaluator::evaluate(truth.value(), pairs->pairs);
    io.out << QObject::tr("Task:              %1").arg(taskName(truth.value(), febrl)) << '\n';
    printLeftOut(pairs.value(), io);
    printScores(scores, io);
    io.out.flush();
    return ExitOk;
}

} // namespace bv::cli
