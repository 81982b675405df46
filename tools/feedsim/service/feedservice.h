// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "countymodel.h"

#include <QByteArray>
#include <QHash>
#include <QIODevice>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <utility>
#include <vector>

// The boundary between the simulator's agencies (what each knows, in its own format) and its
// HTTP transport (TLS, OAuth, faults of the connection). docs/feeds-protocol.md is the wire
// contract.
namespace bv::feedsim {

struct SimRequest
{
    QByteArray method; // "GET", "POST"
    QString path;      // below the feed prefix: "fhir/Patient", "extract/children.csv"
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QUrl origin; // "https://127.0.0.1:8443": for absolute next links
};

struct SimResponse
{
    int status = 200;
    std::vector<std::pair<QByteArray, QByteArray>> headers; // Content-Type among them
    QByteArray body;
};

// Faults that belong to the content of a page, not to the connection.
struct ContentFaults
{
    double malformedRate = 0.0; // fraction of records corrupted (format-specific)
    double repeatRate = 0.0;    // fraction of pages served a second time
};

// The seven agencies' views of one county. Used from one thread (the server's).
class FeedService
{
public:
    virtual ~FeedService() = default;

    // "health", "police", "csc", "asc", "housing", "education", "fire".
    virtual QStringList feedIds() const = 0;

    // A feed request that passed authentication. Unknown paths are 404, bad parameters 400.
    virtual SimResponse handle(const QString &feedId, const SimRequest &request) = 0;

    // Advances simulated time by whole days: new, changed and withdrawn records appear.
    [[nodiscard]] virtual Result<void> tick(int days) = 0;

    virtual void setContentFaults(const ContentFaults &faults) = 0;

    // Current and withdrawn records per feed and record kind: what a full sync must end with.
    virtual QJsonObject stats() const = 0;

    // Which source record is which county person: "feed,kind,external_id,person_id" rows
    // with a header, in a stable order.
    [[nodiscard]] virtual Result<void> writeSourceTruth(QIODevice &device) const = 0;
};

// The real one: every feed derived from the county with each agency's noise and habits.
// Nobody is known by a nickname here: the overload below needs the reference data for that.
[[nodiscard]] Result<std::unique_ptr<FeedService>>
createCountyFeedService(std::shared_ptr<const CountyModel> county, quint64 seed);

// The same with reference data (the county's own, for its string ids): agencies also record
// nicknames and name variants (ReferenceData::variantsOf), as docs/feeds-protocol.md says.
[[nodiscard]] Result<std::unique_ptr<FeedService>>
createCountyFeedService(std::shared_ptr<const CountyModel> county,
                        std::shared_ptr<const ReferenceData> reference, quint64 seed);

} // namespace bv::feedsim
