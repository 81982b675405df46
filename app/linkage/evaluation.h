// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linkage/truth.h"

#include <utility>
#include <vector>

// How well a linker's pairs agree with a ground truth, pair by pair and cluster by cluster.
namespace bv::linkage {

// A ratio whose denominator is zero (no pair predicted, no true pair) counts as 0, and so
// does F1 when precision and recall are both 0.
struct PrecisionRecall
{
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;

    [[nodiscard]] static PrecisionRecall of(qint64 correct, qint64 predicted, qint64 actual);
};

struct LinkageScores
{
    // Pairwise: a predicted pair is right when both records share an entity.
    qsizetype records = 0;
    qint64 truePairs = 0;
    qint64 predictedPairs = 0;
    qint64 truePositives = 0;
    [[nodiscard]] qint64 falsePositives() const { return predictedPairs - truePositives; }
    [[nodiscard]] qint64 falseNegatives() const { return truePairs - truePositives; }
    PrecisionRecall pairwise;

    // Cluster level, as the exact-match cluster precision and recall of Menestrina, Whang and
    // Garcia-Molina ("Evaluating entity resolution results", VLDB 2010): the predicted
    // clusters are the transitive closure of the predicted pairs over every record of the
    // truth, so a record in no predicted pair is a cluster of its own, and the true clusters
    // are the entities (over both files in a linkage task). Both partitions cover every
    // record, singletons included; a cluster counts as right only when it equals a true
    // cluster exactly.
    qsizetype predictedClusters = 0;
    qsizetype trueClusters = 0;
    qsizetype exactClusters = 0; // predicted clusters equal to a true cluster
    // The same counts for clusters of two or more records, for a reader who wants to see how
    // much of the agreement is singletons.
    qsizetype predictedMultiClusters = 0;
    qsizetype trueMultiClusters = 0;
    qsizetype exactMultiClusters = 0;
    PrecisionRecall cluster;
};

class LinkageEvaluator
{
public:
    // `pairs` are truth record numbers, each pair once with first < second, all comparable
    // under the truth's task (as PredictedPairsReader gives them).
    [[nodiscard]] static LinkageScores evaluate(const GroundTruth &truth,
                                                const std::vector<std::pair<int, int>> &pairs);
};

} // namespace bv::linkage
