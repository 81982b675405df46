// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/session.h"
#include "common/testsupport.h"
#include "store/annotationrepository.h"
#include "store/database.h"
#include "store/personrepository.h"

#include <QTest>

using namespace bv;

Q_DECLARE_METATYPE(bv::ErrorCode)

class tst_Annotations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addedNoteIsReadBackAndAudited();
    void refused_data();
    void refused();

private:
    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<access::Session> m_session;
};

void tst_Annotations::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    QVERIFY_RESULT(test::insertPersonWithEvents(m_session->database()));
}

void tst_Annotations::cleanup()
{
    m_session.reset();
    m_fixture.reset();
}

void tst_Annotations::addedNoteIsReadBackAndAudited()
{
    store::AnnotationRepository notes(m_session->database(), m_session->audit());
    auto id = notes.add(m_session->context(), 2, QStringLiteral("impact"),
                        QStringLiteral("  Ada missed two weeks of work  "),
                        QStringLiteral("2026-11-25T10:00:00Z"));
    QVERIFY_RESULT(id);
    auto person = store::PersonRepository(m_session->database(), m_session->audit())
                      .read(m_session->context(), 7);
    QVERIFY_RESULT(person);
    auto read = store::AnnotationRepository::forEvents(m_session->database(), person->events);
    QVERIFY_RESULT(read);
    // value() returns a copy: kept, so the reference below does not dangle.
    const std::vector<store::Annotation> onIncident = read->value(2);
    QCOMPARE(onIncident.size(), std::size_t(1));
    const store::Annotation &note = onIncident.front();
    QCOMPARE(note.kind, QStringLiteral("impact"));
    QCOMPARE(note.body, QStringLiteral("Ada missed two weeks of work"));
    QCOMPARE(note.author, m_session->context().user);
    // Audited with ids and the kind, never the words.
    auto audited = m_session->database().queryText(
        "SELECT subject || ' ' || detail FROM audit WHERE action = 'annotation.add'");
    QVERIFY_RESULT(audited);
    QCOMPARE(audited.value(), QStringLiteral("event:2 annotation=%1 kind=impact").arg(id.value()));
}

void tst_Annotations::refused_data()
{
    QTest::addColumn<qint64>("event");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("healthOnly");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("an event the reader may not see")
        << qint64(2) << QStringLiteral("note") << QStringLiteral("x") << true
        << ErrorCode::AccessDenied;
    QTest::newRow("empty") << qint64(1) << QStringLiteral("note") << QStringLiteral("   ") << false
                           << ErrorCode::Usage;
    QTest::newRow("unknown kind") << qint64(1) << QStringLiteral("gossip") << QStringLiteral("x")
                                  << false << ErrorCode::Usage;
    QTest::newRow("no such event") << qint64(99) << QStringLiteral("note") << QStringLiteral("x")
                                   << false << ErrorCode::NotFound;
}

void tst_Annotations::refused()
{
    QFETCH(qint64, event);
    QFETCH(QString, kind);
    QFETCH(QString, body);
    QFETCH(bool, healthOnly);
    QFETCH(ErrorCode, code);
    access::AccessContext reader = m_session->context();
    if (healthOnly)
        reader.agencies = {QStringLiteral("health")};
    auto added = store::AnnotationRepository(m_session->database(), m_session->audit())
                     .add(reader, event, kind, body, QStringLiteral("2026-11-25T10:00:00Z"));
    QVERIFY(!added.ok());
    QCOMPARE(added.error().code, code);
    // Nothing written, nothing audited.
    QCOMPARE(m_session->database().queryInt("SELECT count(*) FROM annotation").value(), qint64(0));
    QCOMPARE(m_session->database()
                 .queryInt("SELECT count(*) FROM audit WHERE action = 'annotation.add'")
                 .value(),
             qint64(0));
}

BV_TEST_MAIN(tst_Annotations)
#include "tst_annotations.moc"
