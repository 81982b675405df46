// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agencyfeed.h"
#include "personview.h"
#include "simclock.h"

#include <QStringList>

namespace bv::feedsim {

// How one CSV feed writes dates, instants and postcodes: different on purpose.
struct CsvStyle
{
    bool bom = false;
    simclock::DateStyle date = simclock::DateStyle::Iso;
    simclock::Style instant = simclock::Style::IsoUtc;
    int postcode = 0; // see postcodeStyled()
};

// The CSV delta extracts (csc, asc, housing): file i of files() is stream i and table i.
// Subclasses give each file's header and rows; paging, the BOM, the Link header and the
// malformed-record fault are here.
class CsvFeed : public AgencyFeed
{
public:
    CsvFeed(SimWorld &world, coverage::Agency agency, const ContentFaults &faults, CsvStyle style);

    SimResponse handle(const SimRequest &request) final;

protected:
    virtual QStringList files() const = 0;
    virtual QStringList header(quint32 stream) const = 0;
    // The row after "id", "modified", "status".
    virtual QStringList row(quint32 stream, quint32 serial) const = 0;
    virtual QString rowId(quint32 stream, quint32 serial) const = 0;
    virtual const RecordTable &table(quint32 stream) const = 0;

    QString date(qint32 julianDay) const;
    QString date(QDate date) const;
    QString postcode(quint32 address) const;
    QString endDate(quint32 endDay) const; // 0: still open
    static qint32 asOf(const SimRecord &record);
    PersonView view(quint32 stream, quint32 serial) const;
    static QString yesNo(bool value) { return value ? QStringLiteral("Y") : QStringLiteral("N"); }

    CsvStyle m_style;

private:
    std::optional<qint64> parseSince(const QString &text) const;
    QStringList corrupt(quint32 stream, QStringList fields, quint64 fault) const;
};

} // namespace bv::feedsim
