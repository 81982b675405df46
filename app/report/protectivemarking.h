// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace bv::report {

// Who produced a document, when and why: printed on every page of every export.
struct DocumentProvenance
{
    QString producedBy;
    QDateTime producedAtUtc;
    QString purpose;
};

// The Government Security Classification marking for everything Broadview shows or exports.
class ProtectiveMarking
{
public:
    static QString marking();
    // "Produced by X on 24 Nov 2026 20:33 (Europe/London) for: purpose", in the local
    // zone the days are shown in.
    static QString provenanceLine(const DocumentProvenance &provenance);
};

} // namespace bv::report
