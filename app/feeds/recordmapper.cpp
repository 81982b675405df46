// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/recordmapper.h"

#include "feeds/mappingfields.h"
#include "feeds/personname.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <cmath>

namespace bv::feeds {

// Early return of an error, else the value into a new variable.
#define BV_ASSIGN(var, expr)                                                                       \
    auto var##Result_ = (expr);                                                                    \
    if (!var##Result_.ok())                                                                        \
        return var##Result_.error();                                                               \
    auto var = std::move(var##Result_).value()

namespace {

using OptionalText = std::optional<QString>;

Error fieldError(const QString &field, const QString &what)
{
    return makeError(ErrorCode::Failure, QObject::tr("Field %1: %2").arg(field, what));
}

QString numberText(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 15);
}

// The text of one value: strings, numbers and booleans are values; an XML element with
// attributes gives its text; anything else in a place that wants one value is an error.
Result<OptionalText> scalarText(const QJsonValue &value, const QString &field)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return OptionalText();
    case QJsonValue::String: {
        const QString text = value.toString().trimmed();
        return text.isEmpty() ? OptionalText() : OptionalText(text);
    }
    case QJsonValue::Double:
        return OptionalText(numberText(value.toDouble()));
    case QJsonValue::Bool:
        return OptionalText(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.contains(QLatin1String("#text")))
            return scalarText(object.value(QLatin1String("#text")), field);
        if (object.isEmpty())
            return OptionalText();
        return fieldError(field, QObject::tr("is a structure, not a value"));
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return OptionalText();
        if (array.size() == 1)
            return scalarText(array.first(), field);
        return fieldError(field, QObject::tr("is a list, not one value"));
    }
    }
    return OptionalText();
}

std::vector<QJsonValue> elementsOf(const QJsonValue &value, const QString &split)
{
    std::vector<QJsonValue> elements;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            if (!element.isNull() && !element.isUndefined())
                elements.push_back(element);
        }
    } else if (value.isString()) {
        const QString text = value.toString();
        const QStringList parts = split.isEmpty() ? QStringList{text} : text.split(split);
        for (const QString &part : parts) {
            if (!part.trimmed().isEmpty())
                elements.push_back(QJsonValue(part.trimmed()));
        }
    } else if (value.isObject() || value.isDouble() || value.isBool()) {
        elements.push_back(value);
    }
    if (!split.isEmpty() && value.isArray()) {
        // An array of texts that are themselves lists: split each.
        std::vector<QJsonValue> splitElements;
        for (const QJsonValue &element : elements) {
            for (const QJsonValue &part : elementsOf(element, split))
                splitElements.push_back(part);
        }
        return splitElements;
    }
    return elements;
}

// One item of a page being mapped.
class ItemMapper
{
public:
    ItemMapper(const FeedMapping &mapping, FieldNormaliser &normaliser,
               const QHash<QString, QHash<QString, QJsonValue>> &indexes)
        : m_mapping(mapping)
        , m_normaliser(normaliser)
        , m_indexes(indexes)
    {}

    bool matches(const ConditionSpec &condition, const ValueScope &scope) const
    {
        for (const auto &[path, values] : condition.equals) {
            const Result<OptionalText> text = scalarText(resolvePath(path, scope), path.text);
            if (!text || !text.value())
                return false;
            bool any = false;
            for (const QString &value : values)
                any = any || value == QLatin1String("*") // any value that is not empty
                      || text.value()->compare(value, Qt::CaseInsensitive) == 0;
            if (!any)
                return false;
        }
        return true;
    }

    Result<OptionalText> text(const ValueSpec &spec, const ValueScope &scope,
                              const QString &field) const
    {
        OptionalText value;
        switch (spec.kind) {
        case ValueSpec::Kind::Unset:
            return OptionalText();
        case ValueSpec::Kind::Path: {
            BV_ASSIGN(read, scalarText(resolvePath(spec.paths.front(), scope), field));
            value = read;
            break;
        }
        case ValueSpec::Kind::Const:
            value = spec.constant;
            break;
        case ValueSpec::Kind::Template: {
            QString out;
            bool any = false;
            for (const TemplatePart &part : spec.parts) {
                if (!part.path) {
                    out += part.literal;
                    continue;
                }
                BV_ASSIGN(read, scalarText(resolvePath(*part.path, scope), field));
                if (read) {
                    out += *read;
                    any = true;
                }
            }
            if (any)
                value = out.trimmed();
            break;
        }
        case ValueSpec::Kind::Join: {
            QStringList parts;
            for (const FieldPath &path : spec.paths) {
                for (const QJsonValue &element : elementsOf(resolvePath(path, scope), QString())) {
                    BV_ASSIGN(read, scalarText(element, field));
                    if (read)
                        parts.append(*read);
                }
            }
            if (!parts.isEmpty())
                value = parts.join(spec.separator);
            break;
        }
        }
        if (value && value->isEmpty())
            value.reset();
        if (value && !spec.table.isEmpty()) {
            const std::optional<QString> coded
                = lookUpCode(m_mapping.codeTables.value(spec.table), *value);
            if (!coded)
                return fieldError(field,
                                  QObject::tr("the code is not in the table %1").arg(spec.table));
            value = coded;
        }
        return value;
    }

    Result<QString> id(const std::vector<TemplatePart> &parts, const ValueScope &scope,
                       const QString &what) const
    {
        QString out;
        for (const TemplatePart &part : parts) {
            if (!part.path) {
                out += part.literal;
                continue;
            }
            BV_ASSIGN(read, scalarText(resolvePath(*part.path, scope), what));
            if (!read && part.optional)
                continue;
            if (!read)
                return makeError(ErrorCode::Failure,
                                 QObject::tr("The record has no %1 (%2 is missing or empty).")
                                     .arg(what, part.path->text));
            out += tidyText(*read);
        }
        return out;
    }

    Result<std::optional<double>> number(const ValueSpec &spec, const ValueScope &scope,
                                         const QString &field) const
    {
        BV_ASSIGN(value, text(spec, scope, field));
        if (!value)
            return std::optional<double>();
        bool ok = false;
        const double number = value->toDouble(&ok);
        if (!ok || !std::isfinite(number))
            return fieldError(field, QObject::tr("is not a number"));
        return std::optional<double>(number);
    }

    // A place; nullopt when it is looked up in the page and not found there, or referred to
    // by a reference that is absent.
    Result<std::optional<Location>> location(const LocationSpec &spec, const ValueScope &scope,
                                             const QString &field)
    {
        if (spec.ref.isSet()) {
            BV_ASSIGN(ref, text(spec.ref, scope, field + QStringLiteral(".ref")));
            if (!ref || tidyText(*ref).isEmpty())
                return std::optional<Location>();
            Location referred;
            referred.ref = tidyText(*ref);
            return std::optional<Location>(std::move(referred));
        }
        ValueScope placeScope = scope;
        if (!spec.lookupIndex.isEmpty()) {
            BV_ASSIGN(key, text(spec.lookupKey, scope, field));
            if (!key)
                return std::optional<Location>();
            const QHash<QString, QJsonValue> index = m_indexes.value(spec.lookupIndex);
            const auto found = index.constFind(*key);
            if (found == index.cend())
                return std::optional<Location>();
            placeScope = ValueScope{found.value(), found.value(), {}};
        }
        LocationParts parts;
        const auto part = [&field](const char *name) -> QString {
            return field + QLatin1Char('.') + QLatin1String(name);
        };
        BV_ASSIGN(text_, text(spec.text, placeScope, part("text")));
        BV_ASSIGN(postcode, text(spec.postcode, placeScope, part("postcode")));
        BV_ASSIGN(uprn, text(spec.uprn, placeScope, part("uprn")));
        BV_ASSIGN(lat, number(spec.lat, placeScope, part("lat")));
        BV_ASSIGN(lon, number(spec.lon, placeScope, part("lon")));
        BV_ASSIGN(easting, number(spec.easting, placeScope, part("easting")));
        BV_ASSIGN(northing, number(spec.northing, placeScope, part("northing")));
        parts.text = text_.value_or(QString());
        parts.postcode = postcode.value_or(QString());
        parts.uprn = uprn.value_or(QString());
        if (lat && lon) {
            parts.lat = lat;
            parts.lon = lon;
        }
        if (easting && northing) {
            parts.easting = easting;
            parts.northing = northing;
        }
        parts.precision = spec.precision;
        Result<Location> result = m_normaliser.location(parts);
        if (!result)
            return fieldError(field, result.error().message);
        return std::optional<Location>(std::move(result).value());
    }

    FieldNormaliser &normaliser() const { return m_normaliser; }

private:
    const FeedMapping &m_mapping;
    FieldNormaliser &m_normaliser;
    const QHash<QString, QHash<QString, QJsonValue>> &m_indexes;
};

// The fields of one record being built. A withdrawn record needs only its ids: its fields are
// read where they can be, and a bad one is left out rather than keeping the record alive.
class FieldReader
{
public:
    FieldReader(ItemMapper &item, const RecordSpec &spec, const ValueScope &scope, bool lenient)
        : m_item(item)
        , m_spec(spec)
        , m_scope(scope)
        , m_lenient(lenient)
    {}

    const ValueScope &scope() const { return m_scope; }

    Result<OptionalText> text(const QString &field) const
    {
        const auto it = m_spec.fields.find(field);
        if (it == m_spec.fields.end())
            return OptionalText();
        return lenient(m_item.text(it->second, m_scope, field));
    }

    Result<QDate> date(const QString &field) const
    {
        const auto it = m_spec.fields.find(field);
        if (it == m_spec.fields.end())
            return QDate();
        BV_ASSIGN(value, lenient(m_item.text(it->second, m_scope, field)));
        if (!value)
            return QDate();
        return lenient(m_item.normaliser().date(*value, it->second.format, field), QDate());
    }

    Result<QDateTime> instant(const QString &field) const
    {
        const auto it = m_spec.fields.find(field);
        if (it == m_spec.fields.end())
            return QDateTime();
        return instantOf(it->second, field);
    }

    Result<QDateTime> instantOf(const ValueSpec &spec, const QString &field) const
    {
        BV_ASSIGN(value, lenient(m_item.text(spec, m_scope, field)));
        if (!value)
            return QDateTime();
        return lenient(m_item.normaliser().instant(*value, spec.format, field), QDateTime());
    }

    // "when": an instant if the text has a time of day, else a date.
    Result<std::pair<QDateTime, QDate>> when(const QString &field) const
    {
        const auto it = m_spec.fields.find(field);
        if (it == m_spec.fields.end())
            return std::pair<QDateTime, QDate>();
        BV_ASSIGN(value, lenient(m_item.text(it->second, m_scope, field)));
        if (!value)
            return std::pair<QDateTime, QDate>();
        if (FieldNormaliser::hasTimeOfDay(*value)) {
            const QString format = it->second.format.isEmpty()
                                       ? m_item.normaliser().defaultInstantFormat()
                                       : it->second.format;
            BV_ASSIGN(instant,
                      lenient(m_item.normaliser().instant(*value, format, field), QDateTime()));
            return std::pair<QDateTime, QDate>(instant, QDate());
        }
        // The field's format, if any, is for instants; a date alone is read as the file says.
        BV_ASSIGN(date, lenient(m_item.normaliser().date(*value, QString(), field), QDate()));
        return std::pair<QDateTime, QDate>(QDateTime(), date);
    }

    Result<std::optional<bool>> boolean(const QString &field) const
    {
        BV_ASSIGN(value, text(field));
        if (!value)
            return std::optional<bool>();
        const QString lower = value->toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("1")
            || lower == QLatin1String("yes") || lower == QLatin1String("y"))
            return std::optional<bool>(true);
        if (lower == QLatin1String("false") || lower == QLatin1String("0")
            || lower == QLatin1String("no") || lower == QLatin1String("n"))
            return std::optional<bool>(false);
        return lenient(
            Result<std::optional<bool>>(fieldError(field, QObject::tr("is not true or false"))),
            std::optional<bool>());
    }

    Result<std::optional<Location>> location(const QString &field) const
    {
        const auto it = m_spec.locations.find(field);
        if (it == m_spec.locations.end())
            return std::optional<Location>();
        return lenient(m_item.location(it->second, m_scope, field), std::optional<Location>());
    }

private:
    template<typename T>
    Result<T> lenient(Result<T> result, T fallback = T()) const
    {
        if (!result && m_lenient)
            return fallback;
        return result;
    }

    ItemMapper &m_item;
    const RecordSpec &m_spec;
    ValueScope m_scope;
    bool m_lenient;
};

Result<void> buildPerson(const FieldReader &fields, ItemMapper &item, const RecordSpec &spec,
                         Provenance provenance, FeedPage &out)
{
    PersonRecord person;
    person.provenance = std::move(provenance);
    BV_ASSIGN(given, fields.text(QStringLiteral("givenName")));
    BV_ASSIGN(middle, fields.text(QStringLiteral("middleNames")));
    BV_ASSIGN(family, fields.text(QStringLiteral("familyName")));
    BV_ASSIGN(full, fields.text(QStringLiteral("fullName")));
    if (full && !given && !family) {
        const PersonName name = PersonName::fromFullName(*full);
        const QStringList givenWords
            = tidyText(name.given()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (!givenWords.isEmpty())
            given = givenWords.first();
        if (givenWords.size() > 1 && !middle)
            middle = givenWords.mid(1).join(QLatin1Char(' '));
        family = name.family();
    }
    person.givenName = tidyText(given.value_or(QString()));
    person.middleNames = tidyText(middle.value_or(QString()));
    person.familyName = tidyText(family.value_or(QString()));

    BV_ASSIGN(birthDate, fields.date(QStringLiteral("birthDate")));
    person.birthDate = birthDate;

    BV_ASSIGN(sex, fields.text(QStringLiteral("sex")));
    if (sex) {
        const QString lower = sex->toLower();
        if (const std::optional<RecordSex> named = sexFromName(lower))
            person.sex = *named;
        else if (lower == QLatin1String("f"))
            person.sex = RecordSex::Female;
        else if (lower == QLatin1String("m"))
            person.sex = RecordSex::Male;
    }

    BV_ASSIGN(nhs, fields.text(QStringLiteral("nhsNumber")));
    if (nhs) {
        const NhsNumber number = NhsNumber::parse(*nhs);
        person.nhsNumberAsGiven = *nhs;
        person.nhsStatus = number.status();
        person.nhsDigits = number.digits();
    }
    BV_ASSIGN(phone, fields.text(QStringLiteral("phone")));
    person.phone = tidyText(phone.value_or(QString()));
    BV_ASSIGN(address, fields.location(QStringLiteral("address")));
    if (address)
        person.address = *address;

    for (const NameSpec &nameSpec : spec.otherNames) {
        std::vector<QJsonValue> elements;
        if (nameSpec.each.isSet)
            elements
                = elementsOf(resolvePath(nameSpec.each.path, fields.scope()), nameSpec.each.split);
        else
            elements.push_back(fields.scope().element);
        for (const QJsonValue &element : elements) {
            const ValueScope scope{element, fields.scope().item, fields.scope().outer};
            NameRecord name;
            name.use = nameSpec.use;
            BV_ASSIGN(nameFull, item.text(nameSpec.fullName, scope, QStringLiteral("otherNames")));
            BV_ASSIGN(nameGiven, item.text(nameSpec.given, scope, QStringLiteral("otherNames")));
            BV_ASSIGN(nameMiddle, item.text(nameSpec.middle, scope, QStringLiteral("otherNames")));
            BV_ASSIGN(nameFamily, item.text(nameSpec.family, scope, QStringLiteral("otherNames")));
            if (nameFull && !nameGiven && !nameFamily) {
                const PersonName parsed = PersonName::fromFullName(*nameFull);
                const QStringList words
                    = tidyText(parsed.given()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                name.given = words.value(0);
                name.middle = words.mid(1).join(QLatin1Char(' '));
                name.family = tidyText(parsed.family());
            } else {
                name.given = tidyText(nameGiven.value_or(QString()));
                name.middle = tidyText(nameMiddle.value_or(QString()));
                name.family = tidyText(nameFamily.value_or(QString()));
            }
            // A name is there when the part that makes it another name is: its full name, else
            // its family name (a former surname beside the current forename), else its given.
            const bool present = nameSpec.fullName.isSet() ? nameFull.has_value()
                                 : nameSpec.family.isSet() ? !name.family.isEmpty()
                                                           : !name.given.isEmpty();
            if (present)
                person.otherNames.push_back(std::move(name));
        }
    }
    out.persons.push_back(std::move(person));
    return {};
}

Result<void> buildEvent(const FieldReader &fields, const QString &personId, Provenance provenance,
                        FeedPage &out)
{
    EventRecord event;
    event.provenance = std::move(provenance);
    event.personExternalId = personId;
    BV_ASSIGN(occurredAt, fields.instant(QStringLiteral("occurredAt")));
    BV_ASSIGN(occurredDate, fields.date(QStringLiteral("occurredDate")));
    BV_ASSIGN(when, fields.when(QStringLiteral("when")));
    event.occurredAt = occurredAt.isValid() ? occurredAt : when.first;
    if (!event.occurredAt.isValid())
        event.occurredDate = occurredDate.isValid() ? occurredDate : when.second;
    BV_ASSIGN(periodEnd, fields.date(QStringLiteral("periodEnd")));
    event.periodEnd = periodEnd;
    BV_ASSIGN(category, fields.text(QStringLiteral("category")));
    BV_ASSIGN(title, fields.text(QStringLiteral("title")));
    BV_ASSIGN(summary, fields.text(QStringLiteral("summary")));
    BV_ASSIGN(outcome, fields.text(QStringLiteral("outcome")));
    BV_ASSIGN(contact, fields.text(QStringLiteral("agencyContact")));
    event.category = tidyText(category.value_or(QString()));
    event.title = tidyText(title.value_or(event.category));
    event.summary = summary.value_or(QString());
    event.outcome = outcome.value_or(QString());
    event.agencyContact = tidyText(contact.value_or(QString()));
    BV_ASSIGN(significance, fields.text(QStringLiteral("significance")));
    if (significance) {
        const int value = significance->toInt();
        if (value < 1 || value > 3)
            return fieldError(QStringLiteral("significance"), QObject::tr("is not 1, 2 or 3"));
        event.significance = value;
    }
    BV_ASSIGN(place, fields.location(QStringLiteral("place")));
    if (place)
        event.place = *place;
    if (!event.provenance.withdrawn) {
        if (!event.occurredAt.isValid() && !event.occurredDate.isValid())
            return makeError(ErrorCode::Failure, QObject::tr("The event has no date."));
        if (event.category.isEmpty())
            return fieldError(QStringLiteral("category"), QObject::tr("is missing or empty"));
    }
    out.events.push_back(std::move(event));
    return {};
}

Result<void> buildFlag(const FieldReader &fields, const QString &personId, Provenance provenance,
                       FeedPage &out)
{
    FlagRecord flag;
    flag.provenance = std::move(provenance);
    flag.personExternalId = personId;
    BV_ASSIGN(kind, fields.text(QStringLiteral("kind")));
    if (kind) {
        const std::optional<FlagKind> parsed = flagKindFromName(*kind);
        if (!parsed && !flag.provenance.withdrawn)
            return fieldError(QStringLiteral("kind"), QObject::tr("is not a flag kind"));
        flag.kind = parsed.value_or(FlagKind::Other);
    } else if (!flag.provenance.withdrawn) {
        return fieldError(QStringLiteral("kind"), QObject::tr("is missing or empty"));
    }
    BV_ASSIGN(detail, fields.text(QStringLiteral("detail")));
    flag.detail = detail.value_or(QString());
    BV_ASSIGN(from, fields.date(QStringLiteral("from")));
    BV_ASSIGN(to, fields.date(QStringLiteral("to")));
    flag.from = from;
    flag.to = to;
    BV_ASSIGN(active, fields.boolean(QStringLiteral("active")));
    // Without an active field, a flag whose period ended before the record was last updated
    // is over; one with an end still ahead (a planned end) is in force.
    const bool ended = flag.to.isValid() && flag.provenance.updatedAt.isValid()
                       && flag.to < flag.provenance.updatedAt.date();
    flag.active = active.value_or(!ended);
    out.flags.push_back(std::move(flag));
    return {};
}

Result<void> buildLocation(const FieldReader &fields, Provenance provenance, FeedPage &out)
{
    LocationRecord location;
    location.provenance = std::move(provenance);
    BV_ASSIGN(place, fields.location(QStringLiteral("place")));
    if (place)
        location.place = *place;
    out.locations.push_back(std::move(location));
    return {};
}

// False when the address is looked up in the page and not there: no record is made.
Result<bool> buildAddress(const FieldReader &fields, const QString &personId, Provenance provenance,
                          FeedPage &out)
{
    AddressRecord address;
    address.provenance = std::move(provenance);
    address.personExternalId = personId;
    BV_ASSIGN(location, fields.location(QStringLiteral("location")));
    if (!location && !address.provenance.withdrawn)
        return false;
    if (location)
        address.location = *location;
    BV_ASSIGN(from, fields.date(QStringLiteral("from")));
    BV_ASSIGN(to, fields.date(QStringLiteral("to")));
    address.from = from;
    address.to = to;
    BV_ASSIGN(isProtected, fields.boolean(QStringLiteral("protected")));
    address.isProtected = isProtected.value_or(false);
    out.addresses.push_back(std::move(address));
    return true;
}

Result<void> buildRelationship(const FieldReader &fields, const QString &personId,
                               Provenance provenance, FeedPage &out)
{
    RelationshipRecord relationship;
    relationship.provenance = std::move(provenance);
    relationship.personExternalId = personId;
    BV_ASSIGN(related, fields.text(QStringLiteral("related")));
    if (!related && !relationship.provenance.withdrawn)
        return fieldError(QStringLiteral("related"), QObject::tr("is missing or empty"));
    relationship.relatedExternalId = tidyText(related.value_or(QString()));
    BV_ASSIGN(kind, fields.text(QStringLiteral("kind")));
    const std::optional<RelationshipKind> parsed
        = kind ? relationshipKindFromName(*kind) : std::nullopt;
    if (!parsed && !relationship.provenance.withdrawn)
        return fieldError(QStringLiteral("kind"), QObject::tr("is not a relationship kind"));
    relationship.kind = parsed.value_or(RelationshipKind::HouseholdMember);
    BV_ASSIGN(from, fields.date(QStringLiteral("from")));
    BV_ASSIGN(to, fields.date(QStringLiteral("to")));
    relationship.from = from;
    relationship.to = to;
    out.relationships.push_back(std::move(relationship));
    return {};
}

Result<void> buildRecord(ItemMapper &item, const RecordSpec &spec, const ValueScope &scope,
                         bool withdrawn, FeedPage &out)
{
    BV_ASSIGN(id, item.id(spec.id, scope, QObject::tr("id")));
    QString personId;
    if (isAboutAPerson(spec.kind)) {
        BV_ASSIGN(person, item.id(spec.person, scope, QObject::tr("person id")));
        personId = person;
    }
    Provenance provenance;
    provenance.externalId = spec.nested ? personId + kNestedIdSeparator + id : id;
    provenance.withdrawn = withdrawn;
    const FieldReader fields(item, spec, scope, withdrawn);
    BV_ASSIGN(updated, fields.instantOf(spec.updated, QStringLiteral("updated")));
    provenance.updatedAt = updated;
    BV_ASSIGN(sensitivity, fields.text(QStringLiteral("sensitivity")));
    if (sensitivity)
        provenance.sensitivity = *sensitivity;

    switch (spec.kind) {
    case RecordKind::Person:
        return buildPerson(fields, item, spec, std::move(provenance), out);
    case RecordKind::Event:
        return buildEvent(fields, personId, std::move(provenance), out);
    case RecordKind::Flag:
        return buildFlag(fields, personId, std::move(provenance), out);
    case RecordKind::Address: {
        BV_ASSIGN(made, buildAddress(fields, personId, std::move(provenance), out));
        Q_UNUSED(made)
        return {};
    }
    case RecordKind::Relationship:
        return buildRelationship(fields, personId, std::move(provenance), out);
    case RecordKind::Location:
        return buildLocation(fields, std::move(provenance), out);
    }
    return {};
}

// One scope per combination of the elements of the "each" levels (the item alone if none).
std::vector<ValueScope> scopesOf(const std::vector<EachSpec> &levels, const ValueScope &itemScope)
{
    std::vector<ValueScope> scopes{itemScope};
    for (const EachSpec &level : levels) {
        std::vector<ValueScope> deeper;
        for (const ValueScope &scope : scopes) {
            for (const QJsonValue &element :
                 elementsOf(resolvePath(level.path, scope), level.split)) {
                ValueScope inner{element, scope.item, scope.outer};
                if (&level != &levels.front())
                    inner.outer.push_back(scope.element);
                deeper.push_back(std::move(inner));
            }
        }
        scopes = std::move(deeper);
    }
    return scopes;
}

template<typename T>
void append(std::vector<T> &to, std::vector<T> &from)
{
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

} // namespace

QJsonValue resolvePath(const FieldPath &path, const ValueScope &scope)
{
    QJsonValue value = path.fromItem ? scope.item : scope.element;
    if (path.up > 0) {
        const qsizetype level = qsizetype(scope.outer.size()) - path.up;
        value = level >= 0 ? scope.outer[size_t(level)] : scope.item;
    }
    for (const QString &segment : path.segments) {
        if (value.isArray())
            value = value.toArray().first();
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(segment);
    }
    return value;
}

RecordMapper::RecordMapper(const FeedMapping &mapping, const StreamSpec &stream,
                           FieldNormaliser &normaliser)
    : m_mapping(mapping)
    , m_stream(stream)
    , m_normaliser(normaliser)
{}

void RecordMapper::indexItems(const std::vector<QJsonValue> &items)
{
    if (m_stream.indexes.empty())
        return;
    ItemMapper matcher(m_mapping, m_normaliser, m_indexes);
    for (const IndexSpec &index : m_stream.indexes) {
        QHash<QString, QJsonValue> &entries = m_indexes[index.name];
        for (const QJsonValue &item : items) {
            const ValueScope scope{item, item, {}};
            if (!matcher.matches(index.when, scope))
                continue;
            const Result<OptionalText> key = scalarText(resolvePath(index.key, scope), index.name);
            if (key && key.value())
                entries.insert(*key.value(), item);
        }
    }
}

void RecordMapper::mapItem(const QJsonValue &item, const QString &location,
                           const std::function<QByteArray()> &payload, FeedPage &page)
{
    ItemMapper mapper(m_mapping, m_normaliser, m_indexes);
    const ValueScope itemScope{item, item, {}};
    FeedPage made;
    QString firstId;
    std::optional<Error> failure;

    for (const RecordSpec &spec : m_stream.records) {
        if (!mapper.matches(spec.when, itemScope))
            continue;
        if (firstId.isEmpty() && !spec.nested) {
            // For a rejection: the whole id if it can be made, else its first part that can
            // (the occurrence of "<occurrence>/<person>").
            if (const Result<QString> id = mapper.id(spec.id, itemScope, QString()); id) {
                firstId = id.value();
            } else {
                for (const TemplatePart &part : spec.id) {
                    if (!part.path || !firstId.isEmpty())
                        continue;
                    const Result<OptionalText> text
                        = scalarText(resolvePath(*part.path, itemScope), QString());
                    if (text && text.value())
                        firstId = tidyText(*text.value());
                }
            }
        }
        const std::vector<ValueScope> scopes = scopesOf(spec.each, itemScope);
        // A withdrawal that does not say what it withdraws (the list is absent, not empty)
        // would leave the records made from the item alive: refused, so someone sees it.
        if (scopes.empty() && !spec.nested && isAboutAPerson(spec.kind) && !spec.withdrawn.isEmpty()
            && mapper.matches(spec.withdrawn, itemScope)
            && resolvePath(spec.each.front().path, itemScope).isUndefined()) {
            failure = makeError(ErrorCode::Failure,
                                QObject::tr("The record is withdrawn but has no %1, so the "
                                            "records made from it cannot be withdrawn.")
                                    .arg(spec.each.front().path.text));
            break;
        }
        for (const ValueScope &scope : scopes) {
            const bool withdrawn
                = !spec.withdrawn.isEmpty() && mapper.matches(spec.withdrawn, scope);
            if (Result<void> r = buildRecord(mapper, spec, scope, withdrawn, made); !r) {
                failure = r.error();
                break;
            }
        }
        if (failure)
            break;
    }

    if (failure) {
        page.rejected.push_back(
            RejectedInput{firstId, location, failure->message, payload ? payload() : QByteArray()});
        return;
    }
    append(page.persons, made.persons);
    append(page.flags, made.flags);
    append(page.addresses, made.addresses);
    append(page.relationships, made.relationships);
    append(page.events, made.events);
    append(page.locations, made.locations);
}

} // namespace bv::feeds
