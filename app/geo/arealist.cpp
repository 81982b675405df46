// SPDX-License-Identifier: GPL-3.0-or-later
#include "geo/arealist.h"

#include "common/csv.h"
#include "search/personsearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bv::geo {

namespace {

QString placementCode(Placement placement)
{
    switch (placement) {
    case Placement::Inside:
        return QStringLiteral("inside");
    case Placement::Uncertain:
        return QStringLiteral("uncertain");
    case Placement::InsideProtected:
        return QStringLiteral("inside_address_protected");
    }
    return {};
}

QString coordinate(double value, bool shown)
{
    return shown ? QString::number(value, 'f', 6) : QString();
}

} // namespace

QByteArray areaListCsv(const AreaQueryResult &result, const report::DocumentProvenance &provenance)
{
    QString text = csv::line(
        {QStringLiteral("person_id"), QStringLiteral("name"), QStringLiteral("date_of_birth"),
         QStringLiteral("placement"), QStringLiteral("flags"), QStringLiteral("why"),
         QStringLiteral("precision"), QStringLiteral("as_of"), QStringLiteral("address"),
         QStringLiteral("latitude"), QStringLiteral("longitude"), QStringLiteral("contact_agency"),
         QStringLiteral("contact_reference"), QStringLiteral("area"), QStringLiteral("marking"),
         QStringLiteral("produced")});
    const QString marking = report::ProtectiveMarking::marking();
    const QString produced = report::ProtectiveMarking::provenanceLine(provenance);
    for (const AreaPerson &person : result.people) {
        const bool shown = person.placement != Placement::InsideProtected;
        text += csv::line(
            {QString::number(person.personId), person.name, person.birthDate.toString(Qt::ISODate),
             placementCode(person.placement), person.flags.join(QLatin1Char(';')),
             AreaQuery::why(person), person.precision, person.asOf,
             shown ? person.address : QString(), coordinate(person.position.lat, shown),
             coordinate(person.position.lon, shown), search::agencyLabel(person.agency),
             person.reference, result.areaName, marking, produced});
    }
    return text.toUtf8();
}

QByteArray areaListGeoJson(const AreaQueryResult &result,
                           const report::DocumentProvenance &provenance)
{
    QJsonArray features;
    for (const AreaPerson &person : result.people) {
        const bool shown = person.placement != Placement::InsideProtected;
        QJsonObject properties{
            {QStringLiteral("person_id"), person.personId},
            {QStringLiteral("name"), person.name},
            {QStringLiteral("date_of_birth"), person.birthDate.toString(Qt::ISODate)},
            {QStringLiteral("placement"), placementCode(person.placement)},
            {QStringLiteral("flags"), QJsonArray::fromStringList(person.flags)},
            {QStringLiteral("why"), AreaQuery::why(person)},
            {QStringLiteral("precision"), person.precision},
            {QStringLiteral("as_of"), person.asOf},
            {QStringLiteral("contact_agency"), search::agencyLabel(person.agency)},
            {QStringLiteral("contact_reference"), person.reference},
            {QStringLiteral("marking"), report::ProtectiveMarking::marking()}};
        if (shown)
            properties.insert(QStringLiteral("address"), person.address);
        QJsonObject feature{{QStringLiteral("type"), QStringLiteral("Feature")},
                            {QStringLiteral("properties"), properties}};
        feature.insert(
            QStringLiteral("geometry"),
            shown ? QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("Point")},
                                           {QStringLiteral("coordinates"),
                                            QJsonArray{person.position.lon, person.position.lat}}})
                  : QJsonValue(QJsonValue::Null));
        features.append(feature);
    }
    const QJsonObject collection{
        {QStringLiteral("type"), QStringLiteral("FeatureCollection")},
        {QStringLiteral("name"), result.areaName},
        {QStringLiteral("marking"), report::ProtectiveMarking::marking()},
        {QStringLiteral("produced"), report::ProtectiveMarking::provenanceLine(provenance)},
        {QStringLiteral("features"), features}};
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

} // namespace bv::geo
