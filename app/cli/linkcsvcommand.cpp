// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/linkcsvcommand.h"

#include "linkage/csvlinkinput.h"
#include "linkage/linker.h"
#include "linkage/nicknames.h"
#include "linkage/pairswriter.h"

#include <QElapsedTimer>

namespace bv::cli {

namespace {

const QString kConfig = QStringLiteral("config");
const QString kOut = QStringLiteral("out");
const QString kThreads = QStringLiteral("threads");

} // namespace

QString LinkCsvCommand::summary() const
{
    return QObject::tr("Deduplicate one CSV file or link two through a column mapping, and write "
                       "the linked pairs (id_a,id_b,weight,probability).");
}

void LinkCsvCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption({kConfig,
                      QObject::tr("The column mapping (JSON; resources/linkage/febrl.json for "
                                  "FEBRL files)."),
                      QObject::tr("MAP.json")});
    parser.addOption({kOut, QObject::tr("Where to write the pairs (CSV)."), QObject::tr("F.csv")});
    parser.addOption({kThreads, QObject::tr("Threads for comparing (default: one per core)."),
                      QObject::tr("N")});
}

int LinkCsvCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    const QStringList files = parser.positionalArguments().mid(1);
    if (!parser.isSet(kConfig) || !parser.isSet(kOut) || files.isEmpty() || files.size() > 2)
        return usage(io, QObject::tr("Give --config MAP.json, one or two CSV files, and "
                                     "--out F.csv."));
    int threads = 0;
    if (parser.isSet(kThreads)) {
        bool ok = false;
        threads = parser.value(kThreads).toInt(&ok);
        if (!ok || threads < 1 || threads > 256)
            return usage(io, QObject::tr("--threads must be a number from 1 to 256."));
    }
    auto mapping = linkage::CsvLinkMapping::load(parser.value(kConfig));
    if (!mapping)
        return fail(io, mapping.error());
    auto nicknames = linkage::NicknameTable::loadShipped();
    if (!nicknames)
        return fail(io, nicknames.error());
    const linkage::RecordPreparer preparer(nicknames.value(), mapping->postcodeScheme);

    QElapsedTimer timer;
    timer.start();
    std::vector<linkage::LinkRecord> records;
    for (int side = 0; side < files.size(); ++side) {
        auto input = linkage::readCsvForLinking(files.at(side), mapping.value(), preparer, side);
        if (!input)
            return fail(io, input.error());
        io.out << QObject::tr("%1: %2 records").arg(files.at(side)).arg(input->rows) << '\n';
        for (linkage::LinkRecord &record : input->records)
            records.push_back(std::move(record));
    }
    linkage::LinkOptions options;
    options.blocking.acrossSidesOnly = files.size() == 2;
    options.threads = threads;
    auto linked = linkage::link(records, options);
    if (!linked)
        return fail(io, linked.error());
    auto written = linkage::writeLinkedPairs(parser.value(kOut), records, linked.value(),
                                             options.blocking.acrossSidesOnly);
    if (!written)
        return fail(io, written.error());
    const linkage::LinkStatistics &stats = linked->statistics;
    io.out
        << QObject::tr("Candidate pairs:   %1 (%2 blocks too large to use)")
               .arg(stats.candidatePairs)
               .arg(stats.oversizedBlocks)
        << '\n'
        << QObject::tr("Comparisons:       %1").arg(stats.comparisons) << '\n'
        << QObject::tr("EM:                %1 iterations, %2, lambda %3")
               .arg(stats.emIterations)
               .arg(stats.emConverged ? QObject::tr("converged") : QObject::tr("not converged"))
               .arg(linked->model.parameters.lambda, 0, 'g', 4)
        << '\n'
        << QObject::tr("Persons:           %1").arg(stats.persons) << '\n'
        << QObject::tr("Pairs written:     %1 to %2").arg(written.value()).arg(parser.value(kOut))
        << '\n'
        << QObject::tr("For review:        %1 pairs").arg(linked->review.size()) << '\n'
        << QObject::tr("Time:              %1 s").arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2)
        << '\n';
    return 0;
}

} // namespace bv::cli
