import GRDB

/// The store's SQL schema and its migrations.
///
/// Every table is created with plain SQL (comments included) so that
/// `sqlite3 evolver.sqlite .schema` reads as documentation.
enum Schema {
    /// The schema version this code writes and understands, recorded in `meta.schema_version`.
    static let version = 7

    /// Registered migrations; each one ends by updating `meta.schema_version`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2Before)
            try EvidenceMigration.fillEvidence(db)
            try db.execute(sql: v2After)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: v7)
        }
        return migrator
    }

    /// v2: each candidate's measurements as one evidence value in named parts (instead of two
    /// flat sample arrays sliced back by counts), the time spent comparing, and the judge's history.
    private static let v2Before = """
        ALTER TABLE candidate ADD COLUMN evidence TEXT NOT NULL DEFAULT '{"screen_rounds":[]}';  -- JSON object: screen_rounds, deciding, confirmation, differential
        ALTER TABLE candidate ADD COLUMN compare_ns INTEGER NOT NULL DEFAULT 0 CHECK (compare_ns >= 0);

        -- The evolver's judge: every adoption, refusal, revert and incident, in order. The active
        -- scoring kernel is active_sha256 of the highest seq (the seed scorer when empty).
        CREATE TABLE scorer_event (
          seq             INTEGER PRIMARY KEY AUTOINCREMENT,
          kind            TEXT NOT NULL CHECK (kind IN ('adopted', 'refused', 'reverted', 'incident')),
          sha256          TEXT NOT NULL REFERENCES source(sha256),  -- the kernel the event is about
          active_sha256   TEXT NOT NULL REFERENCES source(sha256),  -- the judge after the event
          run_id          TEXT REFERENCES run(id),                  -- provenance: a run's promotion ...
          promotion       INTEGER,
          file            TEXT,                                     -- ... or a file
          at              INTEGER NOT NULL,                         -- Unix time, milliseconds
          evolver_version TEXT NOT NULL,
          lock_digest     TEXT NOT NULL,                            -- the judge sandbox's lock at the time
          evidence        TEXT,                                     -- JSON: the adoption guard's evidence
          reason          TEXT NOT NULL
        );
        """

    /// v3: promoted kernels cleaned for export and diff, each cleaned kernel with its steps and
    /// the verdict of validating it again.
    private static let v3 = """
        CREATE TABLE cleanup (
          run_id          TEXT NOT NULL REFERENCES run(id),
          promotion       INTEGER NOT NULL,
          sha256          TEXT NOT NULL REFERENCES source(sha256),  -- the promoted kernel
          cleaned_sha256  TEXT NOT NULL REFERENCES source(sha256),  -- after the clean-up
          steps           TEXT NOT NULL,                            -- JSON array of {kind, description}
          verdict         TEXT NOT NULL,                            -- the cleaned kernel validated again: 'passed', or how it failed
          detail          TEXT NOT NULL,
          evolver_version TEXT NOT NULL,
          at              INTEGER NOT NULL,                         -- Unix time, milliseconds
          PRIMARY KEY (run_id, promotion, sha256, evolver_version)
        );
        UPDATE meta SET value = '3' WHERE key = 'schema_version';
        """

    /// v4: how a candidate was made when it is not one edit of its parent (a crossover).
    private static let v4 = """
        ALTER TABLE candidate ADD COLUMN origin TEXT;  -- JSON object or NULL: crossover, other_parent_sha256, dropped (edits that no longer applied)
        UPDATE meta SET value = '4' WHERE key = 'schema_version';
        """

    /// v5: when each candidate was recorded in its run's time, and each run's operator-selection policy.
    private static let v5 = """
        ALTER TABLE candidate ADD COLUMN elapsed_ms INTEGER CHECK (elapsed_ms IS NULL OR elapsed_ms >= 0);  -- run time when its generation was recorded; NULL before v5

        -- How a run chose its operators: what it started from (tallies of earlier runs on the same
        -- sandbox) and what its own candidates showed, rewritten with every generation.
        CREATE TABLE run_policy (
          run_id       TEXT PRIMARY KEY NOT NULL REFERENCES run(id),
          sandbox      TEXT NOT NULL,
          mode         TEXT NOT NULL CHECK (mode IN ('learned', 'fresh', 'uniform')),
          credit       TEXT NOT NULL,
          learned_from TEXT NOT NULL,  -- JSON array of run ids, oldest first
          prior        TEXT NOT NULL,  -- JSON object: arm -> {attempts, cheap_passed, screen_passed, promotions, gain, best_gain, seconds}
          learned      TEXT NOT NULL   -- JSON object, same form: the run's own candidates
        );
        CREATE INDEX run_policy_by_sandbox ON run_policy (sandbox);
        UPDATE meta SET value = '5' WHERE key = 'schema_version';
        """

    /// v6: each run's exchanges with an outside proposer, so a replay never calls it again.
    private static let v6 = """
        CREATE TABLE proposal (
          run_id     TEXT NOT NULL REFERENCES run(id),
          number     INTEGER NOT NULL CHECK (number >= 1),  -- 1-based, gap-free per run
          generation INTEGER NOT NULL,
          command    TEXT NOT NULL,                         -- the proposer's command line
          request    TEXT NOT NULL,                         -- JSON object sent on stdin
          status     TEXT NOT NULL CHECK (status IN ('replied', 'timeout', 'crashed', 'too_large', 'garbage', 'unavailable')),
          detail     TEXT NOT NULL,
          reply      BLOB NOT NULL,                         -- stdout exactly as written
          elapsed_ms INTEGER NOT NULL CHECK (elapsed_ms >= 0),
          outcomes   TEXT NOT NULL,                         -- JSON array of {source, sha256, candidate, note}
          PRIMARY KEY (run_id, number)
        );
        UPDATE meta SET value = '6' WHERE key = 'schema_version';
        """

    /// v7: minimizations of promotions' edit lists, with every subset tested and its measurements.
    private static let v7 = """
        CREATE TABLE minimization (
          run_id                TEXT NOT NULL REFERENCES run(id),
          number                INTEGER NOT NULL CHECK (number >= 1),  -- 1-based, gap-free per run
          promotion             INTEGER NOT NULL CHECK (promotion >= 1),
          seed                  INTEGER NOT NULL,                      -- of its benchmark inputs and validation orders
          scoring_kernel_sha256 TEXT NOT NULL,
          promoted_sha256       TEXT NOT NULL REFERENCES source(sha256),
          edits                 TEXT NOT NULL,  -- JSON array of {op, site, params}: the promotion's edits from the seed
          kept                  TEXT NOT NULL,  -- JSON array of positions in edits
          tests                 TEXT NOT NULL,  -- JSON array of {kept, sha256, verdict, detail, benchmarks, comparisons, accepted}
          ablations             TEXT NOT NULL,  -- JSON array of {edit, sha256, verdict, detail, benchmark, comparison, significant}
          candidate_index       INTEGER,        -- the minimized kernel's candidate, or NULL
          speedup_before        REAL NOT NULL,  -- the promotion's speedup over the seed
          speedup_kept          REAL NOT NULL,  -- the minimized kernel's speed over the promoted kernel's
          verdict               TEXT NOT NULL,  -- 'minimized' or 'unchanged'
          detail                TEXT NOT NULL,
          at                    INTEGER NOT NULL,  -- Unix time, milliseconds
          PRIMARY KEY (run_id, number),
          FOREIGN KEY (run_id, candidate_index) REFERENCES candidate (run_id, idx)
        );
        UPDATE meta SET value = '7' WHERE key = 'schema_version';
        """

    private static let v2After = """
        ALTER TABLE candidate DROP COLUMN incumbent_samples;
        ALTER TABLE candidate DROP COLUMN candidate_samples;
        UPDATE meta SET value = '2' WHERE key = 'schema_version';
        """

    private static let v1 = """
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY NOT NULL,  -- e.g. 'schema_version'
          value TEXT NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('schema_version', '1');

        -- Content-addressed kernel sources, shared by all runs.
        CREATE TABLE source (
          sha256 TEXT PRIMARY KEY NOT NULL,  -- SHA-256 hex of the UTF-8 text
          text   TEXT NOT NULL
        );

        CREATE TABLE run (
          id               TEXT PRIMARY KEY NOT NULL,  -- 'r0001', 'r0002', ...
          seq              INTEGER NOT NULL UNIQUE,    -- creation order
          status           TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
          created_at_ms    INTEGER NOT NULL,           -- Unix time, milliseconds
          finished_at_ms   INTEGER,                    -- Unix time, milliseconds; NULL while unfinished
          duration_seconds REAL NOT NULL DEFAULT 0,
          manifest         TEXT NOT NULL               -- JSON object (sandbox, seed, lock_digest, ...)
        );

        -- One row per evaluated candidate; idx is 0-based evaluation order, gap-free per run.
        CREATE TABLE candidate (
          run_id                TEXT NOT NULL REFERENCES run(id),
          idx                   INTEGER NOT NULL CHECK (idx >= 0),
          generation            INTEGER NOT NULL,
          sha256                TEXT NOT NULL,  -- source.sha256 (not enforced)
          parent_sha256         TEXT NOT NULL,
          edits                 TEXT NOT NULL,  -- JSON array of {op, site, params}, from the seed
          compile_ns            INTEGER NOT NULL CHECK (compile_ns >= 0),
          verdict               TEXT NOT NULL,
          detail                TEXT NOT NULL,
          stage                 TEXT NOT NULL,
          scoring_kernel_sha256 TEXT NOT NULL,
          incumbent_sha256      TEXT NOT NULL,
          incumbent_samples     TEXT NOT NULL,  -- JSON array of integers (ns)
          candidate_samples     TEXT NOT NULL,  -- JSON array of integers (ns)
          comparison            TEXT,           -- JSON object of numbers (u, medians, shift, p_value, ...) or NULL
          decision              TEXT NOT NULL,  -- 'promoted', 'not_faster', 'rejected', ...
          PRIMARY KEY (run_id, idx)
        );
        CREATE INDEX candidate_by_sha256 ON candidate (run_id, sha256);

        -- Candidates that became the incumbent; number is 1-based, gap-free per run (0 = seed).
        CREATE TABLE promotion (
          run_id              TEXT NOT NULL REFERENCES run(id),
          number              INTEGER NOT NULL CHECK (number >= 1),
          candidate_index     INTEGER NOT NULL,
          sha256              TEXT NOT NULL,
          speedup_vs_seed     REAL NOT NULL,
          speedup_vs_previous REAL NOT NULL,
          p_value             REAL NOT NULL,
          gain                REAL NOT NULL,
          PRIMARY KEY (run_id, number),
          FOREIGN KEY (run_id, candidate_index) REFERENCES candidate (run_id, idx)
        );

        -- Opaque search state after candidate_count candidates; --resume starts from the highest.
        CREATE TABLE checkpoint (
          run_id          TEXT NOT NULL REFERENCES run(id),
          candidate_count INTEGER NOT NULL CHECK (candidate_count >= 0),
          state           BLOB NOT NULL,
          PRIMARY KEY (run_id, candidate_count)
        );
        """
}
