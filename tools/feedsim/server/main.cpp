// SPDX-License-Identifier: GPL-3.0-or-later
// broadview-feedsim: the seven agency feeds of a synthetic county over HTTP(S) on loopback.
#include "simulatorhost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <cmath>
#include <cstdio>
#include <optional>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

using namespace bv;
using namespace bv::feedsim;

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct UsageError
{
    QString message;
};

void printError(const QString &message)
{
    std::fprintf(stderr, "broadview-feedsim: %s\n", qUtf8Printable(message));
}

template<typename T>
std::optional<T> parseUnsigned(const QString &text, T max)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (!ok || value > static_cast<qulonglong>(max))
        return std::nullopt;
    return static_cast<T>(value);
}

std::optional<double> parseNumber(const QString &text, double min, double max)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < min || value > max)
        return std::nullopt;
    return value;
}

// Options into SimulatorOptions, or a message for the user (exit code 2).
std::optional<UsageError> readOptions(const QCommandLineParser &parser, SimulatorOptions &options)
{
    const auto value = [&parser](const char *name) {
        return parser.value(QString::fromLatin1(name));
    };
    const auto isSet = [&parser](const char *name) {
        return parser.isSet(QString::fromLatin1(name));
    };

    if (const auto persons
        = parseUnsigned<quint32>(value("persons"), SimulatorOptions::kMaxPersons);
        persons && *persons > 0)
        options.persons = *persons;
    else
        return UsageError{QObject::tr("--persons must be a whole number from 1 to %1.")
                              .arg(SimulatorOptions::kMaxPersons)};
    if (const auto seed = parseUnsigned<quint64>(value("seed"), ~quint64(0)))
        options.seed = *seed;
    else
        return UsageError{QObject::tr("--seed must be a whole number from 0.")};
    if (const auto port = parseUnsigned<quint16>(value("port"), 65535))
        options.port = *port;
    else
        return UsageError{QObject::tr("--port must be a whole number from 0 to 65535.")};
    options.dataDir = value("data-dir");

    const QStringList positional = parser.positionalArguments();
    if (isSet("tls")) {
        if (positional.size() != 1)
            return UsageError{QObject::tr("--tls takes two files: CERT KEY.")};
        options.tls.certificate = value("tls");
        options.tls.privateKey = positional.first();
    } else if (!positional.isEmpty()) {
        return UsageError{QObject::tr("Unexpected argument %1.").arg(positional.first())};
    }
    if (isSet("client-ca")) {
        if (!isSet("tls"))
            return UsageError{QObject::tr("--client-ca needs --tls.")};
        options.tls.clientCa = value("client-ca");
    }
    options.secretsOut = value("secrets-out");
    options.sourceTruthOut = value("truth-out");
    options.countyTruthOut = value("county-truth-out");

    const struct
    {
        const char *name;
        double *target;
    } rates[] = {{"malformed-rate", &options.faults.content.malformedRate},
                 {"error-rate", &options.faults.transport.errorRate},
                 {"drop-rate", &options.faults.transport.dropRate},
                 {"repeat-rate", &options.faults.content.repeatRate}};
    for (const auto &rate : rates) {
        const auto parsed = parseNumber(value(rate.name), 0.0, 1.0);
        if (!parsed)
            return UsageError{QObject::tr("--%1 must be a number from 0 to 1.")
                                  .arg(QString::fromLatin1(rate.name))};
        *rate.target = *parsed;
    }
    if (const auto slow = parseUnsigned<int>(value("slow-ms"), SimFaults::kMaxSlowMs))
        options.faults.transport.slowMs = *slow;
    else
        return UsageError{QObject::tr("--slow-ms must be a whole number from 0 to %1.")
                              .arg(SimFaults::kMaxSlowMs)};
    if (const auto every = parseNumber(value("tick-every"), 0.0, 86400.0))
        options.tickEveryMs = static_cast<int>(std::lround(*every * 1000.0));
    else
        return UsageError{QObject::tr("--tick-every must be a number of seconds from 0 to 86400.")};
    return std::nullopt;
}

void addOptions(QCommandLineParser &parser)
{
    const auto option
        = [&parser](const char *name, const QString &description,
                    const QString &valueName = QString(), const QString &defaultValue = QString()) {
              parser.addOption(QCommandLineOption(QString::fromLatin1(name), description, valueName,
                                                  defaultValue));
          };
    option("persons", QObject::tr("People in the county (1 to 1,000,000)."), QObject::tr("N"),
           QString::number(CountyModel::kDefaultPersons));
    option("seed", QObject::tr("Seed of the county, the secrets and the faults."), QObject::tr("S"),
           QStringLiteral("1"));
    option("port", QObject::tr("Port on 127.0.0.1 (0: any free port)."), QObject::tr("P"),
           QStringLiteral("0"));
    option("data-dir", QObject::tr("Reference data directory."), QObject::tr("DIR"),
           QStringLiteral(BROADVIEW_FEEDSIM_DATA_DIR));
    option("tls",
           QObject::tr("Serve HTTPS with the PEM certificate CERT and the PEM private key KEY "
                       "(given as the next argument: --tls CERT KEY)."),
           QObject::tr("CERT"));
    option("client-ca", QObject::tr("Require a client certificate signed by the PEM CA."),
           QObject::tr("CA"));
    option("secrets-out",
           QObject::tr("Write every feed's client id and secret as JSON to FILE (mode 0600)."),
           QObject::tr("FILE"));
    option("truth-out", QObject::tr("Write which source record is which county person to FILE."),
           QObject::tr("FILE"));
    option("county-truth-out", QObject::tr("Write the county's ground truth CSV to FILE."),
           QObject::tr("FILE"));
    option("malformed-rate", QObject::tr("Fraction of records corrupted."), QObject::tr("R"),
           QStringLiteral("0"));
    option("error-rate", QObject::tr("Fraction of feed requests answered 500, 502 or 503."),
           QObject::tr("R"), QStringLiteral("0"));
    option("slow-ms", QObject::tr("Delay before every feed response."), QObject::tr("MS"),
           QStringLiteral("0"));
    option("drop-rate", QObject::tr("Fraction of feed responses cut off half way."),
           QObject::tr("R"), QStringLiteral("0"));
    option("repeat-rate", QObject::tr("Fraction of pages served a second time."), QObject::tr("R"),
           QStringLiteral("0"));
    option("tick-every",
           QObject::tr("Advance one simulated day every SECS real seconds (0: never)."),
           QObject::tr("SECS"), QStringLiteral("0"));
    parser.addPositionalArgument(QStringLiteral("KEY"),
                                 QObject::tr("The private key that follows --tls CERT."),
                                 QStringLiteral("[KEY]"));
}

// SIGINT and SIGTERM as a readable descriptor, so shutdown runs on the event loop and every
// destructor runs. The signals are blocked before any thread starts, so all threads inherit it.
int blockShutdownSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0)
        return -1;
    return signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);
}

} // namespace

int main(int argc, char **argv)
{
    const int signalFd = blockShutdownSignals();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("broadview-feedsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BROADVIEW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("Serves the seven agency feeds of a synthetic county on 127.0.0.1, as "
                    "docs/feeds-protocol.md describes, until SIGINT or SIGTERM."));
    parser.addHelpOption();
    parser.addVersionOption();
    addOptions(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    SimulatorOptions options;
    if (const auto usage = readOptions(parser, options)) {
        printError(usage->message);
        return kExitUsage;
    }
    if (signalFd < 0) {
        printError(QObject::tr("Cannot watch for SIGINT and SIGTERM."));
        return kExitFailure;
    }

    auto host = SimulatorHost::start(options);
    if (!host.ok()) {
        printError(host.error().message);
        return host.error().code == ErrorCode::Usage ? kExitUsage : kExitFailure;
    }

    QSocketNotifier shutdown(signalFd, QSocketNotifier::Read);
    QObject::connect(&shutdown, &QSocketNotifier::activated, &app, [signalFd] {
        signalfd_siginfo info{};
        while (::read(signalFd, &info, sizeof(info)) == sizeof(info)) {
        }
        QCoreApplication::quit();
    });

    std::fprintf(stdout, "broadview-feedsim listening on %s admin-token %s\n",
                 host.value()->origin().toString().toUtf8().constData(),
                 host.value()->adminToken().toLatin1().constData());
    std::fflush(stdout);

    const int status = QCoreApplication::exec();
    host.value()->stop();
    ::close(signalFd);
    return status;
}
