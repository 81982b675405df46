// SPDX-License-Identifier: GPL-3.0-or-later
// Logging: reads and failed unlocks are logged without personal data, the log level comes
// from the flag before the environment, and Qt's own messages reach the log file.
#include "access/session.h"
#include "common/logging.h"
#include "common/testsupport.h"
#include "store/personrepository.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <spdlog/spdlog.h>

using namespace bv;

Q_DECLARE_METATYPE(spdlog::level::level_enum)

namespace {

const QString kMarker = QStringLiteral("Zbigniewska-Quayle");
constexpr char kLevelVariable[] = "BROADVIEW_LOG_LEVEL";

} // namespace

class tst_Logging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void personDataNeverReachesTheLog();
    void resolveLogLevel_data();
    void resolveLogLevel();
    void qtMessagesReachTheLog_data();
    void qtMessagesReachTheLog();

private:
    QString logText() const
    {
        spdlog::default_logger()->flush();
        return QString::fromUtf8(test::readFile(m_dir->filePath(QStringLiteral("broadview.log"))));
    }
    qsizetype logLines() const { return logText().count(QLatin1Char('\n')); }

    std::optional<QByteArray> m_savedLevel;
    QtMessageHandler m_testHandler = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Logging::initTestCase()
{
    if (qEnvironmentVariableIsSet(kLevelVariable))
        m_savedLevel = qgetenv(kLevelVariable);
    // QTest's own handler, to put back once setUpLogging has replaced it.
    m_testHandler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(m_testHandler);
}

void tst_Logging::cleanupTestCase()
{
    if (m_savedLevel)
        qputenv(kLevelVariable, *m_savedLevel);
    else
        qunsetenv(kLevelVariable);
}

void tst_Logging::init()
{
    qunsetenv(kLevelVariable);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    LoggingOptions options;
    options.level = spdlog::level::trace;
    options.explicitLevel = true;
    options.directory = m_dir->path();
    setUpLogging(options);
}

void tst_Logging::cleanup()
{
    setUpLogging(LoggingOptions{}); // no sinks: the log file is closed
    qInstallMessageHandler(m_testHandler);
    m_dir.reset();
}

void tst_Logging::personDataNeverReachesTheLog()
{
    test::StoreFixture fixture;
    QVERIFY(fixture.isValid());
    qint64 personId = 0;
    {
        auto session = fixture.create();
        QVERIFY_RESULT(session);
        auto id = test::insertPerson(session.value()->database(), QStringLiteral("gp"),
                                     QStringLiteral("gp-1"), kMarker);
        QVERIFY_RESULT(id);
        personId = id.value();
    }
    auto session = fixture.unlock();
    QVERIFY_RESULT(session);

    qsizetype lines = logLines();
    store::PersonRepository repository(session.value()->database(), session.value()->audit());
    auto person = repository.read(test::adminContext(), personId);
    QVERIFY_RESULT(person);
    QCOMPARE(person->records.value(0).familyName, kMarker); // it was read in the clear
    QVERIFY2(logLines() > lines, qPrintable(logText()));
    QVERIFY2(logText().contains(QStringLiteral("person %1").arg(personId)), qPrintable(logText()));
    session.value().reset();

    lines = logLines();
    auto refused = access::Session::unlock(fixture.paths(), SecretBytes::fromView("wrong"),
                                           test::adminContext(), fixture.clock());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::WrongPassphrase);
    QVERIFY2(logLines() > lines, qPrintable(logText()));

    const QString log = logText();
    QVERIFY(!log.contains(kMarker));
    QVERIFY(!log.contains(QStringLiteral("1990-04-01"))); // nor the date of birth
    QVERIFY(!log.contains(QString::fromLatin1(fixture.passphrase())));
}

void tst_Logging::resolveLogLevel_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QByteArray>("environment"); // null: unset
    QTest::addColumn<spdlog::level::level_enum>("expected");
    using namespace spdlog::level;
    QTest::newRow("flag wins over the environment") << "debug" << QByteArray("error") << debug;
    QTest::newRow("environment without a flag") << "" << QByteArray("warn") << warn;
    QTest::newRow("environment in capitals") << "" << QByteArray("ERROR") << err;
    QTest::newRow("garbage flag: the environment") << "loud" << QByteArray("critical") << critical;
    QTest::newRow("garbage environment: the fallback") << "" << QByteArray("loud") << info;
    QTest::newRow("both garbage: the fallback") << "verbose" << QByteArray("loud") << info;
    QTest::newRow("empty environment: the fallback") << "" << QByteArray("") << info;
    QTest::newRow("neither: the fallback") << "" << QByteArray() << info;
    QTest::newRow("off is a level, not garbage") << "off" << QByteArray("trace") << off;
    QTest::newRow("flag with spaces, long name") << " Warning " << QByteArray() << warn;
}

void tst_Logging::resolveLogLevel()
{
    QFETCH(QString, flag);
    QFETCH(QByteArray, environment);
    QFETCH(spdlog::level::level_enum, expected);
    if (environment.isNull())
        qunsetenv(kLevelVariable);
    else
        qputenv(kLevelVariable, environment);
    QCOMPARE(bv::resolveLogLevel(flag, spdlog::level::info), expected);
}

void tst_Logging::qtMessagesReachTheLog_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("level");
    QTest::newRow("qDebug") << int(QtDebugMsg) << QStringLiteral("debug");
    QTest::newRow("qInfo") << int(QtInfoMsg) << QStringLiteral("info");
    QTest::newRow("qWarning") << int(QtWarningMsg) << QStringLiteral("warning");
    QTest::newRow("qCritical") << int(QtCriticalMsg) << QStringLiteral("error");
}

void tst_Logging::qtMessagesReachTheLog()
{
    QFETCH(int, type);
    QFETCH(QString, level);
    const QByteArray text = "routed-qt-message-" + QByteArray(QTest::currentDataTag());
    switch (type) {
    case QtDebugMsg:
        qDebug("%s", text.constData());
        break;
    case QtInfoMsg:
        qInfo("%s", text.constData());
        break;
    case QtWarningMsg:
        qWarning("%s", text.constData());
        break;
    default:
        qCritical("%s", text.constData());
        break;
    }
    const QStringList lines = logText().split(QLatin1Char('\n'));
    const auto line = std::find_if(lines.begin(), lines.end(), [&text](const QString &l) {
        return l.contains(QString::fromLatin1(text));
    });
    QVERIFY2(line != lines.end(), qPrintable(logText()));
    QVERIFY2(line->contains(QLatin1Char(' ') + level + QLatin1Char(' ')), qPrintable(*line));
}

BV_TEST_MAIN(tst_Logging)
#include "tst_logging.moc"
