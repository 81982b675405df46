// SPDX-License-Identifier: GPL-3.0-or-later
// `broadview export chronology` as a user runs it: the built executable on a real store,
// the documents read back with the tools people open them with (pdftotext; the ODT's
// content.xml; LibreOffice where installed).
#include "access/session.h"
#include "common/testsupport.h"
#include "store/database.h"
#include "store/statement.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace bv;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

// The words of an ODT's content.xml, as a reader would see them.
QString odtText(const QString &path)
{
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"),
                {QStringLiteral("-p"), path, QStringLiteral("content.xml")});
    if (!unzip.waitForFinished(30000))
        return {};
    QXmlStreamReader xml(unzip.readAllStandardOutput());
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters)
            text += xml.text() + QLatin1Char(' ');
    }
    return xml.hasError() ? QStringLiteral("XML ERROR ") + xml.errorString() : text;
}

} // namespace

class tst_ChronologyExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exports_data();
    void exports();
    void openDocumentConvertsWithLibreOffice();
    void longChronologyRunsOverPages();
    void spreadsheetFormulasStayText();
    void badRequestsWriteNothing_data();
    void badRequestsWriteNothing();

private:
    Run broadview(const QStringList &arguments);
    QStringList exportArguments(const QString &format, const QString &out) const;

    test::StoreFixture m_fixture;
    QTemporaryDir m_out;
};

void tst_ChronologyExport::initTestCase()
{
    QVERIFY(m_out.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(BROADVIEW_BINARY)).isExecutable(),
             "the broadview executable is not built");
    auto session = m_fixture.create();
    QVERIFY_RESULT(session);
    store::Database &db = session.value()->database();
    QVERIFY_RESULT(test::insertPersonWithEvents(db));
    // The practitioner's own notes on the domestic incident.
    QVERIFY_RESULT(
        db.exec("INSERT INTO annotation(event_id, author, kind, body, created_at) VALUES "
                "(2, 'tester', 'impact', 'Ada stayed with a friend for a week', '2026-03-02'), "
                "(2, 'tester', 'analysis', 'Third report this year', '2026-03-02')"));
}

Run tst_ChronologyExport::broadview(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BROADVIEW_PASSPHRASE"), QString::fromUtf8(m_fixture.passphrase()));
    env.insert(QStringLiteral("HOME"), m_out.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_out.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_out.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(BROADVIEW_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("broadview did not finish normally");
        return run;
    }
    run.code = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList tst_ChronologyExport::exportArguments(const QString &format, const QString &out) const
{
    return {QStringLiteral("export"),
            QStringLiteral("chronology"),
            QStringLiteral("--store"),
            m_fixture.paths().store,
            QStringLiteral("--person"),
            QStringLiteral("7"),
            QStringLiteral("--format"),
            format,
            QStringLiteral("--purpose"),
            QStringLiteral("strategy meeting"),
            QStringLiteral("--min-significance"),
            QStringLiteral("2"),
            QStringLiteral("--out"),
            out};
}

void tst_ChronologyExport::exports_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("pdf") << QStringLiteral("pdf");
    QTest::newRow("odt") << QStringLiteral("odt");
    QTest::newRow("csv") << QStringLiteral("csv");
}

void tst_ChronologyExport::exports()
{
    QFETCH(QString, format);
    const QString out = m_out.filePath(QStringLiteral("chronology.") + format);
    const Run run = broadview(exportArguments(format, out));
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QLatin1String("2 events")));
    QString text;
    if (format == QLatin1String("pdf"))
        text = test::pdfText(out);
    else if (format == QLatin1String("odt"))
        text = odtText(out);
    else {
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        text = QString::fromUtf8(file.readAll());
    }
    // The rows at or above "notable", in time order, in the template's columns.
    const qsizetype welfare = text.indexOf(QLatin1String("Welfare check"));
    const qsizetype incident = text.indexOf(QLatin1String("Domestic incident"));
    QVERIFY2(welfare >= 0 && incident > welfare, qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("GP appointment")));          // routine: left out
    QVERIFY(text.contains(QLatin1String("Referred to MARAC")));        // action taken
    QVERIFY(text.contains(QLatin1String("Ada stayed with a friend"))); // impact
    QVERIFY(text.contains(QLatin1String("Third report this year")));   // analysis
    QVERIFY(text.contains(QLatin1String("Police, ref e2")));
    QVERIFY(text.contains(QLatin1String("Age")));
    QVERIFY(text.contains(QLatin1String("33"))); // Ada's age in March 2024
    // Marked, and saying who made it, when and why.
    QVERIFY(text.contains(QLatin1String("OFFICIAL-SENSITIVE")));
    QVERIFY(text.contains(QLatin1String("strategy meeting")));
    QVERIFY(text.contains(QLatin1String("Produced by")));
    if (format == QLatin1String("pdf"))
        QVERIFY(text.contains(QLatin1String("Page 1 of 1")));

    // Audited, with what was exported but not its words.
    auto session = m_fixture.unlock();
    QVERIFY_RESULT(session);
    auto audited = session.value()->database().queryInt(
        "SELECT count(*) FROM audit WHERE action = 'chronology.export' AND subject = 'person:7' "
        "AND detail LIKE 'format="
        + format.toStdString() + " rows=2%'");
    QVERIFY_RESULT(audited);
    QCOMPARE(audited.value(), qint64(1));
}

void tst_ChronologyExport::openDocumentConvertsWithLibreOffice()
{
    const QString soffice = QStandardPaths::findExecutable(QStringLiteral("soffice"));
    if (soffice.isEmpty())
        QSKIP("LibreOffice (libreoffice-writer-nogui) is not installed here");
    const QString odt = m_out.filePath(QStringLiteral("for-libreoffice.odt"));
    QCOMPARE(broadview(exportArguments(QStringLiteral("odt"), odt)).code, 0);
    QProcess convert;
    convert.start(soffice,
                  {QStringLiteral("--headless"), QStringLiteral("--convert-to"),
                   QStringLiteral("txt:Text"), QStringLiteral("--outdir"), m_out.path(), odt});
    QVERIFY(convert.waitForFinished(120000));
    QFile text(m_out.filePath(QStringLiteral("for-libreoffice.txt")));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(text.readAll()).contains(QLatin1String("Domestic incident")));
}

namespace {

// Person 8, with 60 key events from the police, one a day from 2 January 2024, and one whose
// title starts like a spreadsheet formula.
void addPersonWithManyEvents(store::Database &db)
{
    QVERIFY_RESULT(db.exec(
        "INSERT INTO source_person(id, source_id, external_id, given_name, family_name, "
        "birth_date, received_at) VALUES (3, 2, 'p8', 'Bo', 'Lindqvist', '2010-05-05', "
        "'2026-03-01T09:30:00.000Z');"
        "INSERT INTO person(id, created_at, updated_at) VALUES (8, '2026-03-01', '2026-03-01');"
        "INSERT INTO person_link(source_person_id, person_id, decided_by, decided_at) VALUES "
        "(3, 8, 'auto', '2026-03-01');"));
    auto insert = db.prepare(
        "INSERT INTO event(source_id, external_id, source_person_id, occurred_date, category, "
        "title, summary, significance, received_at) VALUES (2, ?1, 3, ?2, 'police', ?3, ?4, 3, "
        "'2026-03-01')");
    QVERIFY_RESULT(insert);
    for (int i = 1; i <= 60; ++i) {
        QVERIFY_RESULT(
            insert->bind(1, QStringLiteral("many%1").arg(i))
                .bind(2, QDate(2024, 1, 1).addDays(i).toString(Qt::ISODate))
                .bind(3, QStringLiteral("Incident number %1").arg(i, 2, 10, QLatin1Char('0')))
                .bind(4, QStringLiteral("A long account of what officers found when they "
                                        "attended, written in full so that rows wrap."))
                .run());
    }
    QVERIFY_RESULT(insert->bind(1, QStringLiteral("formula"))
                       .bind(2, QStringLiteral("2024-04-01"))
                       .bind(3, QStringLiteral("=HYPERLINK(\"http://example.invalid\")"))
                       .bind(4, QString())
                       .run());
}

} // namespace

void tst_ChronologyExport::longChronologyRunsOverPages()
{
    {
        auto session = m_fixture.unlock();
        QVERIFY_RESULT(session);
        addPersonWithManyEvents(session.value()->database());
        if (QTest::currentTestFailed())
            return;
    }
    const QString out = m_out.filePath(QStringLiteral("long.pdf"));
    QStringList arguments = exportArguments(QStringLiteral("pdf"), out);
    arguments[arguments.indexOf(QStringLiteral("--person")) + 1] = QStringLiteral("8");
    const Run run = broadview(arguments);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QString text = test::pdfText(out);
    QVERIFY2(text.contains(QLatin1String("Page 2 of")), qPrintable(text.left(400)));
    // Every row there once: none lost between pages, and none split over two (which would
    // leave its text out of sight in the PDF, found twice by a search or a screen reader).
    for (int i = 1; i <= 60; ++i) {
        const QString title = QStringLiteral("Incident number %1").arg(i, 2, 10, QLatin1Char('0'));
        QVERIFY2(text.count(title) == 1, qPrintable(title));
    }
    const qsizetype pages = text.count(QLatin1String("Page "));
    QVERIFY(pages >= 2);
    QCOMPARE(text.count(QLatin1String("OFFICIAL-SENSITIVE")), 2 * pages);
    // The header row heads every page.
    QCOMPARE(text.count(QLatin1String("Date or period")), pages);
}

void tst_ChronologyExport::spreadsheetFormulasStayText()
{
    // Person 8 comes from longChronologyRunsOverPages, before this.
    const QString out = m_out.filePath(QStringLiteral("formula.csv"));
    QStringList arguments = exportArguments(QStringLiteral("csv"), out);
    arguments[arguments.indexOf(QStringLiteral("--person")) + 1] = QStringLiteral("8");
    const Run run = broadview(arguments);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QLatin1String("\"'=HYPERLINK(")), qPrintable(text.right(300)));
    QVERIFY(!text.contains(QLatin1String(",=HYPERLINK")));
}

void tst_ChronologyExport::badRequestsWriteNothing_data()
{
    QTest::addColumn<QStringList>("change"); // option, value
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown format")
        << QStringList{u"--format"_qs, u"docx"_qs} << 2 << QStringLiteral("pdf, odt or csv");
    QTest::newRow("no such person")
        << QStringList{u"--person"_qs, u"999"_qs} << 0 << QStringLiteral("There is no person 999");
    QTest::newRow("not a date") << QStringList{u"--from"_qs, u"31/02/2024"_qs} << 2
                                << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("significance out of range")
        << QStringList{u"--min-significance"_qs, u"4"_qs} << 2 << QStringLiteral("1, 2 or 3");
}

void tst_ChronologyExport::badRequestsWriteNothing()
{
    QFETCH(QStringList, change);
    QFETCH(int, code);
    QFETCH(QString, message);
    const QString out = m_out.filePath(QStringLiteral("refused.pdf"));
    QStringList arguments = exportArguments(QStringLiteral("pdf"), out);
    const qsizetype at = arguments.indexOf(change.at(0));
    if (at >= 0)
        arguments[at + 1] = change.at(1);
    else
        arguments << change;
    const Run run = broadview(arguments);
    if (code != 0)
        QCOMPARE(run.code, code);
    else
        QVERIFY(run.code != 0);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!QFile::exists(out));
}

BV_TEST_MAIN(tst_ChronologyExport)
#include "tst_chronologyexport.moc"
