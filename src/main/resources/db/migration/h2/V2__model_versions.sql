-- Every saved health model is a version: numbered from 1, never changed once saved. Exactly one is active;
-- the workbench and the scheduled commands score with it.
CREATE TABLE model_version (
    version_no INTEGER                  NOT NULL PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    note       VARCHAR(4000)            NOT NULL DEFAULT '',
    author     VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    model_json CHARACTER LARGE OBJECT   NOT NULL,
    active     BOOLEAN                  NOT NULL DEFAULT FALSE
);
