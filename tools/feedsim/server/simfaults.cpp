// SPDX-License-Identifier: GPL-3.0-or-later
#include "simfaults.h"

#include <QJsonValue>

#include <array>
#include <cmath>

namespace bv::feedsim {

namespace {

const QString kMalformedRate = QStringLiteral("malformed_rate");
const QString kErrorRate = QStringLiteral("error_rate");
const QString kSlowMs = QStringLiteral("slow_ms");
const QString kDropRate = QStringLiteral("drop_rate");
const QString kRepeatRate = QStringLiteral("repeat_rate");

// Keeps fault streams apart from the county's, which the same seed drives.
constexpr quint64 kFaultStream = 0x6661756c74730001ull;

Result<double> rateFrom(const QJsonValue &value, const QString &key)
{
    if (!value.isDouble() || !(value.toDouble() >= 0.0 && value.toDouble() <= 1.0))
        return makeError(ErrorCode::Usage,
                         QStringLiteral("%1 must be a number from 0 to 1").arg(key));
    return value.toDouble();
}

bool isRate(double value)
{
    return value >= 0.0 && value <= 1.0; // false for NaN too
}

} // namespace

QJsonObject SimFaults::toJson() const
{
    return QJsonObject{{kMalformedRate, content.malformedRate},
                       {kErrorRate, transport.errorRate},
                       {kSlowMs, transport.slowMs},
                       {kDropRate, transport.dropRate},
                       {kRepeatRate, content.repeatRate}};
}

Result<SimFaults> SimFaults::updated(const QJsonObject &changes) const
{
    SimFaults result = *this;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        const QString &key = it.key();
        if (key == kSlowMs) {
            const double ms = it.value().toDouble(-1.0);
            if (!it.value().isDouble() || ms < 0 || ms > kMaxSlowMs || std::floor(ms) != ms)
                return makeError(ErrorCode::Usage,
                                 QStringLiteral("%1 must be a whole number from 0 to %2")
                                     .arg(key)
                                     .arg(kMaxSlowMs));
            result.transport.slowMs = static_cast<int>(ms);
            continue;
        }
        double *target = key == kMalformedRate ? &result.content.malformedRate
                         : key == kErrorRate   ? &result.transport.errorRate
                         : key == kDropRate    ? &result.transport.dropRate
                         : key == kRepeatRate  ? &result.content.repeatRate
                                               : nullptr;
        if (!target)
            return makeError(ErrorCode::Usage, QStringLiteral("unknown fault %1").arg(key));
        auto rate = rateFrom(it.value(), key);
        BV_TRY(rate);
        *target = rate.value();
    }
    return result;
}

Result<void> SimFaults::validate() const
{
    const std::array<std::pair<const QString *, double>, 4> rates{
        {{&kMalformedRate, content.malformedRate},
         {&kErrorRate, transport.errorRate},
         {&kDropRate, transport.dropRate},
         {&kRepeatRate, content.repeatRate}}};
    for (const auto &[name, value] : rates) {
        if (!isRate(value))
            return makeError(ErrorCode::Usage,
                             QStringLiteral("%1 must be a number from 0 to 1").arg(*name));
    }
    if (transport.slowMs < 0 || transport.slowMs > kMaxSlowMs)
        return makeError(
            ErrorCode::Usage,
            QStringLiteral("%1 must be a whole number from 0 to %2").arg(kSlowMs).arg(kMaxSlowMs));
    return {};
}

FaultInjector::FaultInjector(quint64 seed)
    : m_random(seed ^ kFaultStream)
{}

FaultDecision FaultInjector::next(const TransportFaults &faults)
{
    static constexpr std::array<int, 3> kStatuses{500, 502, 503};
    const double errorDraw = m_random.unit();
    const auto statusDraw = m_random.below(kStatuses.size());
    const double dropDraw = m_random.unit();

    FaultDecision decision;
    decision.delayMs = faults.slowMs;
    if (errorDraw < faults.errorRate)
        decision.errorStatus = kStatuses.at(statusDraw);
    else if (dropDraw < faults.dropRate)
        decision.drop = true;
    return decision;
}

} // namespace bv::feedsim
