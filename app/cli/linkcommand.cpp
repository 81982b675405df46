// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/linkcommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "linkage/storelinker.h"
#include "sync/storerefresh.h"

#include <QElapsedTimer>
#include <QLocale>

namespace bv::cli {

namespace {

const QString kFull = QStringLiteral("full");
const QString kReestimate = QStringLiteral("reestimate");
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
    parser.addOption({kFull, QObject::tr("Link every record again under the frozen model, not only "
                                         "what changed since the last link.")});
    parser.addOption(
        {kReestimate, QObject::tr("Estimate the model (m, u, term shares) afresh from the records, "
                                  "then link every record again. Audited; people's decisions "
                                  "stand.")});
    parser.addOption({kPairsOut,
                      QObject::tr("Also write the linked pairs (CSV, ids FEED/EXTERNAL_ID) for "
                                  "link-eval."),
                      QObject::tr("F.csv")});
}

int LinkCommand::linkAndReport(access::Session &session, CommandIo &io, linkage::LinkMode mode,
                               const QString &pairsOut)
{
    QElapsedTimer timer;
    timer.start();
    linkage::StoreLinkRequest request;
    request.mode = mode;
    // Counts only: who was linked to whom is in the store, not the audit. In the link's own
    // transaction, so there is no link without its entry.
    const auto audit = [&](const linkage::StoreLinkOutcome &outcome) -> Result<void> {
        auto appended = session.audit().append(
            session.context(), sync::linkAuditEvent(mode, outcome, !pairsOut.isEmpty()));
        if (!appended.ok())
            return appended.error();
        return {};
    };
    auto outcome
        = linkage::StoreLinker::link(session.database(), io.clock, request, audit, pairsOut);
    if (!outcome)
        return fail(io, outcome.error());
    const QLocale locale;
    const linkage::LinkStatistics &stats = outcome->statistics;
    if (outcome->estimated)
        io.out << QObject::tr("Estimated the linkage model from %1 source records; it stays "
                              "frozen until `broadview link --reestimate`.")
                      .arg(locale.toString(qint64(stats.records)))
               << '\n';
    io.out << QObject::tr("Linked %1 of %2 source records: %3 persons (%4 new, %5 retired); %6 "
                          "pairs for review; %7 comparisons; %8 s")
                  .arg(locale.toString(outcome->relinked))
                  .arg(locale.toString(qint64(stats.records)))
                  .arg(locale.toString(outcome->persons))
                  .arg(locale.toString(outcome->newPersons))
                  .arg(locale.toString(outcome->retiredPersons))
                  .arg(locale.toString(outcome->reviewPairs))
                  .arg(locale.toString(qint64(stats.comparisons)))
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
           << '\n';
    if (outcome->contradictedDecisions > 0)
        io.err << QObject::tr("%1 decisions that records are one person could not be applied: "
                              "a later decision keeps some of them apart. See `broadview "
                              "decision list`.")
                      .arg(outcome->contradictedDecisions)
               << '\n';
    if (!pairsOut.isEmpty())
        io.out << QObject::tr("%1 linked pairs written to %2")
                      .arg(locale.toString(outcome->pairsWritten))
                      .arg(pairsOut)
               << '\n';
    io.out.flush();
    return ExitOk;
}

int LinkCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    if (parser.isSet(kFull) && parser.isSet(kReestimate)) {
        io.err << QObject::tr("Give --full or --reestimate, not both: --reestimate also links "
                              "every record again.")
               << '\n';
        return ExitUsage;
    }
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    const linkage::LinkMode mode = parser.isSet(kReestimate) ? linkage::LinkMode::Reestimate
                                   : parser.isSet(kFull)     ? linkage::LinkMode::Full
                                                             : linkage::LinkMode::Incremental;
    return linkAndReport(*session.value(), io, mode, parser.value(kPairsOut));
}

} // namespace bv::cli
