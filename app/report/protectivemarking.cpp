// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/protectivemarking.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace bv::report {

QString ProtectiveMarking::marking()
{
    return QStringLiteral("OFFICIAL-SENSITIVE");
}

QString ProtectiveMarking::provenanceLine(const DocumentProvenance &provenance)
{
    const QTimeZone london(QByteArrayLiteral("Europe/London"));
    const QDateTime local = provenance.producedAtUtc.toTimeZone(london);
    return QCoreApplication::translate("bv::report::ProtectiveMarking",
                                       "Produced by %1 on %2 (UK time) for: %3")
        .arg(provenance.producedBy, local.toString(QStringLiteral("d MMM yyyy HH:mm")),
             provenance.purpose);
}

} // namespace bv::report
