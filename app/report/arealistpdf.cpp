// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/arealistpdf.h"

#include "report/tabledocument.h"
#include "search/personsearch.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace bv::report {

namespace {

struct AreaListText
{
    Q_DECLARE_TR_FUNCTIONS(bv::report::AreaList)
};

QString precisionLabel(const QString &precision)
{
    if (precision == QLatin1String("uprn"))
        return AreaListText::tr("building (UPRN)");
    if (precision == QLatin1String("postcode_unit"))
        return AreaListText::tr("postcode");
    return AreaListText::tr("district");
}

TableDocument tableOf(const geo::AreaQueryResult &result, const QString &criteria)
{
    TableDocument table;
    table.title = AreaListText::tr("People living in %1").arg(result.areaName);
    table.scope = AreaListText::tr("%1. %2 inside, %3 located too coarsely to be sure, %4 at "
                                   "protected addresses (ask the agency named).")
                      .arg(criteria)
                      .arg(result.inside())
                      .arg(result.uncertain())
                      .arg(result.protectedAddresses());
    if (result.unplaced > 0)
        table.scope += QLatin1Char(' ')
                       + AreaListText::tr("%n more could not be placed: where they live now has no "
                                          "position.",
                                          nullptr, int(result.unplaced));
    table.headers = {AreaListText::tr("Listed as"),  AreaListText::tr("Name"),
                     AreaListText::tr("Born"),       AreaListText::tr("Address"),
                     AreaListText::tr("Located by"), AreaListText::tr("Why listed")};
    table.columnPercent = {12, 14, 8, 22, 10, 34};
    for (const geo::AreaPerson &person : result.people) {
        const bool protectedAddress = person.placement == geo::Placement::InsideProtected;
        table.rows.push_back(
            {geo::AreaQuery::placementLabel(person.placement), person.name,
             person.birthDate.toString(QStringLiteral("dd/MM/yyyy")),
             protectedAddress ? AreaListText::tr("Protected: ask %1 (record %2)")
                                    .arg(search::agencyLabel(person.agency), person.reference)
                              : person.address,
             protectedAddress ? QString()
                              : AreaListText::tr("%1, since %2")
                                    .arg(precisionLabel(person.precision), person.asOf),
             geo::AreaQuery::why(person)});
    }
    return table;
}

} // namespace

Result<void> writeAreaListPdf(const QString &path, const geo::AreaQueryResult &result,
                              const QString &criteria, const DocumentProvenance &provenance,
                              const std::function<Result<void>()> &beforeCommit)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         AreaListText::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    BV_TRY(writeTablePdf(file, tableOf(result, criteria), provenance));
    if (beforeCommit)
        BV_TRY(beforeCommit());
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         AreaListText::tr("Cannot write %1: %2.").arg(path, file.errorString()));
    return {};
}

} // namespace bv::report
