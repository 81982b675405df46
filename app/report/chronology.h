// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "report/protectivemarking.h"
#include "store/annotationrepository.h"
#include "store/personrepository.h"

#include <QDate>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace bv::access {
class AuditLog;
struct AccessContext;
} // namespace bv::access
namespace bv::store {
class Database;
}

// A multi-agency chronology of one person: the rows, and the documents made from them.
namespace bv::report {

using store::Annotation;

// One row, in the columns multi-agency chronology templates use.
struct ChronologyRow
{
    QString when;      // "12/03/2024", "12/03/2024 14:05" or "03/2024 to 06/2024"
    QString ageAtTime; // "7", or empty when the date of birth is not known
    QString event;     // what happened, in plain English, with the practitioner's analysis
    QString source;    // "Police, ref OCC123/NP456"
    QString impact;    // the practitioner's note of the impact on the person
    QString action;    // the agency's outcome or action taken
};

struct ChronologyOptions
{
    int minSignificance = 3; // key events: the chronology proper
    QDate from;              // invalid: from the first event
    QDate to;                // invalid: to the last
};

struct Chronology
{
    QString personName;
    QDate birthDate; // invalid when not known
    qint64 personId = 0;
    ChronologyOptions options;
    std::vector<ChronologyRow> rows;
    int withheld = 0; // events in range the reader may not see, listed as withheld
};

// The rows of a person as read (with the reader's access applied): events in the range at or
// above the significance, in time order; a withheld event is a row saying so, and why.
[[nodiscard]] Chronology buildChronology(const store::PersonView &person,
                                         const QHash<qint64, std::vector<Annotation>> &annotations,
                                         const ChronologyOptions &options);

enum class ChronologyFormat { Pdf, Odt, Csv };
[[nodiscard]] std::optional<ChronologyFormat> chronologyFormatFromName(const QString &name);

// Writes the document atomically (QSaveFile: a failure leaves no file, and never half a
// file). PDF: A4 landscape, the marking and the provenance on every page, "Page n of N". ODT:
// the marking and the provenance above and below the table. CSV: RFC 4180 with a header row,
// after two lines of marking and provenance; a cell that starts like a formula is kept as
// text. PDF and ODT need a QGuiApplication (fonts).
// beforeCommit (the audit) runs once the document is complete and before it takes its
// place: if it fails, no file is left.
[[nodiscard]] Result<void> writeChronology(const QString &path, ChronologyFormat format,
                                           const Chronology &chronology,
                                           const DocumentProvenance &provenance,
                                           const std::function<Result<void>()> &beforeCommit = {});

[[nodiscard]] QString chronologyFormatName(ChronologyFormat format);

// The whole export of a person already read (with the reader's access applied): their
// practitioners' annotations, the rows, the document, and the audit entry
// (chronology.export: the person, format and counts), written before the file takes its
// place. Who, when and why come from the access context and the clock.
[[nodiscard]] Result<Chronology>
exportChronology(store::Database &db, access::AuditLog &audit, const access::AccessContext &context,
                 const store::PersonView &person, const ChronologyOptions &options,
                 ChronologyFormat format, const QString &path, const QDateTime &nowUtc);

} // namespace bv::report
