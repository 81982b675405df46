// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/fhiradapter.h"

#include "feeds/personname.h"
#include "feeds/xmltree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace bv::feeds {

namespace {

#define BV_ASSIGN(var, expr)                                                                       \
    auto var##Result_ = (expr);                                                                    \
    if (!var##Result_.ok())                                                                        \
        return var##Result_.error();                                                               \
    auto var = std::move(var##Result_).value()

// FHIR JSON repeats elements in arrays; the XML form (and careless servers) may give one
// element alone. Readers take either.
QJsonArray listOf(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray{value};
}

QJsonObject objectOf(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray().first().toObject();
    return value.toObject();
}

QString textOf(const QJsonValue &value)
{
    if (value.isArray())
        return textOf(value.toArray().first());
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

bool isFalse(const QJsonValue &value)
{
    return (value.isBool() && !value.toBool()) || value.toString() == QLatin1String("false");
}

Error recordError(const QString &what)
{
    return makeError(ErrorCode::Failure, what);
}

// fullUrl -> (resource type, id) for the entries of one Bundle.
struct EntryIndex
{
    QHash<QString, std::pair<QString, QString>> byFullUrl;
};

Result<QString> referencedId(const QJsonValue &reference, const QString &type,
                             const EntryIndex &index, const QString &field)
{
    QString ref = textOf(objectOf(reference).value(QLatin1String("reference")));
    if (ref.isEmpty())
        return recordError(QObject::tr("Field %1 has no reference.").arg(field));
    if (const auto it = index.byFullUrl.constFind(ref); it != index.byFullUrl.cend()) {
        if (it->first != type)
            return recordError(
                QObject::tr("Field %1 refers to a %2, not a %3.").arg(field, it->first, type));
        if (it->second.isEmpty())
            return recordError(
                QObject::tr("Field %1 refers to an entry whose resource has no id.").arg(field));
        return it->second;
    }
    if (ref.startsWith(QLatin1String("urn:")) || ref.startsWith(QLatin1Char('#')))
        return recordError(
            QObject::tr("Field %1 refers to an entry that is not in the page.").arg(field));
    if (const qsizetype history = ref.indexOf(QLatin1String("/_history/")); history >= 0)
        ref.truncate(history);
    const QStringList parts = ref.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() < 2 || parts.last().isEmpty())
        return recordError(QObject::tr("Field %1 is not a resource reference.").arg(field));
    if (parts.at(parts.size() - 2) != type)
        return recordError(QObject::tr("Field %1 does not refer to a %2.").arg(field, type));
    return parts.last();
}

NameUse nameUse(const QString &use)
{
    if (use == QLatin1String("official"))
        return NameUse::Official;
    if (use == QLatin1String("usual"))
        return NameUse::Usual;
    if (use == QLatin1String("maiden"))
        return NameUse::Maiden;
    if (use == QLatin1String("old"))
        return NameUse::Old;
    if (use == QLatin1String("nickname"))
        return NameUse::Nickname;
    return NameUse::Alias;
}

NameRecord humanName(const QJsonObject &name)
{
    NameRecord record;
    record.use = nameUse(textOf(name.value(QLatin1String("use"))));
    QStringList given;
    for (const QJsonValue &part : listOf(name.value(QLatin1String("given")))) {
        const QString word = tidyText(textOf(part));
        if (!word.isEmpty())
            given.append(word);
    }
    QStringList family;
    for (const QJsonValue &part : listOf(name.value(QLatin1String("family"))))
        family.append(tidyText(textOf(part)));
    record.family = family.join(QLatin1Char(' ')).trimmed();
    if (given.isEmpty() && record.family.isEmpty()) {
        const PersonName parsed
            = PersonName::fromFullName(textOf(name.value(QLatin1String("text"))));
        given = tidyText(parsed.given()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        record.family = tidyText(parsed.family());
    }
    record.given = given.value(0);
    record.middle = given.mid(1).join(QLatin1Char(' '));
    return record;
}

bool hasEnded(const QJsonObject &element)
{
    return !textOf(objectOf(element.value(QLatin1String("period"))).value(QLatin1String("end")))
                .isEmpty();
}

// One page's resources becoming records.
class ResourceMapper
{
public:
    ResourceMapper(const FeedMapping &mapping, FieldNormaliser &normaliser, const EntryIndex &index)
        : m_mapping(mapping)
        , m_fhir(mapping.fhir)
        , m_normaliser(normaliser)
        , m_index(index)
    {}

    // False when the resource is of a type the feed does not map (ignored).
    Result<bool> map(const QJsonObject &resource, const QString &id, FeedPage &out)
    {
        const QString type = textOf(resource.value(QLatin1String("resourceType")));
        if (type == QLatin1String("Patient")) {
            BV_TRY(patient(resource, id, out));
            return true;
        }
        if (type == QLatin1String("Encounter")) {
            BV_TRY(encounter(resource, id, out));
            return true;
        }
        if (type == QLatin1String("Flag")) {
            BV_TRY(flag(resource, id, out));
            return true;
        }
        return false;
    }

    static bool isMapped(const QString &type)
    {
        return type == QLatin1String("Patient") || type == QLatin1String("Encounter")
               || type == QLatin1String("Flag");
    }

private:
    Result<Provenance> provenance(const QJsonObject &resource, const QString &id,
                                  bool withdrawn) const
    {
        Provenance provenance;
        provenance.externalId = id;
        provenance.withdrawn = withdrawn;
        const QJsonObject meta = resource.value(QLatin1String("meta")).toObject();
        const QString updated = textOf(meta.value(QLatin1String("lastUpdated")));
        if (!updated.isEmpty()) {
            BV_ASSIGN(instant, m_normaliser.instant(updated, QStringLiteral("iso"),
                                                    QStringLiteral("meta.lastUpdated")));
            provenance.updatedAt = instant;
        }
        for (const QJsonValue &label : listOf(meta.value(QLatin1String("security")))) {
            // Confidentiality codes R (restricted) and V (very restricted) raise the label.
            const QString code = textOf(label.toObject().value(QLatin1String("code")));
            if (code == QLatin1String("R") || code == QLatin1String("V"))
                provenance.sensitivity = QStringLiteral("official-sensitive");
        }
        return provenance;
    }

    bool hasWithdrawnTag(const QJsonObject &resource) const
    {
        if (m_fhir.withdrawnTagCode.isEmpty())
            return false;
        const QJsonObject meta = resource.value(QLatin1String("meta")).toObject();
        for (const QJsonValue &tag : listOf(meta.value(QLatin1String("tag")))) {
            const QJsonObject coding = tag.toObject();
            if (textOf(coding.value(QLatin1String("system"))) == m_fhir.withdrawnTagSystem
                && textOf(coding.value(QLatin1String("code"))) == m_fhir.withdrawnTagCode)
                return true;
        }
        return false;
    }

    Result<QDate> date(const QJsonValue &value, const QString &field) const
    {
        const QString text = textOf(value);
        if (text.isEmpty())
            return QDate();
        return parseCalendarDate(text, field);
    }

    // period.start: an instant when it has a time, else a date.
    Result<std::pair<QDateTime, QDate>> start(const QJsonObject &period, const QString &field) const
    {
        const QString text = textOf(period.value(QLatin1String("start")));
        if (text.isEmpty())
            return std::pair<QDateTime, QDate>();
        if (FieldNormaliser::hasTimeOfDay(text)) {
            BV_ASSIGN(instant, m_normaliser.instant(text, QStringLiteral("iso"), field));
            return std::pair<QDateTime, QDate>(instant, QDate());
        }
        BV_ASSIGN(day, parseCalendarDate(text, field));
        return std::pair<QDateTime, QDate>(QDateTime(), day);
    }

    Result<Location> address(const QJsonObject &address)
    {
        LocationParts parts;
        parts.text = textOf(address.value(QLatin1String("text")));
        if (parts.text.isEmpty()) {
            QStringList lines;
            for (const QJsonValue &line : listOf(address.value(QLatin1String("line"))))
                lines.append(textOf(line));
            for (const QLatin1StringView key :
                 {QLatin1StringView("city"), QLatin1StringView("district")}) {
                const QString part = textOf(address.value(key));
                if (!part.isEmpty())
                    lines.append(part);
            }
            lines.removeAll(QString());
            parts.text = lines.join(QStringLiteral(", "));
        }
        parts.postcode = textOf(address.value(QLatin1String("postalCode")));
        for (const QJsonValue &extension : listOf(address.value(QLatin1String("extension")))) {
            // UK Core's address key extension carries the UPRN.
            const QJsonObject ext = extension.toObject();
            if (textOf(ext.value(QLatin1String("url"))).contains(QLatin1String("AddressKey"))) {
                for (const QJsonValue &inner : listOf(ext.value(QLatin1String("extension")))) {
                    const QJsonObject part = inner.toObject();
                    if (textOf(part.value(QLatin1String("url"))) == QLatin1String("value"))
                        parts.uprn = textOf(part.value(QLatin1String("valueString")));
                }
            }
        }
        return m_normaliser.location(parts);
    }

    Result<void> patient(const QJsonObject &resource, const QString &id, FeedPage &out)
    {
        const bool withdrawn
            = hasWithdrawnTag(resource) || isFalse(resource.value(QLatin1String("active")));
        BV_ASSIGN(prov, provenance(resource, id, withdrawn));
        PersonRecord person;
        person.provenance = prov;

        // The current name: official, else usual, else the first; the rest are other names.
        const QJsonArray names = listOf(resource.value(QLatin1String("name")));
        qsizetype current = -1;
        for (const NameUse wanted : {NameUse::Official, NameUse::Usual}) {
            for (qsizetype i = 0; i < names.size() && current < 0; ++i) {
                const QJsonObject name = names.at(i).toObject();
                if (nameUse(textOf(name.value(QLatin1String("use")))) == wanted && !hasEnded(name))
                    current = i;
            }
        }
        for (qsizetype i = 0; i < names.size() && current < 0; ++i) {
            const QJsonObject name = names.at(i).toObject();
            const QString use = textOf(name.value(QLatin1String("use")));
            if ((use.isEmpty() || nameUse(use) == NameUse::Alias) && !hasEnded(name))
                current = i;
        }
        if (current < 0 && !names.isEmpty())
            current = 0;
        for (qsizetype i = 0; i < names.size(); ++i) {
            NameRecord name = humanName(names.at(i).toObject());
            if (i == current) {
                person.givenName = name.given;
                person.middleNames = name.middle;
                person.familyName = name.family;
            } else if (!name.given.isEmpty() || !name.family.isEmpty()) {
                person.otherNames.push_back(std::move(name));
            }
        }

        static const QRegularExpression partialDate(QStringLiteral("^\\d{4}(-\\d{2})?$"));
        const QString birthDate = textOf(resource.value(QLatin1String("birthDate")));
        if (!birthDate.isEmpty() && !partialDate.match(birthDate).hasMatch()) {
            Result<QDate> parsed = parseCalendarDate(birthDate, QStringLiteral("birthDate"));
            if (!parsed && !withdrawn)
                return parsed.error();
            person.birthDate = parsed ? parsed.value() : QDate();
        }

        const QString gender = textOf(resource.value(QLatin1String("gender")));
        person.sex = sexFromName(gender).value_or(RecordSex::Unknown);

        for (const QJsonValue &identifier : listOf(resource.value(QLatin1String("identifier")))) {
            const QJsonObject object = identifier.toObject();
            if (textOf(object.value(QLatin1String("system"))) != m_fhir.nhsNumberSystem)
                continue;
            const QString value = textOf(object.value(QLatin1String("value")));
            if (value.isEmpty())
                continue;
            const NhsNumber number = NhsNumber::parse(value);
            person.nhsNumberAsGiven = value;
            person.nhsStatus = number.status();
            person.nhsDigits = number.digits();
            break;
        }

        for (const QJsonValue &telecom : listOf(resource.value(QLatin1String("telecom")))) {
            const QJsonObject object = telecom.toObject();
            if (textOf(object.value(QLatin1String("system"))) == QLatin1String("phone")
                && !hasEnded(object)) {
                person.phone = tidyText(textOf(object.value(QLatin1String("value"))));
                break;
            }
        }

        // Every address becomes an address period nested in the person; the current one
        // (home, or with no use, not ended) is also the person's address.
        const QJsonArray addresses = listOf(resource.value(QLatin1String("address")));
        qsizetype currentAddress = -1;
        for (qsizetype i = 0; i < addresses.size(); ++i) {
            const QJsonObject object = addresses.at(i).toObject();
            const QString use = textOf(object.value(QLatin1String("use")));
            if (hasEnded(object) || use == QLatin1String("old") || use == QLatin1String("temp")
                || use == QLatin1String("billing"))
                continue;
            if (currentAddress < 0 || use == QLatin1String("home"))
                currentAddress = i;
            if (use == QLatin1String("home"))
                break;
        }
        for (qsizetype i = 0; i < addresses.size(); ++i) {
            const QJsonObject object = addresses.at(i).toObject();
            Result<Location> location = address(object);
            if (!location) {
                if (withdrawn)
                    continue;
                return location.error();
            }
            if (i == currentAddress)
                person.address = location.value();
            AddressRecord record;
            record.provenance = prov;
            record.provenance.externalId
                = id + kNestedIdSeparator + QStringLiteral("address/") + QString::number(i + 1);
            record.personExternalId = id;
            record.location = location.value();
            const QJsonObject period = objectOf(object.value(QLatin1String("period")));
            BV_ASSIGN(from, date(period.value(QLatin1String("start")),
                                 QStringLiteral("address.period.start")));
            BV_ASSIGN(
                to, date(period.value(QLatin1String("end")), QStringLiteral("address.period.end")));
            record.from = from;
            record.to = to;
            out.addresses.push_back(std::move(record));
        }
        out.persons.push_back(std::move(person));
        return {};
    }

    Result<void> encounter(const QJsonObject &resource, const QString &id, FeedPage &out)
    {
        const bool withdrawn
            = textOf(resource.value(QLatin1String("status"))) == QLatin1String("entered-in-error");
        BV_ASSIGN(prov, provenance(resource, id, withdrawn));
        EventRecord event;
        event.provenance = prov;
        BV_ASSIGN(subject,
                  referencedId(resource.value(QLatin1String("subject")), QStringLiteral("Patient"),
                               m_index, QStringLiteral("subject")));
        event.personExternalId = subject;

        const QJsonObject period = objectOf(resource.value(QLatin1String("period")));
        BV_ASSIGN(when, start(period, QStringLiteral("period.start")));
        event.occurredAt = when.first;
        event.occurredDate = when.second;
        BV_ASSIGN(end, date(period.value(QLatin1String("end")), QStringLiteral("period.end")));
        event.periodEnd = end;
        if (!withdrawn && !event.occurredAt.isValid() && !event.occurredDate.isValid())
            return recordError(QObject::tr("The encounter has no period.start."));

        const QJsonObject encounterClass = objectOf(resource.value(QLatin1String("class")));
        const QString classCode = textOf(encounterClass.value(QLatin1String("code")));
        event.category = m_fhir.eventCategory;
        event.title = conceptText(resource.value(QLatin1String("type")));
        if (event.title.isEmpty())
            event.title = textOf(encounterClass.value(QLatin1String("display")));
        if (event.title.isEmpty())
            event.title = QObject::tr("Encounter");
        QStringList reasons;
        for (const QJsonValue &reason : listOf(resource.value(QLatin1String("reasonCode")))) {
            const QString text = conceptText(reason);
            if (!text.isEmpty())
                reasons.append(text);
        }
        event.summary = reasons.join(QStringLiteral("; "));
        const QJsonObject hospitalization
            = resource.value(QLatin1String("hospitalization")).toObject();
        event.outcome = conceptText(hospitalization.value(QLatin1String("dischargeDisposition")));
        event.agencyContact
            = tidyText(textOf(objectOf(resource.value(QLatin1String("serviceProvider")))
                                  .value(QLatin1String("display"))));
        if (!m_fhir.significanceTable.isEmpty() && !classCode.isEmpty()) {
            const std::optional<QString> significance
                = lookUpCode(m_mapping.codeTables.value(m_fhir.significanceTable), classCode);
            if (significance)
                event.significance = significance->toInt();
        }
        out.events.push_back(std::move(event));
        return {};
    }

    Result<void> flag(const QJsonObject &resource, const QString &id, FeedPage &out)
    {
        const QString status = textOf(resource.value(QLatin1String("status")));
        const bool withdrawn = status == QLatin1String("entered-in-error");
        BV_ASSIGN(prov, provenance(resource, id, withdrawn));
        FlagRecord flag;
        flag.provenance = prov;
        BV_ASSIGN(subject,
                  referencedId(resource.value(QLatin1String("subject")), QStringLiteral("Patient"),
                               m_index, QStringLiteral("subject")));
        flag.personExternalId = subject;
        flag.active = status != QLatin1String("inactive");
        const QJsonObject code = objectOf(resource.value(QLatin1String("code")));
        flag.kind = flagKind(code);
        flag.detail = conceptText(code);
        const QJsonObject period = objectOf(resource.value(QLatin1String("period")));
        BV_ASSIGN(from, date(period.value(QLatin1String("start")), QStringLiteral("period.start")));
        BV_ASSIGN(to, date(period.value(QLatin1String("end")), QStringLiteral("period.end")));
        flag.from = from;
        flag.to = to;
        out.flags.push_back(std::move(flag));
        return {};
    }

    FlagKind flagKind(const QJsonObject &code) const
    {
        const QHash<QString, QString> table = m_mapping.codeTables.value(m_fhir.flagKindTable);
        const QJsonArray codings = listOf(code.value(QLatin1String("coding")));
        for (const QJsonValue &value : codings) {
            const QJsonObject coding = value.toObject();
            const QString system = textOf(coding.value(QLatin1String("system")));
            const QString codeText = textOf(coding.value(QLatin1String("code")));
            for (const QString &key : {QString(system + QLatin1Char('|') + codeText), codeText}) {
                if (const std::optional<QString> kind = lookUpCode(table, key, false))
                    return flagKindFromName(*kind).value_or(FlagKind::Other);
            }
        }
        if (const std::optional<QString> kind = lookUpCode(table, QStringLiteral("*")))
            return flagKindFromName(*kind).value_or(FlagKind::Other);
        return FlagKind::Other;
    }

    // A CodeableConcept as text: its text, else its first coding's display, else its code.
    static QString conceptText(const QJsonValue &value)
    {
        const QJsonObject concept_ = objectOf(value);
        const QString text = textOf(concept_.value(QLatin1String("text")));
        if (!text.isEmpty())
            return text;
        for (const QJsonValue &coding : listOf(concept_.value(QLatin1String("coding")))) {
            const QString display = textOf(coding.toObject().value(QLatin1String("display")));
            if (!display.isEmpty())
                return display;
        }
        for (const QJsonValue &coding : listOf(concept_.value(QLatin1String("coding")))) {
            const QString code = textOf(coding.toObject().value(QLatin1String("code")));
            if (!code.isEmpty())
                return code;
        }
        return QString();
    }

    const FeedMapping &m_mapping;
    const FhirSpec &m_fhir;
    FieldNormaliser &m_normaliser;
    const EntryIndex &m_index;
};

// The id of an entry's resource: its id, else the id a PUT names ("Patient/123").
QString entryResourceId(const QJsonObject &entry, const QJsonObject &resource)
{
    const QString id = textOf(resource.value(QLatin1String("id")));
    if (!id.isEmpty())
        return id;
    const QJsonObject request = entry.value(QLatin1String("request")).toObject();
    if (textOf(request.value(QLatin1String("method"))) == QLatin1String("PUT")) {
        const QString url
            = textOf(request.value(QLatin1String("url"))).section(QLatin1Char('?'), 0, 0);
        const QStringList parts = url.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() == 2)
            return parts.last();
    }
    return QString();
}

Result<QJsonObject> readBody(const FeedResponse &response)
{
    const QByteArray trimmed = response.body.trimmed();
    const QByteArrayView body = QByteArrayView(trimmed).startsWith("\xEF\xBB\xBF")
                                    ? QByteArrayView(trimmed).sliced(3)
                                    : QByteArrayView(trimmed);
    if (body.startsWith('<')) {
        QXmlStreamReader reader(body.toByteArray());
        if (!reader.readNextStartElement()
            || reader.namespaceUri() != QLatin1String("http://hl7.org/fhir"))
            return pageError(response.url, QObject::tr("it is neither FHIR JSON nor FHIR XML."));
        QJsonObject resource = readFhirXmlResource(reader);
        if (reader.hasError())
            return pageError(
                response.url,
                QObject::tr("it is not well-formed XML (line %1).").arg(reader.lineNumber()));
        return resource;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return pageError(response.url, QObject::tr("it is not JSON (%1 at offset %2).")
                                           .arg(parseError.errorString())
                                           .arg(parseError.offset));
    if (!document.isObject())
        return pageError(response.url, QObject::tr("its root is not a JSON object."));
    return document.object();
}

} // namespace

Result<FeedPage> FhirAdapter::parsePage(const QString &stream, const FeedResponse &response) const
{
    BV_TRY(checkResponse(response));
    BV_TRY(streamSpec(stream));
    BV_ASSIGN(root, readBody(response));
    const QString rootType = textOf(root.value(QLatin1String("resourceType")));
    if (rootType.isEmpty())
        return pageError(response.url, QObject::tr("it is not a FHIR resource (no resourceType)."));
    if (rootType == QLatin1String("OperationOutcome"))
        return pageError(response.url,
                         QObject::tr("the server answered with an OperationOutcome."));

    FeedPage page;
    EntryIndex index;
    if (rootType != QLatin1String("Bundle")) {
        // A single resource (a read, or a file): one record, kept or refused whole.
        ResourceMapper mapper(mapping(), normaliser(), index);
        const QString id = textOf(root.value(QLatin1String("id")));
        Result<bool> mapped
            = id.isEmpty() ? Result<bool>(recordError(QObject::tr("The resource has no id.")))
                           : mapper.map(root, id, page);
        if (!mapped) {
            page = FeedPage();
            page.rejected.push_back(
                RejectedInput{id, QObject::tr("resource"), mapped.error().message,
                              QJsonDocument(root).toJson(QJsonDocument::Compact)});
        }
        page.inputRecords = 1;
        finishPage(page);
        return page;
    }

    const QJsonArray entries = listOf(root.value(QLatin1String("entry")));
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QJsonObject resource = objectOf(entry.value(QLatin1String("resource")));
        const QString fullUrl = textOf(entry.value(QLatin1String("fullUrl")));
        if (!fullUrl.isEmpty() && !resource.isEmpty())
            index.byFullUrl.insert(fullUrl, {textOf(resource.value(QLatin1String("resourceType"))),
                                             entryResourceId(entry, resource)});
    }

    ResourceMapper mapper(mapping(), normaliser(), index);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const QString location = QObject::tr("entry %1").arg(i + 1);
        ++page.inputRecords;
        const auto reject = [&](const QString &id, const QString &reason) {
            page.rejected.push_back(RejectedInput{
                id, location, reason, QJsonDocument(entry).toJson(QJsonDocument::Compact)});
        };
        const QString mode
            = textOf(objectOf(entry.value(QLatin1String("search"))).value(QLatin1String("mode")));
        if (mode == QLatin1String("outcome"))
            continue;
        const QJsonObject resource = objectOf(entry.value(QLatin1String("resource")));
        if (resource.isEmpty()) {
            // A history Bundle's deletion: only the reference is left.
            const QJsonObject request = entry.value(QLatin1String("request")).toObject();
            if (textOf(request.value(QLatin1String("method"))) != QLatin1String("DELETE"))
                continue; // a transaction-response entry: nothing to read
            const QStringList parts = textOf(request.value(QLatin1String("url")))
                                          .section(QLatin1Char('?'), 0, 0)
                                          .split(QLatin1Char('/'), Qt::SkipEmptyParts);
            if (parts.size() != 2)
                continue;
            Provenance withdrawn;
            withdrawn.externalId = parts.last();
            withdrawn.withdrawn = true;
            if (parts.first() == QLatin1String("Patient")) {
                page.persons.emplace_back().provenance = withdrawn;
            } else if (parts.first() == QLatin1String("Encounter")) {
                page.events.emplace_back().provenance = withdrawn; // the patient is not needed
            } else if (parts.first() == QLatin1String("Flag")) {
                page.flags.emplace_back().provenance = withdrawn;
            }
            continue;
        }
        const QString type = textOf(resource.value(QLatin1String("resourceType")));
        if (!ResourceMapper::isMapped(type))
            continue;
        const QString id = entryResourceId(entry, resource);
        if (id.isEmpty()) {
            reject(QString(), QObject::tr("The %1 has no id.").arg(type));
            continue;
        }
        FeedPage made;
        if (Result<bool> mapped = mapper.map(resource, id, made); !mapped) {
            reject(id, mapped.error().message);
            continue;
        }
        page.persons.insert(page.persons.end(), std::make_move_iterator(made.persons.begin()),
                            std::make_move_iterator(made.persons.end()));
        page.addresses.insert(page.addresses.end(), std::make_move_iterator(made.addresses.begin()),
                              std::make_move_iterator(made.addresses.end()));
        page.events.insert(page.events.end(), std::make_move_iterator(made.events.begin()),
                           std::make_move_iterator(made.events.end()));
        page.flags.insert(page.flags.end(), std::make_move_iterator(made.flags.begin()),
                          std::make_move_iterator(made.flags.end()));
    }

    for (const QJsonValue &link : listOf(root.value(QLatin1String("link")))) {
        const QJsonObject object = link.toObject();
        if (textOf(object.value(QLatin1String("relation"))) == QLatin1String("next")) {
            const QString url = textOf(object.value(QLatin1String("url")));
            if (!url.isEmpty())
                page.next = response.url.resolved(QUrl(url));
        }
    }
    finishPage(page);
    return page;
}

} // namespace bv::feeds
