// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/passphrasesource.h"

#include <QFile>
#include <QObject>

#include <cstdio>
#include <cstdlib>
#include <termios.h>
#include <unistd.h>

namespace bv::cli {

namespace {

constexpr std::size_t kMaxSecret = 1024;

// Drops one trailing newline (files written by `echo`), keeping every other byte.
SecretBytes trimNewline(SecretBytes secret, std::size_t used)
{
    while (used > 0 && (secret.data()[used - 1] == '\n' || secret.data()[used - 1] == '\r'))
        --used;
    return SecretBytes(secret.data(), used);
}

Result<SecretBytes> fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return makeError(
            ErrorCode::Usage,
            QObject::tr("Cannot read the secret file %1: %2").arg(path, file.errorString()));
    SecretBytes buffer(kMaxSecret + 1);
    const qint64 read = file.read(reinterpret_cast<char *>(buffer.data()), kMaxSecret + 1);
    if (read < 0)
        return makeError(
            ErrorCode::Io,
            QObject::tr("Cannot read the secret file %1: %2").arg(path, file.errorString()));
    if (static_cast<std::size_t>(read) > kMaxSecret)
        return makeError(
            ErrorCode::Usage,
            QObject::tr("The secret file %1 is longer than %2 bytes.").arg(path).arg(kMaxSecret));
    return trimNewline(std::move(buffer), static_cast<std::size_t>(read));
}

} // namespace

Result<SecretBytes> TerminalPrompt::ask(const QString &prompt)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return makeError(ErrorCode::Usage,
                         QObject::tr("No terminal to ask for a secret: use --passphrase-file or "
                                     "the environment variable."));
    // Unbuffered: stdio's buffer would keep a copy of the secret in ordinary heap.
    std::setvbuf(tty, nullptr, _IONBF, 0);
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    const int fd = fileno(tty);
    termios saved{};
    const bool isTerminal = tcgetattr(fd, &saved) == 0;
    if (isTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &silent);
    }
    SecretBytes buffer(kMaxSecret + 1);
    std::size_t used = 0;
    int c = 0;
    while (used < kMaxSecret && (c = std::fgetc(tty)) != EOF && c != '\n')
        buffer.data()[used++] = static_cast<std::uint8_t>(c);
    if (isTerminal)
        tcsetattr(fd, TCSAFLUSH, &saved);
    std::fputc('\n', tty);
    std::fclose(tty);
    return trimNewline(std::move(buffer), used);
}

Result<SecretBytes> readSecret(const SecretSource &source, SecretPrompt &prompt)
{
    if (!source.file.isEmpty())
        return fromFile(source.file);
    if (!source.environment.isEmpty()
        && qEnvironmentVariableIsSet(source.environment.toLatin1().constData())) {
        // Straight from the environment block, without a QByteArray copy.
        const char *value = std::getenv(source.environment.toLatin1().constData());
        return SecretBytes::fromView(QByteArrayView(value ? value : ""));
    }
    auto first = prompt.ask(source.prompt);
    BV_TRY(first);
    if (first->isEmpty())
        return makeError(ErrorCode::Usage, QObject::tr("The secret is empty."));
    if (source.confirm) {
        auto second = prompt.ask(QObject::tr("Again, to confirm: "));
        BV_TRY(second);
        if (!first->equals(second.value()))
            return makeError(ErrorCode::Usage,
                             QObject::tr("The two entries differ; nothing was changed."));
    }
    return first;
}

} // namespace bv::cli
