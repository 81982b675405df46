// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/accesscontext.h"
#include "access/session.h"
#include "common/clock.h"
#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// QVERIFY for a Result: on failure, prints the error's message.
#define QVERIFY_RESULT(expr)                                                                       \
    do {                                                                                           \
        const auto &bvResult_ = (expr);                                                            \
        QVERIFY2(bvResult_.ok(), bvResult_.ok() ? "" : qPrintable(bvResult_.error().message));     \
    } while (false)

namespace bv::test {

// Once per test process, before any store opens: the SQLCipher check, libsodium with its
// known-answer tests, QStandardPaths test mode (logs and settings in a scratch location).
void initialiseTestProcess();

// The fixed instant every test clock starts at.
QDateTime testEpoch();

access::AccessContext adminContext(const QString &purpose = QStringLiteral("testing"));

// A store made with the minimum KDF cost, in a temporary directory the fixture owns.
class StoreFixture
{
public:
    explicit StoreFixture(const QByteArray &passphrase = QByteArrayLiteral("correct horse"));

    bool isValid() const { return m_dir.isValid(); }
    QString dir() const { return m_dir.path(); }
    const store::StorePaths &paths() const { return m_paths; }
    const QByteArray &passphrase() const { return m_passphrase; }
    FixedClock &clock() { return m_clock; }

    // Creates the store (once); the returned session is open.
    [[nodiscard]] Result<std::unique_ptr<access::Session>> create();
    [[nodiscard]] Result<std::unique_ptr<access::Session>> unlock();
    QString recoveryKeyText() const { return m_recoveryKeyText; }

private:
    QTemporaryDir m_dir;
    store::StorePaths m_paths;
    QByteArray m_passphrase;
    FixedClock m_clock;
    QString m_recoveryKeyText;
};

// Bytes of a file, or an empty array if it cannot be read.
QByteArray readFile(const QString &path);

// A PDF's text as pdftotext reads it (as a screen reader or a search would), whitespace
// simplified; empty when it cannot be read.
QString pdfText(const QString &path);

// Inserts one source, one source_person (with the given family name) and a person linking it.
// Returns the person id. For tests that need feed-shaped rows before the feeds exist.
[[nodiscard]] Result<qint64> insertPerson(store::Database &db, const QString &sourceCode,
                                          const QString &externalId, const QString &familyName);

// Person 7, known to health (record h1) and police (p1) as Ada Quennell, born 1990-04-01,
// with three events: health e1 (GP appointment, 2024-03-01 10:00Z, routine), police e2
// (Domestic incident, 2024-03-01 date only, key, outcome "Referred to MARAC") and police e3
// (Welfare check, 2023-12-25 22:15Z, notable); event ids 1, 2, 3. The search index is built.
[[nodiscard]] Result<qint64> insertPersonWithEvents(store::Database &db);

} // namespace bv::test

// QTEST_GUILESS_MAIN with the process set-up every Broadview test needs.
#define BV_TEST_MAIN(TestClass)                                                                    \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QCoreApplication app(argc, argv);                                                          \
        bv::test::initialiseTestProcess();                                                         \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
