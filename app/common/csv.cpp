// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/csv.h"

namespace bv::csv {

QString field(QString value)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    // A plain number (a negative longitude) stays a number for the tools that read it.
    bool number = false;
    (void)value.toDouble(&number);
    if (!number && !value.isEmpty() && formulaStarts.contains(value.front()))
        value.prepend(QLatin1Char('\''));
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    value.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + value + QLatin1Char('"');
}

QString line(const QStringList &fields)
{
    QStringList escaped;
    for (const QString &value : fields)
        escaped << field(value);
    return escaped.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace bv::csv
