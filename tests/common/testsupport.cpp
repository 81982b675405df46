// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"

#include "search/personsearchindex.h"
#include "store/crypto.h"
#include "store/database.h"
#include "store/sqlitelibrary.h"
#include "store/statement.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>

namespace bv::test {

void initialiseTestProcess()
{
    QStandardPaths::setTestModeEnabled(true);
    auto library = store::verifySqliteLibrary();
    if (!library.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(library.error().message));
        std::exit(12);
    }
    auto crypto = store::initialiseCrypto();
    if (!crypto.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(crypto.error().message));
        std::exit(1);
    }
}

QDateTime testEpoch()
{
    return QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);
}

access::AccessContext adminContext(const QString &purpose)
{
    return access::AccessContext::administrator(QStringLiteral("test.user"), purpose);
}

StoreFixture::StoreFixture(const QByteArray &passphrase)
    : m_paths(store::StorePaths::forStore(m_dir.filePath(QStringLiteral("test.bvstore"))))
    , m_passphrase(passphrase)
    , m_clock(testEpoch())
{}

Result<std::unique_ptr<access::Session>> StoreFixture::create()
{
    auto created = access::Session::create(m_paths, SecretBytes::fromView(m_passphrase),
                                           store::KdfParams::minimum(), adminContext(), m_clock);
    BV_TRY(created);
    m_recoveryKeyText
        = QString::fromLatin1(reinterpret_cast<const char *>(created->recoveryKeyText.data()),
                              static_cast<qsizetype>(created->recoveryKeyText.size()));
    return std::move(created->session);
}

Result<std::unique_ptr<access::Session>> StoreFixture::unlock()
{
    return access::Session::unlock(m_paths, SecretBytes::fromView(m_passphrase), adminContext(),
                                   m_clock);
}

QString pdfText(const QString &path)
{
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    return pdftotext.waitForFinished(30000)
               ? QString::fromUtf8(pdftotext.readAllStandardOutput()).simplified()
               : QString();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Result<qint64> insertPerson(store::Database &db, const QString &sourceCode,
                            const QString &externalId, const QString &familyName)
{
    auto source = db.prepare("INSERT OR IGNORE INTO source(code, agency, format, endpoint) "
                             "VALUES (?, 'health', 'fhir-r4', 'https://127.0.0.1/fhir')");
    BV_TRY(source);
    source->bind(1, sourceCode);
    BV_TRY(source->run());
    auto record = db.prepare(
        "INSERT INTO source_person(source_id, external_id, given_name, family_name, birth_date, "
        "received_at) VALUES ((SELECT id FROM source WHERE code = ?), ?, 'Alex', ?, '1990-04-01', "
        "'2026-03-01T09:30:00.000Z')");
    BV_TRY(record);
    record->bind(1, sourceCode).bind(2, externalId).bind(3, familyName);
    BV_TRY(record->run());
    const qint64 sourcePersonId = db.lastInsertRowId();
    BV_TRY(db.exec("INSERT INTO person(created_at, updated_at) VALUES "
                   "('2026-03-01T09:30:00.000Z', '2026-03-01T09:30:00.000Z')"));
    const qint64 personId = db.lastInsertRowId();
    auto link = db.prepare("INSERT INTO person_link(source_person_id, person_id, match_weight, "
                           "decided_by, decided_at) VALUES (?, ?, NULL, 'auto', "
                           "'2026-03-01T09:30:00.000Z')");
    BV_TRY(link);
    link->bind(1, sourcePersonId).bind(2, personId);
    BV_TRY(link->run());
    return personId;
}

Result<qint64> insertPersonWithEvents(store::Database &db)
{
    BV_TRY(db.exec(
        "INSERT INTO source(id, code, agency, format, endpoint) VALUES "
        "(1, 'health', 'health', 'fhir-r4', 'https://127.0.0.1/'), "
        "(2, 'police', 'police', 'json', 'https://127.0.0.1/');"
        "INSERT INTO source_person(id, source_id, external_id, given_name, family_name, "
        "birth_date, received_at) VALUES "
        "(1, 1, 'h1', 'Ada', 'Quennell', '1990-04-01', '2026-03-01T09:30:00.000Z'), "
        "(2, 2, 'p1', 'Ada', 'Quennell', '1990-04-01', '2026-03-01T09:30:00.000Z');"
        "INSERT INTO person(id, created_at, updated_at) VALUES (7, '2026-03-01', '2026-03-01');"
        "INSERT INTO person_link(source_person_id, person_id, decided_by, decided_at) VALUES "
        "(1, 7, 'auto', '2026-03-01'), (2, 7, 'auto', '2026-03-01');"
        "INSERT INTO event(id, source_id, external_id, source_person_id, occurred_at, "
        "occurred_date, category, title, summary, outcome, significance, received_at) VALUES "
        "(1, 1, 'e1', 1, '2024-03-01T10:00:00.000Z', NULL, 'health', 'GP appointment', "
        "'Review of medication', NULL, 1, '2026-03-01'), "
        "(2, 2, 'e2', 2, NULL, '2024-03-01', 'police', 'Domestic incident', "
        "'Neighbour reported shouting', 'Referred to MARAC', 3, '2026-03-01'), "
        "(3, 2, 'e3', 2, '2023-12-25T22:15:00.000Z', NULL, 'police', 'Welfare check', "
        "'Found safe and well', NULL, 2, '2026-03-01');"));
    auto indexed = search::PersonSearchIndex::rebuild(db);
    BV_TRY(indexed);
    return qint64(7);
}

} // namespace bv::test
