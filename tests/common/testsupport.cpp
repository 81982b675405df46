// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"

#include "store/crypto.h"
#include "store/database.h"
#include "store/sqlitelibrary.h"
#include "store/statement.h"

#include <QFile>
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

} // namespace bv::test
