// SPDX-License-Identifier: GPL-3.0-or-later
#include "agencyfeed.h"

#include "identifiers.h"

#include <QJsonObject>

#include <algorithm>

namespace bv::feedsim {

namespace {

constexpr int kDefaultLimit = 500;
constexpr int kMaxLimit = 5000;
constexpr quint64 kRepeatSalt = 0x4e9ea7;
constexpr quint64 kMalformedSalt = 0xba0f0e;
constexpr quint64 kRecordSalt = 0x7ec0d;
constexpr int kPickTries = 32;

template<std::size_t N>
const char *drawFrom(const std::array<const char *, N> &texts, RecordRandom &random)
{
    std::size_t count = 0;
    while (count < N && texts[count] != nullptr)
        ++count;
    return count == 0 ? "" : texts[random.below(count)];
}

} // namespace

const char *drawText(const std::array<const char *, 5> &texts, RecordRandom &random)
{
    return drawFrom(texts, random);
}

const char *drawText(const std::array<const char *, 4> &texts, RecordRandom &random)
{
    return drawFrom(texts, random);
}

Stamper::Stamper(qint64 start, quint64 seed, int maxBatch, int maxStep)
    : m_random(seed)
    , m_second(start)
    , m_maxBatch(maxBatch)
    , m_maxStep(maxStep)
{}

quint32 Stamper::next()
{
    if (m_left == 0) {
        m_second += m_random.between(1, m_maxStep);
        m_left = int(m_random.between(1, m_maxBatch));
    }
    --m_left;
    return quint32(m_second);
}

void RecordCounts::add(const char *kind, qint64 count, bool withdrawn)
{
    auto &entry = m_counts[QLatin1String(kind)];
    (withdrawn ? entry.second : entry.first) += count;
}

QJsonObject RecordCounts::toJson() const
{
    QJsonObject object;
    for (const auto &[kind, counts] : m_counts)
        object.insert(kind, QJsonObject{{QStringLiteral("current"), counts.first},
                                        {QStringLiteral("withdrawn"), counts.second}});
    return object;
}

AgencyFeed::AgencyFeed(SimWorld &world, coverage::Agency agency, const ContentFaults &faults)
    : m_world(world)
    , m_agency(agency)
    , m_faults(faults)
{}

void AgencyFeed::stampInitialLoad(qint64 start)
{
    std::size_t total = 0;
    for (RecordTable *table : tables())
        total += table->size();
    // The load fits in the day: about 20 hours of batches whatever the county's size.
    const auto batches = qint64(total / (coverage::kLoadMaxBatch / 2) + 1);
    const int maxStep = int(std::clamp<qint64>(2 * 72000 / batches, 1, 120));
    Stamper stamper(start, hashKeys({m_world.seed(), quint64(m_agency), 0x10ad}),
                    coverage::kLoadMaxBatch, maxStep);
    for (RecordTable *table : tables()) {
        for (quint32 serial = 0; serial < table->size(); ++serial)
            table->stamp(serial, stamper.next());
    }
    commit();
}

void AgencyFeed::commit()
{
    for (RecordTable *table : tables())
        table->commit();
}

quint64 AgencyFeed::recordSeed(quint32 table, quint32 serial) const
{
    return hashKeys({m_world.seed(), kRecordSalt, quint64(m_agency), table, serial});
}

quint64 AgencyFeed::idSalt(quint32 table) const
{
    return hashKeys({m_world.seed(), 0x1d5a17, quint64(m_agency), table});
}

QString AgencyFeed::externalId(const char *prefix, quint32 table, quint32 serial) const
{
    return identifiers::systemId(QLatin1String(prefix), serial, idSalt(table));
}

AgencyFeed::Page AgencyFeed::collect(const std::vector<quint32> &tableIndexes,
                                     const PageToken &start)
{
    const std::vector<RecordTable *> all = tables();
    struct Cursor
    {
        quint32 table;
        const RecordTable *records;
        std::size_t position;
    };
    std::vector<Cursor> cursors;
    for (quint32 index : tableIndexes)
        cursors.push_back({index, all[index], all[index]->positionAfter(index, start.after)});
    const auto keyOf = [](const Cursor &c) {
        const quint32 serial = c.records->serialAt(c.position);
        return StreamKey{c.records->at(serial).updated, c.table, serial};
    };

    Page page;
    StreamKey last = start.after;
    bool more = false;
    for (;;) {
        Cursor *best = nullptr;
        for (Cursor &c : cursors) {
            if (c.position < c.records->orderSize() && (!best || keyOf(c) < keyOf(*best)))
                best = &c;
        }
        if (!best)
            break;
        if (int(page.items.size()) == start.limit) {
            more = true;
            break;
        }
        last = keyOf(*best);
        page.items.push_back({best->table, last.serial});
        ++best->position;
    }

    page.resume = PageToken{start.stream, last, start.limit, false};
    if (more) {
        const double draw = RecordRandom(hashKeys({m_world.seed(), kRepeatSalt, quint64(m_agency),
                                                   start.stream, quint64(start.after.updated),
                                                   start.after.table, start.after.serial}))
                                .unit();
        if (!start.repeat && draw < m_faults.repeatRate)
            page.next = PageToken{start.stream, start.after, start.limit, true};
        else
            page.next = page.resume;
        page.resume = *page.next;
    }
    return page;
}

AgencyFeed::Paging AgencyFeed::parsePaging(const SimRequest &request, quint32 stream,
                                           const QString &sinceName, const SinceParser &sinceParser,
                                           const QString &tokenName, const QString &limitName,
                                           const QStringList &otherAllowed) const
{
    Paging paging;
    paging.start.stream = stream;
    paging.start.limit = kDefaultLimit;
    paging.start.after = PageToken::beforeInstant(0);
    for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (name != sinceName && name != tokenName && name != limitName
            && !otherAllowed.contains(name)) {
            paging.error = QStringLiteral("unknown parameter: %1").arg(name);
            return paging;
        }
    }
    const QString tokenText = request.query.queryItemValue(tokenName, QUrl::FullyDecoded);
    if (request.query.hasQueryItem(tokenName)) {
        const std::optional<PageToken> token = PageToken::decode(tokenText);
        if (!token || token->stream != stream) {
            paging.error
                = QStringLiteral("bad parameter: %1 is not a token of this stream").arg(tokenName);
            return paging;
        }
        paging.start = *token;
    } else if (!sinceName.isEmpty() && request.query.hasQueryItem(sinceName)) {
        const std::optional<qint64> since
            = sinceParser(request.query.queryItemValue(sinceName, QUrl::FullyDecoded));
        if (!since) {
            paging.error = QStringLiteral("bad parameter: %1 is not an instant").arg(sinceName);
            return paging;
        }
        paging.start.after = PageToken::beforeInstant(*since);
    }
    if (request.query.hasQueryItem(limitName)) {
        bool ok = false;
        const int limit = request.query.queryItemValue(limitName).toInt(&ok);
        if (!ok || limit <= 0) {
            paging.error
                = QStringLiteral("bad parameter: %1 must be a positive number").arg(limitName);
            return paging;
        }
        paging.start.limit = std::min(limit, kMaxLimit);
    }
    return paging;
}

std::optional<quint64> AgencyFeed::malformed(quint32 table, quint32 serial,
                                             const SimRecord &record) const
{
    if (m_faults.malformedRate <= 0.0)
        return std::nullopt;
    RecordRandom random(hashKeys(
        {m_world.seed(), kMalformedSalt, quint64(m_agency), table, serial, record.version}));
    if (!random.chance(m_faults.malformedRate))
        return std::nullopt;
    return random.next();
}

SimResponse AgencyFeed::badRequest(const QString &message)
{
    SimResponse response;
    response.status = 400;
    response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    response.body = message.toUtf8();
    return response;
}

SimResponse AgencyFeed::notFound()
{
    SimResponse response;
    response.status = 404;
    response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    response.body = "not found";
    return response;
}

SimResponse AgencyFeed::methodNotAllowed()
{
    SimResponse response;
    response.status = 405;
    response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    response.headers.emplace_back("Allow", "GET");
    response.body = "method not allowed";
    return response;
}

QUrl AgencyFeed::absolute(const SimRequest &request, const QString &path, const QUrlQuery &query)
{
    QUrl url = request.origin;
    url.setPath(path);
    url.setQuery(query);
    return url;
}

quint32 AgencyFeed::pickLive(const RecordTable &table, RecordRandom &random)
{
    if (table.size() == 0)
        return kNone;
    for (int attempt = 0; attempt < kPickTries; ++attempt) {
        const auto serial = quint32(random.below(table.size()));
        if (!table.at(serial).withdrawn())
            return serial;
    }
    return kNone;
}

quint32 AgencyFeed::churn(std::size_t existing, double rate)
{
    if (existing == 0)
        return 0;
    return std::max<quint32>(1, quint32(double(existing) * rate + 0.5));
}

AddressParts addressParts(const SimWorld &world, quint32 address)
{
    AddressParts parts;
    if (address == kNone)
        return parts;
    const Address &a = world.county().addresses()[address];
    const Postcode &postcode = world.county().postcodes()[a.postcode];
    parts.line = QString::number(a.houseNumber) + QLatin1Char(' ') + world.text(a.street);
    parts.town = world.text(postcode.district);
    parts.postcode = world.text(postcode.code);
    parts.uprn = QString::number(a.uprn);
    // A dwelling sits near its postcode's centre, not on it.
    const quint64 jitter = mix64(a.uprn);
    parts.easting = postcode.easting + qint32(jitter % 61) - 30;
    parts.northing = postcode.northing + qint32((jitter >> 16) % 61) - 30;
    return parts;
}

QString postcodeStyled(const QString &postcode, int style)
{
    switch (style) {
    case 1:
        return postcode.toLower().remove(QLatin1Char(' '));
    case 2:
        return QString(postcode).replace(QLatin1Char(' '), QLatin1String("  "));
    default:
        return postcode;
    }
}

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    return QLatin1Char('"') + QString(value).replace(QLatin1Char('"'), QLatin1String("\"\""))
           + QLatin1Char('"');
}

QByteArray csvRow(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += QLatin1Char(',');
        line += csvField(fields[i]);
    }
    return line.toUtf8() + "\r\n";
}

} // namespace bv::feedsim
