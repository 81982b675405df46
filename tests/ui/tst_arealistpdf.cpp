// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/guitestmain.h"
#include "report/arealistpdf.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bv;

namespace {

// Synthetic people: one inside, one located too coarsely, one at a protected address whose
// address and position the list must never show; then `more` inside.
geo::AreaQueryResult listOf(int more)
{
    geo::AreaQueryResult result;
    result.areaName = QStringLiteral("Flood zone 3 (illustrative)");
    geo::AreaPerson inside;
    inside.personId = 11;
    inside.name = QStringLiteral("Ada Inside");
    inside.birthDate = QDate(1940, 2, 3);
    inside.flags = {QStringLiteral("vulnerable_adult")};
    inside.flagFrom = {QStringLiteral("adult_social_care")};
    inside.precision = QStringLiteral("uprn");
    inside.address = QStringLiteral("1 River Row, Norwich NR1 1AA");
    inside.position = {1.30, 52.63};
    inside.asOf = QStringLiteral("2019-04-01");
    inside.agency = QStringLiteral("adult_social_care");
    inside.reference = QStringLiteral("SC-1");
    result.people.push_back(inside);
    geo::AreaPerson coarse = inside;
    coarse.personId = 12;
    coarse.name = QStringLiteral("Bea Coarse");
    coarse.placement = geo::Placement::Uncertain;
    coarse.precision = QStringLiteral("postcode_unit");
    coarse.address = QStringLiteral("Flat 2, Mill Lane, NR2 2BB");
    coarse.edgeMetres = 40;
    result.people.push_back(coarse);
    geo::AreaPerson hidden = inside;
    hidden.personId = 13;
    hidden.name = QStringLiteral("Cy Protected");
    hidden.placement = geo::Placement::InsideProtected;
    // Were the query ever to pass it on, the PDF must still not print it.
    hidden.address = QStringLiteral("7 Sentinel Refuge Road");
    hidden.position = {};
    hidden.precision.clear();
    hidden.asOf.clear();
    hidden.agency = QStringLiteral("police");
    hidden.reference = QStringLiteral("POL-77");
    result.people.push_back(hidden);
    for (int i = 0; i < more; ++i) {
        geo::AreaPerson person = inside;
        person.personId = 100 + i;
        person.name = QStringLiteral("Person%1 Many").arg(i, 3, 10, QLatin1Char('0'));
        result.people.push_back(person);
    }
    return result;
}

} // namespace

// The area list as a PDF: everyone listed once, in order, with why; a protected address only
// as the contact route; the marking and "Page n of N" on every page; no file when the audit
// before it fails.
class tst_AreaListPdf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryoneWithWhy();
    void longListBreaksBetweenRows();
    void failedAuditLeavesNoFile();
};

void tst_AreaListPdf::listsEveryoneWithWhy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("list.pdf"));
    bool audited = false;
    QVERIFY_RESULT(report::writeAreaListPdf(
        path, listOf(0), QStringLiteral("Vulnerable adult, living there on 25/11/2026"),
        {QStringLiteral("officer"), QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC),
         QStringLiteral("case review")},
        [&audited]() -> Result<void> {
            audited = true;
            return {};
        }));
    QVERIFY(audited);
    const QString text = test::pdfText(path);
    QVERIFY2(text.contains(QLatin1String("People living in Flood zone 3")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Vulnerable adult, living there on 25/11/2026")));
    QVERIFY(text.contains(QLatin1String("1 inside, 1 located too coarsely")));
    QVERIFY(text.contains(QLatin1String("OFFICIAL-SENSITIVE")));
    QVERIFY(text.contains(QLatin1String("Page 1 of 1")));
    QVERIFY2(text.contains(QLatin1String("case review")), qPrintable(text.right(120)));
    const qsizetype ada = text.indexOf(QLatin1String("Ada Inside"));
    const qsizetype bea = text.indexOf(QLatin1String("Bea Coarse"));
    const qsizetype cy = text.indexOf(QLatin1String("Cy Protected"));
    QVERIFY(ada >= 0 && ada < bea && bea < cy);
    QVERIFY(text.contains(QLatin1String("1 River Row")));
    QVERIFY(text.contains(QLatin1String("too coarse to be sure")));
    QVERIFY(text.contains(QLatin1String("inside, address protected")));
    QVERIFY(text.contains(QLatin1String("POL-77")));
    QVERIFY(!text.contains(QLatin1String("Sentinel")));
}

void tst_AreaListPdf::longListBreaksBetweenRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("long.pdf"));
    QVERIFY_RESULT(report::writeAreaListPdf(path, listOf(120), QStringLiteral("Everyone"),
                                            {QStringLiteral("officer"),
                                             QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC),
                                             QStringLiteral("planning")}));
    const QString text = test::pdfText(path);
    QVERIFY2(text.contains(QLatin1String("Page 2 of")), qPrintable(text.left(400)));
    for (int i = 0; i < 120; ++i) {
        const QString name = QStringLiteral("Person%1 Many").arg(i, 3, 10, QLatin1Char('0'));
        QCOMPARE(text.count(name), 1); // a row split across pages would be there twice or cut
    }
    const qsizetype pages = text.count(QLatin1String("Page "));
    QCOMPARE(text.count(QLatin1String("Listed as")), pages); // the header row on every page
}

void tst_AreaListPdf::failedAuditLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("refused.pdf"));
    auto written = report::writeAreaListPdf(
        path, listOf(0), QStringLiteral("Everyone"),
        {QStringLiteral("officer"), QDateTime::currentDateTimeUtc(), QStringLiteral("x")},
        []() -> Result<void> {
            return Error{ErrorCode::Sql, QStringLiteral("audit full")};
        });
    QVERIFY(!written.ok());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0); // no temporary left either
}

BV_GUI_TEST_MAIN(tst_AreaListPdf)
#include "tst_arealistpdf.moc"
