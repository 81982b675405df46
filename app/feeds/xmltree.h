// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QXmlStreamReader>

// XML elements as JSON values, so one mapping engine reads JSON, CSV and XML records.
namespace bv::feeds {

// From the start element the reader is on to its end element (consumed):
// - an element with only text (no attributes, no children) is a string;
// - otherwise an object: children by name (an array when a name repeats), attributes as
//   "@name", text beside children as "#text".
QJsonValue readXmlElement(QXmlStreamReader &reader);

// FHIR's XML form as FHIR's JSON form (the adapter reads one shape): a resource element
// becomes an object with "resourceType"; an element with a value attribute is that value;
// other attributes (an extension's url) are keys; a narrative's xhtml is skipped. Elements
// that repeat become arrays; one that does not stays single, so readers accept either.
// The reader must be on the resource's start element.
QJsonObject readFhirXmlResource(QXmlStreamReader &reader);

} // namespace bv::feeds
