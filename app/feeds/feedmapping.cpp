// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/feedmapping.h"

#include "common/jsonfile.h"
#include "feeds/mappingfields.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTimeZone>

#include <initializer_list>

namespace bv::feeds {

namespace {

// Reads one mapping file; every error carries the file and the key path.
class MappingReader
{
public:
    MappingReader(QString file, QString format)
        : m_file(std::move(file))
        , m_format(std::move(format))
    {}

    Error error(const QString &keyPath, const QString &what) const
    {
        return makeError(ErrorCode::FeedConfig,
                         QObject::tr("Mapping file %1: %2: %3").arg(m_file, keyPath, what));
    }

    Result<void> checkKeys(const QJsonObject &object, const QString &keyPath,
                           std::initializer_list<QLatin1StringView> allowed) const
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const QLatin1StringView key : allowed)
                known = known || it.key() == key;
            if (!known)
                return error(join(keyPath, it.key()), QObject::tr("unknown key"));
        }
        return {};
    }

    static QString join(const QString &keyPath, const QString &key)
    {
        return keyPath.isEmpty() ? key : keyPath + QLatin1Char('.') + key;
    }

    static QString index(const QString &keyPath, qsizetype i)
    {
        return keyPath + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    Result<QString> string(const QJsonObject &object, const QString &keyPath, QLatin1StringView key,
                           bool required, const QString &fallback = {}) const
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                return error(join(keyPath, key), QObject::tr("is missing"));
            return fallback;
        }
        if (!value.isString() || value.toString().isEmpty())
            return error(join(keyPath, key), QObject::tr("must be a non-empty string"));
        return value.toString();
    }

    Result<FieldPath> path(const QString &text, const QString &keyPath) const
    {
        FieldPath path;
        path.text = text;
        QString rest = text.trimmed();
        if (rest.startsWith(QLatin1Char('^'))) {
            path.fromItem = true;
            rest = rest.mid(1);
        }
        while (!path.fromItem && rest.startsWith(QLatin1Char('<'))) {
            ++path.up;
            rest = rest.mid(1);
        }
        if (rest.isEmpty() && !path.fromItem && path.up == 0)
            return error(keyPath, QObject::tr("a path must not be empty (\".\" is the element)"));
        if (rest == QLatin1String(".") || rest.isEmpty())
            return path;
        if (m_format == QLatin1String("csv")) {
            path.segments = QStringList{rest};
            return path;
        }
        const QChar separator
            = m_format == QLatin1String("xml") ? QLatin1Char('/') : QLatin1Char('.');
        path.segments = rest.split(separator);
        for (const QString &segment : std::as_const(path.segments)) {
            if (segment.isEmpty())
                return error(keyPath, QObject::tr("the path has an empty step"));
        }
        return path;
    }

    // allowConstant: the id of a nested record may be fixed ("flag/marac"), since the
    // person's id comes before it.
    Result<std::vector<TemplatePart>> templateParts(const QJsonValue &value, const QString &keyPath,
                                                    bool allowConstant = false) const
    {
        if (!value.isString() || value.toString().isEmpty())
            return error(keyPath, QObject::tr("must be a non-empty template string"));
        const QString text = value.toString();
        std::vector<TemplatePart> parts;
        qsizetype pos = 0;
        while (pos < text.size()) {
            const qsizetype open = text.indexOf(QLatin1Char('{'), pos);
            if (open < 0) {
                parts.push_back(TemplatePart{text.mid(pos), std::nullopt, false});
                break;
            }
            if (open > pos)
                parts.push_back(TemplatePart{text.mid(pos, open - pos), std::nullopt, false});
            const qsizetype close = text.indexOf(QLatin1Char('}'), open);
            if (close < 0)
                return error(keyPath, QObject::tr("a \"{\" is not closed"));
            QString inside = text.mid(open + 1, close - open - 1).trimmed();
            const bool optional = inside.endsWith(QLatin1Char('?'));
            if (optional)
                inside.chop(1);
            Result<FieldPath> p = path(inside, keyPath);
            if (!p)
                return p.error();
            parts.push_back(TemplatePart{QString(), std::move(p).value(), optional});
            pos = close + 1;
        }
        bool hasPath = false;
        for (const TemplatePart &part : parts)
            hasPath = hasPath || part.path.has_value();
        if (!hasPath && !allowConstant)
            return error(keyPath, QObject::tr("names no field (write fields as {path})"));
        return parts;
    }

    Result<ValueSpec> value(const QJsonValue &json, const QString &keyPath) const
    {
        ValueSpec spec;
        if (json.isString()) {
            Result<FieldPath> p = path(json.toString(), keyPath);
            if (!p)
                return p.error();
            spec.kind = ValueSpec::Kind::Path;
            spec.paths.push_back(std::move(p).value());
            return spec;
        }
        if (!json.isObject())
            return error(keyPath, QObject::tr("must be a path or an object"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys
            = checkKeys(object, keyPath,
                        {QLatin1StringView("path"), QLatin1StringView("const"),
                         QLatin1StringView("template"), QLatin1StringView("join"),
                         QLatin1StringView("separator"), QLatin1StringView("table"),
                         QLatin1StringView("format")});
            !keys)
            return keys.error();
        int sources = 0;
        if (object.contains(QLatin1String("path"))) {
            ++sources;
            Result<FieldPath> p = path(object.value(QLatin1String("path")).toString(),
                                       join(keyPath, QStringLiteral("path")));
            if (!p)
                return p.error();
            spec.kind = ValueSpec::Kind::Path;
            spec.paths.push_back(std::move(p).value());
        }
        if (object.contains(QLatin1String("const"))) {
            ++sources;
            const QJsonValue c = object.value(QLatin1String("const"));
            spec.kind = ValueSpec::Kind::Const;
            if (c.isString())
                spec.constant = c.toString();
            else if (c.isBool())
                spec.constant = c.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (c.isDouble())
                spec.constant = QString::number(c.toDouble());
            else
                return error(join(keyPath, QStringLiteral("const")),
                             QObject::tr("must be a string, number or boolean"));
        }
        if (object.contains(QLatin1String("template"))) {
            ++sources;
            Result<std::vector<TemplatePart>> parts = templateParts(
                object.value(QLatin1String("template")), join(keyPath, QStringLiteral("template")));
            if (!parts)
                return parts.error();
            spec.kind = ValueSpec::Kind::Template;
            spec.parts = std::move(parts).value();
        }
        if (object.contains(QLatin1String("join"))) {
            ++sources;
            const QString joinPath = join(keyPath, QStringLiteral("join"));
            const QJsonArray items = object.value(QLatin1String("join")).toArray();
            if (items.isEmpty())
                return error(joinPath, QObject::tr("must be a non-empty array of paths"));
            for (qsizetype i = 0; i < items.size(); ++i) {
                Result<FieldPath> p = path(items.at(i).toString(), index(joinPath, i));
                if (!p)
                    return p.error();
                spec.paths.push_back(std::move(p).value());
            }
            spec.kind = ValueSpec::Kind::Join;
            spec.separator
                = object.value(QLatin1String("separator")).toString(QStringLiteral(", "));
        }
        if (sources != 1)
            return error(
                keyPath,
                QObject::tr("needs exactly one of \"path\", \"const\", \"template\", \"join\""));
        if (object.contains(QLatin1String("table")))
            spec.table = object.value(QLatin1String("table")).toString();
        spec.format = object.value(QLatin1String("format")).toString();
        return spec;
    }

    Result<ConditionSpec> condition(const QJsonValue &json, const QString &keyPath) const
    {
        ConditionSpec spec;
        if (!json.isObject() || json.toObject().isEmpty())
            return error(keyPath, QObject::tr("must be an object of path: value"));
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString itemPath = join(keyPath, it.key());
            Result<FieldPath> p = path(it.key(), itemPath);
            if (!p)
                return p.error();
            QStringList values;
            const QJsonArray array
                = it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
            for (const QJsonValue &v : array) {
                if (v.isString())
                    values.append(v.toString());
                else if (v.isBool())
                    values.append(v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
                else if (v.isDouble())
                    values.append(QString::number(v.toDouble()));
                else
                    return error(itemPath, QObject::tr("must be a string, number, boolean or "
                                                       "an array of them"));
            }
            if (values.isEmpty())
                return error(itemPath, QObject::tr("lists no value"));
            spec.equals.emplace_back(std::move(p).value(), values);
        }
        return spec;
    }

    Result<EachSpec> each(const QJsonValue &json, const QString &keyPath) const
    {
        EachSpec spec;
        spec.isSet = true;
        QJsonValue pathValue = json;
        if (json.isObject()) {
            const QJsonObject object = json.toObject();
            if (Result<void> keys = checkKeys(
                    object, keyPath, {QLatin1StringView("path"), QLatin1StringView("split")});
                !keys)
                return keys.error();
            pathValue = object.value(QLatin1String("path"));
            spec.split = object.value(QLatin1String("split")).toString();
        }
        if (!pathValue.isString())
            return error(keyPath, QObject::tr("must be a path or {\"path\", \"split\"}"));
        Result<FieldPath> p = path(pathValue.toString(), keyPath);
        if (!p)
            return p.error();
        spec.path = std::move(p).value();
        return spec;
    }

    Result<LocationSpec> location(const QJsonValue &json, const QString &keyPath) const
    {
        if (!json.isObject())
            return error(keyPath, QObject::tr("must be an object (text, postcode, uprn, lat, "
                                              "lon, easting, northing, precision, lookup, ref)"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys
            = checkKeys(object, keyPath,
                        {QLatin1StringView("text"), QLatin1StringView("postcode"),
                         QLatin1StringView("uprn"), QLatin1StringView("lat"),
                         QLatin1StringView("lon"), QLatin1StringView("easting"),
                         QLatin1StringView("northing"), QLatin1StringView("precision"),
                         QLatin1StringView("lookup"), QLatin1StringView("ref")});
            !keys)
            return keys.error();
        LocationSpec spec;
        spec.isSet = true;
        const std::pair<QLatin1StringView, ValueSpec *> parts[] = {
            {QLatin1StringView("text"), &spec.text},
            {QLatin1StringView("postcode"), &spec.postcode},
            {QLatin1StringView("uprn"), &spec.uprn},
            {QLatin1StringView("lat"), &spec.lat},
            {QLatin1StringView("lon"), &spec.lon},
            {QLatin1StringView("easting"), &spec.easting},
            {QLatin1StringView("northing"), &spec.northing},
        };
        for (const auto &[key, target] : parts) {
            if (!object.contains(key))
                continue;
            Result<ValueSpec> v = value(object.value(key), join(keyPath, key));
            if (!v)
                return v.error();
            *target = std::move(v).value();
        }
        if (spec.lat.isSet() != spec.lon.isSet())
            return error(keyPath, QObject::tr("\"lat\" and \"lon\" go together"));
        if (spec.easting.isSet() != spec.northing.isSet())
            return error(keyPath, QObject::tr("\"easting\" and \"northing\" go together"));
        if (object.contains(QLatin1String("precision"))) {
            const QString precision = object.value(QLatin1String("precision")).toString();
            if (precision == QLatin1String("uprn"))
                spec.precision = LocationPrecision::Uprn;
            else if (precision == QLatin1String("postcode_unit"))
                spec.precision = LocationPrecision::PostcodeUnit;
            else if (precision == QLatin1String("district"))
                spec.precision = LocationPrecision::District;
            else
                return error(join(keyPath, QStringLiteral("precision")),
                             QObject::tr("must be \"uprn\", \"postcode_unit\" or \"district\""));
        }
        if (object.contains(QLatin1String("lookup"))) {
            const QString lookupPath = join(keyPath, QStringLiteral("lookup"));
            const QJsonObject lookup = object.value(QLatin1String("lookup")).toObject();
            if (Result<void> keys = checkKeys(
                    lookup, lookupPath, {QLatin1StringView("index"), QLatin1StringView("key")});
                !keys)
                return keys.error();
            Result<QString> name = string(lookup, lookupPath, QLatin1StringView("index"), true);
            if (!name)
                return name.error();
            spec.lookupIndex = name.value();
            if (!lookup.contains(QLatin1String("key")))
                return error(join(lookupPath, QStringLiteral("key")), QObject::tr("is missing"));
            Result<ValueSpec> key = value(lookup.value(QLatin1String("key")),
                                          join(lookupPath, QStringLiteral("key")));
            if (!key)
                return key.error();
            spec.lookupKey = std::move(key).value();
        }
        if (object.contains(QLatin1String("ref"))) {
            if (!spec.lookupIndex.isEmpty())
                return error(join(keyPath, QStringLiteral("ref")),
                             QObject::tr("a place is either looked up in the page or referred "
                                         "to, not both"));
            Result<ValueSpec> ref
                = value(object.value(QLatin1String("ref")), join(keyPath, QStringLiteral("ref")));
            if (!ref)
                return ref.error();
            spec.ref = std::move(ref).value();
        }
        return spec;
    }

    Result<NameSpec> name(const QJsonValue &json, const QString &keyPath) const
    {
        if (!json.isObject())
            return error(keyPath, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys
            = checkKeys(object, keyPath,
                        {QLatin1StringView("each"), QLatin1StringView("use"),
                         QLatin1StringView("given"), QLatin1StringView("middle"),
                         QLatin1StringView("family"), QLatin1StringView("fullName")});
            !keys)
            return keys.error();
        NameSpec spec;
        if (object.contains(QLatin1String("each"))) {
            Result<EachSpec> e
                = each(object.value(QLatin1String("each")), join(keyPath, QStringLiteral("each")));
            if (!e)
                return e.error();
            spec.each = std::move(e).value();
        }
        const QString use = object.value(QLatin1String("use")).toString(QStringLiteral("alias"));
        const std::optional<NameUse> parsedUse = nameUseFromName(use);
        if (!parsedUse)
            return error(
                join(keyPath, QStringLiteral("use")),
                QObject::tr("must be one of official, usual, maiden, old, nickname, alias"));
        spec.use = *parsedUse;
        const std::pair<QLatin1StringView, ValueSpec *> parts[] = {
            {QLatin1StringView("given"), &spec.given},
            {QLatin1StringView("middle"), &spec.middle},
            {QLatin1StringView("family"), &spec.family},
            {QLatin1StringView("fullName"), &spec.fullName},
        };
        for (const auto &[key, target] : parts) {
            if (!object.contains(key))
                continue;
            Result<ValueSpec> v = value(object.value(key), join(keyPath, key));
            if (!v)
                return v.error();
            *target = std::move(v).value();
        }
        if (!spec.fullName.isSet() && !spec.family.isSet() && !spec.given.isSet())
            return error(keyPath, QObject::tr("needs \"fullName\" or \"given\"/\"family\""));
        return spec;
    }

    Result<RecordSpec> record(const QJsonValue &json, const QString &keyPath) const
    {
        if (!json.isObject())
            return error(keyPath, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys = checkKeys(
                object, keyPath,
                {QLatin1StringView("kind"), QLatin1StringView("when"), QLatin1StringView("each"),
                 QLatin1StringView("id"), QLatin1StringView("person"), QLatin1StringView("nested"),
                 QLatin1StringView("updated"), QLatin1StringView("withdrawn"),
                 QLatin1StringView("fields"), QLatin1StringView("otherNames")});
            !keys)
            return keys.error();
        RecordSpec spec;
        spec.keyPath = keyPath;
        Result<QString> kindName = string(object, keyPath, QLatin1StringView("kind"), true);
        if (!kindName)
            return kindName.error();
        const std::optional<RecordKind> kind = recordKindFromName(kindName.value());
        if (!kind)
            return error(
                join(keyPath, QStringLiteral("kind")),
                QObject::tr("must be person, event, flag, address, relationship or location"));
        spec.kind = *kind;

        if (object.contains(QLatin1String("when"))) {
            Result<ConditionSpec> c = condition(object.value(QLatin1String("when")),
                                                join(keyPath, QStringLiteral("when")));
            if (!c)
                return c.error();
            spec.when = std::move(c).value();
        }
        if (object.contains(QLatin1String("each"))) {
            const QJsonValue eachValue = object.value(QLatin1String("each"));
            const QString eachPath = join(keyPath, QStringLiteral("each"));
            const QJsonArray levels
                = eachValue.isArray() ? eachValue.toArray() : QJsonArray{eachValue};
            if (levels.isEmpty())
                return error(eachPath, QObject::tr("lists no level"));
            for (qsizetype i = 0; i < levels.size(); ++i) {
                Result<EachSpec> e
                    = each(levels.at(i), eachValue.isArray() ? index(eachPath, i) : eachPath);
                if (!e)
                    return e.error();
                spec.each.push_back(std::move(e).value());
            }
        }
        if (!object.contains(QLatin1String("id")))
            return error(join(keyPath, QStringLiteral("id")), QObject::tr("is missing"));
        const bool nested = object.value(QLatin1String("nested")).toBool();
        Result<std::vector<TemplatePart>> id = templateParts(
            object.value(QLatin1String("id")), join(keyPath, QStringLiteral("id")), nested);
        if (!id)
            return id.error();
        spec.id = std::move(id).value();

        if (isAboutAPerson(spec.kind)) {
            if (!object.contains(QLatin1String("person")))
                return error(join(keyPath, QStringLiteral("person")),
                             QObject::tr("is missing: which person the record is about"));
            Result<std::vector<TemplatePart>> person = templateParts(
                object.value(QLatin1String("person")), join(keyPath, QStringLiteral("person")));
            if (!person)
                return person.error();
            spec.person = std::move(person).value();
        } else if (object.contains(QLatin1String("person"))) {
            return error(join(keyPath, QStringLiteral("person")),
                         QObject::tr("a %1 record is not about a person").arg(kindName.value()));
        }
        if (object.contains(QLatin1String("nested"))) {
            if (!object.value(QLatin1String("nested")).isBool())
                return error(join(keyPath, QStringLiteral("nested")),
                             QObject::tr("must be true or false"));
            spec.nested = object.value(QLatin1String("nested")).toBool();
            if (spec.nested && !isAboutAPerson(spec.kind))
                return error(join(keyPath, QStringLiteral("nested")),
                             QObject::tr("a %1 record cannot be nested").arg(kindName.value()));
        }
        if (object.contains(QLatin1String("updated"))) {
            Result<ValueSpec> updated = value(object.value(QLatin1String("updated")),
                                              join(keyPath, QStringLiteral("updated")));
            if (!updated)
                return updated.error();
            spec.updated = std::move(updated).value();
        }
        if (object.contains(QLatin1String("withdrawn"))) {
            Result<ConditionSpec> c = condition(object.value(QLatin1String("withdrawn")),
                                                join(keyPath, QStringLiteral("withdrawn")));
            if (!c)
                return c.error();
            spec.withdrawn = std::move(c).value();
        }

        const QString fieldsPath = join(keyPath, QStringLiteral("fields"));
        const QJsonObject fields = object.value(QLatin1String("fields")).toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QString fieldPath = join(fieldsPath, it.key());
            const std::optional<FieldType> type = fieldType(spec.kind, it.key());
            if (!type)
                return error(fieldPath, QObject::tr("is not a field of a %1 record (fields: %2)")
                                            .arg(kindName.value(),
                                                 fieldNames(spec.kind).join(QStringLiteral(", "))));
            if (*type == FieldType::Location) {
                Result<LocationSpec> loc = location(it.value(), fieldPath);
                if (!loc)
                    return loc.error();
                spec.locations.emplace(it.key(), std::move(loc).value());
                continue;
            }
            Result<ValueSpec> v = value(it.value(), fieldPath);
            if (!v)
                return v.error();
            spec.fields.emplace(it.key(), std::move(v).value());
        }
        for (const QString &required : requiredFields(spec.kind)) {
            if (required == QLatin1String("occurredAt|occurredDate|when")) {
                if (!spec.fields.count(QStringLiteral("occurredAt"))
                    && !spec.fields.count(QStringLiteral("occurredDate"))
                    && !spec.fields.count(QStringLiteral("when")))
                    return error(fieldsPath, QObject::tr("an event needs \"occurredAt\", "
                                                         "\"occurredDate\" or \"when\""));
            } else if (!spec.fields.count(required) && !spec.locations.count(required)) {
                return error(join(fieldsPath, required), QObject::tr("is missing"));
            }
        }

        if (object.contains(QLatin1String("otherNames"))) {
            const QString namesPath = join(keyPath, QStringLiteral("otherNames"));
            if (spec.kind != RecordKind::Person)
                return error(namesPath, QObject::tr("only a person record has other names"));
            const QJsonArray names = object.value(QLatin1String("otherNames")).toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                Result<NameSpec> n = name(names.at(i), index(namesPath, i));
                if (!n)
                    return n.error();
                spec.otherNames.push_back(std::move(n).value());
            }
        }
        return spec;
    }

    Result<PagingSpec> paging(const QJsonValue &json, const QString &keyPath,
                              const DateSpec &dates) const
    {
        if (!json.isObject())
            return error(keyPath, QObject::tr("is missing or not an object"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys
            = checkKeys(object, keyPath,
                        {QLatin1StringView("kind"), QLatin1StringView("sinceParam"),
                         QLatin1StringView("sincePrefix"), QLatin1StringView("sinceFormat"),
                         QLatin1StringView("pageSizeParam"), QLatin1StringView("cursorParam"),
                         QLatin1StringView("nextCursor"), QLatin1StringView("hasMore"),
                         QLatin1StringView("tokenParam"), QLatin1StringView("token"),
                         QLatin1StringView("params")});
            !keys)
            return keys.error();
        PagingSpec spec;
        Result<QString> kind = string(object, keyPath, QLatin1StringView("kind"), true);
        if (!kind)
            return kind.error();
        if (kind.value() == QLatin1String("fhir-link-next"))
            spec.kind = PagingKind::FhirLinkNext;
        else if (kind.value() == QLatin1String("link-header"))
            spec.kind = PagingKind::LinkHeader;
        else if (kind.value() == QLatin1String("cursor"))
            spec.kind = PagingKind::Cursor;
        else if (kind.value() == QLatin1String("body-token"))
            spec.kind = PagingKind::BodyToken;
        else
            return error(join(keyPath, QStringLiteral("kind")),
                         QObject::tr("must be fhir-link-next, link-header, cursor or body-token"));

        const bool cursor = spec.kind == PagingKind::Cursor;
        const bool token = spec.kind == PagingKind::BodyToken;
        const std::tuple<QLatin1StringView, QString *, bool> strings[] = {
            {QLatin1StringView("sinceParam"), &spec.sinceParam, !cursor},
            {QLatin1StringView("sincePrefix"), &spec.sincePrefix, false},
            {QLatin1StringView("sinceFormat"), &spec.sinceFormat, false},
            {QLatin1StringView("pageSizeParam"), &spec.pageSizeParam, false},
            {QLatin1StringView("cursorParam"), &spec.cursorParam, cursor},
            {QLatin1StringView("nextCursor"), &spec.nextCursor, cursor},
            {QLatin1StringView("hasMore"), &spec.hasMore, cursor},
            {QLatin1StringView("tokenParam"), &spec.tokenParam, token},
            {QLatin1StringView("token"), &spec.token, token},
        };
        for (const auto &[key, target, required] : strings) {
            Result<QString> v = string(object, keyPath, key, required);
            if (!v)
                return v.error();
            *target = v.value();
        }
        if (cursor && !spec.sinceParam.isEmpty())
            return error(join(keyPath, QStringLiteral("sinceParam")),
                         QObject::tr("a cursor-paged stream is not read by time"));
        if (spec.sinceFormat.isEmpty())
            spec.sinceFormat = spec.kind == PagingKind::FhirLinkNext ? QStringLiteral("iso")
                                                                     : dates.instantFormat;
        const QJsonObject params = object.value(QLatin1String("params")).toObject();
        for (auto it = params.begin(); it != params.end(); ++it) {
            if (!it.value().isString())
                return error(join(join(keyPath, QStringLiteral("params")), it.key()),
                             QObject::tr("must be a string"));
            spec.params.emplace_back(it.key(), it.value().toString());
        }
        return spec;
    }

    Result<StreamSpec> stream(const QJsonValue &json, const QString &keyPath,
                              const DateSpec &dates) const
    {
        if (!json.isObject())
            return error(keyPath, QObject::tr("must be an object"));
        const QJsonObject object = json.toObject();
        if (Result<void> keys = checkKeys(object, keyPath,
                                          {QLatin1StringView("name"), QLatin1StringView("path"),
                                           QLatin1StringView("paging"), QLatin1StringView("root"),
                                           QLatin1StringView("items"), QLatin1StringView("indexes"),
                                           QLatin1StringView("records")});
            !keys)
            return keys.error();
        StreamSpec spec;
        Result<QString> name = string(object, keyPath, QLatin1StringView("name"), true);
        if (!name)
            return name.error();
        spec.name = name.value();
        Result<QString> urlPath = string(object, keyPath, QLatin1StringView("path"), true);
        if (!urlPath)
            return urlPath.error();
        spec.path = urlPath.value();
        if (spec.path.startsWith(QLatin1Char('/')) || spec.path.contains(QLatin1String("://")))
            return error(join(keyPath, QStringLiteral("path")),
                         QObject::tr("must be relative to the feed's base URL"));
        Result<PagingSpec> p = paging(object.value(QLatin1String("paging")),
                                      join(keyPath, QStringLiteral("paging")), dates);
        if (!p)
            return p.error();
        spec.paging = std::move(p).value();

        const bool fhir = m_format == QLatin1String("fhir-r4");
        if (fhir) {
            for (const QLatin1StringView key :
                 {QLatin1StringView("root"), QLatin1StringView("items"),
                  QLatin1StringView("indexes"), QLatin1StringView("records")}) {
                if (object.contains(key))
                    return error(
                        join(keyPath, key),
                        QObject::tr("a FHIR stream is read as FHIR R4: no record mapping"));
            }
            if (spec.paging.kind != PagingKind::FhirLinkNext)
                return error(join(keyPath, QStringLiteral("paging.kind")),
                             QObject::tr("a FHIR stream is paged by fhir-link-next"));
            return spec;
        }
        if (spec.paging.kind == PagingKind::FhirLinkNext)
            return error(join(keyPath, QStringLiteral("paging.kind")),
                         QObject::tr("fhir-link-next is for FHIR feeds"));

        if (m_format == QLatin1String("xml")) {
            Result<QString> root = string(object, keyPath, QLatin1StringView("root"), true);
            if (!root)
                return root.error();
            spec.root = root.value();
        } else if (object.contains(QLatin1String("root"))) {
            return error(join(keyPath, QStringLiteral("root")),
                         QObject::tr("only an XML stream has a root element"));
        }
        if (m_format == QLatin1String("csv")) {
            if (object.contains(QLatin1String("items")))
                return error(join(keyPath, QStringLiteral("items")),
                             QObject::tr("a CSV stream's records are its rows"));
        } else {
            Result<QString> items = string(object, keyPath, QLatin1StringView("items"), true);
            if (!items)
                return items.error();
            Result<FieldPath> itemsPath
                = path(items.value(), join(keyPath, QStringLiteral("items")));
            if (!itemsPath)
                return itemsPath.error();
            spec.items = std::move(itemsPath).value();
        }

        const QJsonObject indexes = object.value(QLatin1String("indexes")).toObject();
        for (auto it = indexes.begin(); it != indexes.end(); ++it) {
            const QString indexPath = join(join(keyPath, QStringLiteral("indexes")), it.key());
            const QJsonObject indexObject = it.value().toObject();
            if (Result<void> keys = checkKeys(
                    indexObject, indexPath, {QLatin1StringView("when"), QLatin1StringView("key")});
                !keys)
                return keys.error();
            IndexSpec index;
            index.name = it.key();
            if (indexObject.contains(QLatin1String("when"))) {
                Result<ConditionSpec> c = condition(indexObject.value(QLatin1String("when")),
                                                    join(indexPath, QStringLiteral("when")));
                if (!c)
                    return c.error();
                index.when = std::move(c).value();
            }
            Result<QString> key = string(indexObject, indexPath, QLatin1StringView("key"), true);
            if (!key)
                return key.error();
            Result<FieldPath> keyField = path(key.value(), join(indexPath, QStringLiteral("key")));
            if (!keyField)
                return keyField.error();
            index.key = std::move(keyField).value();
            spec.indexes.push_back(std::move(index));
        }

        const QString recordsPath = join(keyPath, QStringLiteral("records"));
        const QJsonArray records = object.value(QLatin1String("records")).toArray();
        if (records.isEmpty())
            return error(recordsPath, QObject::tr("is missing or empty"));
        for (qsizetype i = 0; i < records.size(); ++i) {
            Result<RecordSpec> r = record(records.at(i), index(recordsPath, i));
            if (!r)
                return r.error();
            spec.records.push_back(std::move(r).value());
        }
        return spec;
    }

    Result<void> checkTableUse(const FeedMapping &mapping, const ValueSpec &value, FieldType type,
                               const QString &keyPath) const
    {
        if (value.table.isEmpty())
            return {};
        const auto table = mapping.codeTables.constFind(value.table);
        if (table == mapping.codeTables.cend())
            return error(keyPath + QStringLiteral(".table"),
                         QObject::tr("names no table in \"codeTables\""));
        for (auto it = table->cbegin(); it != table->cend(); ++it) {
            if (!isValidFieldValue(type, it.value()))
                return error(QStringLiteral("codeTables.") + value.table + QLatin1Char('.')
                                 + it.key(),
                             QObject::tr("is not a valid value for the field %1 (%2)")
                                 .arg(keyPath, fieldTypeValues(type)));
        }
        return {};
    }

    Result<void> checkReferences(const FeedMapping &mapping) const
    {
        for (size_t s = 0; s < mapping.streams.size(); ++s) {
            const StreamSpec &stream = mapping.streams[s];
            for (size_t t = 0; t < s; ++t) {
                if (mapping.streams[t].name == stream.name)
                    return error(index(QStringLiteral("streams"), qsizetype(s))
                                     + QStringLiteral(".name"),
                                 QObject::tr("repeats the name of another stream"));
            }
            for (const RecordSpec &record : stream.records) {
                for (const auto &[name, value] : record.fields) {
                    const QString keyPath = record.keyPath + QStringLiteral(".fields.") + name;
                    if (Result<void> r
                        = checkTableUse(mapping, value, *fieldType(record.kind, name), keyPath);
                        !r)
                        return r;
                }
                for (const auto &[name, location] : record.locations) {
                    if (location.lookupIndex.isEmpty())
                        continue;
                    bool found = false;
                    for (const IndexSpec &index : stream.indexes)
                        found = found || index.name == location.lookupIndex;
                    if (!found)
                        return error(record.keyPath + QStringLiteral(".fields.") + name
                                         + QStringLiteral(".lookup.index"),
                                     QObject::tr("names no index of the stream"));
                }
            }
        }
        const std::pair<QString, FieldType> fhirTables[] = {
            {mapping.fhir.flagKindTable, FieldType::FlagKind},
            {mapping.fhir.significanceTable, FieldType::Significance},
        };
        for (const auto &[table, type] : fhirTables) {
            if (table.isEmpty())
                continue;
            ValueSpec value;
            value.table = table;
            if (Result<void> r = checkTableUse(mapping, value, type, QStringLiteral("fhir")); !r)
                return r;
        }
        return {};
    }

    Result<FeedMapping> read(const QJsonObject &root) const
    {
        FeedMapping mapping;
        mapping.path = m_file;
        mapping.format = m_format;
        if (Result<void> keys
            = checkKeys(root, QString(),
                        {QLatin1StringView("format"), QLatin1StringView("dates"),
                         QLatin1StringView("codeTables"), QLatin1StringView("streams"),
                         QLatin1StringView("fhir"), QLatin1StringView("comment")});
            !keys)
            return keys.error();
        Result<QString> format = string(root, QString(), QLatin1StringView("format"), true);
        if (!format)
            return format.error();
        if (format.value() != m_format)
            return error(QStringLiteral("format"),
                         QObject::tr("is \"%1\", but the feed's format is \"%2\"")
                             .arg(format.value(), m_format));

        if (root.contains(QLatin1String("dates"))) {
            const QJsonObject dates = root.value(QLatin1String("dates")).toObject();
            if (Result<void> keys
                = checkKeys(dates, QStringLiteral("dates"),
                            {QLatin1StringView("zone"), QLatin1StringView("instantFormat"),
                             QLatin1StringView("dateFormat")});
                !keys)
                return keys.error();
            mapping.dates.zone = dates.value(QLatin1String("zone")).toString(mapping.dates.zone);
            mapping.dates.instantFormat
                = dates.value(QLatin1String("instantFormat")).toString(mapping.dates.instantFormat);
            mapping.dates.dateFormat
                = dates.value(QLatin1String("dateFormat")).toString(mapping.dates.dateFormat);
            if (!QTimeZone(mapping.dates.zone.toUtf8()).isValid())
                return error(QStringLiteral("dates.zone"), QObject::tr("is not a known time zone"));
        }

        const QJsonObject tables = root.value(QLatin1String("codeTables")).toObject();
        for (auto it = tables.begin(); it != tables.end(); ++it) {
            const QString tablePath = QStringLiteral("codeTables.") + it.key();
            if (!it.value().isObject())
                return error(tablePath, QObject::tr("must be an object of code: value"));
            QHash<QString, QString> table;
            const QJsonObject entries = it.value().toObject();
            for (auto e = entries.begin(); e != entries.end(); ++e) {
                if (e.value().isString())
                    table.insert(e.key(), e.value().toString());
                else if (e.value().isDouble())
                    table.insert(e.key(), QString::number(e.value().toDouble()));
                else if (e.value().isBool())
                    table.insert(e.key(), e.value().toBool() ? QStringLiteral("true")
                                                             : QStringLiteral("false"));
                else
                    return error(tablePath + QLatin1Char('.') + e.key(),
                                 QObject::tr("must be a string, number or boolean"));
            }
            mapping.codeTables.insert(it.key(), table);
        }

        if (root.contains(QLatin1String("fhir"))) {
            if (m_format != QLatin1String("fhir-r4"))
                return error(QStringLiteral("fhir"), QObject::tr("only a FHIR feed has this"));
            const QJsonObject fhir = root.value(QLatin1String("fhir")).toObject();
            if (Result<void> keys = checkKeys(
                    fhir, QStringLiteral("fhir"),
                    {QLatin1StringView("nhsNumberSystem"), QLatin1StringView("withdrawnTag"),
                     QLatin1StringView("flagKindTable"), QLatin1StringView("significanceTable"),
                     QLatin1StringView("eventCategory")});
                !keys)
                return keys.error();
            FhirSpec &spec = mapping.fhir;
            spec.nhsNumberSystem
                = fhir.value(QLatin1String("nhsNumberSystem")).toString(spec.nhsNumberSystem);
            spec.flagKindTable = fhir.value(QLatin1String("flagKindTable")).toString();
            spec.significanceTable = fhir.value(QLatin1String("significanceTable")).toString();
            spec.eventCategory
                = fhir.value(QLatin1String("eventCategory")).toString(spec.eventCategory);
            if (fhir.contains(QLatin1String("withdrawnTag"))) {
                const QJsonObject tag = fhir.value(QLatin1String("withdrawnTag")).toObject();
                const QString tagPath = QStringLiteral("fhir.withdrawnTag");
                if (Result<void> keys = checkKeys(
                        tag, tagPath, {QLatin1StringView("system"), QLatin1StringView("code")});
                    !keys)
                    return keys.error();
                Result<QString> system = string(tag, tagPath, QLatin1StringView("system"), true);
                if (!system)
                    return system.error();
                Result<QString> code = string(tag, tagPath, QLatin1StringView("code"), true);
                if (!code)
                    return code.error();
                spec.withdrawnTagSystem = system.value();
                spec.withdrawnTagCode = code.value();
            }
        }

        const QJsonArray streams = root.value(QLatin1String("streams")).toArray();
        if (streams.isEmpty())
            return error(QStringLiteral("streams"), QObject::tr("is missing or empty"));
        for (qsizetype i = 0; i < streams.size(); ++i) {
            Result<StreamSpec> s
                = stream(streams.at(i), index(QStringLiteral("streams"), i), mapping.dates);
            if (!s)
                return s.error();
            mapping.streams.push_back(std::move(s).value());
        }
        if (Result<void> r = checkReferences(mapping); !r)
            return r.error();
        return mapping;
    }

private:
    QString m_file;
    QString m_format;
};

} // namespace

const StreamSpec *FeedMapping::stream(const QString &name) const
{
    for (const StreamSpec &s : streams) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

Result<FeedMapping> loadFeedMapping(const QString &path, const QString &format)
{
    auto object = readJsonObjectFile(path, QObject::tr("Mapping file"), ErrorCode::FeedConfig);
    BV_TRY(object);
    return MappingReader(path, format).read(object.value());
}

std::optional<QString> lookUpCode(const QHash<QString, QString> &table, const QString &code,
                                  bool useDefault)
{
    if (const auto it = table.constFind(code); it != table.cend())
        return it.value();
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        if (it.key().compare(code, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    if (!useDefault)
        return std::nullopt;
    if (const auto it = table.constFind(QStringLiteral("*")); it != table.cend())
        return it.value();
    return std::nullopt;
}

std::optional<FlagKind> flagKindFromName(QStringView name)
{
    static constexpr std::pair<const char16_t *, FlagKind> kinds[] = {
        {u"vulnerable_adult", FlagKind::VulnerableAdult},
        {u"child_protection_plan", FlagKind::ChildProtectionPlan},
        {u"looked_after", FlagKind::LookedAfter},
        {u"risk_to_staff", FlagKind::RiskToStaff},
        {u"marac", FlagKind::Marac},
        {u"protected_address", FlagKind::ProtectedAddress},
        {u"other", FlagKind::Other},
    };
    for (const auto &[text, kind] : kinds) {
        if (name == QStringView(text))
            return kind;
    }
    return std::nullopt;
}

std::optional<RelationshipKind> relationshipKindFromName(QStringView name)
{
    static constexpr std::pair<const char16_t *, RelationshipKind> kinds[] = {
        {u"parent", RelationshipKind::Parent},
        {u"child", RelationshipKind::Child},
        {u"sibling", RelationshipKind::Sibling},
        {u"twin", RelationshipKind::Twin},
        {u"partner", RelationshipKind::Partner},
        {u"household_member", RelationshipKind::HouseholdMember},
    };
    for (const auto &[text, kind] : kinds) {
        if (name == QStringView(text))
            return kind;
    }
    return std::nullopt;
}

std::optional<RecordSex> sexFromName(QStringView name)
{
    if (name == u"female")
        return RecordSex::Female;
    if (name == u"male")
        return RecordSex::Male;
    if (name == u"other")
        return RecordSex::Other;
    if (name == u"unknown")
        return RecordSex::Unknown;
    return std::nullopt;
}

std::optional<NameUse> nameUseFromName(QStringView name)
{
    static constexpr std::pair<const char16_t *, NameUse> uses[] = {
        {u"official", NameUse::Official}, {u"usual", NameUse::Usual},
        {u"maiden", NameUse::Maiden},     {u"old", NameUse::Old},
        {u"nickname", NameUse::Nickname}, {u"alias", NameUse::Alias},
    };
    for (const auto &[text, use] : uses) {
        if (name == QStringView(text))
            return use;
    }
    return std::nullopt;
}

} // namespace bv::feeds
