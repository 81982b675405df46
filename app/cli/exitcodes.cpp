// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/exitcodes.h"

#include <QObject>

namespace bv::cli {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
        return ExitUsage;
    case ErrorCode::WrongPassphrase:
        return ExitWrongPassphrase;
    case ErrorCode::KeyFileMissing:
        return ExitKeyFileMissing;
    case ErrorCode::KeyFileDamaged:
        return ExitKeyFileDamaged;
    case ErrorCode::KeyFileMismatch:
        return ExitKeyFileMismatch;
    case ErrorCode::StoreMissing:
        return ExitStoreMissing;
    case ErrorCode::StoreDamaged:
        return ExitStoreDamaged;
    case ErrorCode::SchemaTooNew:
        return ExitSchemaTooNew;
    case ErrorCode::StoreExists:
        return ExitStoreExists;
    case ErrorCode::AuditTampered:
        return ExitAuditTampered;
    case ErrorCode::WrongLibrary:
        return ExitWrongLibrary;
    case ErrorCode::Network:
    case ErrorCode::Unreachable:
        return ExitFeedUnreachable;
    case ErrorCode::TlsRefused:
        return ExitTlsRefused;
    case ErrorCode::FeedConfig:
        return ExitFeedConfig;
    case ErrorCode::FeedRejected:
        return ExitFeedRejected;
    case ErrorCode::Cancelled:
        return ExitCancelled;
    default:
        return ExitFailure;
    }
}

QString exitCodeHelp()
{
    return QObject::tr("Exit codes:\n"
                       "  0  success\n"
                       "  1  failure (see the message)\n"
                       "  2  usage: bad or missing arguments\n"
                       "  3  wrong passphrase or recovery key\n"
                       "  4  key file missing\n"
                       "  5  key file damaged\n"
                       "  6  key file belongs to another store\n"
                       "  7  no store at the path\n"
                       "  8  store damaged\n"
                       "  9  store written by a newer Broadview\n"
                       " 10  store already exists\n"
                       " 11  audit chain does not verify\n"
                       " 12  the process did not load SQLCipher\n"
                       " 13  a feed could not be reached (after retries)\n"
                       " 14  a feed's TLS certificate was refused\n"
                       " 15  feeds.json or a mapping file is invalid\n"
                       " 16  a feed refused the request or sent unreadable pages\n"
                       " 17  cancelled\n");
}

} // namespace bv::cli
