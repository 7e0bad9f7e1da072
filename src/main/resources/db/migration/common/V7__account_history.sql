-- Dated account attributes: a CRM changes an account's lifecycle stage, seats, ARR, CSM and renewal date over time.
-- The account row holds the values from the contract start; each row here holds what changed on its effective date
-- (NULL where that attribute did not change), in force until the account's next row. Changes are rare, so one row
-- per change, keyed like the other fact tables by the account's integer key.
CREATE TABLE account_history (
    account_key     INTEGER          NOT NULL,
    effective_date  DATE             NOT NULL,
    lifecycle_stage VARCHAR(50),
    licensed_seats  INTEGER,
    arr             DOUBLE PRECISION,
    csm             VARCHAR(200),
    renewal_date    DATE,
    CONSTRAINT account_history_pk PRIMARY KEY (account_key, effective_date),
    CONSTRAINT account_history_account FOREIGN KEY (account_key) REFERENCES account (account_key),
    CONSTRAINT account_history_seats CHECK (licensed_seats >= 0),
    CONSTRAINT account_history_arr CHECK (arr >= 0)
);
