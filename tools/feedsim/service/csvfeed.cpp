// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvfeed.h"

namespace bv::feedsim {

CsvFeed::CsvFeed(SimWorld &world, coverage::Agency agency, const ContentFaults &faults,
                 CsvStyle style)
    : AgencyFeed(world, agency, faults)
    , m_style(style)
{}

QString CsvFeed::date(qint32 julianDay) const
{
    return simclock::formatDate(QDate::fromJulianDay(julianDay), m_style.date);
}

QString CsvFeed::date(QDate value) const
{
    return value.isValid() ? simclock::formatDate(value, m_style.date) : QString();
}

QString CsvFeed::postcode(quint32 address) const
{
    return postcodeStyled(addressParts(m_world, address).postcode, m_style.postcode);
}

QString CsvFeed::endDate(quint32 endDay) const
{
    return endDay == 0 ? QString() : date(qint32(endDay));
}

qint32 CsvFeed::asOf(const SimRecord &record)
{
    return qint32(simclock::ukDate(record.updated).toJulianDay());
}

PersonView CsvFeed::view(quint32 stream, quint32 serial) const
{
    const SimRecord &record = table(stream).at(serial);
    return viewPerson(m_world, m_agency, recordSeed(stream, serial), record.person, asOf(record),
                      record.bits & SimRecord::kCorrected);
}

std::optional<qint64> CsvFeed::parseSince(const QString &text) const
{
    if (const auto iso = simclock::parseIso(text))
        return iso;
    if (m_style.instant == simclock::Style::UkSlashMinutes)
        return simclock::parseUkSlashMinutes(text);
    if (m_style.instant == simclock::Style::UkLocalSpace)
        return simclock::parseUkLocalSpace(text);
    return std::nullopt;
}

QStringList CsvFeed::corrupt(quint32 stream, QStringList fields, quint64 fault) const
{
    // Fields only: the page stays parseable CSV.
    const QStringList names = header(stream);
    // fields starts with id, modified and status, which the header leaves out.
    const auto column = [&names](QLatin1StringView name) {
        const qsizetype index = names.indexOf(name);
        return index < 0 ? index : index + 3;
    };
    qsizetype nameColumn = -1;
    for (const char *name :
         {"surname", "last_name", "forename", "type", "tenant_id", "child_id", "client_id"}) {
        nameColumn = column(QLatin1String(name));
        if (nameColumn >= 0)
            break;
    }
    qsizetype dateColumn = -1;
    for (const char *name : {"dob", "date_of_birth", "start_date", "opened"}) {
        dateColumn = column(QLatin1String(name));
        if (dateColumn >= 0)
            break;
    }
    const qsizetype nhsColumn = column(QLatin1String("nhs_number"));
    switch (fault % 4) {
    case 0:
        fields[0].clear(); // no id
        break;
    case 1:
        if (nameColumn >= 0)
            fields[nameColumn].clear();
        else
            fields[0].clear();
        break;
    case 2:
        if (dateColumn >= 0)
            fields[dateColumn] = simclock::impossibleDate(m_style.date);
        else
            fields[0].clear();
        break;
    default:
        if (nhsColumn >= 0)
            fields[nhsColumn] = QStringLiteral("N/K 12X");
        else if (dateColumn >= 0)
            fields[dateColumn] = simclock::impossibleDate(m_style.date);
        else
            fields[0].clear();
        break;
    }
    return fields;
}

SimResponse CsvFeed::handle(const SimRequest &request)
{
    const QStringList names = files();
    if (!request.path.startsWith(QLatin1String("extract/")))
        return notFound();
    const auto stream = quint32(names.indexOf(request.path.mid(8)));
    if (stream >= quint32(names.size()))
        return notFound();
    if (!isGet(request))
        return methodNotAllowed();
    const Paging paging
        = parsePaging(request, streamCode(stream), QStringLiteral("modified_since"),
                      [this](const QString &text) { return parseSince(text); },
                      QStringLiteral("page_token"), QStringLiteral("page_size"), {});
    if (!paging.error.isEmpty())
        return badRequest(paging.error);

    const Page page = collect({stream}, paging.start);
    QByteArray body;
    if (m_style.bom)
        body += "\xEF\xBB\xBF";
    body += csvRow(
        QStringList{QStringLiteral("id"), QStringLiteral("modified"), QStringLiteral("status")}
        + header(stream));
    const RecordTable &records = table(stream);
    for (const PageItem &item : page.items) {
        const SimRecord &record = records.at(item.serial);
        QStringList fields{
            rowId(stream, item.serial), simclock::formatInstant(record.updated, m_style.instant),
            record.withdrawn() ? QStringLiteral("withdrawn") : QStringLiteral("active")};
        fields += row(stream, item.serial);
        if (const auto fault = malformed(stream, item.serial, record))
            fields = corrupt(stream, fields, *fault);
        body += csvRow(fields);
    }
    SimResponse response;
    response.headers.emplace_back("Content-Type", "text/csv; charset=utf-8");
    if (page.next) {
        QUrlQuery next;
        next.addQueryItem(QStringLiteral("page_size"), QString::number(page.next->limit));
        next.addQueryItem(QStringLiteral("page_token"), page.next->encode());
        const QUrl url = absolute(
            request,
            QLatin1Char('/') + id() + QStringLiteral("/extract/") + names[qsizetype(stream)], next);
        response.headers.emplace_back("Link", "<" + url.toEncoded() + ">; rel=\"next\"");
    }
    response.body = body;
    return response;
}

} // namespace bv::feedsim
