// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/testsupport.h"
#include "feeds/dates.h"

#include <QTest>

using namespace bv;
using namespace bv::feeds;

namespace {

QDateTime utc(int year, int month, int day, int hour, int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC);
}

const QString kField = QStringLiteral("date of birth");

} // namespace

class tst_Dates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void calendarDate_data();
    void calendarDate();
    void calendarDateRejected_data();
    void calendarDateRejected();
    void instant_data();
    void instant();
    void instantRejected_data();
    void instantRejected();
    void localZoneIsNotTheProcessZone();
};

void tst_Dates::calendarDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("expected");

    const QDate april1(1990, 4, 1);
    QTest::newRow("ISO") << QStringLiteral("1990-04-01") << april1;
    QTest::newRow("UK day first") << QStringLiteral("01/04/1990") << april1;
    QTest::newRow("UK day first, no zero padding") << QStringLiteral("1/4/1990") << april1;
    QTest::newRow("ISO with midnight") << QStringLiteral("1990-04-01T00:00:00") << april1;
    QTest::newRow("ISO with time and offset, date as written")
        << QStringLiteral("1990-04-01T00:00:00+01:00") << april1;
    QTest::newRow("ISO with time late in the day, date as written")
        << QStringLiteral("1990-04-01T23:59:59.999Z") << april1;
    QTest::newRow("basic") << QStringLiteral("19900401") << april1;
    QTest::newRow("day and month name") << QStringLiteral("1 Apr 1990") << april1;
    QTest::newRow("month name upper case, zero padded") << QStringLiteral("01 APR 1990") << april1;
    QTest::newRow("full month name") << QStringLiteral("1 April 1990") << april1;
    QTest::newRow("hyphenated month name") << QStringLiteral("01-Apr-1990") << april1;
    QTest::newRow("Sept") << QStringLiteral("3 Sept 2001") << QDate(2001, 9, 3);
    QTest::newRow("surrounding spaces") << QStringLiteral("  1990-04-01 ") << april1;
    QTest::newRow("leap day") << QStringLiteral("29/02/2024") << QDate(2024, 2, 29);
    QTest::newRow("day after a DST change") << QStringLiteral("2024-03-31") << QDate(2024, 3, 31);
}

void tst_Dates::calendarDate()
{
    QFETCH(QString, text);
    QFETCH(QDate, expected);
    const Result<QDate> date = parseCalendarDate(text, kField);
    QVERIFY_RESULT(date);
    QCOMPARE(date.value(), expected);
}

void tst_Dates::calendarDateRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString invalid = QStringLiteral("The date of birth is not a valid date.");
    const QString unrecognised
        = QStringLiteral("The date of birth is not in a recognised date format.");
    QTest::newRow("30 February") << QStringLiteral("1990-02-30") << invalid;
    QTest::newRow("31 April, day first") << QStringLiteral("31/04/1990") << invalid;
    QTest::newRow("29 February in a common year") << QStringLiteral("29/02/2023") << invalid;
    QTest::newRow("month 13") << QStringLiteral("1990-13-01") << invalid;
    QTest::newRow("day zero") << QStringLiteral("00/04/1990") << invalid;
    QTest::newRow("basic, impossible") << QStringLiteral("19900230") << invalid;
    QTest::newRow("month name, impossible") << QStringLiteral("30 Feb 1990") << invalid;
    QTest::newRow("two-digit year") << QStringLiteral("01/04/90") << unrecognised;
    QTest::newRow("year first with slashes") << QStringLiteral("1990/04/01") << unrecognised;
    QTest::newRow("unknown month name") << QStringLiteral("1 Foo 1990") << unrecognised;
    QTest::newRow("words") << QStringLiteral("unknown") << unrecognised;
    QTest::newRow("empty") << QString() << QStringLiteral("The date of birth is empty.");
}

void tst_Dates::calendarDateRejected()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const Result<QDate> date = parseCalendarDate(text, kField);
    QVERIFY(!date.ok());
    QCOMPARE(date.error().message, reason);
}

void tst_Dates::instant_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("Z") << QStringLiteral("2024-03-31T01:30:00Z") << utc(2024, 3, 31, 1, 30);
    QTest::newRow("plus one hour")
        << QStringLiteral("2024-03-31T01:30:00+01:00") << utc(2024, 3, 31, 0, 30);
    QTest::newRow("minus five hours")
        << QStringLiteral("2024-03-31T01:30:00-05:00") << utc(2024, 3, 31, 6, 30);
    QTest::newRow("offset without colon")
        << QStringLiteral("2024-01-01T05:30:00+0530") << utc(2024, 1, 1, 0, 0);
    QTest::newRow("offset in hours only")
        << QStringLiteral("2024-01-01T05:30:00+05") << utc(2024, 1, 1, 0, 30);
    QTest::newRow("offset crosses midnight and year")
        << QStringLiteral("2024-01-01T00:30:00+01:00") << utc(2023, 12, 31, 23, 30);
    QTest::newRow("no seconds") << QStringLiteral("2024-06-01T12:00Z") << utc(2024, 6, 1, 12, 0);
    QTest::newRow("space for T") << QStringLiteral("2024-06-01 12:00:00Z")
                                 << utc(2024, 6, 1, 12, 0);
    QTest::newRow("milliseconds") << QStringLiteral("2024-06-01T12:00:00.123Z")
                                  << utc(2024, 6, 1, 12, 0, 0, 123);
    QTest::newRow("microseconds truncated")
        << QStringLiteral("2024-06-01T12:00:00.999999Z") << utc(2024, 6, 1, 12, 0, 0, 999);
    QTest::newRow("one fractional digit")
        << QStringLiteral("2024-06-01T12:00:00.5Z") << utc(2024, 6, 1, 12, 0, 0, 500);
    QTest::newRow("comma fraction")
        << QStringLiteral("2024-06-01T12:00:00,25+00:00") << utc(2024, 6, 1, 12, 0, 0, 250);

    // No offset: UK civil time.
    QTest::newRow("local, winter")
        << QStringLiteral("2024-01-15T12:00:00") << utc(2024, 1, 15, 12, 0);
    QTest::newRow("local, summer")
        << QStringLiteral("2024-07-01T12:00:00") << utc(2024, 7, 1, 11, 0);
    // 2024-03-31: clocks go from 01:00 GMT to 02:00 BST.
    QTest::newRow("spring, before the gap")
        << QStringLiteral("2024-03-31T00:59:59") << utc(2024, 3, 31, 0, 59, 59);
    QTest::newRow("spring, gap starts")
        << QStringLiteral("2024-03-31T01:00:00") << utc(2024, 3, 31, 1, 0);
    QTest::newRow("spring, in the gap reads as GMT")
        << QStringLiteral("2024-03-31T01:30:00") << utc(2024, 3, 31, 1, 30);
    QTest::newRow("spring, after the gap")
        << QStringLiteral("2024-03-31T02:00:00") << utc(2024, 3, 31, 1, 0);
    QTest::newRow("spring, later that day")
        << QStringLiteral("2024-03-31T12:00:00") << utc(2024, 3, 31, 11, 0);
    // 2024-10-27: clocks go from 02:00 BST back to 01:00 GMT; 01:00-01:59 happens twice.
    QTest::newRow("autumn, before the overlap")
        << QStringLiteral("2024-10-27T00:59:59") << utc(2024, 10, 26, 23, 59, 59);
    QTest::newRow("autumn, overlap starts, first occurrence")
        << QStringLiteral("2024-10-27T01:00:00") << utc(2024, 10, 27, 0, 0);
    QTest::newRow("autumn, in the overlap, first occurrence")
        << QStringLiteral("2024-10-27T01:30:00") << utc(2024, 10, 27, 0, 30);
    QTest::newRow("autumn, after the overlap")
        << QStringLiteral("2024-10-27T02:00:00") << utc(2024, 10, 27, 2, 0);
    QTest::newRow("autumn, with an explicit offset, second occurrence")
        << QStringLiteral("2024-10-27T01:30:00+00:00") << utc(2024, 10, 27, 1, 30);
}

void tst_Dates::instant()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const InstantParser parser;
    const Result<QDateTime> instant = parser.parse(text, QStringLiteral("encounter start"));
    QVERIFY_RESULT(instant);
    QCOMPARE(instant->timeSpec(), Qt::UTC);
    QCOMPARE(instant.value(), expected);
}

void tst_Dates::instantRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << QStringLiteral("2024-03-31");
    QTest::newRow("30 February") << QStringLiteral("2024-02-30T00:00:00Z");
    QTest::newRow("hour 25") << QStringLiteral("2024-03-31T25:00:00Z");
    QTest::newRow("minute 60") << QStringLiteral("2024-03-31T01:60:00Z");
    QTest::newRow("offset 24 hours") << QStringLiteral("2024-03-31T01:30:00+24:00");
    QTest::newRow("zone abbreviation") << QStringLiteral("2024-03-31T01:30:00 BST");
    QTest::newRow("UK date order") << QStringLiteral("31/03/2024 01:30");
    QTest::newRow("words") << QStringLiteral("yesterday");
}

void tst_Dates::instantRejected()
{
    QFETCH(QString, text);
    const InstantParser parser;
    const Result<QDateTime> instant = parser.parse(text, QStringLiteral("encounter start"));
    QVERIFY(!instant.ok());
    QVERIFY2(instant.error().message.contains(QLatin1String("encounter start")),
             qPrintable(instant.error().message));
    if (!text.isEmpty())
        QVERIFY2(!instant.error().message.contains(text), qPrintable(instant.error().message));
}

void tst_Dates::localZoneIsNotTheProcessZone()
{
    // The rules come from the parser's zone, not TZ: UTC here reads wall time as UTC.
    const InstantParser parser(QTimeZone::utc());
    const Result<QDateTime> instant
        = parser.parse(u"2024-07-01T12:00:00", QStringLiteral("encounter start"));
    QVERIFY_RESULT(instant);
    QCOMPARE(instant.value(), utc(2024, 7, 1, 12, 0));
    QVERIFY(InstantParser::ukZone().isValid());
}

BV_TEST_MAIN(tst_Dates)
#include "tst_dates.moc"
