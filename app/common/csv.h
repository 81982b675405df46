// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace bv::csv {

// One RFC 4180 field. A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or
// return first) is kept as text with a leading apostrophe; a plain number ("-1.25") is not.
QString field(QString value);
// A CRLF-terminated record.
QString line(const QStringList &fields);

} // namespace bv::csv
