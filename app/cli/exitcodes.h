// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/errorcode.h"

#include <QString>

namespace bv::cli {

// Documented in `broadview --help` and README.md; scripts depend on them, so never renumber.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitWrongPassphrase = 3,
    ExitKeyFileMissing = 4,
    ExitKeyFileDamaged = 5,
    ExitKeyFileMismatch = 6,
    ExitStoreMissing = 7,
    ExitStoreDamaged = 8,
    ExitSchemaTooNew = 9,
    ExitStoreExists = 10,
    ExitAuditTampered = 11,
    ExitWrongLibrary = 12,
    ExitFeedUnreachable = 13,
    ExitTlsRefused = 14,
    ExitFeedConfig = 15,
    ExitFeedRejected = 16,
    ExitCancelled = 17,
};

int exitCodeFor(ErrorCode code);
QString exitCodeHelp();

} // namespace bv::cli
