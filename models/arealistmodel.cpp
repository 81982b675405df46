// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/arealistmodel.h"

#include "search/personsearch.h"

#include <QLocale>

namespace bv::models {

AreaListModel::AreaListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AreaListModel::setResult(geo::AreaQueryResult result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

void AreaListModel::clear()
{
    setResult({});
}

QString AreaListModel::precisionLabel(const QString &precision)
{
    if (precision == QLatin1String("uprn"))
        return tr("Building (UPRN)");
    if (precision == QLatin1String("postcode_unit"))
        return tr("Postcode");
    if (precision == QLatin1String("district"))
        return tr("District");
    return tr("Not known");
}

int AreaListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.people.size());
}

int AreaListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AreaListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const geo::AreaPerson &person = m_result.people[std::size_t(index.row())];
    if (role == PersonIdRole)
        return person.personId;
    if (role == PlacementRole)
        return int(person.placement);
    if (role == Qt::ToolTipRole)
        return geo::AreaQuery::why(person);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const bool protectedAddress = person.placement == geo::Placement::InsideProtected;
    switch (index.column()) {
    case NameColumn:
        return person.name.isEmpty() ? tr("(no name recorded)") : person.name;
    case BornColumn:
        return person.birthDate.isValid()
                   ? QLocale().toString(person.birthDate, QLocale::ShortFormat)
                   : tr("Not known");
    case PlacementColumn:
        return geo::AreaQuery::placementLabel(person.placement);
    case FlagsColumn: {
        QStringList labels;
        for (const QString &flag : person.flags)
            labels << search::flagLabel(flag);
        return labels.join(QStringLiteral(", "));
    }
    case PrecisionColumn:
        return protectedAddress ? QString() : precisionLabel(person.precision);
    case AsOfColumn:
        return person.asOf;
    case AddressColumn:
        return protectedAddress ? tr("Protected: not shown") : person.address;
    case ContactColumn:
        return tr("%1, record %2").arg(search::agencyLabel(person.agency), person.reference);
    default:
        return {};
    }
}

QVariant AreaListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case BornColumn:
        return tr("Born");
    case PlacementColumn:
        return tr("Where");
    case FlagsColumn:
        return tr("Flags");
    case PrecisionColumn:
        return tr("Located by");
    case AsOfColumn:
        return tr("Since");
    case AddressColumn:
        return tr("Address");
    case ContactColumn:
        return tr("Contact");
    default:
        return {};
    }
}

} // namespace bv::models
