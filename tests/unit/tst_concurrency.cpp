// SPDX-License-Identifier: GPL-3.0-or-later
// One store, several connections on several threads (the UI reading while a sync writes):
// WAL gives each reader a consistent snapshot and busy_timeout hides the lock waits.
#include "common/testsupport.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/storefiles.h"
#include "store/transaction.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace bv;
using namespace bv::store;

namespace {

// What a thread saw; QTest's macros belong to the main thread, so threads only record.
struct ThreadReport
{
    QStringList errors;
    qint64 reads = 0;
    qint64 lastCount = 0;
};

void note(ThreadReport &report, const QString &what)
{
    if (report.errors.size() < 10)
        report.errors << what;
}

void writeBatches(const QString &path, const SecretBytes &key, const StorePragmas &pragmas,
                  int writer, int batches, int batchSize, ThreadReport &report)
{
    auto db = StoreFiles::openWithKey(path, key, pragmas);
    if (!db.ok())
        return note(report, db.error().message);
    for (int batch = 0; batch < batches; ++batch) {
        auto tx = Transaction::begin(*db.value());
        if (!tx.ok())
            return note(report, tx.error().message);
        auto insert = db.value()->prepare(
            "INSERT INTO quarantine(received_at, external_id, reason, payload) "
            "VALUES ('2026-03-01T09:30:00.000Z', ?, 'test', ?)");
        if (!insert.ok())
            return note(report, insert.error().message);
        // One statement per row, so a reader that could see into a transaction would see
        // a count that is not a multiple of the batch size.
        for (int row = 0; row < batchSize; ++row) {
            insert->bind(1, QStringLiteral("w%1-b%2-r%3").arg(writer).arg(batch).arg(row))
                .bindBlob(2, QByteArray(512, static_cast<char>('a' + row)));
            if (auto ran = insert->run(); !ran.ok())
                return note(report, ran.error().message);
        }
        if (auto committed = tx->commit(); !committed.ok())
            return note(report, committed.error().message);
    }
}

Result<qint64> countRows(Database &db)
{
    return db.queryInt("SELECT count(*) FROM quarantine");
}

void readUntilDone(const QString &path, const SecretBytes &key, const StorePragmas &pragmas,
                   int batchSize, QSemaphore &ready, const std::atomic<bool> &done,
                   ThreadReport &report)
{
    auto db = StoreFiles::openWithKey(path, key, pragmas);
    if (!db.ok()) {
        ready.release();
        return note(report, db.error().message);
    }
    bool first = true;
    for (;;) {
        const bool last = done.load(); // one more read after the writers have finished
        auto count = countRows(*db.value());
        if (!count.ok())
            return note(report, count.error().message);
        if (count.value() % batchSize != 0)
            note(report, QStringLiteral("saw %1 rows: part of a transaction").arg(count.value()));
        if (count.value() < report.lastCount)
            note(report, QStringLiteral("count went back from %1 to %2")
                             .arg(report.lastCount)
                             .arg(count.value()));
        report.lastCount = count.value();
        ++report.reads;
        if (first) {
            ready.release();
            first = false;
        }

        // Inside one read transaction the snapshot holds still while the writers go on.
        auto tx = Transaction::begin(*db.value(), Transaction::Mode::Deferred);
        if (!tx.ok())
            return note(report, tx.error().message);
        auto a = countRows(*db.value());
        auto b = countRows(*db.value());
        if (!a.ok() || !b.ok())
            return note(report, (a.ok() ? b : a).error().message);
        if (a.value() != b.value())
            note(report,
                 QStringLiteral("snapshot moved: %1 then %2").arg(a.value()).arg(b.value()));
        tx->rollback();
        if (last)
            return;
    }
}

} // namespace

class tst_Concurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readerSeesWholeTransactionsOnly_data();
    void readerSeesWholeTransactionsOnly();
};

void tst_Concurrency::readerSeesWholeTransactionsOnly_data()
{
    QTest::addColumn<int>("writers");
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("checkpointPages");
    QTest::newRow("one writer, one reader") << 1 << 60 << 7 << 4000;
    QTest::newRow("two writers contending for the write lock") << 2 << 40 << 7 << 4000;
    QTest::newRow("checkpoints while the reader reads") << 1 << 60 << 7 << 8;
}

void tst_Concurrency::readerSeesWholeTransactionsOnly()
{
    QFETCH(int, writers);
    QFETCH(int, batches);
    QFETCH(int, batchSize);
    QFETCH(int, checkpointPages);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const StorePaths paths = StorePaths::forStore(dir.filePath(QStringLiteral("c.bvstore")));
    SecretBytes key;
    {
        auto created = StoreFiles::create(paths, SecretBytes::fromView("correct horse"),
                                          KdfParams::minimum());
        QVERIFY_RESULT(created);
        key = SecretBytes(created->opened.rawKey.data(), created->opened.rawKey.size());
    }
    StorePragmas pragmas;
    pragmas.walAutoCheckpointPages = checkpointPages;

    QSemaphore readerReady;
    std::atomic<bool> done{false};
    ThreadReport readerReport;
    std::thread reader(readUntilDone, paths.store, std::cref(key), std::cref(pragmas), batchSize,
                       std::ref(readerReady), std::cref(done), std::ref(readerReport));
    const bool started = readerReady.tryAcquire(1, 30000); // the reader is reading first
    std::vector<ThreadReport> writerReports(static_cast<std::size_t>(writers));
    std::vector<std::thread> writerThreads;
    for (int w = 0; started && w < writers; ++w) {
        writerThreads.emplace_back(writeBatches, paths.store, std::cref(key), std::cref(pragmas), w,
                                   batches, batchSize, std::ref(writerReports[std::size_t(w)]));
    }
    for (auto &thread : writerThreads)
        thread.join();
    done = true;
    reader.join();
    QVERIFY(started);

    for (const ThreadReport &report : writerReports)
        QVERIFY2(report.errors.isEmpty(), qPrintable(report.errors.join(u'\n')));
    QVERIFY2(readerReport.errors.isEmpty(), qPrintable(readerReport.errors.join(u'\n')));
    const qint64 expected = qint64(writers) * batches * batchSize;
    QCOMPARE(readerReport.lastCount, expected); // its last read came after every commit
    QVERIFY(readerReport.reads >= 2);

    auto db = StoreFiles::openWithKey(paths.store, key);
    QVERIFY_RESULT(db);
    QCOMPARE(countRows(*db.value()).value(), expected);
    QCOMPARE(db.value()->queryInt("SELECT count(DISTINCT external_id) FROM quarantine").value(),
             expected);
}

BV_TEST_MAIN(tst_Concurrency)
#include "tst_concurrency.moc"
