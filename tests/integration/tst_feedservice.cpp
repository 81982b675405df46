// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "countymodel.h"
#include "feedservice.h"
#include "referencedata.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sys/resource.h>

using namespace bv;
using namespace bv::feedsim;

namespace {

constexpr quint64 kSeed = 20250101;
constexpr quint32 kPersons = 2000;
const QUrl kOrigin(QStringLiteral("https://127.0.0.1:8443"));

enum class Format { Fhir, Police, Csv, Ctf, Fire };

struct StreamInfo
{
    QString feed;
    QString path;
    Format format;
};

const std::vector<StreamInfo> &allStreams()
{
    static const std::vector<StreamInfo> streams = {
        {QStringLiteral("health"), QStringLiteral("fhir/Patient"), Format::Fhir},
        {QStringLiteral("health"), QStringLiteral("fhir/Encounter"), Format::Fhir},
        {QStringLiteral("health"), QStringLiteral("fhir/Flag"), Format::Fhir},
        {QStringLiteral("police"), QStringLiteral("api/v1/changes"), Format::Police},
        {QStringLiteral("csc"), QStringLiteral("extract/children.csv"), Format::Csv},
        {QStringLiteral("csc"), QStringLiteral("extract/contacts.csv"), Format::Csv},
        {QStringLiteral("csc"), QStringLiteral("extract/relationships.csv"), Format::Csv},
        {QStringLiteral("csc"), QStringLiteral("extract/episodes.csv"), Format::Csv},
        {QStringLiteral("asc"), QStringLiteral("extract/clients.csv"), Format::Csv},
        {QStringLiteral("asc"), QStringLiteral("extract/episodes.csv"), Format::Csv},
        {QStringLiteral("housing"), QStringLiteral("extract/tenants.csv"), Format::Csv},
        {QStringLiteral("housing"), QStringLiteral("extract/tenancies.csv"), Format::Csv},
        {QStringLiteral("housing"), QStringLiteral("extract/cases.csv"), Format::Csv},
        {QStringLiteral("education"), QStringLiteral("ctf"), Format::Ctf},
        {QStringLiteral("fire"), QStringLiteral("api/incidents"), Format::Fire},
        {QStringLiteral("fire"), QStringLiteral("api/visits"), Format::Fire},
    };
    return streams;
}

// The doc's CSV columns after id, modified, status.
QStringList csvColumns(const QString &feed, const QString &path)
{
    static const QMap<QString, QString> columns = {
        {QStringLiteral("csc/extract/children.csv"),
         QStringLiteral("forename,middle_names,surname,former_surname,dob,gender,nhs_number,"
                        "address,postcode,cp_plan_from,looked_after_from")},
        {QStringLiteral("csc/extract/contacts.csv"),
         QStringLiteral("forename,surname,former_surname,dob,gender,nhs_number,address,postcode,"
                        "phone")},
        {QStringLiteral("csc/extract/relationships.csv"),
         QStringLiteral("child_id,contact_id,relationship,start_date,end_date")},
        {QStringLiteral("csc/extract/episodes.csv"),
         QStringLiteral("child_id,type,start_date,end_date,title,summary,outcome,priority,worker")},
        {QStringLiteral("asc/extract/clients.csv"),
         QStringLiteral("first_name,last_name,date_of_birth,sex,nhs_number,address_line,postcode,"
                        "phone,vulnerable_adult,vulnerable_adult_from,risk_to_staff")},
        {QStringLiteral("asc/extract/episodes.csv"),
         QStringLiteral(
             "client_id,type,start_date,end_date,title,summary,outcome,priority,worker")},
        {QStringLiteral("housing/extract/tenants.csv"),
         QStringLiteral("title,forenames,surname,dob,nhs_number,uprn,address,postcode,phone,"
                        "protected_address,risk_to_staff")},
        {QStringLiteral("housing/extract/tenancies.csv"),
         QStringLiteral("tenant_id,uprn,address,postcode,start_date,end_date,tenancy_type")},
        {QStringLiteral("housing/extract/cases.csv"),
         QStringLiteral("tenant_id,type,opened,closed,title,summary,outcome,priority,officer")},
    };
    return QStringLiteral("id,modified,status,")
        .append(columns.value(feed + QLatin1Char('/') + path))
        .split(QLatin1Char(','));
}

// RFC 4180: quoted fields may hold commas, quotes and line breaks; CRLF ends a record.
std::vector<QStringList> readCsv(QByteArray bytes, bool *ok)
{
    *ok = true;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const QString text = QString::fromUtf8(bytes);
    std::vector<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || wasQuoted)
                *ok = false; // a quote inside an unquoted field
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            wasQuoted = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
                   && text.at(i + 1) == QLatin1Char('\n')) {
            row << field;
            rows.push_back(row);
            row.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            *ok = false; // bare line break outside quotes
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty())
        *ok = false; // unterminated quote or no CRLF after the last record
    return rows;
}

bool nhsValid(const QString &digits)
{
    if (digits.size() != 10)
        return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        if (!digits.at(i).isDigit())
            return false;
        sum += digits.at(i).digitValue() * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && digits.at(9).digitValue() == check;
}

// One record as a sync client sees it.
struct Item
{
    QString id;
    QString updated;
    bool withdrawn = false;
    std::map<QString, qint64> counts; // record kind -> records it stands for
    bool malformed = false;
};

struct PageResult
{
    int status = 0;
    bool parsed = false;
    std::vector<Item> items;
    std::optional<SimRequest> next;
    QString cursor; // police
    QByteArray body;
};

bool impossibleDate(const QString &text)
{
    return text.contains(QLatin1String("2023-02-30")) || text.contains(QLatin1String("30/02/2023"))
           || text.contains(QLatin1String("30-Feb-2023"));
}

SimRequest requestFor(const QUrl &url)
{
    SimRequest request;
    request.method = "GET";
    const QString path = url.path();
    const qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
    request.path = path.mid(slash + 1);
    request.query = QUrlQuery(url);
    request.origin = kOrigin;
    return request;
}

SimRequest firstRequest(const StreamInfo &stream,
                        const QList<std::pair<QString, QString>> &query = {})
{
    SimRequest request;
    request.method = "GET";
    request.path = stream.path;
    request.origin = kOrigin;
    for (const auto &[name, value] : query)
        request.query.addQueryItem(name, value);
    return request;
}

void parseFhir(const StreamInfo &stream, const QJsonObject &bundle, PageResult &page)
{
    if (bundle.value(QStringLiteral("resourceType")).toString() != QLatin1String("Bundle")
        || bundle.value(QStringLiteral("type")).toString() != QLatin1String("searchset"))
        return;
    for (const QJsonValue &link : bundle.value(QStringLiteral("link")).toArray()) {
        if (link[QStringLiteral("relation")].toString() == QLatin1String("next"))
            page.next = requestFor(QUrl(link[QStringLiteral("url")].toString()));
    }
    for (const QJsonValue &entry : bundle.value(QStringLiteral("entry")).toArray()) {
        const QJsonObject resource = entry[QStringLiteral("resource")].toObject();
        Item item;
        item.id = resource.value(QStringLiteral("id")).toString();
        item.updated = resource[QStringLiteral("meta")][QStringLiteral("lastUpdated")].toString();
        const QString type = resource.value(QStringLiteral("resourceType")).toString();
        item.malformed = item.id.isEmpty();
        if (type == QLatin1String("Patient")) {
            item.withdrawn = !resource.value(QStringLiteral("active")).toBool();
            item.counts[QStringLiteral("person")] = 1;
            const QJsonValue nhs
                = resource[QStringLiteral("identifier")][0][QStringLiteral("value")];
            item.malformed
                = item.malformed || !resource.contains(QStringLiteral("name")) || !nhs.isString()
                  || impossibleDate(resource.value(QStringLiteral("birthDate")).toString());
        } else if (type == QLatin1String("Encounter")) {
            item.withdrawn = resource.value(QStringLiteral("status")).toString()
                             == QLatin1String("entered-in-error");
            item.counts[QStringLiteral("event")] = 1;
            item.malformed
                = item.malformed || !resource.value(QStringLiteral("subject")).isObject()
                  || impossibleDate(
                      resource[QStringLiteral("period")][QStringLiteral("start")].toString());
        } else {
            item.withdrawn = resource.value(QStringLiteral("status")).toString()
                             == QLatin1String("entered-in-error");
            item.counts[QStringLiteral("flag")] = 1;
            item.malformed
                = item.malformed || !resource.contains(QStringLiteral("code"))
                  || impossibleDate(
                      resource[QStringLiteral("period")][QStringLiteral("start")].toString());
        }
        page.items.push_back(item);
    }
    (void)stream;
    page.parsed = true;
}

void parsePolice(const QJsonObject &body, PageResult &page)
{
    if (!body.value(QStringLiteral("changes")).isArray()
        || !body.value(QStringLiteral("has_more")).isBool())
        return;
    page.cursor = body.value(QStringLiteral("next_cursor")).toString();
    if (body.value(QStringLiteral("has_more")).toBool()) {
        SimRequest next = firstRequest(
            {QStringLiteral("police"), QStringLiteral("api/v1/changes"), Format::Police});
        next.query.addQueryItem(QStringLiteral("cursor"), page.cursor);
        page.next = next;
    }
    for (const QJsonValue &value : body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject change = value.toObject();
        const QString entity = change.value(QStringLiteral("entity")).toString();
        Item item;
        item.id = change.contains(QStringLiteral("id"))
                      ? entity + QLatin1Char('/') + change.value(QStringLiteral("id")).toString()
                      : QString();
        item.updated = change.value(QStringLiteral("updated")).toString();
        item.withdrawn = change.value(QStringLiteral("op")).toString() == QLatin1String("delete");
        const QJsonObject data = change.value(QStringLiteral("data")).toObject();
        item.malformed = item.id.isEmpty();
        if (entity == QLatin1String("location")) {
            item.counts[QStringLiteral("location")] = 1;
            item.malformed = item.malformed || !data.value(QStringLiteral("lat")).isDouble()
                             || !data.value(QStringLiteral("postcode")).isString()
                             || !data.contains(QStringLiteral("location_id"));
        } else if (entity == QLatin1String("person")) {
            item.counts[QStringLiteral("person")] = 1;
            item.counts[QStringLiteral("flag")]
                = data.value(QStringLiteral("markers")).toArray().size();
            const QJsonValue nhs = data.value(QStringLiteral("nhs_no"));
            item.malformed = item.malformed || !data.contains(QStringLiteral("surname"))
                             || !(nhs.isString() || nhs.isNull())
                             || impossibleDate(data.value(QStringLiteral("dob")).toString());
        } else {
            item.counts[QStringLiteral("event")]
                = data.value(QStringLiteral("persons")).toArray().size();
            item.malformed
                = item.malformed || !data.value(QStringLiteral("persons")).isArray()
                  || !data.contains(QStringLiteral("occurrence_id"))
                  || impossibleDate(data.value(QStringLiteral("reported_at")).toString());
        }
        page.items.push_back(item);
    }
    page.parsed = true;
}

void parseCsv(const StreamInfo &stream, const SimResponse &response, PageResult &page)
{
    bool ok = false;
    const std::vector<QStringList> rows = readCsv(response.body, &ok);
    if (!ok || rows.empty() || rows.front() != csvColumns(stream.feed, stream.path))
        return;
    const QStringList &header = rows.front();
    const auto column = [&header](const char *name) {
        return header.indexOf(QLatin1String(name));
    };
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows[r];
        if (row.size() != header.size())
            return;
        Item item;
        item.id = row[0];
        item.updated = row[1];
        item.withdrawn = row[2] == QLatin1String("withdrawn");
        item.malformed
            = item.id.isEmpty() || std::any_of(row.begin(), row.end(), [](const QString &f) {
                  return impossibleDate(f) || f.contains(QLatin1String("N/K"));
              });
        const QString file = stream.path.mid(8);
        const auto yes = [&](const char *name) {
            return column(name) >= 0 && row[column(name)] == QLatin1String("Y") ? 1 : 0;
        };
        if (file == QLatin1String("children.csv")) {
            item.counts[QStringLiteral("person")] = 1;
            item.counts[QStringLiteral("flag")]
                = (row[column("cp_plan_from")].isEmpty() ? 0 : 1)
                  + (row[column("looked_after_from")].isEmpty() ? 0 : 1);
            item.malformed = item.malformed || row[column("surname")].isEmpty();
        } else if (file == QLatin1String("contacts.csv")) {
            item.counts[QStringLiteral("person")] = 1;
            item.malformed = item.malformed || row[column("surname")].isEmpty();
        } else if (file == QLatin1String("relationships.csv")) {
            item.counts[QStringLiteral("relationship")] = 1;
            item.malformed = item.malformed || row[column("child_id")].isEmpty();
        } else if (file == QLatin1String("clients.csv")) {
            item.counts[QStringLiteral("person")] = 1;
            item.counts[QStringLiteral("flag")] = yes("vulnerable_adult") + yes("risk_to_staff");
            item.malformed = item.malformed || row[column("last_name")].isEmpty();
        } else if (file == QLatin1String("tenants.csv")) {
            item.counts[QStringLiteral("person")] = 1;
            item.counts[QStringLiteral("flag")] = yes("protected_address") + yes("risk_to_staff");
            item.malformed = item.malformed || row[column("surname")].isEmpty();
        } else if (file == QLatin1String("tenancies.csv")) {
            item.counts[QStringLiteral("address")] = 1;
            item.malformed = item.malformed || row[column("tenant_id")].isEmpty();
        } else {
            item.counts[QStringLiteral("event")] = 1;
            item.malformed = item.malformed || row[column("type")].isEmpty();
        }
        page.items.push_back(item);
    }
    for (const auto &[name, value] : response.headers) {
        if (name == "Link") {
            static const QRegularExpression link(QStringLiteral("^<([^>]+)>; rel=\"next\"$"));
            const auto match = link.match(QString::fromUtf8(value));
            if (!match.hasMatch())
                return;
            page.next = requestFor(QUrl(match.captured(1)));
        }
    }
    page.parsed = true;
}

void parseCtf(const QByteArray &body, PageResult &page)
{
    QXmlStreamReader xml(body);
    Item item;
    int depth = 0;
    bool inPupil = false;
    bool sawRoot = false;
    QString nextToken;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++depth;
            const QStringView name = xml.name();
            if (depth == 1)
                sawRoot = name == QLatin1String("CTfile");
            if (name == QLatin1String("Pupil")) {
                inPupil = true;
                item = Item();
                item.malformed = true; // until a UPN and a Surname are seen
                item.counts[QStringLiteral("person")] = 1;
                item.counts[QStringLiteral("event")] = 0;
                continue;
            }
            if (name == QLatin1String("NextPageToken")) {
                nextToken = xml.readElementText();
                --depth;
                continue;
            }
            if (!inPupil)
                continue;
            if (name == QLatin1String("Contacts") || name == QLatin1String("Address")
                || name == QLatin1String("Exclusions") || name == QLatin1String("Attendance")
                || name == QLatin1String("SENhistory")) {
                continue; // containers: their children are counted below
            } else if (name == QLatin1String("Contact")) {
                ++item.counts[QStringLiteral("person")];
            } else if (name == QLatin1String("Exclusion") || name == QLatin1String("Concern")
                       || name == QLatin1String("SEN")) {
                ++item.counts[QStringLiteral("event")];
            } else if (depth == 4) { // CTfile/CTFpupilData/Pupil/<field>
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                --depth;
                if (name == QLatin1String("UPN"))
                    item.id = text;
                else if (name == QLatin1String("LastUpdated"))
                    item.updated = text;
                else if (name == QLatin1String("Status"))
                    item.withdrawn = text == QLatin1String("withdrawn");
                else if (name == QLatin1String("Surname") && !text.isEmpty())
                    item.counts[QStringLiteral("~surname")] = 1; // removed below
                else if ((name == QLatin1String("DOB") && impossibleDate(text))
                         || (name == QLatin1String("NHSnumber") && !nhsValid(text)
                             && text.size() != 10))
                    item.id.prepend(QStringLiteral("!")); // marked below
            }
        } else if (xml.isEndElement()) {
            --depth;
            if (xml.name() == QLatin1String("Pupil")) {
                inPupil = false;
                page.items.push_back(item);
            }
        }
    }
    if (xml.hasError() || !sawRoot)
        return;
    // A pupil is malformed when it lacks a UPN or a Surname, or has a corrupt field.
    for (Item &pupil : page.items) {
        const bool corrupt = pupil.id.startsWith(QLatin1Char('!'));
        if (corrupt)
            pupil.id.remove(0, 1);
        pupil.malformed
            = corrupt || pupil.id.isEmpty() || pupil.counts.erase(QStringLiteral("~surname")) == 0;
    }
    if (!nextToken.isEmpty()) {
        SimRequest next
            = firstRequest({QStringLiteral("education"), QStringLiteral("ctf"), Format::Ctf});
        next.query.addQueryItem(QStringLiteral("page_token"), nextToken);
        page.next = next;
    }
    page.parsed = true;
}

void parseFire(const StreamInfo &stream, const QJsonObject &body, PageResult &page)
{
    if (!body.value(QStringLiteral("items")).isArray()
        || !body.contains(QStringLiteral("next_page_token")))
        return;
    const QJsonValue token = body.value(QStringLiteral("next_page_token"));
    if (token.isString()) {
        SimRequest next = firstRequest(stream);
        next.query.addQueryItem(QStringLiteral("page_token"), token.toString());
        page.next = next;
    }
    for (const QJsonValue &value : body.value(QStringLiteral("items")).toArray()) {
        const QJsonObject object = value.toObject();
        Item item;
        item.id = object.value(QStringLiteral("incident_ref")).toString();
        item.updated = object.value(QStringLiteral("updated")).toString();
        item.withdrawn = object.value(QStringLiteral("withdrawn")).toBool();
        const QJsonArray occupants = object.value(QStringLiteral("occupants")).toArray();
        item.counts[QStringLiteral("person")] = occupants.size();
        item.counts[QStringLiteral("event")] = occupants.size();
        if (object.contains(QStringLiteral("risk_factors")))
            item.counts[QStringLiteral("flag")]
                = object.value(QStringLiteral("risk_factors")).toArray().size() * occupants.size();
        item.malformed
            = item.id.isEmpty() || !object.value(QStringLiteral("easting")).isDouble()
              || impossibleDate(object.value(QStringLiteral("datetime")).toString())
              || std::any_of(occupants.begin(), occupants.end(), [](const QJsonValue &o) {
                     return !o.toObject().contains(QStringLiteral("name"));
                 });
        page.items.push_back(item);
    }
    page.parsed = true;
}

PageResult fetch(FeedService &service, const StreamInfo &stream, const SimRequest &request,
                 qint64 *renderNs = nullptr)
{
    PageResult page;
    QElapsedTimer timer;
    timer.start();
    const SimResponse response = service.handle(stream.feed, request);
    if (renderNs)
        *renderNs += timer.nsecsElapsed();
    page.status = response.status;
    page.body = response.body;
    if (response.status != 200)
        return page;
    if (stream.format == Format::Csv) {
        parseCsv(stream, response, page);
    } else if (stream.format == Format::Ctf) {
        parseCtf(response.body, page);
    } else {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return page;
        if (stream.format == Format::Fhir)
            parseFhir(stream, document.object(), page);
        else if (stream.format == Format::Police)
            parsePolice(document.object(), page);
        else
            parseFire(stream, document.object(), page);
    }
    return page;
}

// Pages through one stream from `request`; between(pageNumber) runs after each page.
struct Pass
{
    std::vector<Item> items;                 // in the order served
    std::vector<std::vector<QString>> pages; // ids per page
    QString cursor;
    bool ok = true;
    QString failure;
};

Pass pageThrough(FeedService &service, const StreamInfo &stream, SimRequest request,
                 const std::function<void(int)> &between = {})
{
    Pass pass;
    for (int page = 0; page < 100000; ++page) {
        const PageResult result = fetch(service, stream, request);
        if (result.status != 200 || !result.parsed) {
            pass.ok = false;
            pass.failure = QStringLiteral("%1/%2 page %3: status %4, parsed %5")
                               .arg(stream.feed, stream.path)
                               .arg(page)
                               .arg(result.status)
                               .arg(result.parsed);
            return pass;
        }
        std::vector<QString> ids;
        for (const Item &item : result.items) {
            pass.items.push_back(item);
            ids.push_back(item.id);
        }
        pass.pages.push_back(ids);
        if (!result.cursor.isEmpty())
            pass.cursor = result.cursor;
        if (!result.next)
            return pass;
        if (between)
            between(page);
        request = *result.next;
    }
    pass.ok = false;
    pass.failure = QStringLiteral("no end");
    return pass;
}

using Counts = std::map<QString, std::map<QString, std::pair<qint64, qint64>>>; // feed, kind

// What a complete sync ends with: the last version of each record served.
void addFinal(Counts &counts, const QString &feed, const std::vector<Item> &items)
{
    QHash<QString, Item> last;
    QStringList order;
    for (const Item &item : items) {
        if (!last.contains(item.id))
            order << item.id;
        last.insert(item.id, item);
    }
    for (const QString &id : order) {
        const Item &item = last.value(id);
        for (const auto &[kind, n] : item.counts) {
            auto &entry = counts[feed][kind];
            (item.withdrawn ? entry.second : entry.first) += n;
        }
    }
}

Counts statsCounts(const QJsonObject &stats)
{
    Counts counts;
    const QJsonObject feeds = stats.value(QStringLiteral("feeds")).toObject();
    for (auto feed = feeds.begin(); feed != feeds.end(); ++feed) {
        const QJsonObject kinds = feed.value().toObject();
        for (auto kind = kinds.begin(); kind != kinds.end(); ++kind) {
            const QJsonObject entry = kind.value().toObject();
            const qint64 current = entry.value(QStringLiteral("current")).toInteger();
            const qint64 withdrawn = entry.value(QStringLiteral("withdrawn")).toInteger();
            if (current != 0 || withdrawn != 0)
                counts[feed.key()][kind.key()] = {current, withdrawn};
        }
    }
    return counts;
}

QString describe(const Counts &counts)
{
    QString text;
    for (const auto &[feed, kinds] : counts) {
        for (const auto &[kind, n] : kinds)
            text += QStringLiteral("%1.%2=%3/%4 ").arg(feed, kind).arg(n.first).arg(n.second);
    }
    return text;
}

QByteArray sourceTruth(const FeedService &service)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    return service.writeSourceTruth(buffer).ok() ? buffer.data() : QByteArray();
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// One nested event of a pupil as the education feed serves it.
struct PupilEvent
{
    QString upn;
    QString element; // Exclusion, Concern, SEN
    QString date;
    QString eventId;
};

// Every event of every pupil in one full pass of the education feed; empty on a failure.
std::vector<PupilEvent> educationEvents(FeedService &service, QString *failure)
{
    const StreamInfo stream{QStringLiteral("education"), QStringLiteral("ctf"), Format::Ctf};
    std::vector<PupilEvent> events;
    std::optional<SimRequest> request = firstRequest(stream);
    for (int guard = 0; request && guard < 10000; ++guard) {
        const PageResult page = fetch(service, stream, *request);
        if (page.status != 200 || !page.parsed) {
            *failure = QStringLiteral("page %1: status %2").arg(guard).arg(page.status);
            return {};
        }
        QXmlStreamReader xml(page.body);
        QString upn;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QString name = xml.name().toString();
            if (name == QLatin1String("UPN")) {
                upn = xml.readElementText();
            } else if (name == QLatin1String("Exclusion") || name == QLatin1String("Concern")
                       || name == QLatin1String("SEN")) {
                PupilEvent event{upn, name, {}, {}};
                while (xml.readNextStartElement()) {
                    const QString field = xml.name().toString();
                    const QString text = xml.readElementText();
                    if (field == QLatin1String("EventID"))
                        event.eventId = text;
                    else if (field == QLatin1String("Date") || field == QLatin1String("StartDate"))
                        event.date = text;
                }
                events.push_back(event);
            }
        }
        if (xml.hasError()) {
            *failure = xml.errorString();
            return {};
        }
        request = page.next;
    }
    return events;
}

// Every page body of one stream, in order; empty on a failure.
QList<QByteArray> allBodies(FeedService &service, const StreamInfo &stream, QString *failure)
{
    QList<QByteArray> bodies;
    std::optional<SimRequest> request = firstRequest(stream);
    for (int guard = 0; request && guard < 10000; ++guard) {
        const PageResult page = fetch(service, stream, *request);
        if (page.status != 200 || !page.parsed) {
            *failure
                = QStringLiteral("%1/%2: status %3").arg(stream.feed, stream.path).arg(page.status);
            return {};
        }
        bodies << page.body;
        request = page.next;
    }
    return bodies;
}

// The feeds that serve an event about a county person (P000123): the feed's own records of
// the person from the source truth, each named by an event of that feed.
QSet<QString> feedsWithEventsOf(FeedService &service, const QByteArray &personId, QString *failure)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!service.writeSourceTruth(buffer).ok()) {
        *failure = QStringLiteral("no source truth");
        return {};
    }
    QMap<QString, QStringList> records; // feed -> external ids of the person
    for (const QByteArray &line : buffer.data().split('\n')) {
        const QList<QByteArray> fields = line.split(',');
        if (fields.size() == 4 && fields[3] == personId)
            records[QString::fromLatin1(fields[0])] << QString::fromLatin1(fields[2]);
    }
    // How an event names a person record, per feed.
    const QMap<QString, std::pair<QString, QString>> eventStreams = {
        {QStringLiteral("health"),
         {QStringLiteral("fhir/Encounter"), QStringLiteral("\"Patient/%1\"")}},
        {QStringLiteral("police"),
         {QStringLiteral("api/v1/changes"), QStringLiteral("\"person_id\":\"%1\",\"role\"")}},
        {QStringLiteral("csc"), {QStringLiteral("extract/episodes.csv"), QStringLiteral(",%1,")}},
        {QStringLiteral("asc"), {QStringLiteral("extract/episodes.csv"), QStringLiteral(",%1,")}},
        {QStringLiteral("housing"), {QStringLiteral("extract/cases.csv"), QStringLiteral(",%1,")}},
        {QStringLiteral("fire"),
         {QStringLiteral("api/incidents"), QStringLiteral("\"occupant_id\":\"%1\"")}},
    };
    QSet<QString> feeds;
    for (const StreamInfo &stream : allStreams()) {
        const auto pattern = eventStreams.constFind(stream.feed);
        const bool visits = stream.path == QLatin1String("api/visits");
        if (pattern == eventStreams.constEnd() || (pattern->first != stream.path && !visits))
            continue;
        for (const QByteArray &body : allBodies(service, stream, failure)) {
            for (const QString &id : records.value(stream.feed)) {
                if (body.contains(pattern->second.arg(id).toUtf8()))
                    feeds.insert(stream.feed);
            }
        }
    }
    for (const PupilEvent &event : educationEvents(service, failure)) {
        if (records.value(QStringLiteral("education")).contains(event.upn))
            feeds.insert(QStringLiteral("education"));
    }
    return feeds;
}

} // namespace

class tst_FeedService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameSeedGivesIdenticalPages();
    void pagesFollowTheDocsFieldNames_data();
    void pagesFollowTheDocsFieldNames();
    void fullPassVisitsEachRecordOnceAndMatchesStats();
    void tickBetweenPagesSkipsNothing();
    void passFromHighWaterMarkReturnsExactlyTheChanges();
    void policeCursorResumesAfterTheLastChange();
    void healthNhsNumbersAreValidTestNumbers();
    void otherFeedsHaveMissingOrMistypedNhsNumbers();
    void malformedRecordsKeepPagesParseable_data();
    void malformedRecordsKeepPagesParseable();
    void repeatedPageIsServedOnceThenContinues();
    void withdrawnRecordsCarryTheirFormatsMarker();
    void sourceTruthNamesEveryPersonRecord();
    void educationEventsHaveStableIdsOfTheirOwn();
    void caseStudyHasEventsInEveryFeed_data();
    void caseStudyHasEventsInEveryFeed();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void tickRefusesZeroDays();
    void largeCountyTimings();

private:
    std::unique_ptr<FeedService> makeService() const;

    std::shared_ptr<const ReferenceData> m_reference;
    std::shared_ptr<const CountyModel> m_county;
    std::unique_ptr<FeedService> m_service; // never ticked
};

std::unique_ptr<FeedService> tst_FeedService::makeService() const
{
    auto service = createCountyFeedService(m_county, m_reference, kSeed);
    return service.ok() ? std::move(service).value() : nullptr;
}

void tst_FeedService::initTestCase()
{
    auto reference = ReferenceData::load(QStringLiteral(BROADVIEW_SHARED_DATA_DIR));
    QVERIFY_RESULT(reference);
    m_reference = std::make_shared<const ReferenceData>(std::move(reference).value());
    auto county = CountyModel::generate(*m_reference, kPersons, kSeed);
    QVERIFY_RESULT(county);
    m_county = std::make_shared<const CountyModel>(std::move(county).value());
    m_service = makeService();
    QVERIFY(m_service);
    QCOMPARE(m_service->feedIds(),
             QStringList({QStringLiteral("health"), QStringLiteral("police"), QStringLiteral("csc"),
                          QStringLiteral("asc"), QStringLiteral("housing"),
                          QStringLiteral("education"), QStringLiteral("fire")}));
}

void tst_FeedService::sameSeedGivesIdenticalPages()
{
    auto again = makeService();
    QVERIFY(again);
    auto other = createCountyFeedService(m_county, m_reference, kSeed + 1);
    QVERIFY_RESULT(other);
    for (const StreamInfo &stream : allStreams()) {
        const SimRequest request = firstRequest(
            stream, {{stream.format == Format::Fhir     ? QStringLiteral("_count")
                      : stream.format == Format::Police ? QStringLiteral("limit")
                                                        : QStringLiteral("page_size"),
                      QStringLiteral("100")}});
        const PageResult first = fetch(*m_service, stream, request);
        const PageResult second = fetch(*again, stream, request);
        QVERIFY2(first.parsed, qPrintable(stream.path));
        QCOMPARE(second.body, first.body);
        if (first.next)
            QCOMPARE(fetch(*again, stream, *first.next).body,
                     fetch(*m_service, stream, *first.next).body);
        if (!first.items.empty())
            QVERIFY2(fetch(*other.value(), stream, request).body != first.body,
                     qPrintable(stream.path));
    }
    QCOMPARE(sourceTruth(*again), sourceTruth(*m_service));
    // The same ticks give the same changes.
    auto third = makeService();
    QVERIFY_RESULT(again->tick(2));
    QVERIFY_RESULT(third->tick(2));
    for (const StreamInfo &stream : allStreams()) {
        const SimRequest request = firstRequest(stream);
        QCOMPARE(fetch(*third, stream, request).body, fetch(*again, stream, request).body);
    }
}

void tst_FeedService::pagesFollowTheDocsFieldNames_data()
{
    QTest::addColumn<int>("stream");
    for (std::size_t i = 0; i < allStreams().size(); ++i)
        QTest::newRow(qPrintable(allStreams()[i].feed + QLatin1Char('/') + allStreams()[i].path))
            << int(i);
}

void tst_FeedService::pagesFollowTheDocsFieldNames()
{
    QFETCH(int, stream);
    const StreamInfo &info = allStreams()[std::size_t(stream)];
    const PageResult page = fetch(*m_service, info, firstRequest(info));
    QCOMPARE(page.status, 200);
    QVERIFY(page.parsed);
    QVERIFY(!page.items.empty());
    QVERIFY(page.items.size() <= std::size_t(500)); // the default page size
    QCOMPARE(page.next.has_value(), page.items.size() == std::size_t(500));
    for (const Item &item : page.items) {
        QVERIFY(!item.id.isEmpty());
        QVERIFY(!item.updated.isEmpty());
        QVERIFY(!item.malformed);
    }
    const auto keys = [](const QJsonObject &object, const char *list) {
        for (const QString &key : QString::fromLatin1(list).split(QLatin1Char(','))) {
            if (!object.contains(key))
                return key;
        }
        return QString();
    };
    if (info.format == Format::Fhir) {
        const QJsonObject bundle = QJsonDocument::fromJson(page.body).object();
        const QJsonObject entry = bundle[QStringLiteral("entry")][0].toObject();
        QCOMPARE(entry[QStringLiteral("search")][QStringLiteral("mode")].toString(),
                 QStringLiteral("match"));
        const QJsonObject resource = entry[QStringLiteral("resource")].toObject();
        QVERIFY(resource[QStringLiteral("meta")][QStringLiteral("lastUpdated")].toString().contains(
            QRegularExpression(QStringLiteral("\\+0[01]:00$"))));
        for (const QJsonValue &link : bundle[QStringLiteral("link")].toArray())
            QVERIFY(link[QStringLiteral("url")].toString().startsWith(
                QLatin1String("https://127.0.0.1:8443/health/fhir/")));
        if (info.path.endsWith(QLatin1String("Patient"))) {
            QVERIFY(
                entry[QStringLiteral("fullUrl")].toString().startsWith(QLatin1String("urn:uuid:")));
            QCOMPARE(
                keys(
                    resource,
                    "resourceType,id,meta,identifier,name,gender,birthDate,address,telecom,active"),
                QString());
            QCOMPARE(resource[QStringLiteral("identifier")][0][QStringLiteral("system")].toString(),
                     QStringLiteral("https://fhir.nhs.uk/Id/nhs-number"));
            QCOMPARE(resource[QStringLiteral("name")][0][QStringLiteral("use")].toString(),
                     QStringLiteral("official"));
        } else if (info.path.endsWith(QLatin1String("Encounter"))) {
            QVERIFY(entry[QStringLiteral("fullUrl")].toString().startsWith(
                QLatin1String("https://127.0.0.1:8443/health/fhir/Encounter/")));
            QCOMPARE(
                keys(resource,
                     "subject,period,class,type,reasonCode,hospitalization,serviceProvider,status"),
                QString());
            QVERIFY(resource[QStringLiteral("subject")][QStringLiteral("reference")]
                        .toString()
                        .startsWith(QLatin1String("Patient/")));
            QVERIFY(!resource[QStringLiteral("hospitalization")]
                             [QStringLiteral("dischargeDisposition")][QStringLiteral("text")]
                                 .toString()
                                 .isEmpty());
        } else {
            QCOMPARE(keys(resource, "subject,code,period,status"), QString());
            QVERIFY(!resource[QStringLiteral("code")][QStringLiteral("coding")][0]
                             [QStringLiteral("code")]
                                 .toString()
                                 .isEmpty());
        }
    } else if (info.format == Format::Police) {
        const QJsonArray changes
            = QJsonDocument::fromJson(page.body)[QStringLiteral("changes")].toArray();
        QSet<QString> entities;
        for (const QJsonValue &change : changes) {
            QCOMPARE(keys(change.toObject(), "entity,op,id,updated,data"), QString());
            const QString entity = change[QStringLiteral("entity")].toString();
            entities.insert(entity);
            const QJsonObject data = change[QStringLiteral("data")].toObject();
            if (entity == QLatin1String("person"))
                QCOMPARE(
                    keys(data,
                         "person_id,forenames,surname,dob,gender,nhs_no,addresses,markers,aliases"),
                    QString());
            else if (entity == QLatin1String("location"))
                QCOMPARE(keys(data, "location_id,address,postcode,lat,lon"), QString());
            else
                QCOMPARE(keys(data, "occurrence_id,reported_at,category,description,grade,outcome,"
                                    "location_id,officer,persons"),
                         QString());
        }
        QVERIFY(entities.contains(QStringLiteral("location"))); // loaded first
    } else if (info.format == Format::Fire) {
        const QJsonObject first
            = QJsonDocument::fromJson(page.body)[QStringLiteral("items")][0].toObject();
        QCOMPARE(keys(first, "incident_ref,datetime,type,description,outcome,easting,northing,"
                             "address,postcode,occupants,updated,withdrawn"),
                 QString());
        QCOMPARE(
            keys(first[QStringLiteral("occupants")][0].toObject(), "occupant_id,name,dob,casualty"),
            QString());
        if (info.path.endsWith(QLatin1String("visits")))
            QVERIFY(first.contains(QStringLiteral("risk_factors")));
    } else if (info.format == Format::Csv) {
        const bool bom = page.body.startsWith("\xEF\xBB\xBF");
        QCOMPARE(bom, info.feed != QLatin1String("asc"));
    } else {
        QVERIFY(page.body.contains("<UPN>"));
        QVERIFY(page.body.contains("<BS7666Address>"));
        QCOMPARE(page.body.contains("<NextPageToken>"), page.next.has_value());
    }
}

void tst_FeedService::fullPassVisitsEachRecordOnceAndMatchesStats()
{
    Counts counts;
    for (const StreamInfo &stream : allStreams()) {
        const Pass pass = pageThrough(*m_service, stream, firstRequest(stream));
        QVERIFY2(pass.ok, qPrintable(pass.failure));
        QSet<QString> seen;
        for (const Item &item : pass.items) {
            QVERIFY2(!seen.contains(item.id), qPrintable(item.id));
            seen.insert(item.id);
        }
        addFinal(counts, stream.feed, pass.items);
    }
    const Counts expected = statsCounts(m_service->stats());
    QVERIFY2(counts == expected,
             qPrintable(describe(counts) + QStringLiteral(" vs ") + describe(expected)));
}

void tst_FeedService::tickBetweenPagesSkipsNothing()
{
    auto service = makeService();
    QVERIFY(service);
    for (const QString &feed : service->feedIds()) {
        Counts counts;
        bool firstOfFeed = true;
        for (const StreamInfo &stream : allStreams()) {
            if (stream.feed != feed)
                continue;
            // Small pages, and two ticks during the feed's first pass: records move behind
            // the reader, new ones appear, some are withdrawn.
            const QString limitName = stream.format == Format::Fhir ? QStringLiteral("_count")
                                      : stream.format == Format::Police
                                          ? QStringLiteral("limit")
                                          : QStringLiteral("page_size");
            int ticks = 0;
            const auto between = [&service, &ticks, firstOfFeed](int page) {
                if (firstOfFeed && (page == 0 || page == 1)) {
                    QVERIFY(service->tick(1).ok());
                    ++ticks;
                }
            };
            const Pass pass
                = pageThrough(*service, stream,
                              firstRequest(stream, {{limitName, QStringLiteral("13")}}), between);
            QVERIFY2(pass.ok, qPrintable(pass.failure));
            QVERIFY(!firstOfFeed || ticks >= 1);
            firstOfFeed = false;
            QSet<QString> versions;
            for (const Item &item : pass.items) {
                const QString version = item.id + QLatin1Char('@') + item.updated;
                QVERIFY2(!versions.contains(version), qPrintable(version));
                versions.insert(version);
            }
            // Every record's current version was served during the pass.
            const Pass after = pageThrough(*service, stream, firstRequest(stream));
            QVERIFY(after.ok);
            for (const Item &item : after.items)
                QVERIFY2(versions.contains(item.id + QLatin1Char('@') + item.updated),
                         qPrintable(item.id));
            addFinal(counts, stream.feed, pass.items);
        }
        Counts expected;
        expected[feed] = statsCounts(service->stats())[feed];
        QVERIFY2(counts == expected,
                 qPrintable(describe(counts) + QStringLiteral(" vs ") + describe(expected)));
    }
}

void tst_FeedService::passFromHighWaterMarkReturnsExactlyTheChanges()
{
    auto service = makeService();
    QVERIFY(service);
    std::vector<QHash<QString, QString>> before;
    std::vector<QString> highWater;
    for (const StreamInfo &stream : allStreams()) {
        const Pass pass = pageThrough(*service, stream, firstRequest(stream));
        QVERIFY(pass.ok);
        QHash<QString, QString> versions;
        for (const Item &item : pass.items)
            versions.insert(item.id, item.updated);
        before.push_back(versions);
        highWater.push_back(pass.items.back().updated);
    }
    QVERIFY_RESULT(service->tick(1));
    int changedTotal = 0;
    for (std::size_t s = 0; s < allStreams().size(); ++s) {
        const StreamInfo &stream = allStreams()[s];
        const Pass after = pageThrough(*service, stream, firstRequest(stream));
        QVERIFY(after.ok);
        QSet<QString> changed;
        for (const Item &item : after.items) {
            if (before[s].value(item.id) != item.updated)
                changed.insert(item.id);
        }
        changedTotal += int(changed.size());
        if (stream.format == Format::Police)
            continue; // by cursor: policeCursorResumesAfterTheLastChange
        // One second after the old high-water mark, in the feed's own parameter.
        QList<std::pair<QString, QString>> query;
        if (stream.format == Format::Fhir) {
            const QDateTime mark = QDateTime::fromString(highWater[s], Qt::ISODate).addSecs(1);
            query = {{QStringLiteral("_lastUpdated"),
                      QStringLiteral("ge")
                          + mark.toOffsetFromUtc(mark.offsetFromUtc()).toString(Qt::ISODate)}};
        } else if (stream.format == Format::Csv && stream.feed == QLatin1String("csc")) {
            // Minutes only in csc's own format: the next minute, as a client would send it.
            QDateTime mark
                = QDateTime::fromString(highWater[s], QStringLiteral("dd/MM/yyyy HH:mm"));
            mark.setTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")));
            query = {{QStringLiteral("modified_since"),
                      mark.addSecs(60).toString(QStringLiteral("dd/MM/yyyy HH:mm"))}};
        } else if (stream.format == Format::Csv && stream.feed == QLatin1String("housing")) {
            QDateTime mark
                = QDateTime::fromString(highWater[s], QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            mark.setTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")));
            query = {{QStringLiteral("modified_since"),
                      mark.addSecs(1).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))}};
        } else {
            const QDateTime mark = QDateTime::fromString(highWater[s], Qt::ISODate).addSecs(1);
            query = {{stream.format == Format::Csv ? QStringLiteral("modified_since")
                                                   : QStringLiteral("since"),
                      mark.toUTC().toString(Qt::ISODate)}};
        }
        const Pass incremental = pageThrough(*service, stream, firstRequest(stream, query));
        QVERIFY2(incremental.ok, qPrintable(incremental.failure));
        QSet<QString> returned;
        for (const Item &item : incremental.items)
            returned.insert(item.id);
        QCOMPARE(returned, changed);
    }
    QVERIFY(changedTotal > 20);
}

void tst_FeedService::policeCursorResumesAfterTheLastChange()
{
    auto service = makeService();
    QVERIFY(service);
    const StreamInfo &police = allStreams()[3];
    const Pass first = pageThrough(*service, police, firstRequest(police));
    QVERIFY(first.ok);
    QVERIFY(!first.cursor.isEmpty());
    // Nothing new: the stored cursor returns nothing.
    const PageResult empty
        = fetch(*service, police, firstRequest(police, {{QStringLiteral("cursor"), first.cursor}}));
    QVERIFY(empty.parsed);
    QVERIFY(empty.items.empty());
    QVERIFY(!empty.next);
    QHash<QString, Item> known;
    for (const Item &item : first.items)
        known.insert(item.id, item);
    QVERIFY_RESULT(service->tick(1));
    const Pass changes = pageThrough(
        *service, police, firstRequest(police, {{QStringLiteral("cursor"), first.cursor}}));
    QVERIFY(changes.ok);
    QVERIFY(!changes.items.empty());
    int deletes = 0;
    for (const Item &item : changes.items) {
        QVERIFY(item.updated > first.items.back().updated);
        deletes += item.withdrawn ? 1 : 0;
        if (item.withdrawn)
            QVERIFY2(known.contains(item.id), qPrintable(item.id)); // only deletes of what existed
    }
    QVERIFY(deletes >= 1);
}

void tst_FeedService::healthNhsNumbersAreValidTestNumbers()
{
    const StreamInfo &patients = allStreams()[0];
    SimRequest request
        = firstRequest(patients, {{QStringLiteral("_count"), QStringLiteral("5000")}});
    int checked = 0;
    QSet<QString> numbers;
    for (;;) {
        const SimResponse response = m_service->handle(QStringLiteral("health"), request);
        const QJsonObject bundle = QJsonDocument::fromJson(response.body).object();
        for (const QJsonValue &entry : bundle[QStringLiteral("entry")].toArray()) {
            const QJsonValue identifier
                = entry[QStringLiteral("resource")][QStringLiteral("identifier")][0];
            QCOMPARE(identifier[QStringLiteral("system")].toString(),
                     QStringLiteral("https://fhir.nhs.uk/Id/nhs-number"));
            const QString nhs = identifier[QStringLiteral("value")].toString();
            QVERIFY2(nhs.startsWith(QLatin1String("999")) && nhsValid(nhs),
                     qPrintable(QString::number(checked)));
            numbers.insert(nhs);
            ++checked;
        }
        const QJsonArray links = bundle[QStringLiteral("link")].toArray();
        if (links.size() < 2)
            break;
        request = requestFor(QUrl(links[1][QStringLiteral("url")].toString()));
    }
    QVERIFY(checked > int(kPersons) * 9 / 10);
    QCOMPARE(numbers.size(), qsizetype(checked)); // one number per person
}

void tst_FeedService::otherFeedsHaveMissingOrMistypedNhsNumbers()
{
    const StreamInfo &clients = allStreams()[8];
    const PageResult page
        = fetch(*m_service, clients,
                firstRequest(clients, {{QStringLiteral("page_size"), QStringLiteral("5000")}}));
    bool ok = false;
    const std::vector<QStringList> rows = readCsv(page.body, &ok);
    QVERIFY(ok);
    const qsizetype column = rows.front().indexOf(QStringLiteral("nhs_number"));
    int missing = 0;
    int invalid = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const QString nhs = rows[r][column];
        missing += nhs.isEmpty() ? 1 : 0;
        invalid += !nhs.isEmpty() && !nhsValid(nhs) ? 1 : 0;
    }
    const double share = double(missing + invalid) / double(rows.size() - 1);
    QVERIFY2(share > 0.15 && share < 0.45, qPrintable(QString::number(share)));
    QVERIFY(invalid >= 1);
}

void tst_FeedService::malformedRecordsKeepPagesParseable_data()
{
    pagesFollowTheDocsFieldNames_data();
}

void tst_FeedService::malformedRecordsKeepPagesParseable()
{
    QFETCH(int, stream);
    const StreamInfo &info = allStreams()[std::size_t(stream)];
    auto service = makeService();
    QVERIFY(service);
    service->setContentFaults(ContentFaults{0.2, 0.0});
    const Pass pass = pageThrough(*service, info, firstRequest(info));
    QVERIFY2(pass.ok, qPrintable(pass.failure)); // every page still parses as its format
    int malformed = 0;
    for (const Item &item : pass.items)
        malformed += item.malformed ? 1 : 0;
    const double share = double(malformed) / double(pass.items.size());
    QVERIFY2(share > 0.1 || pass.items.size() < 50, qPrintable(QString::number(share)));
    QVERIFY2(share < 0.3, qPrintable(QString::number(share)));
    // Every record corrupted: each one in a way the client can see.
    service->setContentFaults(ContentFaults{1.0, 0.0});
    const PageResult all = fetch(*service, info, firstRequest(info));
    QVERIFY(all.parsed);
    for (const Item &item : all.items)
        QVERIFY2(item.malformed, qPrintable(item.id));
    service->setContentFaults(ContentFaults{0.2, 0.0});
    // Seeded: the same records are corrupted again.
    const Pass again = pageThrough(*service, info, firstRequest(info));
    QCOMPARE(again.pages, pass.pages);
}

void tst_FeedService::repeatedPageIsServedOnceThenContinues()
{
    auto clean = makeService();
    auto faulty = makeService();
    QVERIFY(clean && faulty);
    faulty->setContentFaults(ContentFaults{0.0, 0.3});
    int repeats = 0;
    for (const StreamInfo &stream : allStreams()) {
        const QString limitName = stream.format == Format::Fhir     ? QStringLiteral("_count")
                                  : stream.format == Format::Police ? QStringLiteral("limit")
                                                                    : QStringLiteral("page_size");
        const SimRequest request = firstRequest(stream, {{limitName, QStringLiteral("50")}});
        const Pass expected = pageThrough(*clean, stream, request);
        const Pass pass = pageThrough(*faulty, stream, request);
        QVERIFY2(pass.ok, qPrintable(pass.failure));
        std::vector<std::vector<QString>> withoutRepeats;
        for (std::size_t p = 0; p < pass.pages.size(); ++p) {
            if (p > 0 && pass.pages[p] == pass.pages[p - 1]) {
                ++repeats;
                QVERIFY(p < 2 || pass.pages[p - 1] != pass.pages[p - 2]); // never twice
                continue;
            }
            withoutRepeats.push_back(pass.pages[p]);
        }
        QCOMPARE(withoutRepeats, expected.pages);
        QCOMPARE(pageThrough(*faulty, stream, request).pages, pass.pages); // seeded
    }
    QVERIFY(repeats >= 5);
}

void tst_FeedService::withdrawnRecordsCarryTheirFormatsMarker()
{
    auto service = makeService();
    QVERIFY(service);
    QVERIFY_RESULT(service->tick(3));
    QSet<QString> feedsWithWithdrawals;
    for (const StreamInfo &stream : allStreams()) {
        const Pass pass = pageThrough(
            *service, stream,
            firstRequest(stream, {{stream.format == Format::Fhir     ? QStringLiteral("_count")
                                   : stream.format == Format::Police ? QStringLiteral("limit")
                                                                     : QStringLiteral("page_size"),
                                   QStringLiteral("5000")}}));
        QVERIFY(pass.ok);
        for (const Item &item : pass.items) {
            if (item.withdrawn)
                feedsWithWithdrawals.insert(stream.feed + QLatin1Char('/') + stream.path);
        }
    }
    // The markers themselves are what the parsers above read: active false, entered-in-error,
    // op delete, status withdrawn, <Status>withdrawn</Status>, "withdrawn": true.
    for (const char *expected :
         {"health/fhir/Patient", "health/fhir/Encounter", "police/api/v1/changes",
          "csc/extract/episodes.csv", "asc/extract/episodes.csv", "housing/extract/cases.csv",
          "education/ctf"}) {
        QVERIFY2(feedsWithWithdrawals.contains(QLatin1String(expected)), expected);
    }
    QVERIFY(feedsWithWithdrawals.contains(QStringLiteral("fire/api/incidents"))
            || feedsWithWithdrawals.contains(QStringLiteral("fire/api/visits")));
    // A FHIR withdrawn patient also carries the record-status tag.
    const PageResult patients = fetch(
        *service, allStreams()[0],
        firstRequest(allStreams()[0], {{QStringLiteral("_count"), QStringLiteral("5000")}}));
    QVERIFY(patients.body.contains("\"code\":\"withdrawn\""));
    const PageResult police
        = fetch(*service, allStreams()[3],
                firstRequest(allStreams()[3], {{QStringLiteral("limit"), QStringLiteral("5000")}}));
    const QJsonArray changes
        = QJsonDocument::fromJson(police.body)[QStringLiteral("changes")].toArray();
    int deletes = 0;
    for (const QJsonValue &change : changes) {
        if (change[QStringLiteral("op")].toString() != QLatin1String("delete"))
            continue;
        ++deletes; // with its last data, so the client knows what to withdraw
        QCOMPARE(change[QStringLiteral("data")][QStringLiteral("occurrence_id")].toString(),
                 change[QStringLiteral("id")].toString());
    }
    QVERIFY(deletes >= 1);
}

// Each Exclusion, Concern and SEN carries an EventID that no other event has, and that stays
// with the event in every later version of its pupil: a pupil can have two events of a kind
// on one date, so the date cannot be the id.
void tst_FeedService::educationEventsHaveStableIdsOfTheirOwn()
{
    auto service = makeService();
    QVERIFY(service);
    QString failure;
    const std::vector<PupilEvent> before = educationEvents(*service, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(before.size() > 100);
    static const QRegularExpression shape(QStringLiteral("^(EXC|ATT|SEN)[0-9]{8}$"));
    const QMap<QString, QString> prefixes{{QStringLiteral("Exclusion"), QStringLiteral("EXC")},
                                          {QStringLiteral("Concern"), QStringLiteral("ATT")},
                                          {QStringLiteral("SEN"), QStringLiteral("SEN")}};
    QHash<QString, PupilEvent> byId;
    for (const PupilEvent &event : before) {
        QVERIFY2(shape.match(event.eventId).hasMatch(), qPrintable(event.eventId));
        QVERIFY2(event.eventId.startsWith(prefixes.value(event.element)),
                 qPrintable(event.eventId + QLatin1Char(' ') + event.element));
        QVERIFY2(!byId.contains(event.eventId), qPrintable(event.eventId));
        byId.insert(event.eventId, event);
    }
    // The same records render the same ids.
    QCOMPARE(educationEvents(*service, &failure).size(), before.size());

    // Days pass: events are added and withdrawn, pupils change; an id that is still there
    // still names the same event, and the new ones are new.
    QVERIFY_RESULT(service->tick(60));
    const std::vector<PupilEvent> after = educationEvents(*service, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QSet<QString> seen;
    qsizetype kept = 0;
    qsizetype added = 0;
    for (const PupilEvent &event : after) {
        QVERIFY2(!seen.contains(event.eventId), qPrintable(event.eventId));
        seen.insert(event.eventId);
        const auto earlier = byId.constFind(event.eventId);
        if (earlier == byId.constEnd()) {
            ++added;
            continue;
        }
        ++kept;
        QCOMPARE(event.upn, earlier->upn);
        QCOMPARE(event.element, earlier->element);
        QCOMPARE(event.date, earlier->date);
    }
    QVERIFY(kept > 0);
    QVERIFY(added > 0);
}

void tst_FeedService::sourceTruthNamesEveryPersonRecord()
{
    const QByteArray truth = sourceTruth(*m_service);
    QVERIFY(truth.startsWith("feed,kind,external_id,person_id\n"));
    QCOMPARE(sourceTruth(*m_service), truth);
    QMap<QString, qint64> perFeed;
    QSet<QString> keys;
    const QList<QByteArray> lines = truth.trimmed().split('\n');
    static const QRegularExpression personId(QStringLiteral("^P\\d{6}$"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split(',');
        QCOMPARE(fields.size(), 4);
        QVERIFY(personId.match(QString::fromLatin1(fields[3])).hasMatch());
        const QString key = QString::fromLatin1(fields[0] + ',' + fields[2]);
        QVERIFY2(!keys.contains(key), qPrintable(key));
        keys.insert(key);
        ++perFeed[QString::fromLatin1(fields[0])];
    }
    const Counts stats = statsCounts(m_service->stats());
    for (const auto &[feed, kinds] : stats) {
        const auto person = kinds.find(QStringLiteral("person"));
        QVERIFY(person != kinds.end());
        QCOMPARE(perFeed.value(feed), person->second.first + person->second.second);
    }
}

void tst_FeedService::caseStudyHasEventsInEveryFeed_data()
{
    QTest::addColumn<quint32>("persons");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("the test county") << kPersons << kSeed;
    QTest::newRow("50 persons, seed 1") << 50u << quint64(1);
    QTest::newRow("50 persons, seed 2") << 50u << quint64(2);
    QTest::newRow("2 persons") << 2u << quint64(3);
}

void tst_FeedService::caseStudyHasEventsInEveryFeed()
{
    QFETCH(quint32, persons);
    QFETCH(quint64, seed);
    auto county = CountyModel::generate(*m_reference, persons, seed);
    QVERIFY_RESULT(county);
    const QByteArray personId = CountyModel::personId(county->caseStudy()).toLatin1();
    auto service = createCountyFeedService(
        std::make_shared<const CountyModel>(std::move(county).value()), m_reference, seed);
    QVERIFY_RESULT(service);
    QString failure;
    const QSet<QString> feeds = feedsWithEventsOf(*service.value(), personId, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QStringList all = service.value()->feedIds();
    QCOMPARE(feeds, QSet<QString>(all.begin(), all.end()));
}

void tst_FeedService::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("feed");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown path") << "health"
                                  << "fhir/Observation"
                                  << "" << QByteArray("GET") << 404;
    QTest::newRow("unknown feed") << "dentist"
                                  << "api"
                                  << "" << QByteArray("GET") << 404;
    QTest::newRow("post") << "police"
                          << "api/v1/changes"
                          << "" << QByteArray("POST") << 405;
    QTest::newRow("unknown parameter") << "fire"
                                       << "api/incidents"
                                       << "colour=red" << QByteArray("GET") << 400;
    QTest::newRow("garbled token") << "education"
                                   << "ctf"
                                   << "page_token=abc" << QByteArray("GET") << 400;
    QTest::newRow("bad count") << "health"
                               << "fhir/Patient"
                               << "_count=-1" << QByteArray("GET") << 400;
    QTest::newRow("bad instant") << "asc"
                                 << "extract/clients.csv"
                                 << "modified_since=yesterday" << QByteArray("GET") << 400;
    QTest::newRow("lastUpdated without prefix")
        << "health"
        << "fhir/Flag"
        << "_lastUpdated=2025-01-01" << QByteArray("GET") << 400;
    QTest::newRow("bad sort") << "health"
                              << "fhir/Flag"
                              << "_sort=name" << QByteArray("GET") << 400;
    QTest::newRow("date only") << "health"
                               << "fhir/Flag"
                               << "_lastUpdated=ge2025-01-01" << QByteArray("GET") << 200;
    QTest::newRow("offset sent unencoded")
        << "fire"
        << "api/visits"
        << "since=2025-01-01T00:00:00 00:00" << QByteArray("GET") << 200;
}

void tst_FeedService::badRequestsAreRefused()
{
    QFETCH(QString, feed);
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    SimRequest request;
    request.method = method;
    request.path = path;
    request.query = QUrlQuery(query);
    request.origin = kOrigin;
    QCOMPARE(m_service->handle(feed, request).status, status);
    // A token of one stream is refused by another.
    const StreamInfo &visits = allStreams()[15];
    const PageResult page
        = fetch(*m_service, visits,
                firstRequest(visits, {{QStringLiteral("page_size"), QStringLiteral("10")}}));
    QVERIFY(page.next);
    SimRequest other = *page.next;
    other.path = QStringLiteral("api/incidents");
    QCOMPARE(m_service->handle(QStringLiteral("fire"), other).status, 400);
}

void tst_FeedService::tickRefusesZeroDays()
{
    auto service = makeService();
    QVERIFY(service);
    const auto ticked = service->tick(0);
    QVERIFY(!ticked.ok());
    QCOMPARE(ticked.error().code, ErrorCode::Usage);
}

void tst_FeedService::largeCountyTimings()
{
    // A measurement, not a check: BROADVIEW_FEEDSIM_SERVICE_PERSONS=N builds a county of N
    // persons, the service, and pages through every stream at 5000 a page.
    const quint32 persons = qEnvironmentVariableIntValue("BROADVIEW_FEEDSIM_SERVICE_PERSONS");
    if (persons == 0)
        QSKIP("set BROADVIEW_FEEDSIM_SERVICE_PERSONS=N to time the feeds of N persons");
    m_service.reset();
    const long before = peakRssKb();
    QElapsedTimer timer;
    timer.start();
    auto generated = CountyModel::generate(*m_reference, persons, kSeed);
    QVERIFY_RESULT(generated);
    auto county = std::make_shared<const CountyModel>(std::move(generated).value());
    const qint64 countyMs = timer.restart();
    const long countyRss = peakRssKb();
    auto service = createCountyFeedService(county, m_reference, kSeed);
    QVERIFY_RESULT(service);
    const qint64 buildMs = timer.restart();
    const long serviceRss = peakRssKb();
    qInfo("initial load: %s",
          QJsonDocument(service.value()->stats()).toJson(QJsonDocument::Compact).constData());
    qint64 records = 0;
    qint64 renderNs = 0;
    qint64 bytes = 0;
    for (const StreamInfo &stream : allStreams()) {
        const QString limitName = stream.format == Format::Fhir     ? QStringLiteral("_count")
                                  : stream.format == Format::Police ? QStringLiteral("limit")
                                                                    : QStringLiteral("page_size");
        SimRequest request = firstRequest(stream, {{limitName, QStringLiteral("5000")}});
        for (;;) {
            const PageResult page = fetch(*service.value(), stream, request, &renderNs);
            QVERIFY(page.parsed);
            records += qint64(page.items.size());
            bytes += page.body.size();
            if (!page.next)
                break;
            request = *page.next;
        }
    }
    const qint64 pageMs = timer.restart();
    QVERIFY_RESULT(service.value()->tick(1));
    const qint64 tickMs = timer.elapsed();
    qInfo("persons %u: county %lld ms, service %lld ms, %lld records (%lld MB) paged in %lld "
          "ms of which rendering %lld ms, tick(1) %lld ms; peak RSS %ld MB before, %ld MB with "
          "county, %ld MB with service, %ld MB at end",
          persons, countyMs, buildMs, records, bytes >> 20, pageMs, renderNs / 1000000, tickMs,
          before / 1024, countyRss / 1024, serviceRss / 1024, peakRssKb() / 1024);
    qInfo("after tick(1): %s",
          QJsonDocument(service.value()->stats()).toJson(QJsonDocument::Compact).constData());
}

BV_TEST_MAIN(tst_FeedService)
#include "tst_feedservice.moc"
