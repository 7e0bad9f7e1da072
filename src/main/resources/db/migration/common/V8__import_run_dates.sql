-- The span of dates each import brought (usage, tickets, interactions, surveys, outcomes), so that the data's first
-- and last date are read from these few rows instead of by scanning every dated table (seconds at 100,000 accounts).
ALTER TABLE import_run ADD COLUMN first_date DATE;
ALTER TABLE import_run ADD COLUMN last_date DATE;

-- The newest run of an existing database carries the span of everything imported so far, scanned once here.
UPDATE import_run SET
    first_date = (SELECT MIN(d) FROM (
        SELECT MIN(usage_date) d FROM usage_day UNION ALL SELECT MIN(CAST(opened AS DATE)) FROM ticket
        UNION ALL SELECT MIN(CAST(occurred_at AS DATE)) FROM interaction UNION ALL SELECT MIN(survey_date) FROM survey
        UNION ALL SELECT MIN(outcome_date) FROM outcome) spans),
    last_date = (SELECT MAX(d) FROM (
        SELECT MAX(usage_date) d FROM usage_day UNION ALL SELECT MAX(CAST(opened AS DATE)) FROM ticket
        UNION ALL SELECT MAX(CAST(occurred_at AS DATE)) FROM interaction UNION ALL SELECT MAX(survey_date) FROM survey
        UNION ALL SELECT MAX(outcome_date) FROM outcome) spans)
WHERE run_id = (SELECT MAX(run_id) FROM import_run);
