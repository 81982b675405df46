// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/xmltree.h"

#include <QJsonArray>
#include <QObject>

namespace bv::feeds {

namespace {

// Feeds nest a few levels; a deeper document is refused before recursion can exhaust the
// stack (found by fuzzing).
constexpr int kMaxDepth = 100;

bool tooDeep(QXmlStreamReader &reader, int depth)
{
    if (depth <= kMaxDepth)
        return false;
    reader.raiseError(QObject::tr("elements are nested more than %1 deep").arg(kMaxDepth));
    return true;
}

void addChild(QJsonObject &object, const QString &name, const QJsonValue &value)
{
    const auto existing = object.find(name);
    if (existing == object.end()) {
        object.insert(name, value);
        return;
    }
    QJsonArray array = existing->isArray() ? existing->toArray() : QJsonArray{*existing};
    array.append(value);
    *existing = array;
}

QJsonValue readFhirElement(QXmlStreamReader &reader, int depth);
QJsonObject readFhirResource(QXmlStreamReader &reader, int depth);
QJsonValue readElement(QXmlStreamReader &reader, int depth);

// Elements whose child is a whole resource rather than a data type.
bool holdsResource(QStringView name)
{
    return name == u"resource" || name == u"contained";
}

QJsonValue readFhirElement(QXmlStreamReader &reader, int depth)
{
    if (tooDeep(reader, depth))
        return QJsonValue(QJsonValue::Undefined);
    const QString name = reader.name().toString();
    if (name == QLatin1String("div")) {
        reader.skipCurrentElement();
        return QJsonValue(QJsonValue::Undefined);
    }
    if (holdsResource(name)) {
        QJsonObject resource;
        while (reader.readNextStartElement())
            resource = readFhirResource(reader, depth + 1); // one child; the last wins if more
        return resource;
    }
    const QXmlStreamAttributes attributes = reader.attributes();
    if (attributes.hasAttribute(QLatin1String("value"))) {
        const QString value = attributes.value(QLatin1String("value")).toString();
        // Extensions on a primitive (FHIR JSON's "_name") are not needed: skipped.
        reader.skipCurrentElement();
        return value;
    }
    QJsonObject object;
    for (const QXmlStreamAttribute &attribute : attributes)
        object.insert(attribute.name().toString(), attribute.value().toString());
    while (reader.readNextStartElement()) {
        const QString childName = reader.name().toString();
        const QJsonValue child = readFhirElement(reader, depth + 1);
        if (!child.isUndefined())
            addChild(object, childName, child);
    }
    return object;
}

QJsonObject readFhirResource(QXmlStreamReader &reader, int depth)
{
    const QString type = reader.name().toString();
    QJsonValue body = readFhirElement(reader, depth);
    QJsonObject resource = body.toObject();
    resource.insert(QStringLiteral("resourceType"), type);
    return resource;
}

QJsonValue readElement(QXmlStreamReader &reader, int depth)
{
    if (tooDeep(reader, depth))
        return QJsonValue();
    QJsonObject object;
    for (const QXmlStreamAttribute &attribute : reader.attributes())
        object.insert(QLatin1Char('@') + attribute.name().toString(), attribute.value().toString());
    QString text;
    bool hasChildren = false;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            hasChildren = true;
            const QString childName = reader.name().toString();
            addChild(object, childName, readElement(reader, depth + 1));
        } else if (token == QXmlStreamReader::Characters) {
            text += reader.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        }
    }
    if (!hasChildren && object.isEmpty())
        return text.trimmed();
    if (!text.trimmed().isEmpty())
        object.insert(QStringLiteral("#text"), text.trimmed());
    return object;
}

} // namespace

QJsonValue readXmlElement(QXmlStreamReader &reader)
{
    return readElement(reader, 0);
}

QJsonObject readFhirXmlResource(QXmlStreamReader &reader)
{
    return readFhirResource(reader, 0);
}

} // namespace bv::feeds
