// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/linkcommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "linkage/storelinker.h"

#include <QElapsedTimer>
#include <QLocale>

namespace bv::cli {

namespace {

const QString kFull = QStringLiteral("full");
const QString kPairsOut = QStringLiteral("pairs-out");

} // namespace

QString LinkCommand::summary() const
{
    return QObject::tr("Link the store's source records into persons: the same NHS number, or "
                       "enough agreement on names, date of birth, sex, postcode, address and "
                       "UPRN; uncertain pairs go to review.");
}

void LinkCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption({kFull, QObject::tr("Relink every record and estimate the model again.")});
    parser.addOption({kPairsOut,
                      QObject::tr("Also write the linked pairs (CSV, ids FEED/EXTERNAL_ID) for "
                                  "link-eval."),
                      QObject::tr("F.csv")});
}

int LinkCommand::linkAndReport(access::Session &session, CommandIo &io, const QString &pairsOut)
{
    QElapsedTimer timer;
    timer.start();
    auto outcome = linkage::StoreLinker::linkAll(
        session.database(), io.clock, session.context().user, linkage::LinkOptions{}, pairsOut);
    if (!outcome)
        return fail(io, outcome.error());
    const QLocale locale;
    const linkage::LinkStatistics &stats = outcome->statistics;
    io.out << QObject::tr("Linked %1 source records into %2 persons (%3 new); %4 pairs for "
                          "review; %5 candidate pairs compared; %6 s")
                  .arg(locale.toString(qint64(stats.records)))
                  .arg(locale.toString(outcome->persons))
                  .arg(locale.toString(outcome->newPersons))
                  .arg(locale.toString(outcome->reviewPairs))
                  .arg(locale.toString(qint64(stats.candidatePairs)))
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
           << '\n';
    if (!pairsOut.isEmpty())
        io.out << QObject::tr("%1 linked pairs written to %2")
                      .arg(locale.toString(outcome->pairsWritten))
                      .arg(pairsOut)
               << '\n';
    io.out.flush();
    // Counts only: who was linked to whom is in the store, not the audit.
    auto audited = session.audit().append(
        session.context(), {QStringLiteral("persons.link"), QStringLiteral("persons"),
                            // Linked pairs written out of the store are an export.
                            QStringLiteral("records=%1 persons=%2 new=%3 review=%4 "
                                           "pairs_exported=%5")
                                .arg(stats.records)
                                .arg(outcome->persons)
                                .arg(outcome->newPersons)
                                .arg(outcome->reviewPairs)
                                .arg(outcome->pairsWritten)});
    if (!audited.ok())
        return fail(io, audited.error());
    return ExitOk;
}

int LinkCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    // Every run relinks in full for now: --full is accepted so scripts can say what they mean
    // once linking after a sync becomes incremental.
    return linkAndReport(*session.value(), io, parser.value(kPairsOut));
}

} // namespace bv::cli
