// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "feedservice.h"
#include "seededrandom.h"

#include <QJsonObject>

namespace bv::feedsim {

// Faults of the connection, applied to feed requests only (never to /oauth/token or /admin).
struct TransportFaults
{
    double errorRate = 0.0; // fraction answered 500, 502 or 503
    int slowMs = 0;         // wait before the first byte of every feed response
    double dropRate = 0.0;  // fraction sent with half the declared body, then cut off
};

// Every fault the simulator knows, under the names of docs/feeds-protocol.md.
struct SimFaults
{
    static constexpr int kMaxSlowMs = 60000;

    ContentFaults content;
    TransportFaults transport;

    // {"malformed_rate", "error_rate", "slow_ms", "drop_rate", "repeat_rate"}.
    QJsonObject toJson() const;

    // This with the keys present in `changes` replaced; absent keys keep their value. Unknown
    // keys, rates outside [0, 1] and slow_ms outside [0, kMaxSlowMs] are refused, naming the key.
    [[nodiscard]] Result<SimFaults> updated(const QJsonObject &changes) const;

    // Usage error naming the first value out of range, or success.
    [[nodiscard]] Result<void> validate() const;
};

// What happens to one feed request's transport.
struct FaultDecision
{
    int errorStatus = 0; // 0, or 500/502/503 to answer instead of the feed
    bool drop = false;   // send half the body, then abort
    int delayMs = 0;
};

// One seed gives one sequence of decisions: every request draws the same number of values
// whatever the rates, so changing a rate does not shift the faults of later requests.
class FaultInjector
{
public:
    explicit FaultInjector(quint64 seed);

    FaultDecision next(const TransportFaults &faults);

private:
    SeededRandom m_random;
};

} // namespace bv::feedsim
