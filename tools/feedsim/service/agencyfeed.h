// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "coverage.h"
#include "feedservice.h"
#include "pagetoken.h"
#include "recordrandom.h"
#include "recordtable.h"
#include "simworld.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace bv::feedsim {

// Hands out last-updated seconds in batches that share one second, as bulk loads stamp
// them, so ties across page boundaries are ordinary.
class Stamper
{
public:
    Stamper(qint64 start, quint64 seed, int maxBatch, int maxStep);
    quint32 next();

private:
    RecordRandom m_random;
    qint64 m_second;
    int m_left = 0;
    int m_maxBatch;
    int m_maxStep;
};

// What changed in the county on one simulated day of tick(), for every agency to react to.
struct DayChanges
{
    qint32 day = 0;
    std::vector<quint32> movedHouseholds;
    std::vector<quint32> births;
    std::vector<std::pair<quint32, quint8>> newFlags; // person, PersonFlag
};

// One event kind of an agency, with the texts its records draw from.
struct EventKind
{
    const char *code;
    const char *title;
    int significance;                      // 1 routine, 2 notable, 3 key
    std::array<const char *, 5> outcomes;  // one is drawn (nullptr ends the list)
    std::array<const char *, 4> summaries; // likewise
};

const char *drawText(const std::array<const char *, 5> &texts, RecordRandom &random);
const char *drawText(const std::array<const char *, 4> &texts, RecordRandom &random);

// Current and withdrawn source records per kind (person, event, flag, address,
// relationship, location), as a complete sync must end with them.
class RecordCounts
{
public:
    void add(const char *kind, qint64 count, bool withdrawn);
    QJsonObject toJson() const;

private:
    std::map<QString, std::pair<qint64, qint64>> m_counts;
};

// One agency: builds its records from the world, renders pages in its format, reacts to a
// simulated day. The base holds what every feed shares: paging, faults, stamping.
class AgencyFeed
{
public:
    AgencyFeed(SimWorld &world, coverage::Agency agency, const ContentFaults &faults);
    virtual ~AgencyFeed() = default;
    AgencyFeed(const AgencyFeed &) = delete;
    AgencyFeed &operator=(const AgencyFeed &) = delete;

    virtual QString id() const = 0;
    // The initial records, unstamped.
    virtual void build() = 0;
    virtual SimResponse handle(const SimRequest &request) = 0;
    virtual void tickDay(const DayChanges &changes, Stamper &stamper) = 0;
    virtual RecordCounts counts() const = 0;
    // "feed,kind,external_id,person_id" lines, no header.
    virtual void writeTruth(QByteArray &out) const = 0;

    // The initial load: every table in load order, stamped in batches from `start`.
    void stampInitialLoad(qint64 start);
    void commit();

protected:
    struct PageItem
    {
        quint32 table = 0;
        quint32 serial = 0;
    };
    struct Page
    {
        std::vector<PageItem> items;
        std::optional<PageToken> next; // absent on the last page
        PageToken resume;              // where a cursor resumes: next, or after the last item
    };

    // Tables in load order (people before records about them).
    virtual std::vector<RecordTable *> tables() = 0;

    quint32 streamCode(quint32 stream) const { return quint32(m_agency) * 16 + stream; }
    quint64 recordSeed(quint32 table, quint32 serial) const;
    // prefix + eight digits, unique per table; the digits do not follow the county's order.
    QString externalId(const char *prefix, quint32 table, quint32 serial) const;
    quint64 idSalt(quint32 table) const;
    // The records of `tables` (indexes into tables()) after start.after, in key order.
    Page collect(const std::vector<quint32> &tableIndexes, const PageToken &start);

    // Paging parameters. Each returns an error text naming the parameter when bad.
    struct Paging
    {
        PageToken start;
        QString error; // non-empty: answer 400 with it
    };
    using SinceParser = std::function<std::optional<qint64>(const QString &)>;
    Paging parsePaging(const SimRequest &request, quint32 stream, const QString &sinceName,
                       const SinceParser &sinceParser, const QString &tokenName,
                       const QString &limitName, const QStringList &otherAllowed) const;

    // Whether a fault corrupts this version of a record, and a draw to choose how.
    std::optional<quint64> malformed(quint32 table, quint32 serial, const SimRecord &record) const;

    static SimResponse badRequest(const QString &message);
    static SimResponse notFound();
    static SimResponse methodNotAllowed();
    static bool isGet(const SimRequest &request) { return request.method == "GET"; }
    static QUrl absolute(const SimRequest &request, const QString &path, const QUrlQuery &query);

    // A random live record of a table, or kNone after a few tries.
    static quint32 pickLive(const RecordTable &table, RecordRandom &random);
    static quint32 churn(std::size_t existing, double rate);

    SimWorld &m_world;
    coverage::Agency m_agency;
    const ContentFaults &m_faults;
};

// Address text parts of a county address.
struct AddressParts
{
    QString line;     // "12 High Street"
    QString town;     // the postcode's district
    QString postcode; // "NR1 3JB"
    QString uprn;
    qint32 easting = 0;
    qint32 northing = 0;
};

AddressParts addressParts(const SimWorld &world, quint32 address);
QString postcodeStyled(const QString &postcode, int style); // 0 "NR1 3JB", 1 "nr13jb", 2 "NR1  3JB"
QString csvField(const QString &value);
QByteArray csvRow(const QStringList &fields);

} // namespace bv::feedsim
