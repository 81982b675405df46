<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>QObject</name>
    <message>
        <source>Not shared with your role by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked %1, above your clearance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit mirror names entry %1, at or beyond the new entry %2: entries were removed from the end of the chain. The mirror is kept as evidence; run audit verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the audit mirror %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2 were deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 holds the content of entry %2: the chain was reordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was edited: its fields no longer match its hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 does not follow entry %2: one of them was replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2 were removed from the end (the store&apos;s head names entry %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s head (entry %1) does not match the last entry (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mirror file %1 is missing, so entries removed from the end together with the head cannot be detected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mirror file %1 is not valid for this store: it was edited or copied from elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2 were removed from the end (the mirror names entry %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 differs from the one the mirror recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mirror names entry %1, the chain ends at %2: the mirror was not updated after the last commit (an interrupted write); entries after %1 are checked by the chain only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrase is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TAMPERED: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain of %1 entries verifies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain of %1 entries does NOT verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a consistent encrypted copy of a store, with its key file, while it is in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file; FILE.key and FILE.audit-head are written beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up %1 pages to %2 (key file %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every page of a store, check its integrity and audit chain, and print its counts and content hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:          %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages read:     %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrity:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit chain:    %1 (%2 entries before this check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOES NOT VERIFY (run audit verify)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per source (persons, events, quarantined):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content_hash %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview: unknown command &quot;%1&quot;; see broadview --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace, debug, info, warn, error, critical or off (else BROADVIEW_LOG_LEVEL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEVEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview %1: unexpected argument &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the passphrase from FILE (else BROADVIEW_PASSPHRASE, else the terminal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use libsodium&apos;s minimum Argon2id cost. Tests only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON for scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you are doing this; recorded in the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--store PATH is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview: warning: minimum key derivation cost; for tests only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or reopen the demo store and open the app on it (--headless: print its summary instead).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop before opening the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the demo store %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its passphrase is &quot;%1&quot; (demo data only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the demo store %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version %1; content_hash %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new encrypted store and print its recovery key once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the recovery key to FILE (mode 0600) instead of printing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; refusing to overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 and its key file %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the recovery key to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery key is in %1. Move it somewhere safe, away from this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key (shown once; write it down and keep it away from this machine):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the secret file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret file %1 is longer than %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminal to ask for a secret: use --passphrase-file or the environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again, to confirm: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two entries differ; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the passphrase (rewraps the key; the store is not re-encrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the new passphrase from FILE (else BROADVIEW_NEW_PASSPHRASE, else the terminal, asked twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase changed for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new passphrase with the recovery key shown when the store was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the recovery key from FILE (else BROADVIEW_RECOVERY_KEY, else the terminal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase set for %1. The recovery key still works; keep it safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a backup, then put it in place as a store (never over an existing one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file made by backup --out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backup FILE and --store PATH are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview: the backup %1 is damaged:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: broadview [COMMAND] [OPTIONS]

Broadview brings the records you may see from several agencies into one encrypted store and shows one person across them.
Without a command it opens the app.

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
broadview COMMAND --help describes each command.
Secrets come from the terminal, a --passphrase-file or the environment (BROADVIEW_PASSPHRASE, BROADVIEW_NEW_PASSPHRASE, BROADVIEW_RECOVERY_KEY).
Logging: --log-level LEVEL or BROADVIEW_LOG_LEVEL.

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libsodium could not be initialised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XChaCha20-Poly1305 failed its known-answer test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Argon2id failed its known-answer test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file names Argon2id parameters outside libsodium&apos;s limits (%1 passes, %2 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Argon2id ran out of memory (%1 MiB asked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery key is 32 bytes; this one is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file names an unknown key derivation (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no SQLCipher and cannot open a keyed store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 cannot be read: it does not decrypt with its key, or its first page is damaged (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite error %1 (%2) in: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No row from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file is damaged: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it does not start with the Broadview key file marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1 bytes long, shorter than any key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its checksum does not match its contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file has format version %1; this Broadview reads version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds %1 key wraps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its length does not match its %1 key wraps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 is missing. The store cannot be opened without it; restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1 bytes long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store key is %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery key is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no person %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery key holds only digits and the letters A-Z without I, L, O and U; character %1 is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery key has %1 characters (without dashes); this one has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has schema version %1, but this Broadview knows only up to version %2. Use a newer Broadview; the store was left unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process bound SQLite %1, but Broadview was built against SQLCipher&apos;s SQLite %2: another libsqlite3 was loaded first. Refusing to open a store that would not be encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite %1 answers, but PRAGMA cipher_version does not: this is not SQLCipher. Refusing to open a store that would not be encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot bind parameter %1 (%2) in: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup copy failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup lacks %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 is shorter than its 16-byte header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 belongs to another store: its store salt does not match the first bytes of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 has no %2 wrap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a scratch file in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A page did not decrypt while every page was read (%1 pages): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading every page failed after %1 of %2 pages: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 of %2 refers to a missing row of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction is no longer active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminal prompt in the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What verification cannot detect: someone who holds the store key can rewrite the whole chain, its head and the mirror consistently, and the result verifies; the defence against that is the copy of the chain held outside this machine. Deleting the mirror file as well as the last entries and the head is reported as a missing mirror, not as truncation. Actions that were never audited (a crash before the entry committed) leave no trace to find. Putting back an older backup (its store, key file and mirror together) removes every later entry and still verifies, without any key: the copy of the chain held outside this machine is the defence against that too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: walk the audit chain and report any entry edited, deleted, reordered or removed from the end.
reset-mirror: after verify has reported a missing, invalid or stale mirror file and it has been looked into, record what the mirror said in the chain and write it anew (until then it is kept as evidence).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: broadview audit verify|reset-mirror --store PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit mirror of %1 now names entry %2; the previous mirror is recorded in that entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the recovery key to %1 (%2); here it is, shown once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not a valid date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not in a recognised %2 format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local time zone is not known (is tzdata installed?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROJ could not create a context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROJ cannot transform British National Grid (EPSG:27700) to WGS84: %1. Is proj-data installed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROJ could not put the WGS84 axes in longitude, latitude order: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid reference is outside the British National Grid (eastings 0 to %1 m, northings 0 to %2 m).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROJ could not transform the grid reference: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcode is not in the UK format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcode is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first bytes of %1 are damaged: the store opens with its key file only when told the salt those bytes should hold. Restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in the simulated county (default 5000, at most 1000000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the simulated county (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The public reference data the county is drawn from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--persons takes a number from 1 to %1 and --seed a non-negative number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the feed simulator (%1 people, seed %2)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seven agency feeds on %1; feeds file %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shipped mapping %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shipped feeds.json is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit codes:
  0  success
  1  failure (see the message)
  2  usage: bad or missing arguments
  3  wrong passphrase or recovery key
  4  key file missing
  5  key file damaged
  6  key file belongs to another store
  7  no store at the path
  8  store damaged
  9  store written by a newer Broadview
 10  store already exists
 11  audit chain does not verify
 12  the process did not load SQLCipher
 13  a feed could not be reached (after retries)
 14  a feed&apos;s TLS certificate was refused
 15  feeds.json or a mapping file is invalid
 16  a feed refused the request or sent unreadable pages
 17  cancelled
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List feed input that was rejected, with the reason for each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list entries resolved by a later good version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print what was received for entry ID (audited).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no quarantine entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--payload takes the number of an entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (resolved %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is in quarantine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the secrets feeds.json names (set, list, delete) inside the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the value from FILE (default: ask on the terminal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of secret %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value file %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: broadview secret set|list|delete --store PATH [--name NAME] [--value-file FILE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--name NAME is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of secret %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no secret named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret %1 set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring the store up to date with the agency feeds listed in feeds.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feeds file (feeds.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync only this feed (may be given more than once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: stopped after pages: %2 (rows written: %3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: pages %2, source records %3; rows written %4, unchanged %5, removed %6; quarantined %7; retries %8; %9 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: pages %3, source records %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--feeds FILE is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lists no feed named %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feed %1 has no stream named %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no header row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its header row is not valid CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its header row names a column twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no column &quot;%1&quot;: it is not the expected extract.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has %1 fields; the header has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quoted field is not closed before the end of the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feed %1 has the format &quot;%2&quot;, which no adapter reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: no PEM certificate could be read from the CA file %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: no PEM certificate could be read from the client certificate file %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: a client certificate needs the name of the secret that holds its private key (client_key_ref).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the secret %2 is not a PEM private key (EC or RSA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the base URL %2 is plain http. Feeds carry personal data, so TLS (https) is required; plain http is accepted only on this machine&apos;s loopback address and with &quot;allowPlainHttp&quot;: true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the base URL %2 is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the certificate of %2 was refused: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the token endpoint %2 could not be reached: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the token endpoint refused client %2 (HTTP %3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the token endpoint answered without an access_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body was cut short (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: %2 failed after %3 attempts (last: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: %2 was refused (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds file %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a secret written in feeds.json is refused: store it in Broadview and refer to it by name (&quot;secretRef&quot;, &quot;clientKeyRef&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be lower-case letters, digits, &quot;-&quot; or &quot;_&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a valid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is relative, and the file gives no &quot;origin&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be https (plain http only with &quot;tls&quot;: {&quot;allowPlainHttp&quot;: true})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;kind&quot;: &quot;none&quot; takes no other keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;none&quot; or &quot;client_credentials&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be https (plain http only with &quot;allowPlainHttp&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;clientCert&quot; and &quot;clientKeyRef&quot; go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an absolute URL (&quot;https://host:port&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing or empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeats the id of another feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping file %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a path must not be empty (&quot;.&quot; is the element)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path has an empty step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a non-empty template string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &quot;{&quot; is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names no field (write fields as {path})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a path or an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string, number or boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a non-empty array of paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs exactly one of &quot;path&quot;, &quot;const&quot;, &quot;template&quot;, &quot;join&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object of path: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string, number, boolean or an array of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lists no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a path or {&quot;path&quot;, &quot;split&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;lat&quot; and &quot;lon&quot; go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;easting&quot; and &quot;northing&quot; go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;uprn&quot;, &quot;postcode_unit&quot; or &quot;district&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of official, usual, maiden, old, nickname, alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs &quot;fullName&quot; or &quot;given&quot;/&quot;family&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lists no level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing: which person the record is about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a field of a %1 record (fields: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an event needs &quot;occurredAt&quot;, &quot;occurredDate&quot; or &quot;when&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a person record has other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is missing or not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be fhir-link-next, link-header, cursor or body-token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a cursor-paged stream is not read by time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be relative to the feed&apos;s base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a FHIR stream is read as FHIR R4: no record mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a FHIR stream is paged by fhir-link-next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fhir-link-next is for FHIR feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an XML stream has a root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a CSV stream&apos;s records are its rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names no table in &quot;codeTables&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a valid value for the field %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeats the name of another stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names no index of the stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is &quot;%1&quot;, but the feed&apos;s format is &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a known time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object of code: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a FHIR feed has this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 has no reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 refers to a %2, not a %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 refers to an entry whose resource has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 refers to an entry that is not in the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 is not a resource reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1 does not refer to a %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encounter has no period.start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encounter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is neither FHIR JSON nor FHIR XML.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not well-formed XML (line %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not JSON (%1 at offset %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its root is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a FHIR resource (no resourceType).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered with an OperationOutcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not in the date format the mapping gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not in the date and time format the mapping gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latitude and longitude are out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no array &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 item %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it says more pages follow but gives no &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feed %1 could not be registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a structure, not a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a list, not one value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the code is not in the table %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record has no %1 (%2 is missing or empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not 1, 2 or 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event has no date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a flag kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a relationship kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is withdrawn but has no %1, so the records made from it cannot be withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret named %1 is not in the store. Add it with `broadview secret set --name %1`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the page %2 names itself as the next page; stopped to avoid a loop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not XML.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its root element is not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not well-formed XML (line %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A statement was used before it was prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>broadview check: the store is damaged (%n problem(s)); restore it from a backup.</source>
        <translation>
            <numerusform>broadview check: the store is damaged (%n problem); restore it from a backup.</numerusform>
            <numerusform>broadview check: the store is damaged (%n problems); restore it from a backup.</numerusform>
        </translation>
    </message>
    <message>
        <source>broadview check: the audit chain does not verify; run broadview audit verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link the store&apos;s source records into persons: the same NHS number, or enough agreement on names, date of birth, sex, postcode, address and UPRN; uncertain pairs go to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the linked pairs (CSV, ids FEED/EXTERNAL_ID) for link-eval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 linked pairs written to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deduplicate one CSV file or link two through a column mapping, and write the linked pairs (id_a,id_b,weight,probability).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column mapping (JSON; resources/linkage/febrl.json for FEBRL files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAP.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write the pairs (CSV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads for comparing (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --config MAP.json, one or two CSV files, and --out F.csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--threads must be a number from 1 to 256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate pairs:   %1 (%2 blocks too large to use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparisons:       %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EM:                %1 iterations, %2, lambda %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persons:           %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs written:     %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For review:        %1 pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:              %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linkage of two files (only pairs across them count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deduplication of one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deduplication over every feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 linking a record to itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 within one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 naming records not in the truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair rows:         %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (left out: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records:           %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True pairs:        %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted pairs:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True positives:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False positives:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False negatives:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairwise precision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairwise recall    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairwise F1        %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted clusters %1 (%2 of two or more records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True clusters      %1 (%2 of two or more records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly equal      %1 (%2 of two or more records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster precision  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster recall     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster F1         %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score a linker&apos;s pairs against a ground truth: pairwise and cluster precision, recall and F1.
PAIRS.csv has the header id_a,id_b,weight,probability, one linked pair a row; a pair and its reverse are one pair, and a record linked to itself is ignored. --truth takes the feed simulator&apos;s source truth (feed,kind,external_id,person_id; the record id is &lt;feed&gt;/&lt;external_id&gt;); --febrl takes one FEBRL file (deduplication) or two (linkage: only pairs across the files count), with rec_id as the record id. Ids the truth does not know are counted, reported and left out.
Cluster precision and recall are exact-match cluster measures (Menestrina et al., 2010): the clusters are the transitive closure of the pairs over every record of the truth, singletons included, and a cluster counts only when it equals a true entity. A ratio with nothing to divide by is 0.
The last lines are `figure NAME VALUE`: cluster_precision, cluster_recall, cluster_f1, then the pairwise precision, recall and f1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linker&apos;s pairs (CSV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAIRS.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feed simulator&apos;s source truth (CSV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRUTH.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A FEBRL file; a second one after it (or a second --febrl) makes it a linkage of the two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pairs PAIRS.csv is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either --truth TRUTH.csv or --febrl A.csv [B.csv].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second file is only taken after --febrl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--febrl takes one or two files, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broadview link-eval: warning: %1 names %2 id(s) that the truth does not know, in %3 row(s) (the first on line %4); those rows are left out of the scoring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task:              %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS alert &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed as soon as the TLS handshake ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: %2 refused the connection (%3). The feed presents no client certificate; if the agency requires one, set &quot;clientCert&quot; and &quot;clientKeyRef&quot; in the feed&apos;s &quot;tls&quot; in feeds.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: %2 refused the connection (%3): it did not accept the client certificate %4 (issued by &quot;%5&quot;, valid until %6). Check that the agency trusts its issuer and that it has not expired or been revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: the TLS handshake with %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object (text, postcode, uprn, lat, lon, easting, northing, precision, lookup, ref)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a place is either looked up in the page or referred to, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be person, event, flag, address, relationship or location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 record is not about a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 record cannot be nested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>elements are nested more than %1 deep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping file %1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a column name or {&quot;column&quot;: ...}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must name the id column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a field (givenName, familyName, birthDate, sex, postcode, address, uprn, nhsNumber)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a column name or {&quot;join&quot;: [...]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;uk&quot; or &quot;exact&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the id is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the id is used by an earlier row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a date in the format %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern %1 has a level outside the range of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no compared pairs to estimate from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The starting lambda must lie strictly between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tolerance must be positive and the iteration cap at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no random pairs to estimate u from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty: expected a header line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quoted field is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the header has no column &quot;%2&quot; (it has: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1 fields as in the header, found %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The linkage model parameters are not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lambda must lie strictly between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a probability of %1 is outside 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the probabilities of %1 do not sum to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many records to link at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thresholds must satisfy 0 &lt; review &lt;= link &lt; 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few records or candidate pairs to estimate the linkage model from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nickname table %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nickname table %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 has an empty name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 needs at least two different names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the table has too many rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no rows of names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability is not between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an id is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record &quot;%1&quot; is already in the truth with another entity or file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FEBRL truth takes one file (deduplication) or two (linkage), not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rec_id &quot;%1&quot; is not rec-&lt;n&gt;-org or rec-&lt;n&gt;-dup-&lt;k&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a number, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide who is whom: merge two persons, split records off a person, keep two persons apart, undo a decision, or list them. Audited; each holds across later syncs and relinks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person id (twice for merge and apart, once for split).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record to split off, as FEED/EXTERNAL_ID or its number (repeat for several).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECORD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (required for every change; kept in the store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: also undone decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: broadview decision merge|split|apart|undo|list --store PATH (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--reason TEXT is required: say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes --person twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>split takes one --person and at least one --record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo takes --id N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2 by %3 at %4, %5 records: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undone by %1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision %1 undone; its records now belong to persons %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision %1 recorded; its records now belong to persons %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start (prior)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They hold the same valid NHS number, which links them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They hold different valid NHS numbers: never linked automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision %1 is about this pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain why a record belongs to its person, or how two records compare: the match weight field by field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record, as FEED/EXTERNAL_ID or its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with this record instead of the record&apos;s person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As JSON, for charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--record RECORD is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record %1 is in person %2 (%3, decided by %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its strongest pair in that person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is the person&apos;s only record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link every record again under the frozen model, not only what changed since the last link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate the model (m, u, term shares) afresh from the records, then link every record again. Audited; people&apos;s decisions stand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated the linkage model from %1 source records; it stays frozen until `broadview link --reestimate`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked %1 of %2 source records: %3 persons (%4 new, %5 retired); %6 pairs for review; %7 comparisons; %8 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 decisions that records are one person could not be applied: a later decision keeps some of them apart. See `broadview decision list`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --full or --reestimate, not both: --reestimate also links every record again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 is not valid JSON at offset %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 must hold a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair %1 has a level outside the range of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1 has no records now: they went to person %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no person %1 with records in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contradicts decision %1, which still stands. Nothing was changed: undo it first (`broadview decision undo --id %1`) if it was wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why: a decision about who is whom needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1 is already one person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record %1 is not one of person %2&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name some, not all, of person %1&apos;s records to split off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To separate records of one person, split it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the decision is being undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no decision %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision %1 was already undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has not been linked yet: run `broadview link`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no source record %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name two different records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source record %1 is not linked to a person: run `broadview link`, or check the id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored linkage model is damaged (%1): re-estimate it with `broadview link --reestimate`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field %1 has the wrong number of levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thresholds out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record is named FEED/EXTERNAL_ID or by its number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no source record %1 in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The full-text index of events does not match the events: %n event(s) without an entry or entries without an event.</source>
        <translation>
            <numerusform>The full-text index of events does not match the events: %n event without an entry or entries without an event.</numerusform>
            <numerusform>The full-text index of events does not match the events: %n events without an entry or entries without an event.</numerusform>
        </translation>
    </message>
    <message>
        <source>All pairs (%1) cannot be fewer than the pairs given (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find linked persons: QUERY (quoted if it has several words) holds names or their beginnings, an NHS number, a date of birth (12/03/1985 or 1985-03-12), a postcode or its outward code (NR1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N persons (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to search for, e.g. `broadview search --store S &quot;Jane Smith 12/03/1985&quot;`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be a whole number from 1 to 1000, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in &quot;%1&quot; can be searched for: give a name, an NHS number whose check digit holds, a real date of birth or a postcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>born %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date of birth not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; flags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>; %n record(s) withheld</source>
        <translation>
            <numerusform>; %n record withheld</numerusform>
            <numerusform>; %n records withheld</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) found</source>
        <translation>
            <numerusform>%n person found</numerusform>
            <numerusform>%n people found</numerusform>
        </translation>
    </message>
    <message>
        <source>; more match: narrow the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1 no longer exists: their records were withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1 was merged into person %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a date as YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a person&apos;s multi-agency chronology as PDF, ODT or CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s id (as search shows it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pdf, odt or csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events from this date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events up to this date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 every event, 2 notable and key, 3 key events only (default: 3, the chronology).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to export: `broadview export chronology ...`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--person ID is required: a person&apos;s number, as search shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be pdf, odt or csv, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--purpose is required: the document says why it was made, and so does the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--min-significance must be 1, 2 or 3, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote a chronology of %n event(s) to %1.</source>
        <translation>
            <numerusform>Wrote a chronology of %n event to %1.</numerusform>
            <numerusform>Wrote a chronology of %n events to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A note is analysis, impact or note, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no event %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1: %2 could not be reached after %3 attempts (last: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tried: %1 gave no answer to the feed before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the people with chosen flags who live inside an area (GeoJSON, WGS84 or British National Grid), with why each is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area: a GeoJSON file of polygons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the feature of this name (default: all of them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags to list people by, comma-separated: vulnerable, cpp, looked_after, marac, risk_to_staff (default: everyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where people live on this day (default today).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>csv (default) or geojson.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--geojson FILE and --out FILE are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--purpose TEXT is required: an area query lists people and is audited with why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format is csv or geojson, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--as-of takes a date as YYYY-MM-DD, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 areas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no area named &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 inside, %3 too coarse to be sure, %4 at protected addresses; written to %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcode gazetteer is missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::feeds</name>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::feeds::InstantParser</name>
    <message>
        <source>date and time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo</name>
    <message>
        <source>%1 is not GeoJSON: %2 at byte %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no areas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a usable MBTiles file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store key is too short for the tile cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tile cache key cannot be derived.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::AreaQuery</name>
    <message>
        <source>Unknown flag &quot;%1&quot;; known: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location too coarse to be sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside, address protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lives here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the building (UPRN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the postcode&apos;s centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the district&apos;s centre only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Their address is protected: ask %2 (record %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2 places them%3 at %4, %5 m from the edge: too coarse to be sure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2 places them inside%3, located by %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area has no polygon.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::BaseMap</name>
    <message>
        <source>The base map %1 is damaged or not a base map; reinstall Broadview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base map is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::MbTilesSource</name>
    <message>
        <source>No MBTiles file at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an SQLite database, or its first page is damaged (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged (SQLite&apos;s check failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its schema cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no &quot;metadata&quot; and &quot;tiles&quot; tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its metadata table cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its metadata table is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds vector tiles (pbf); Broadview draws raster tiles (png, jpg, webp).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its tiles table lacks the MBTiles columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its tiles cannot be read (the file is damaged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds no tiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its tiles are not PNG, JPEG or WebP images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its zoom levels cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its zoom range %1 to %2 is impossible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tile of %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::PostcodeGazetteer</name>
    <message>
        <source>The postcode gazetteer %1 is damaged; reinstall Broadview.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::Reader</name>
    <message>
        <source>%1, %2: a position is not a pair of numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3, %4 is neither a longitude and latitude nor declared as British National Grid (a &quot;crs&quot; of EPSG:27700).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: a ring has fewer than three corners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: a polygon has no rings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: a %3 is not an area; only Polygon and MultiPolygon are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>geometry with no type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: a MultiPolygon with no polygons.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::TileCache</name>
    <message>
        <source>The tile cache %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::TileDirectorySource</name>
    <message>
        <source>No tile folder at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no tiles: Broadview reads {z}/{x}/{y}.png (or .jpg, .webp) under the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tile under %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::TileFetcher</name>
    <message>
        <source>%1 tiles is more than one save may fetch (%2): choose a smaller area or fewer zoom levels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An area is being saved already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tile server %1 cannot be reached; the map shows what is saved for offline use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::geo::TileUrlTemplate</name>
    <message>
        <source>The tile server address is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web address (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must start with https:// (plain http only to this machine: the tiles asked for show which streets were looked at).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tile server address &quot;%1&quot; lacks %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::linkage::Explanation</name>
    <message>
        <source>The given name is missing from one record or both, so it counts neither way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given names are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given names are spelt almost the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given names are spelt similarly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given names sound alike.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One given name is a nickname or short form of the other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given names are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family names are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family names are spelt almost the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family names are spelt similarly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family names sound alike.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family names are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth is missing from one record or both, so it counts neither way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dates of birth are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dates of birth are the same except that the day and month are swapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dates of birth are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex is not recorded on one record or both, so it counts neither way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recorded sex is the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recorded sex is different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcodes are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcodes are different but in the same sector, a few streets apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcodes are different but in the same district.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcodes are in different districts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses share most of their words and their house numbers agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The property reference (UPRN) is missing from one record or both, so it counts neither way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The property references (UPRN) are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The property references (UPRN) are different.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is about as likely for two different people as for the same person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is %1 times as likely for records of the same person as for records of two different people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is %1 times as likely for records of two different people as for records of the same person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before any field is compared, about 1 pair in %1 is expected to be the same person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight allows for how common this value is among all records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than 99.9%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than 0.1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted most for the same person: %1. Counted most against: %2. Probability of the same person: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The given name on each record is the family name on the other; both names count here, once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The family name is missing from one record or both, or already counted with the shared home, so it counts neither way here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dates of birth differ only in the day, the month or the year, or by one typing slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One record has no date of birth, but it is recorded as a parent or child of someone whose date of birth rules out the other record&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcode is missing from one record or both, or already counted with the shared home, so it counts neither way here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The postcodes differ by one typing slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is missing from one record or both, or already counted with the shared property reference, so it counts neither way here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identifiers differ by one typing slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The names are exchanged between the records: counted once, with the given name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::linkage::Field</name>
    <message>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPRN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::linkage::Level</name>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given and family names swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jaro-Winkler 0.94 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jaro-Winkler 0.88 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sounds alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day and month swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most words shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day, month or year differs, or one typing slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ruled out by a relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One typing slip apart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::models</name>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children&apos;s SC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adult SC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Housing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::models::AreaListModel</name>
    <message>
        <source>Building (UPRN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected: not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, record %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Located by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::models::FeedStatusModel</name>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turned off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the feeds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1: %n page(s)</source>
        <translation>
            <numerusform>Syncing %1: %n page</numerusform>
            <numerusform>Syncing %1: %n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>No complete sync yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n input record(s) held back as unreadable; see broadview quarantine list</source>
        <translation>
            <numerusform>%n input record held back as unreadable; see broadview quarantine list</numerusform>
            <numerusform>%n input records held back as unreadable; see broadview quarantine list</numerusform>
        </translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::models::PersonSearchModel</name>
    <message>
        <source>(no name recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (and %n record(s) withheld)</source>
        <translation>
            <numerusform> (and %n record withheld)</numerusform>
            <numerusform> (and %n records withheld)</numerusform>
        </translation>
    </message>
    <message>
        <source>No active flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active flags</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::models::StoreSummaryModel</name>
    <message>
        <source>Agency feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency records of people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People (linked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links between records and people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Located places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantined feed input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Besides these, %n earlier person id(s) merged into others are kept so they are never reused.</source>
        <translation>
            <numerusform>Besides these, %n earlier person id merged into others are kept so they are never reused.</numerusform>
            <numerusform>Besides these, %n earlier person ids merged into others are kept so they are never reused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bv::models::TimelineModel</name>
    <message>
        <source>Key event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n event(s)</source>
        <translation>
            <numerusform>%1: %n event</numerusform>
            <numerusform>%1: %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: withheld. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3, %4: %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::report::AreaList</name>
    <message>
        <source>building (UPRN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People living in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2 inside, %3 located too coarsely to be sure, %4 at protected addresses (ask the agency named).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more could not be placed: where they live now has no position.</source>
        <translation>
            <numerusform>%n more could not be placed: where they live now has no position.</numerusform>
            <numerusform>%n more could not be placed: where they live now has no position.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Located by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected: ask %1 (record %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::report::Chronology</name>
    <message>
        <source>Date or period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significant event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source agency and reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact on the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, born %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chronology: %1 (person %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notable and key events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> up to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing %1%2: %n event(s).</source>
        <translation>
            <numerusform>Showing %1%2: %n event.</numerusform>
            <numerusform>Showing %1%2: %n events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them withheld from the person who produced it.</source>
        <translation>
            <numerusform>%n of them withheld from the person who produced it.</numerusform>
            <numerusform>%n of them withheld from the person who produced it.</numerusform>
        </translation>
    </message>
    <message>
        <source> to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, ref %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practitioner&apos;s analysis: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the ODT %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::report::ProtectiveMarking</name>
    <message>
        <source>Produced by %1 on %2 (UK time) for: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::report::TableDocument</name>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start a PDF in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish the PDF %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::search</name>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children&apos;s social care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adult social care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Education</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Housing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerable adult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child protection plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk to staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MARAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::AgencyIconsDelegate</name>
    <message numerus="yes">
        <source>+%n withheld</source>
        <translation>
            <numerusform>+%n withheld</numerusform>
            <numerusform>+%n withheld</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bv::ui::AreaQueryPanel</name>
    <message>
        <source>No area yet: draw one on the map or pick a hazard area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click each corner on the map; Enter or a double-click closes the area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press at the centre on the map and drag out the radius.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hazard area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a hazard area shown on the map as the area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hazard areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Living there on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day whose addresses count, as day/month/year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you are asking: recorded in the audit with the people listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: flood warning for the lower Yare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area query status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each person listed, where (inside, too coarsely located to be sure, or at a protected address), their flags, how precisely they are located and since when; why each is listed is in the tooltip. Press Enter to open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export GeoJSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the GIS tools fire and police use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Living there on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or pick a hazard area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hazard areas (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Area: %1 (%n corner(s))</source>
        <translation>
            <numerusform>Area: %1 (%n corner)</numerusform>
            <numerusform>Area: %1 (%n corners)</numerusform>
        </translation>
    </message>
    <message>
        <source>Draw or pick an area first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you are asking: it is recorded in the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 inside; %2 too coarsely located to be sure (listed after them); %3 at protected addresses (contact the agency named).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock a store first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the list to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A marked document for a meeting or briefing; protected addresses are never shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more had a located address in the area, but where they live now has no position (no UPRN or known postcode), so they could not be placed.</source>
        <translation>
            <numerusform>%n more had a located address in the area, but where they live now has no position (no UPRN or known postcode), so they could not be placed.</numerusform>
            <numerusform>%n more had a located address in the area, but where they live now has no position (no UPRN or known postcode), so they could not be placed.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, living there on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::BaseMapController</name>
    <message>
        <source>A tile server&apos;s address is kept in the store: unlock it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base map chosen in the settings did not open, so the map shows its own offline layer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiles from a server are kept encrypted with the store: unlock it first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::BaseMapDialog</name>
    <message>
        <source>Base map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadview&apos;s own map of the county works with no network. Raster tiles can be drawn over it instead: from a file or folder on this computer, or from a tile server. Tiles fetched from a server are kept encrypted with the store, since they show which streets were looked at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offline county map (shipped with Broadview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An .mbtiles file of raster tiles (PNG, JPEG or WebP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an MBTiles file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile &amp;folder ({z}/{x}/{y}.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of zoom folders holding tiles as {z}/{x}/{y}.png, .jpg or .webp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a tile folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile &amp;server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An https address with {z}, {x} and {y} (or {-y} for rows from the south)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the tiles&apos; licence requires, e.g. © OpenStreetMap contributors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn on the map under the tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the base map did not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::ExportDialog</name>
    <message>
        <source>Export chronology of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key events (the chronology)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notable and key events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events to include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only between these dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenDocument text (ODT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the chronology is made: printed on every page and recorded in the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chronology.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chronology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which events the chronology lists, by significance; key events alone are the usual chronology.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first day of the chronology, as day/month/year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day of the chronology, as day/month/year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF to print or share, OpenDocument text to edit, or CSV for a spreadsheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the chronology is saved; a file already there is replaced.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::MainWindow</name>
    <message>
        <source>Broadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency feeds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per kind of record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many records of each kind the store holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Broadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLCipher, 256-bit random key wrapped with Argon2id and XChaCha20-Poly1305</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries: %1 (check them with broadview audit verify)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None configured yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked as %1 (%2) for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Broadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Broadview %1&lt;/h3&gt;&lt;p&gt;One encrypted picture of a person across agencies, for safeguarding practitioners.&lt;/p&gt;&lt;p&gt;Store: SQLCipher; keys: libsodium (Argon2id, XChaCha20-Poly1305).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find a person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing person search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export chronology…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported a chronology of %n event(s) to %1</source>
        <translation>
            <numerusform>Exported a chronology of %n event to %1</numerusform>
            <numerusform>Exported a chronology of %n events to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Note added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync with the agency feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync may have changed person %1: open them again to see the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The least recently synced feed was last synced %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flood zone 2 (illustrative, not Environment Agency data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flood zone 3 (illustrative, not Environment Agency data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import hazard areas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import hazard areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save this area for offline use…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetches the map&apos;s view from the tile server for use with no network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::MapPanel</name>
    <message>
        <source>Where they lived on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move through time to see which of the person&apos;s addresses was current on a day; the date is shown beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date on the slider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address protected: not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where they lived on %1: address %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no address known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show people with flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markers for everyone, or only the people with this flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show people known to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markers for people known to any agency, or only to this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) on the map</source>
        <translation>
            <numerusform>%n person on the map</numerusform>
            <numerusform>%n people on the map</numerusform>
        </translation>
    </message>
    <message>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sibling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>twin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lives with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>; %n at or near protected addresses never shown</source>
        <translation>
            <numerusform>; %n at or near protected addresses never shown</numerusform>
            <numerusform>; %n at or near protected addresses never shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bv::ui::MapRenderer</name>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::MapWidget</name>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The county with hazard areas and where people live, drawn offline. Arrow keys pan, plus and minus zoom, Home shows the whole county. The area query lists the same people in words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1° N, %2° E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle of %1 m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::NoteDialog</name>
    <message>
        <source>Add a note to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact on the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own words, kept in this store and shown in chronologies; never sent to an agency. Adding it is recorded in the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis and impact go into the chronology&apos;s columns of the same names.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::OfflineAreaDialog</name>
    <message>
        <source>Save this area for offline use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map&apos;s view, about %1 km by %2 km, is fetched from %3 and kept encrypted with this store, so the map shows it with no network. Save only what the work needs: tile servers limit how much may be fetched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From zoom level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To zoom level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coarsest level saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The finest level saved: 16 shows streets, 18 buildings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From zoom level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To zoom level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiles saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tile(s) saved.</source>
        <translation>
            <numerusform>%n tile saved.</numerusform>
            <numerusform>%n tiles saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n the server did not have.</source>
        <translation>
            <numerusform>%n the server did not have.</numerusform>
            <numerusform>%n the server did not have.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tiles, %2 of them not saved yet: about %3 to fetch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::RecordDetailPanel</name>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sibling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked because it holds the same NHS number as another record of this person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed with this person by %1&apos;s decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person&apos;s only record: nothing else matched it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked because its details match another record of this person (%1), as below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event details and provenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this record is in this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household and relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, record %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome or action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked yet: run a link to place this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A relationship recorded by %1, withheld: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not named in this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (person %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded on this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event in the timeline to see it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked to another record of this person that is withheld from you, so the comparison is not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your notes on this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note to this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your analysis, or the impact on the person, for chronologies. Audited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact on the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the store&apos;s recovery key. With it, an administrator can set a new passphrase if the passphrase is forgotten (broadview recover). It is shown only now: write it down and keep it away from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;written it down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the store if the passphrase is lost. Shown only now: write it down and keep it apart from the laptop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::SearchPanel</name>
    <message>
        <source>Name, NHS number, date of birth or postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or its first letters, an NHS number, a date of birth such as 12/03/1985, or a postcode. Results appear as you type; press Enter to record the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each linked person the search found, with date of birth, age, the agencies that know them and their active flags. Press Enter to open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one found. Try fewer words, or the first letters of a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n people found: add a date of birth or postcode to narrow it.</source>
        <translation>
            <numerusform>The first person found: add a date of birth or postcode to narrow it.</numerusform>
            <numerusform>The first %n people found: add a date of birth or postcode to narrow it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) found.</source>
        <translation>
            <numerusform>%n person found.</numerusform>
            <numerusform>%n people found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bv::ui::SourcesPanel</name>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online: every feed synced since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: no feed has been reached yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose feeds file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the feeds.json that says where each agency&apos;s feed is and how to sign in to it. It is remembered for this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each agency feed with its state, the time of its last complete sync, the records it has given, input held back as unreadable, and the last error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring the store up to date with every feed, then link the new records into people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reading the feeds. What came in so far is kept and linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feeds file chosen for this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a feeds file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the feeds file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock a store first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the sync under way to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: the page being read is finished first…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linking the new records into people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync cancelled %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records written: %1; removed: %2; quarantined: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed: %1 (see Last error).</source>
        <translation>
            <numerusform>%n feed failed: %1 (see Last error).</numerusform>
            <numerusform>%n feeds failed: %1 (see Last error).</numerusform>
        </translation>
    </message>
    <message>
        <source>Linking failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync could not be audited, so nothing was linked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds failing at the last sync: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline since %1 (no feed reached since)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading %1 (%2): %n page(s) so far</source>
        <translation>
            <numerusform>Reading %1 (%2): %n page so far</numerusform>
            <numerusform>Reading %1 (%2): %n pages so far</numerusform>
        </translation>
    </message>
    <message>
        <source>People in the store: %1 (new: %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::TimelineOverview</name>
    <message>
        <source>Overview of events by agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n event(s)</source>
        <translation>
            <numerusform>%1: %n event</numerusform>
            <numerusform>%1: %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 to %2. %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::TimelinePanel</name>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide %1&apos;s events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notable and key events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key events (the chronology)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which events to show by significance; key events alone make the chronology.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter events by words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every event from every agency in time order, grouped by day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born %1 (age %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) withheld from you</source>
        <translation>
            <numerusform>%n record withheld from you</numerusform>
            <numerusform>%n records withheld from you</numerusform>
        </translation>
    </message>
    <message>
        <source>No person open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a person (Ctrl+F) and press Enter to open their timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n event(s)</source>
        <translation>
            <numerusform>%1 of %n event</numerusform>
            <numerusform>%1 of %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>Between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only events between two dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::UnlockDialog</name>
    <message>
        <source>Open a Broadview store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open an existing store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;reate a new store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock a store with its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new, empty encrypted store and its recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for a store file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Store file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadview keeps the records you may see in an encrypted store on this computer. Unlock a store with its passphrase, or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadview stores (*.bvstore);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the store...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the passphrase...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted store to open or create (a .bvstore file); its key file sits beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s passphrase. A wrong one changes nothing and can be tried again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new store&apos;s passphrase once more, to be sure it was typed as meant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bv::ui::WaterfallChart</name>
    <message>
        <source>Why these records are one person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than 99.9%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than 0.1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No explanation to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability of the same person: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
