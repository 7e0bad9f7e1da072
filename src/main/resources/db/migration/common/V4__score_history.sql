-- Scores as they stood: one row per as-of date, account and model version. The same dates may be stored under
-- several versions, so the history can be read under the model of the day or re-scored under a newer one.
-- No foreign keys: the history is written in bulk (tens of thousands of rows a backfill), the checks would more
-- than double its time, and accounts and model versions are never deleted.
CREATE TABLE score_snapshot (
    as_of           DATE             NOT NULL,
    account_id      VARCHAR(100)     NOT NULL,
    version_no      INTEGER          NOT NULL,
    stage           VARCHAR(20)      NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    base_score      DOUBLE PRECISION NOT NULL,
    adjustment      DOUBLE PRECISION NOT NULL,
    band            VARCHAR(10)      NOT NULL,
    -- {"adoption": 62.5, "support": null, ...}: each category's score, null where no measure had data.
    category_scores VARCHAR(4000)    NOT NULL,
    top_reasons     VARCHAR(4000)    NOT NULL,
    PRIMARY KEY (as_of, account_id, version_no),
    CONSTRAINT score_snapshot_band CHECK (band IN ('red', 'yellow', 'green'))
);
-- An account's score over time under one version.
CREATE INDEX score_snapshot_history ON score_snapshot (account_id, version_no, as_of);

-- The score as of the day before each churn and renewal, kept as first stored: what the model said before the
-- outcome was known. Null score and band when the account had no data by then.
CREATE TABLE frozen_score (
    account_id   VARCHAR(100)     NOT NULL,
    outcome_date DATE             NOT NULL,
    event        VARCHAR(20)      NOT NULL,
    version_no   INTEGER          NOT NULL,
    as_of        DATE             NOT NULL,
    score        DOUBLE PRECISION,
    band         VARCHAR(10),
    reasons      VARCHAR(4000)    NOT NULL,
    frozen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, outcome_date, event, version_no),
    CONSTRAINT frozen_score_account FOREIGN KEY (account_id) REFERENCES account (account_id),
    CONSTRAINT frozen_score_version FOREIGN KEY (version_no) REFERENCES model_version (version_no),
    CONSTRAINT frozen_score_event CHECK (event IN ('CHURN', 'RENEWAL'))
);
