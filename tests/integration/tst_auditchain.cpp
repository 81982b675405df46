// SPDX-License-Identifier: GPL-3.0-or-later
// The audit chain against an attacker who holds the store key and edits the table with SQL:
// every kind of tampering is named with the entry where it starts.
#include "access/auditlog.h"
#include "access/auditverifier.h"
#include "access/session.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/transaction.h"

#include <QFile>
#include <QStringList>
#include <QTest>

using namespace bv;
using namespace bv::access;

namespace {

constexpr qint64 kEntries = 11; // store.create, then ten person reads

QString kindName(AuditFinding::Kind kind)
{
    switch (kind) {
    case AuditFinding::Kind::Edited:
        return QStringLiteral("Edited");
    case AuditFinding::Kind::Missing:
        return QStringLiteral("Missing");
    case AuditFinding::Kind::Reordered:
        return QStringLiteral("Reordered");
    case AuditFinding::Kind::BrokenLink:
        return QStringLiteral("BrokenLink");
    case AuditFinding::Kind::Truncated:
        return QStringLiteral("Truncated");
    case AuditFinding::Kind::HeadMismatch:
        return QStringLiteral("HeadMismatch");
    case AuditFinding::Kind::MirrorMissing:
        return QStringLiteral("MirrorMissing");
    case AuditFinding::Kind::MirrorInvalid:
        return QStringLiteral("MirrorInvalid");
    case AuditFinding::Kind::MirrorBehind:
        return QStringLiteral("MirrorBehind");
    }
    return QStringLiteral("?");
}

// "Kind@seq" per finding, in order, with "(note)" for findings that are not tampering.
QString describe(const AuditReport &report)
{
    QStringList parts;
    for (const AuditFinding &finding : report.findings)
        parts.append(QStringLiteral("%1@%2%3")
                         .arg(kindName(finding.kind))
                         .arg(finding.seq)
                         .arg(finding.tampering ? QString() : QStringLiteral("(note)")));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class tst_AuditChain : public QObject
{
    Q_OBJECT

public:
    enum class Tamper {
        None,
        EditDetail,
        EditLastTime,
        EditAndRehash,
        DeleteMiddle,
        DeleteRange,
        SwapContents,
        SwapDistant,
        DeleteLast,
        DeleteTailKeepHead,
        DeleteTailRewindHead,
        DeleteTailRewindHeadAndMirror,
        DeleteMirror,
        EditMirrorSeq,
        GarbageMirror,
        MirrorFromAnotherKey,
        MirrorOneBehind,
    };
    Q_ENUM(Tamper)

private Q_SLOTS:
    void init();
    void cleanup();
    void verifyNamesTheTampering_data();
    void verifyNamesTheTampering();
    void triggersRejectChanges_data();
    void triggersRejectChanges();
    void appendRolledBackWithCallerLeavesNoTrace();
    void mirrorWrittenOnlyAfterCommit();
    void appendAfterTruncationKeepsMirror_data();
    void appendAfterTruncationKeepsMirror();
    void appendKeepsMissingOrInvalidMirror_data();
    void appendKeepsMissingOrInvalidMirror();
    void resetMirrorRecordsTheOldOneAndRestoresVerification_data();
    void resetMirrorRecordsTheOldOneAndRestoresVerification();

private:
    store::Database &db() { return m_session->database(); }
    QString mirrorPath() const { return m_fixture->paths().auditMirror(); }
    Result<AuditReport> verify()
    {
        return AuditVerifier::verify(db(), mirrorPath(), m_session->storeKey());
    }
    void dropTriggers();
    void truncateTail(qint64 from, bool rewindHead);
    void apply(Tamper tamper);

    std::unique_ptr<test::StoreFixture> m_fixture;
    std::unique_ptr<Session> m_session;
};

void tst_AuditChain::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isValid());
    auto session = m_fixture->create();
    QVERIFY_RESULT(session);
    m_session = std::move(session.value());
    for (int i = 1; i < kEntries; ++i) {
        m_fixture->clock().advanceSeconds(60);
        auto seq = m_session->audit().append(test::adminContext(QStringLiteral("case review")),
                                             {QStringLiteral("person.read"),
                                              QStringLiteral("person:%1").arg(i),
                                              QStringLiteral("records=2 withheld=0")});
        QVERIFY_RESULT(seq);
        QCOMPARE(seq.value(), qint64(i + 1));
    }
    QCOMPARE(AuditLog::readMirror(mirrorPath())->head.seq, kEntries);
}

void tst_AuditChain::cleanup()
{
    m_session.reset();
    m_fixture.reset();
}

void tst_AuditChain::dropTriggers()
{
    QVERIFY_RESULT(db().exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"));
}

void tst_AuditChain::truncateTail(qint64 from, bool rewindHead)
{
    auto remove = db().prepare("DELETE FROM audit WHERE seq >= ?");
    QVERIFY_RESULT(remove);
    remove->bind(1, from);
    QVERIFY_RESULT(remove->run());
    if (rewindHead) {
        QVERIFY_RESULT(db().exec("UPDATE audit_head SET seq = (SELECT max(seq) FROM audit), "
                                 "hash = (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1)"));
    }
}

void tst_AuditChain::apply(Tamper tamper)
{
    dropTriggers();
    switch (tamper) {
    case Tamper::None:
        break;
    case Tamper::EditDetail:
        QVERIFY_RESULT(db().exec("UPDATE audit SET detail = 'records=0' WHERE seq = 5"));
        break;
    case Tamper::EditLastTime:
        QVERIFY_RESULT(
            db().exec("UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 11"));
        break;
    case Tamper::EditAndRehash: {
        // The entry hash needs no key: an attacker can make the edited entry consistent.
        auto read = db().prepare("SELECT seq, at, user, role, action, purpose, subject, detail, "
                                 "prev_hash FROM audit WHERE seq = 5");
        QVERIFY_RESULT(read);
        QVERIFY(read->step().value());
        AuditRow row{read->int64(0), read->text(1), read->text(2), read->text(3), read->text(4),
                     read->text(5),  read->text(6), read->text(7), read->blob(8), QByteArray()};
        row.subject = QStringLiteral("person:999");
        auto write = db().prepare("UPDATE audit SET subject = ?, hash = ? WHERE seq = 5");
        QVERIFY_RESULT(write);
        write->bind(1, row.subject).bindBlob(2, AuditLog::entryHash(row));
        QVERIFY_RESULT(write->run());
        break;
    }
    case Tamper::DeleteMiddle:
        QVERIFY_RESULT(db().exec("DELETE FROM audit WHERE seq = 5"));
        break;
    case Tamper::DeleteRange:
        QVERIFY_RESULT(db().exec("DELETE FROM audit WHERE seq BETWEEN 4 AND 6"));
        break;
    case Tamper::SwapContents:
        QVERIFY_RESULT(db().exec("UPDATE audit SET seq = -4 WHERE seq = 4; "
                                 "UPDATE audit SET seq = 4 WHERE seq = 5; "
                                 "UPDATE audit SET seq = 5 WHERE seq = -4"));
        break;
    case Tamper::SwapDistant:
        QVERIFY_RESULT(db().exec("UPDATE audit SET seq = -4 WHERE seq = 4; "
                                 "UPDATE audit SET seq = 4 WHERE seq = 7; "
                                 "UPDATE audit SET seq = 7 WHERE seq = -4"));
        break;
    case Tamper::DeleteLast:
        truncateTail(11, false);
        break;
    case Tamper::DeleteTailKeepHead:
        truncateTail(9, false);
        break;
    case Tamper::DeleteTailRewindHead:
        truncateTail(9, true);
        break;
    case Tamper::DeleteTailRewindHeadAndMirror:
        truncateTail(9, true);
        QVERIFY(QFile::remove(mirrorPath()));
        break;
    case Tamper::DeleteMirror:
        QVERIFY(QFile::remove(mirrorPath()));
        break;
    case Tamper::EditMirrorSeq: {
        QByteArray text = test::readFile(mirrorPath());
        QVERIFY(text.contains("\nseq 11\n"));
        text.replace("\nseq 11\n", "\nseq 12\n");
        QFile file(mirrorPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(text), text.size());
        break;
    }
    case Tamper::GarbageMirror: {
        QFile file(mirrorPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(file.write("not a mirror\n") > 0);
        break;
    }
    case Tamper::MirrorFromAnotherKey: {
        auto head = m_session->audit().head();
        QVERIFY_RESULT(head);
        QVERIFY(QFile::remove(mirrorPath()));
        const SecretBytes otherKey = AuditLog::mirrorKey(SecretBytes::random(32));
        QVERIFY_RESULT(AuditLog::writeMirror(mirrorPath(), otherKey, head.value()));
        break;
    }
    case Tamper::MirrorOneBehind: {
        // What a crash between the commit and the mirror write leaves.
        auto hash = db().prepare("SELECT hash FROM audit WHERE seq = 10");
        QVERIFY_RESULT(hash);
        QVERIFY(hash->step().value());
        const AuditHead behind{10, hash->blob(0)};
        QVERIFY(QFile::remove(mirrorPath()));
        QVERIFY_RESULT(AuditLog::writeMirror(mirrorPath(),
                                             AuditLog::mirrorKey(m_session->storeKey()), behind));
        break;
    }
    }
}

void tst_AuditChain::verifyNamesTheTampering_data()
{
    QTest::addColumn<Tamper>("tamper");
    QTest::addColumn<QString>("findings");
    QTest::addColumn<bool>("intact");

    QTest::newRow("untouched chain") << Tamper::None << QString() << true;
    QTest::newRow("entry 5 detail edited") << Tamper::EditDetail << "Edited@5" << false;
    QTest::newRow("last entry's time edited") << Tamper::EditLastTime << "Edited@11" << false;
    QTest::newRow("entry 5 edited, its hash recomputed")
        << Tamper::EditAndRehash << "BrokenLink@6" << false;
    QTest::newRow("entry 5 deleted") << Tamper::DeleteMiddle << "Missing@5" << false;
    QTest::newRow("entries 4 to 6 deleted") << Tamper::DeleteRange << "Missing@4" << false;
    QTest::newRow("entries 4 and 5 swapped")
        << Tamper::SwapContents << "Reordered@4 Reordered@5" << false;
    QTest::newRow("entries 4 and 7 swapped")
        << Tamper::SwapDistant << "Reordered@4 Reordered@7" << false;
    QTest::newRow("last entry deleted") << Tamper::DeleteLast << "Truncated@11" << false;
    QTest::newRow("last 3 deleted, head left")
        << Tamper::DeleteTailKeepHead << "Truncated@9" << false;
    QTest::newRow("last 3 deleted, head rewound: the mirror tells")
        << Tamper::DeleteTailRewindHead << "Truncated@9" << false;
    // The documented limit: with the mirror gone too, the truncation reads as a missing mirror.
    QTest::newRow("last 3 deleted, head rewound, mirror deleted")
        << Tamper::DeleteTailRewindHeadAndMirror << "MirrorMissing@0" << false;
    QTest::newRow("mirror deleted") << Tamper::DeleteMirror << "MirrorMissing@0" << false;
    QTest::newRow("mirror seq edited") << Tamper::EditMirrorSeq << "MirrorInvalid@0" << false;
    QTest::newRow("mirror unreadable") << Tamper::GarbageMirror << "MirrorInvalid@0" << false;
    QTest::newRow("mirror made with another store's key")
        << Tamper::MirrorFromAnotherKey << "MirrorInvalid@0" << false;
    QTest::newRow("mirror one entry behind")
        << Tamper::MirrorOneBehind << "MirrorBehind@11(note)" << true;
}

void tst_AuditChain::verifyNamesTheTampering()
{
    QFETCH(Tamper, tamper);
    QFETCH(QString, findings);
    QFETCH(bool, intact);

    apply(tamper);
    if (QTest::currentTestFailed())
        return;
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), findings);
    QCOMPARE(report->intact(), intact);
    for (const AuditFinding &finding : report->findings)
        QVERIFY2(!finding.message.isEmpty(), qPrintable(kindName(finding.kind)));
}

void tst_AuditChain::triggersRejectChanges_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("update one entry")
        << QStringLiteral("UPDATE audit SET detail = 'x' WHERE seq = 5");
    QTest::newRow("update every entry") << QStringLiteral("UPDATE audit SET user = 'x'");
    QTest::newRow("delete one entry") << QStringLiteral("DELETE FROM audit WHERE seq = 5");
    QTest::newRow("delete the tail") << QStringLiteral("DELETE FROM audit WHERE seq > 8");
    QTest::newRow("delete every entry") << QStringLiteral("DELETE FROM audit");
    QTest::newRow("replace an entry")
        << QStringLiteral("INSERT OR REPLACE INTO audit(seq, at, user, role, action, purpose, "
                          "subject, detail, prev_hash, hash) SELECT seq, at, 'x', role, action, "
                          "purpose, subject, detail, prev_hash, hash FROM audit WHERE seq = 5");
}

void tst_AuditChain::triggersRejectChanges()
{
    QFETCH(QString, sql);
    const QByteArray mirrorBefore = test::readFile(mirrorPath());
    const auto result = db().exec(sql.toStdString());
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(QLatin1String("the audit is append-only")),
             qPrintable(result.error().message));
    QCOMPARE(db().queryInt("SELECT count(*) FROM audit").value(), kEntries);
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), QString());
    QCOMPARE(test::readFile(mirrorPath()), mirrorBefore);
}

void tst_AuditChain::appendRolledBackWithCallerLeavesNoTrace()
{
    const QByteArray mirrorBefore = test::readFile(mirrorPath());
    auto headBefore = m_session->audit().head();
    QVERIFY_RESULT(headBefore);
    {
        auto tx = store::Transaction::begin(db());
        QVERIFY_RESULT(tx);
        auto seq = m_session->audit().append(
            test::adminContext(), {QStringLiteral("person.read"), QStringLiteral("person:1"),
                                   QStringLiteral("records=1 withheld=0")});
        QVERIFY_RESULT(seq);
        QCOMPARE(seq.value(), kEntries + 1);
    } // the caller's work failed: rolled back
    QCOMPARE(db().queryInt("SELECT count(*) FROM audit").value(), kEntries);
    auto headAfter = m_session->audit().head();
    QVERIFY_RESULT(headAfter);
    QCOMPARE(headAfter->seq, headBefore->seq);
    QCOMPARE(headAfter->hash, headBefore->hash);
    QCOMPARE(test::readFile(mirrorPath()), mirrorBefore);

    // The dropped entry's mirror update must not run at a later, unrelated commit either.
    {
        auto tx = store::Transaction::begin(db());
        QVERIFY_RESULT(tx);
        QVERIFY_RESULT(tx->commit());
    }
    QCOMPARE(test::readFile(mirrorPath()), mirrorBefore);
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), QString());
}

void tst_AuditChain::mirrorWrittenOnlyAfterCommit()
{
    const QByteArray mirrorBefore = test::readFile(mirrorPath());
    auto tx = store::Transaction::begin(db());
    QVERIFY_RESULT(tx);
    auto seq = m_session->audit().append(
        test::adminContext(),
        {QStringLiteral("export"), QStringLiteral("person:3"), QStringLiteral("format=pdf")});
    QVERIFY_RESULT(seq);
    // Before the commit a mirror ahead of the table would read as truncation.
    QCOMPARE(test::readFile(mirrorPath()), mirrorBefore);
    QVERIFY_RESULT(tx->commit());
    const auto mirror = AuditLog::readMirror(mirrorPath());
    QVERIFY(mirror.has_value());
    QCOMPARE(mirror->head.seq, seq.value());
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), QString());
    QCOMPARE(report->entries, kEntries + 1);
}

void tst_AuditChain::appendAfterTruncationKeepsMirror_data()
{
    QTest::addColumn<int>("appends");
    QTest::addColumn<QString>("findings");
    // Entries 9 to 11 deleted and the head rewound to 8; then the app appends again.
    QTest::newRow("one append, below the mirror") << 1 << "Truncated@10";
    QTest::newRow("three appends, reaching the mirror's entry") << 3 << "Edited@11";
    QTest::newRow("five appends, past the mirror's entry") << 5 << "Edited@11";
}

void tst_AuditChain::appendAfterTruncationKeepsMirror()
{
    QFETCH(int, appends);
    QFETCH(QString, findings);

    dropTriggers();
    truncateTail(9, true);
    auto detected = verify();
    QVERIFY_RESULT(detected);
    QCOMPARE(describe(detected.value()), QStringLiteral("Truncated@9"));

    const QByteArray evidence = test::readFile(mirrorPath());
    for (int i = 0; i < appends; ++i) {
        // The entry itself is written; only the mirror refuses to move back over the gap.
        QVERIFY_RESULT(
            m_session->audit().append(test::adminContext(), {QStringLiteral("store.unlock"),
                                                             QStringLiteral("store"), QString()}));
        QCOMPARE(test::readFile(mirrorPath()), evidence);
    }
    QCOMPARE(db().queryInt("SELECT max(seq) FROM audit").value(), qint64(8 + appends));
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), findings);
    QVERIFY(!report->intact());
}

void tst_AuditChain::appendKeepsMissingOrInvalidMirror_data()
{
    QTest::addColumn<Tamper>("tamper");
    QTest::addColumn<QString>("findings");
    QTest::newRow("mirror deleted") << Tamper::DeleteMirror << "MirrorMissing@0";
    QTest::newRow("mirror forged") << Tamper::EditMirrorSeq << "MirrorInvalid@0";
}

void tst_AuditChain::appendKeepsMissingOrInvalidMirror()
{
    QFETCH(Tamper, tamper);
    QFETCH(QString, findings);
    apply(tamper);
    const bool existed = QFile::exists(mirrorPath());
    const QByteArray evidence = test::readFile(mirrorPath());
    // Normal use goes on (every unlock appends), but the mirror is not silently recreated.
    for (int i = 0; i < 3; ++i)
        QVERIFY_RESULT(
            m_session->audit().append(test::adminContext(), {QStringLiteral("store.unlock"),
                                                             QStringLiteral("store"), QString()}));
    QCOMPARE(QFile::exists(mirrorPath()), existed);
    QCOMPARE(test::readFile(mirrorPath()), evidence);
    auto report = verify();
    QVERIFY_RESULT(report);
    QCOMPARE(describe(report.value()), findings);
}

void tst_AuditChain::resetMirrorRecordsTheOldOneAndRestoresVerification_data()
{
    QTest::addColumn<Tamper>("tamper");
    QTest::addColumn<QString>("recorded");
    QTest::newRow("missing") << Tamper::DeleteMirror << "previous mirror: missing";
    QTest::newRow("forged") << Tamper::EditMirrorSeq << "previous mirror: invalid";
    QTest::newRow("ahead after truncation")
        << Tamper::DeleteTailRewindHead << "previous mirror: seq=11 hash=";
}

void tst_AuditChain::resetMirrorRecordsTheOldOneAndRestoresVerification()
{
    QFETCH(Tamper, tamper);
    QFETCH(QString, recorded);
    apply(tamper);
    auto before = verify();
    QVERIFY_RESULT(before);
    const bool truncated
        = !before->intact() && describe(before.value()).contains(QLatin1String("Truncated"));

    auto seq = m_session->audit().resetMirror(test::adminContext(QStringLiteral("investigated")));
    QVERIFY_RESULT(seq);
    auto detail = db().prepare("SELECT action, purpose, detail FROM audit WHERE seq = ?");
    QVERIFY_RESULT(detail);
    detail->bind(1, seq.value());
    QVERIFY(detail->step().value());
    QCOMPARE(detail->text(0), QStringLiteral("audit.mirror_reset"));
    QCOMPARE(detail->text(1), QStringLiteral("investigated"));
    QVERIFY2(detail->text(2).startsWith(recorded), qPrintable(detail->text(2)));

    QCOMPARE(AuditLog::readMirror(mirrorPath())->head.seq, seq.value());
    auto after = verify();
    QVERIFY_RESULT(after);
    // A reset mirror verifies; what it replaced stays readable in the chain. A truncated
    // chain is still missing its entries, but the head and the mirror agree again.
    QVERIFY2(after->intact() || truncated, qPrintable(describe(after.value())));
    if (!truncated)
        QCOMPARE(describe(after.value()), QString());
}

BV_TEST_MAIN(tst_AuditChain)
#include "tst_auditchain.moc"
