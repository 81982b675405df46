// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/result.h"
#include "common/secretbytes.h"

#include <QString>

namespace bv::cli {

// Asks a person for a secret. The terminal implementation turns echo off; tests inject
// their own so the CLI runs in-process.
class SecretPrompt
{
public:
    virtual ~SecretPrompt() = default;
    [[nodiscard]] virtual Result<SecretBytes> ask(const QString &prompt) = 0;
};

class TerminalPrompt final : public SecretPrompt
{
public:
    Result<SecretBytes> ask(const QString &prompt) override;
};

// Where one secret comes from, in order: a file named by a flag, an environment variable,
// the terminal (asked twice when `confirm`).
struct SecretSource
{
    QString file;        // --passphrase-file and friends
    QString environment; // e.g. BROADVIEW_PASSPHRASE
    QString prompt;
    bool confirm = false;
};

[[nodiscard]] Result<SecretBytes> readSecret(const SecretSource &source, SecretPrompt &prompt);

} // namespace bv::cli
