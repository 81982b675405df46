// SPDX-License-Identifier: GPL-3.0-or-later
// `broadview link-eval` as a user runs it: the built executable, on FEBRL dataset1 with a
// pairs file made here from the true pairs, and on broken input.
#include "cli/exitcodes.h"
#include "common/testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <utility>
#include <vector>

using namespace bv;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QString dataset1()
{
    return QStringLiteral(BROADVIEW_SHARED_DATA_DIR "/febrl/dataset1.csv");
}

QString fixed(double value)
{
    return QString::number(value, 'f', 6);
}

} // namespace

class tst_CliLinkEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scoresFebrlDeduplication();
    void badInputIsNamed_data();
    void badInputIsNamed();

private:
    Run broadview(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    // dataset1's true pairs (rec_ids), in a fixed order: by entity number.
    std::vector<std::pair<QString, QString>> m_truePairs;
};

void tst_CliLinkEval::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(BROADVIEW_BINARY)).isExecutable(),
             "the broadview executable is not built");
    QFile file(dataset1());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(dataset1()));
    // The truth straight from the rec_ids, independently of the code under test.
    static const QRegularExpression recId(QStringLiteral("^(rec-(\\d+)-(?:org|dup-\\d+)),"));
    QMap<int, QStringList> entities;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine());
        const auto match = recId.match(line);
        if (match.hasMatch())
            entities[match.captured(2).toInt()].append(match.captured(1));
    }
    for (QStringList &records : entities) {
        records.sort();
        for (qsizetype a = 0; a < records.size(); ++a) {
            for (qsizetype b = a + 1; b < records.size(); ++b)
                m_truePairs.emplace_back(records.at(a), records.at(b));
        }
    }
    QCOMPARE(entities.size(), 500);
    QCOMPARE(m_truePairs.size(), std::size_t(500)); // exactly one duplicate each
}

Run tst_CliLinkEval::broadview(const QStringList &arguments)
{
    Run run;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // broadview writes its log under the data location: keep it out of the user's.
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(BROADVIEW_BINARY), arguments);
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

QString tst_CliLinkEval::write(const QString &name, const QByteArray &bytes)
{
    QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

void tst_CliLinkEval::scoresFebrlDeduplication()
{
    // The true pairs less three (at 10, 20 and 30), one false pair joining the entities of
    // pairs 100 and 200, one true pair again reversed, and one row naming unknown records.
    QByteArray pairs = "id_a,id_b,weight,probability\n";
    for (std::size_t i = 0; i < m_truePairs.size(); ++i) {
        if (i == 10 || i == 20 || i == 30)
            continue;
        pairs += QStringLiteral("%1,%2,%3,0.95\n")
                     .arg(m_truePairs[i].first, m_truePairs[i].second)
                     .arg(10.0 + double(i % 7) / 4)
                     .toUtf8();
    }
    pairs += QStringLiteral("%1,%2,4.5,0.6\n")
                 .arg(m_truePairs[100].first, m_truePairs[200].second)
                 .toUtf8();
    pairs += QStringLiteral("\"%1\",\"%2\",12,0.99\n")
                 .arg(m_truePairs[300].second, m_truePairs[300].first)
                 .toUtf8();
    pairs += "rec-9999-org,rec-9999-dup-0,12,0.99\n";

    const Run run = broadview({QStringLiteral("link-eval"), QStringLiteral("--pairs"),
                               write(QStringLiteral("pairs.csv"), pairs), QStringLiteral("--febrl"),
                               dataset1()});
    QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));

    QVERIFY2(run.out.contains(QStringLiteral("Records:           1000\n")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("True pairs:        500\n")));
    QVERIFY(run.out.contains(QStringLiteral("Predicted pairs:   498\n")));
    QVERIFY(run.out.contains(QStringLiteral("True positives:    497\n")));
    QVERIFY(run.out.contains(QStringLiteral("False positives:   1\n")));
    QVERIFY(run.out.contains(QStringLiteral("False negatives:   3\n")));
    QVERIFY(run.out.contains(QStringLiteral("1 repeated")));
    QVERIFY2(run.err.contains(QStringLiteral("pairs.csv names 2 id(s) that the truth does not "
                                             "know, in 1 row(s) (the first on line 501)")),
             qPrintable(run.err));

    // Clusters: 495 whole entities, 6 singletons from the 3 missed pairs, and one cluster of
    // four from the false pair.
    const QStringList expected{
        QStringLiteral("figure cluster_precision ") + fixed(495.0 / 502),
        QStringLiteral("figure cluster_recall ") + fixed(495.0 / 500),
        QStringLiteral("figure cluster_f1 ") + fixed(2.0 * 495 / (502 + 500)),
        QStringLiteral("figure precision ") + fixed(497.0 / 498),
        QStringLiteral("figure recall ") + fixed(497.0 / 500),
        QStringLiteral("figure f1 ") + fixed(2.0 * 497 / (498 + 500)),
    };
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > expected.size());
    QCOMPARE(lines.mid(lines.size() - expected.size()), expected);
    QCOMPARE(run.out.count(QStringLiteral("figure ")), expected.size());
}

void tst_CliLinkEval::badInputIsNamed_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("pairs");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("says");

    const QStringList febrl{QStringLiteral("--febrl"), dataset1()};
    QTest::newRow("pairs without id_b")
        << febrl << QByteArray("id_a,weight,probability\nrec-1-org,1,1\n") << int(cli::ExitFailure)
        << QStringLiteral("pairs.csv: the header has no column \"id_b\"");
    QTest::newRow("a short line")
        << febrl
        << QByteArray("id_a,id_b,weight,probability\nrec-1-org,rec-1-dup-0,1,1\nrec-2-org\n")
        << int(cli::ExitFailure)
        << QStringLiteral("pairs.csv line 3: expected 4 fields as in the header, found 1.");
    QTest::newRow("no truth") << QStringList() << QByteArray("id_a,id_b\n") << int(cli::ExitUsage)
                              << QStringLiteral("give either --truth");
    QTest::newRow("truth file missing")
        << QStringList{QStringLiteral("--truth"), QStringLiteral("/nonexistent/truth.csv")}
        << QByteArray("id_a,id_b\n") << int(cli::ExitFailure)
        << QStringLiteral("cannot read /nonexistent/truth.csv");
}

void tst_CliLinkEval::badInputIsNamed()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, pairs);
    QFETCH(int, code);
    QFETCH(QString, says);

    const QString path = write(QStringLiteral("pairs.csv"), pairs);
    const Run run = broadview(
        QStringList{QStringLiteral("link-eval"), QStringLiteral("--pairs"), path} + arguments);
    QCOMPARE(run.code, code);
    QVERIFY2(run.err.contains(says), qPrintable(run.err));
    QVERIFY(!run.out.contains(QStringLiteral("figure ")));
}

BV_TEST_MAIN(tst_CliLinkEval)
#include "tst_clilinkeval.moc"
