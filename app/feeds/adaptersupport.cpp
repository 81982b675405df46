// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/adaptersupport.h"

#include <QObject>
#include <QUrlQuery>

namespace bv::feeds {

namespace {

QString encoded(const QString &text)
{
    // ":", "/" and "@" may stand in a query as they are (RFC 3986 3.4); "+", "&", "=" may not.
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral(":/@")));
}

template<typename Records>
void raise(QDateTime &latest, const Records &records)
{
    for (const auto &record : records) {
        const QDateTime &updated = record.provenance.updatedAt;
        if (updated.isValid() && (!latest.isValid() || updated > latest))
            latest = updated;
    }
}

} // namespace

Error pageError(const QUrl &url, const QString &what)
{
    return makeError(ErrorCode::Failure, QObject::tr("The page %1 cannot be read: %2")
                                             .arg(url.toDisplayString(QUrl::RemoveUserInfo), what));
}

Result<void> checkResponse(const FeedResponse &response)
{
    if (response.status < 200 || response.status > 299)
        return pageError(response.url,
                         QObject::tr("the server answered HTTP %1.").arg(response.status));
    return {};
}

QString decodeBody(const QByteArray &body)
{
    QByteArrayView view(body);
    if (view.startsWith("\xEF\xBB\xBF"))
        view = view.sliced(3);
    return QString::fromUtf8(view);
}

QUrl withQueryItem(const QUrl &url, const QString &key, const QString &value)
{
    QStringList items;
    const QString query = url.query(QUrl::FullyEncoded);
    const QString encodedKey = encoded(key);
    for (const QString &item : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const QString itemKey = item.section(QLatin1Char('='), 0, 0);
        if (itemKey != encodedKey)
            items.append(item);
    }
    items.append(encodedKey + QLatin1Char('=') + encoded(value));
    QUrl result = url;
    result.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
    return result;
}

QString queryItem(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

QUrl nextFromLinkHeader(const FeedResponse &response)
{
    // Link: <https://...?page=2>; rel="next", <...>; rel="prev first"
    const QString header = QString::fromLatin1(response.header("Link"));
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = header.indexOf(QLatin1Char('<'), pos);
        if (open < 0)
            break;
        const qsizetype close = header.indexOf(QLatin1Char('>'), open);
        if (close < 0)
            break;
        const QString target = header.mid(open + 1, close - open - 1).trimmed();
        const qsizetype nextOpen = header.indexOf(QLatin1Char('<'), close);
        const QString params = header.mid(close + 1, nextOpen < 0 ? -1 : nextOpen - close - 1);
        for (const QString &param : params.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            QString p = param.trimmed();
            while (p.endsWith(QLatin1Char(',')))
                p.chop(1);
            if (p.section(QLatin1Char('='), 0, 0)
                    .trimmed()
                    .compare(QLatin1String("rel"), Qt::CaseInsensitive)
                != 0)
                continue;
            QString value = p.section(QLatin1Char('='), 1).trimmed();
            value.remove(QLatin1Char('"'));
            const QStringList relations = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (relations.contains(QStringLiteral("next"), Qt::CaseInsensitive))
                return response.url.resolved(QUrl(target));
        }
        pos = close + 1;
    }
    return QUrl();
}

void finishPage(FeedPage &page)
{
    QDateTime latest;
    raise(latest, page.persons);
    raise(latest, page.flags);
    raise(latest, page.addresses);
    raise(latest, page.relationships);
    raise(latest, page.events);
    page.maxUpdatedAt = latest.isValid() ? latest.toUTC() : QDateTime();
}

MappedFeedAdapter::MappedFeedAdapter(FeedConfig feed, FeedMapping mapping)
    : m_feed(std::move(feed))
    , m_mapping(std::move(mapping))
    , m_normaliser(m_mapping.dates)
{}

QStringList MappedFeedAdapter::streams() const
{
    QStringList names;
    for (const StreamSpec &stream : m_mapping.streams)
        names.append(stream.name);
    return names;
}

QUrl MappedFeedAdapter::requestFor(const QString &stream, const StreamState &state) const
{
    const StreamSpec *spec = m_mapping.stream(stream);
    if (!spec)
        return QUrl();
    if (state.next.isValid() && !state.next.isEmpty())
        return state.next;
    QUrl url = m_feed.baseUrl.resolved(QUrl(spec->path));
    QStringList items;
    const PagingSpec &paging = spec->paging;
    for (const auto &[key, value] : paging.params)
        items.append(encoded(key) + QLatin1Char('=') + encoded(value));
    if (paging.usesCursor()) {
        if (!state.cursor.isEmpty())
            items.append(encoded(paging.cursorParam) + QLatin1Char('=') + encoded(state.cursor));
    } else if (state.since.isValid() && !paging.sinceParam.isEmpty()) {
        const QString since
            = paging.sincePrefix + m_normaliser.formatInstant(state.since, paging.sinceFormat);
        items.append(encoded(paging.sinceParam) + QLatin1Char('=') + encoded(since));
    }
    if (!paging.pageSizeParam.isEmpty())
        items.append(encoded(paging.pageSizeParam) + QLatin1Char('=')
                     + QString::number(m_feed.pageSize));
    url.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

Result<const StreamSpec *> MappedFeedAdapter::streamSpec(const QString &stream) const
{
    const StreamSpec *spec = m_mapping.stream(stream);
    if (!spec)
        return makeError(ErrorCode::Usage,
                         QObject::tr("The feed %1 has no stream named %2.").arg(m_feed.id, stream));
    return spec;
}

} // namespace bv::feeds
