// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/explaincommand.h"

#include "access/session.h"
#include "cli/exitcodes.h"
#include "linkage/linkexplainer.h"
#include "linkage/storedrecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace bv::cli {

namespace {

const QString kRecord = QStringLiteral("record");
const QString kWith = QStringLiteral("with");
const QString kJson = QStringLiteral("json");

QJsonObject pairJson(const linkage::PairExplanation &pair)
{
    QJsonArray bars;
    for (const linkage::FieldContribution &c : pair.match.contributions)
        bars.append(
            QJsonObject{{QStringLiteral("field"), QString(linkage::fieldKey(c.field))},
                        {QStringLiteral("level"), QString(c.levelKey)},
                        {QStringLiteral("label"), c.fieldLabel},
                        {QStringLiteral("level_label"), c.levelLabel},
                        {QStringLiteral("weight"), c.weight},
                        {QStringLiteral("term_frequency_adjusted"), c.termFrequencyAdjusted},
                        {QStringLiteral("sentence"), c.sentence}});
    QJsonObject object{{QStringLiteral("record_a"), pair.idA},
                       {QStringLiteral("record_b"), pair.idB},
                       {QStringLiteral("same_nhs_number"), pair.sameNhsNumber},
                       {QStringLiteral("different_nhs_numbers"), pair.differentNhsNumbers},
                       {QStringLiteral("prior_weight"), pair.match.priorWeight},
                       {QStringLiteral("prior_sentence"), pair.match.priorSentence},
                       {QStringLiteral("fields"), bars},
                       {QStringLiteral("match_weight"), pair.match.matchWeight},
                       {QStringLiteral("probability"), pair.match.probability},
                       {QStringLiteral("summary"), pair.match.summary}};
    if (pair.decision)
        object.insert(QStringLiteral("decision"), *pair.decision);
    return object;
}

void printPair(QTextStream &out, const linkage::PairExplanation &pair)
{
    const QLocale locale;
    out << QObject::tr("%1 and %2").arg(pair.idA, pair.idB) << '\n';
    const QString prior = QObject::tr("start (prior)");
    QStringList labels;
    qsizetype width = prior.size();
    for (const linkage::FieldContribution &c : pair.match.contributions) {
        labels << QStringLiteral("%1: %2").arg(c.fieldLabel, c.levelLabel);
        width = std::max(width, labels.back().size());
    }
    out << QStringLiteral("  %1  %2\n")
               .arg(prior, -int(width))
               .arg(locale.toString(pair.match.priorWeight, 'f', 1), 7);
    double running = pair.match.priorWeight;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const linkage::FieldContribution &c = pair.match.contributions[std::size_t(i)];
        running += c.weight;
        out << QStringLiteral("  %1  %2  %3\n")
                   .arg(labels[i], -int(width))
                   .arg((c.weight >= 0 ? QStringLiteral("+") : QString())
                            + locale.toString(c.weight, 'f', 1),
                        7)
                   .arg(QObject::tr("running %1").arg(locale.toString(running, 'f', 1)));
    }
    out << "  " << pair.match.summary << '\n';
    if (pair.sameNhsNumber)
        out << "  " << QObject::tr("They hold the same valid NHS number, which links them.")
            << '\n';
    if (pair.differentNhsNumbers)
        out << "  "
            << QObject::tr("They hold different valid NHS numbers: never linked automatically.")
            << '\n';
    if (pair.decision)
        out << "  " << QObject::tr("Decision %1 is about this pair.").arg(*pair.decision) << '\n';
}

} // namespace

QString ExplainCommand::summary() const
{
    return QObject::tr("Explain why a record belongs to its person, or how two records compare: "
                       "the match weight field by field.");
}

void ExplainCommand::addOptions(QCommandLineParser &parser) const
{
    addStoreOption(parser);
    addPassphraseOptions(parser);
    addPurposeOption(parser);
    parser.addOption({kRecord, QObject::tr("The record, as FEED/EXTERNAL_ID or its number."),
                      QObject::tr("RECORD")});
    parser.addOption({kWith,
                      QObject::tr("Compare with this record instead of the record's person."),
                      QObject::tr("RECORD")});
    parser.addOption({kJson, QObject::tr("As JSON, for charts.")});
}

int ExplainCommand::run(const QCommandLineParser &parser, CommandIo &io) const
{
    if (!parser.isSet(kRecord))
        return usage(io, QObject::tr("--record RECORD is required."));
    auto session = unlock(parser, io);
    if (!session.ok())
        return fail(io, session.error());
    access::Session &opened = *session.value();
    auto record = linkage::findSourceRecord(opened.database(), parser.value(kRecord));
    if (!record.ok())
        return fail(io, record.error());
    const linkage::LinkExplainer explainer(opened.database());
    QJsonObject json;
    QString subject = QStringLiteral("record:%1").arg(record.value());
    if (parser.isSet(kWith)) {
        auto other = linkage::findSourceRecord(opened.database(), parser.value(kWith));
        if (!other.ok())
            return fail(io, other.error());
        auto pair = explainer.explainPair(record.value(), other.value());
        if (!pair.ok())
            return fail(io, pair.error());
        subject += QStringLiteral(",record:%1").arg(other.value());
        if (parser.isSet(kJson))
            json = pairJson(pair.value());
        else
            printPair(io.out, pair.value());
    } else {
        auto explained = explainer.explainRecord(record.value());
        if (!explained.ok())
            return fail(io, explained.error());
        if (parser.isSet(kJson)) {
            json = QJsonObject{{QStringLiteral("person"), explained->person},
                               {QStringLiteral("reason"), explained->reason},
                               {QStringLiteral("decided_by"), explained->decidedBy}};
            if (explained->strongest)
                json.insert(QStringLiteral("strongest"), pairJson(*explained->strongest));
        } else {
            io.out << QObject::tr("Record %1 is in person %2 (%3, decided by %4).")
                          .arg(parser.value(kRecord))
                          .arg(explained->person)
                          .arg(explained->reason, explained->decidedBy)
                   << '\n';
            if (explained->strongest) {
                io.out << QObject::tr("Its strongest pair in that person:") << '\n';
                printPair(io.out, *explained->strongest);
            } else {
                io.out << QObject::tr("It is the person's only record.") << '\n';
            }
        }
    }
    // Which records are compared says something about people: audited.
    auto audited = opened.audit().append(opened.context(),
                                         {QStringLiteral("persons.explain"), subject, QString()});
    if (!audited.ok())
        return fail(io, audited.error());
    if (parser.isSet(kJson))
        io.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    return ExitOk;
}

} // namespace bv::cli
