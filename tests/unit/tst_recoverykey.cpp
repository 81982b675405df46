// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "store/recoverykey.h"

#include <QTest>

using namespace bv;
using namespace bv::store;

class tst_RecoveryKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void parseAcceptsLookAlikes_data();
    void parseAcceptsLookAlikes();
    void parseRejects_data();
    void parseRejects();
    void generateIsRandom();
};

namespace {

SecretBytes secret(const QByteArray &bytes)
{
    return SecretBytes::fromView(bytes);
}

QByteArray text(const SecretBytes &bytes)
{
    return bytes.view().toByteArray();
}

// A fixed key whose printed form holds both '0' and '1'.
QByteArray lookAlikeKey()
{
    QByteArray key(32, '\0');
    for (int i = 0; i < 32; ++i)
        key[i] = static_cast<char>(i * 37 + 11);
    return key;
}

} // namespace

void tst_RecoveryKey::roundTrip_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("all zero") << QByteArray(32, '\0');
    QTest::newRow("all ones") << QByteArray(32, '\xff');
    QTest::newRow("counting") << lookAlikeKey();
    QTest::newRow("random") << text(RecoveryKey::generate());
}

void tst_RecoveryKey::roundTrip()
{
    QFETCH(QByteArray, key);
    const QByteArray formatted = text(RecoveryKey::format(secret(key)));
    // 13 groups of four from Crockford's alphabet.
    const QList<QByteArray> groups = formatted.split('-');
    QCOMPARE(groups.size(), 13);
    for (const QByteArray &group : groups) {
        QCOMPARE(group.size(), 4);
        for (char c : group)
            QVERIFY2(QByteArray("0123456789ABCDEFGHJKMNPQRSTVWXYZ").contains(c),
                     formatted.constData());
    }
    auto parsed = RecoveryKey::parse(secret(formatted));
    QVERIFY_RESULT(parsed);
    QCOMPARE(text(parsed.value()), key);
}

void tst_RecoveryKey::parseAcceptsLookAlikes_data()
{
    QTest::addColumn<QByteArray>("typed");
    const QByteArray formatted = text(RecoveryKey::format(secret(lookAlikeKey())));
    QByteArray lookAlikeO = formatted;
    QByteArray lookAlikeI = formatted;
    QByteArray lookAlikeL = formatted;
    QTest::newRow("as printed") << formatted;
    QTest::newRow("lower case") << formatted.toLower();
    QTest::newRow("spaces for dashes") << QByteArray(formatted).replace('-', ' ');
    QTest::newRow("no separators") << QByteArray(formatted).replace("-", "");
    QTest::newRow("O for zero") << lookAlikeO.replace('0', 'O');
    QTest::newRow("I for one") << lookAlikeI.replace('1', 'I');
    QTest::newRow("lower-case l for one") << lookAlikeL.replace('1', 'l');
    QTest::newRow("everything at once, with a newline")
        << QByteArray(formatted).replace('0', 'o').replace('1', 'L').replace('-', ' ').toLower()
               + "\n";
}

void tst_RecoveryKey::parseAcceptsLookAlikes()
{
    QFETCH(QByteArray, typed);
    // The key's text holds both digits that have look-alikes, so every row substitutes some.
    const QByteArray printed = text(RecoveryKey::format(secret(lookAlikeKey())));
    QVERIFY(printed.contains('0') && printed.contains('1'));
    auto parsed = RecoveryKey::parse(secret(typed));
    QVERIFY_RESULT(parsed);
    QCOMPARE(text(parsed.value()), lookAlikeKey());
}

void tst_RecoveryKey::parseRejects_data()
{
    QTest::addColumn<QByteArray>("typed");
    QTest::addColumn<QString>("why");
    const QByteArray formatted = text(RecoveryKey::format(RecoveryKey::generate()));
    const QString length = QStringLiteral("has 52 characters");
    QTest::newRow("empty") << QByteArray() << length;
    QTest::newRow("one character short") << formatted.chopped(1) << length;
    QTest::newRow("one character extra") << formatted + "7" << length;
    QTest::newRow("a group missing") << formatted.left(formatted.size() - 5) << length;
    QTest::newRow("U is not in the alphabet")
        << QByteArray(formatted).replace(0, 1, "U") << QStringLiteral("character 1 is not one");
    QTest::newRow("punctuation") << QByteArray(formatted).replace(5, 1, "*")
                                 << QStringLiteral("character 6 is not one");
    QTest::newRow("non-ASCII letter") << QByteArray(formatted).replace(0, 1, "\xc3\xa9")
                                      << QStringLiteral("character 1 is not one");
}

void tst_RecoveryKey::parseRejects()
{
    QFETCH(QByteArray, typed);
    QFETCH(QString, why);
    auto parsed = RecoveryKey::parse(secret(typed));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::WrongPassphrase);
    QVERIFY2(parsed.error().message.contains(why), qPrintable(parsed.error().message));
}

void tst_RecoveryKey::generateIsRandom()
{
    const SecretBytes a = RecoveryKey::generate();
    const SecretBytes b = RecoveryKey::generate();
    QCOMPARE(a.size(), RecoveryKey::kBytes);
    QVERIFY(!a.equals(b));
    QVERIFY(text(a) != QByteArray(32, '\0'));
}

BV_TEST_MAIN(tst_RecoveryKey)
#include "tst_recoverykey.moc"
