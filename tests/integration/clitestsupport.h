// SPDX-License-Identifier: GPL-3.0-or-later
// Running the CLI in-process for tst_cli and tst_climaintenance: buffers for its output, a
// scripted terminal, and a workspace whose files can be compared before and after a command.
#pragma once

#include "cli/command.h"
#include "cli/exitcodes.h"
#include "common/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <optional>

namespace bv::test {

inline const QByteArray kCliPassphrase = QByteArrayLiteral("correct horse");
inline const QByteArray kCliNewPassphrase = QByteArrayLiteral("battery staple");
inline const QList<QByteArray> kSecretVariables{"BROADVIEW_PASSPHRASE", "BROADVIEW_NEW_PASSPHRASE",
                                                "BROADVIEW_RECOVERY_KEY"};

// Answers from a queue, like a person typing; no answer left is a missing terminal.
class ScriptedPrompt final : public cli::SecretPrompt
{
public:
    QList<QByteArray> answers;
    int asked = 0;
    Result<SecretBytes> ask(const QString &) override
    {
        ++asked;
        if (answers.isEmpty())
            return makeError(ErrorCode::Usage, QStringLiteral("no terminal in this test"));
        return SecretBytes::fromView(answers.takeFirst());
    }
};

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
    int asked = 0; // how many secrets the prompt was asked for
};

inline CliRun runCli(const QStringList &arguments, const QList<QByteArray> &answers = {})
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    ScriptedPrompt prompt;
    prompt.answers = answers;
    FixedClock clock(testEpoch());
    cli::CommandIo io{out, err, prompt, clock};
    run.code = cli::runCli(QStringList{QStringLiteral("broadview")} + arguments, io);
    out.flush();
    err.flush();
    run.asked = prompt.asked;
    return run;
}

// "check --store" -> {"check", "--store"}
inline QStringList words(const char *spaced)
{
    return QString::fromLatin1(spaced).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

inline QStringList recoveryKeysIn(const QString &text)
{
    static const QRegularExpression key(
        QStringLiteral("(?<![0-9A-Z-])[0-9A-Z]{4}(?:-[0-9A-Z]{4}){12}(?![0-9A-Z-])"));
    QStringList keys;
    for (auto it = key.globalMatch(text); it.hasNext();)
        keys.append(it.next().captured());
    return keys;
}

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

inline QJsonObject parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

// Saves the secret variables at construction and puts them back at destruction.
class SavedEnvironment
{
public:
    SavedEnvironment()
    {
        for (const QByteArray &name : kSecretVariables) {
            m_saved.insert(name, qEnvironmentVariableIsSet(name.constData())
                                     ? std::optional(qgetenv(name.constData()))
                                     : std::nullopt);
        }
    }
    ~SavedEnvironment()
    {
        for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
            if (it.value())
                qputenv(it.key().constData(), *it.value());
            else
                qunsetenv(it.key().constData());
        }
    }
    static void clear()
    {
        for (const QByteArray &name : kSecretVariables)
            qunsetenv(name.constData());
    }

private:
    QMap<QByteArray, std::optional<QByteArray>> m_saved;
};

// A directory for the store's files and another for secrets and other inputs, so that a
// snapshot holds exactly the files a command could change. No secret variable is set.
class CliWorkspace
{
public:
    CliWorkspace() { SavedEnvironment::clear(); }
    ~CliWorkspace() { SavedEnvironment::clear(); }

    bool isValid() const { return m_dir.isValid() && m_inputs.isValid(); }
    QString store() const { return m_dir.filePath(QStringLiteral("cli.bvstore")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString inputPath(const QString &name) const { return m_inputs.filePath(name); }

    QString input(const QString &name, const QByteArray &bytes)
    {
        writeFile(inputPath(name), bytes);
        return inputPath(name);
    }
    QStringList withPassphrase(const QStringList &arguments, const QByteArray &secret)
    {
        return arguments
               + QStringList{QStringLiteral("--passphrase-file"),
                             input(QStringLiteral("passphrase"), secret + '\n')};
    }
    // `check` on the store (or another), with the passphrase from a file.
    int check(const QByteArray &secret, const QString &store = {})
    {
        const QString path = store.isEmpty() ? this->store() : store;
        return runCli(withPassphrase(words("check --store") << path, secret)).code;
    }
    // `init` with kCliPassphrase; returns the printed recovery key (empty on failure).
    QString initStore(const QString &store = {})
    {
        const QString path = store.isEmpty() ? this->store() : store;
        const CliRun run = runCli(
            withPassphrase(words("init --insecure-test-kdf --store") << path, kCliPassphrase));
        if (run.code != cli::ExitOk)
            qWarning("init failed with %d: %s", run.code, qPrintable(run.err));
        return recoveryKeysIn(run.out).value(0);
    }

    QMap<QString, QByteArray> snapshot() const
    {
        QMap<QString, QByteArray> files;
        const QDir dir(m_dir.path());
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
            files.insert(name, readFile(dir.filePath(name)));
        return files;
    }
    void compareSnapshot(const QMap<QString, QByteArray> &before) const
    {
        const auto after = snapshot();
        QCOMPARE(after.keys(), before.keys());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(after.value(it.key()) == it.value(),
                     qPrintable(it.key() + QStringLiteral(" changed")));
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_inputs;
};

} // namespace bv::test
