// SPDX-License-Identifier: GPL-3.0-or-later
#include "feeds/xmltree.h"

#include <QJsonArray>

namespace bv::feeds {

namespace {

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

QJsonValue readFhirElement(QXmlStreamReader &reader);

// Elements whose child is a whole resource rather than a data type.
bool holdsResource(QStringView name)
{
    return name == u"resource" || name == u"contained";
}

QJsonValue readFhirElement(QXmlStreamReader &reader)
{
    const QString name = reader.name().toString();
    if (name == QLatin1String("div")) {
        reader.skipCurrentElement();
        return QJsonValue(QJsonValue::Undefined);
    }
    if (holdsResource(name)) {
        QJsonObject resource;
        while (reader.readNextStartElement())
            resource = readFhirXmlResource(reader); // one child; the last wins if more
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
        const QJsonValue child = readFhirElement(reader);
        if (!child.isUndefined())
            addChild(object, childName, child);
    }
    return object;
}

} // namespace

QJsonValue readXmlElement(QXmlStreamReader &reader)
{
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
            addChild(object, childName, readXmlElement(reader));
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

QJsonObject readFhirXmlResource(QXmlStreamReader &reader)
{
    const QString type = reader.name().toString();
    QJsonValue body = readFhirElement(reader);
    QJsonObject resource = body.toObject();
    resource.insert(QStringLiteral("resourceType"), type);
    return resource;
}

} // namespace bv::feeds
