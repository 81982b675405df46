// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkage/evaluation.h"

#include <numeric>

namespace bv::linkage {

namespace {

double ratio(qint64 numerator, qint64 denominator)
{
    return denominator == 0 ? 0.0 : double(numerator) / double(denominator);
}

// Union-find with path halving and union by size: the closure of a million pairs stays
// near-linear.
class DisjointSets
{
public:
    explicit DisjointSets(std::size_t size)
        : m_parent(size)
        , m_size(size, 1)
    {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }

    int find(int item)
    {
        while (m_parent[std::size_t(item)] != item) {
            auto &parent = m_parent[std::size_t(item)];
            parent = m_parent[std::size_t(parent)];
            item = parent;
        }
        return item;
    }

    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a == b)
            return;
        if (m_size[std::size_t(a)] < m_size[std::size_t(b)])
            std::swap(a, b);
        m_parent[std::size_t(b)] = a;
        m_size[std::size_t(a)] += m_size[std::size_t(b)];
    }

private:
    std::vector<int> m_parent;
    std::vector<int> m_size;
};

// What the evaluation needs to know of one predicted cluster.
struct ClusterState
{
    int size = 0;
    int entity = -1;
    bool oneEntity = true;
};

} // namespace

PrecisionRecall PrecisionRecall::of(qint64 correct, qint64 predicted, qint64 actual)
{
    PrecisionRecall scores;
    scores.precision = ratio(correct, predicted);
    scores.recall = ratio(correct, actual);
    const double sum = scores.precision + scores.recall;
    scores.f1 = sum == 0.0 ? 0.0 : 2.0 * scores.precision * scores.recall / sum;
    return scores;
}

LinkageScores LinkageEvaluator::evaluate(const GroundTruth &truth,
                                         const std::vector<std::pair<int, int>> &pairs)
{
    LinkageScores scores;
    const auto records = std::size_t(truth.size());
    scores.records = truth.size();
    scores.truePairs = truth.truePairCount();
    scores.predictedPairs = qint64(pairs.size());

    DisjointSets clusters(records);
    for (const auto &[a, b] : pairs) {
        if (truth.entityOf(a) == truth.entityOf(b))
            ++scores.truePositives;
        clusters.unite(a, b);
    }
    scores.pairwise
        = PrecisionRecall::of(scores.truePositives, scores.predictedPairs, scores.truePairs);

    std::vector<ClusterState> states(records);
    for (int record = 0; record < int(records); ++record) {
        ClusterState &state = states[std::size_t(clusters.find(record))];
        const int entity = truth.entityOf(record);
        if (state.size++ == 0)
            state.entity = entity;
        else if (state.entity != entity)
            state.oneEntity = false;
    }
    for (const ClusterState &state : states) {
        if (state.size == 0)
            continue; // not a root
        ++scores.predictedClusters;
        const bool multi = state.size >= 2;
        scores.predictedMultiClusters += multi ? 1 : 0;
        if (state.oneEntity && state.size == truth.entitySize(state.entity)) {
            ++scores.exactClusters;
            scores.exactMultiClusters += multi ? 1 : 0;
        }
    }
    scores.trueClusters = truth.entityCount();
    for (int entity = 0; entity < int(truth.entityCount()); ++entity)
        scores.trueMultiClusters += truth.entitySize(entity) >= 2 ? 1 : 0;
    scores.cluster
        = PrecisionRecall::of(scores.exactClusters, scores.predictedClusters, scores.trueClusters);
    return scores;
}

} // namespace bv::linkage
