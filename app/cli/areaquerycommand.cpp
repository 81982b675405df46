// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/areaquerycommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "geo/arealist.h"
#include "geo/areaquery.h"
#include "geo/postcodeplacement.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

namespace bv::cli {

namespace {
const QString kGeoJson = QStringLiteral("geojson");
const QString kFlags = QStringLiteral("flags");
const QString kOut = QStringLiteral("out");
const QString kFormat = QStringLiteral("format");
const QString kArea = QStringLiteral("area");
const QString kAsOf = QStringLiteral("as-of");
const QString kPurpose = QStringLiteral("purpose");
} // namespace

QString AreaQueryCommand::summary() const
{
    return QObject::tr("List the people with chosen flags who live inside an area (GeoJSON, "
                       "WGS84 or British National Grid), with why each is listed.");
}

void AreaQueryCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption(
        {kGeoJson, QObject::tr("The area: a GeoJSON file of polygons."), QObject::tr("FILE")});
    parser.addOption({kArea, QObject::tr("Only the feature of this name (default: all of them)."),
                      QObject::tr("NAME")});
    parser.addOption({kFlags,
                      QObject::tr("Flags to list people by, comma-separated: vulnerable, cpp, "
                                  "looked_after, marac, risk_to_staff (default: everyone)."),
                      QObject::tr("LIST")});
    parser.addOption({kAsOf, QObject::tr("Where people live on this day (default today)."),
                      QObject::tr("DATE")});
    parser.addOption({kFormat, QObject::tr("csv (default) or geojson."), QObject::tr("FORMAT"),
                      QStringLiteral("csv")});
    parser.addOption({kOut, QObject::tr("The file to write."), QObject::tr("FILE")});
}

int AreaQueryCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    if (!parser.isSet(kGeoJson) || !parser.isSet(kOut))
        return usage(io, QObject::tr("--geojson FILE and --out FILE are required."));
    if (!parser.isSet(kPurpose))
        return usage(io, QObject::tr("--purpose TEXT is required: an area query lists people "
                                     "and is audited with why."));
    const QString format = parser.value(kFormat).toLower();
    if (format != QLatin1String("csv") && format != QLatin1String("geojson"))
        return usage(
            io, QObject::tr("--format is csv or geojson, not \"%1\".").arg(parser.value(kFormat)));
    auto flags = geo::AreaQuery::parseFlags(parser.value(kFlags));
    if (!flags.ok())
        return usage(io, flags.error().message);
    geo::AreaQueryOptions options;
    options.flags = flags.value();
    options.asOf = io.clock.nowUtc().toTimeZone(QTimeZone("Europe/London")).date();
    if (parser.isSet(kAsOf)) {
        options.asOf = QDate::fromString(parser.value(kAsOf), Qt::ISODate);
        if (!options.asOf.isValid())
            return usage(io, QObject::tr("--as-of takes a date as YYYY-MM-DD, not \"%1\".")
                                 .arg(parser.value(kAsOf)));
    }

    QFile file(parser.value(kGeoJson));
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            io, Error{ErrorCode::Io,
                      QObject::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString())});
    auto areas = geo::readGeoJsonAreas(file.readAll(), file.fileName());
    if (!areas.ok())
        return fail(io, areas.error());
    std::vector<geo::Polygon> polygons;
    QString name;
    int chosen = 0;
    for (const geo::Area &area : areas.value()) {
        if (parser.isSet(kArea) && area.name() != parser.value(kArea))
            continue;
        ++chosen;
        polygons.insert(polygons.end(), area.polygons().cbegin(), area.polygons().cend());
        name = name.isEmpty() ? area.name()
                              : QObject::tr("%1 (%2 areas)")
                                    .arg(QFileInfo(file.fileName()).completeBaseName())
                                    .arg(chosen);
    }
    if (polygons.empty())
        return usage(
            io,
            QObject::tr("%1 has no area named \"%2\".").arg(file.fileName(), parser.value(kArea)));
    const geo::Area area(name, std::move(polygons));

    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &opened = *session.value();
    // A store synced before addresses were placed by postcode: placed once, first.
    if (auto placed = geo::placeAddressesByPostcode(opened.database()); !placed.ok())
        return fail(io, placed.error());
    auto result
        = geo::AreaQuery::run(opened.database(), opened.audit(), opened.context(), area, options);
    if (!result.ok())
        return fail(io, result.error());

    const report::DocumentProvenance provenance{opened.context().user, io.clock.nowUtc(),
                                                opened.context().purpose};
    const QByteArray bytes = format == QLatin1String("csv")
                                 ? geo::areaListCsv(result.value(), provenance)
                                 : geo::areaListGeoJson(result.value(), provenance);
    QSaveFile out(parser.value(kOut));
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return fail(
            io, Error{ErrorCode::Io,
                      QObject::tr("Cannot write %1: %2").arg(out.fileName(), out.errorString())});
    io.out << QObject::tr("%1: %2 inside, %3 too coarse to be sure, %4 at protected addresses; "
                          "written to %5.")
                  .arg(area.name())
                  .arg(result->inside())
                  .arg(result->uncertain())
                  .arg(result->protectedAddresses())
                  .arg(out.fileName())
           << Qt::endl;
    return ExitOk;
}

} // namespace bv::cli
