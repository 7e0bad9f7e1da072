-- Bellwether's roles on a team's PostgreSQL server: what each kind of user may do, enforced by the server's GRANTs.
--
--   bellwether_analyst  reads everything: the portfolio, scores, backtests, alerts, history (SELECT only)
--   bellwether_csm      analyst + adds and removes CSM adjustments (with their audit), changes an alert's status
--   bellwether_csops    csm + imports data, saves model versions, stores score history, evaluates and posts alerts,
--                       sets the webhook
--   bellwether_leader   csops + activates a model version
--
-- The owner of the database (who created it, or to whom it was given) runs the migrations: the tables are made by the
-- first Bellwether command that opens the database as that user, and changed by the first one of each new release.
-- Run this script after that, and again after each upgrade (it can be run any number of times), as a superuser or as
-- the owner of the tables if that user may create roles (CREATEROLE):
--
--   psql -h HOST -p PORT -d DB -v ON_ERROR_STOP=1 -f roles.sql
--   bellwether db roles --apply --db jdbc:postgresql://HOST:PORT/DB     (the same, through Bellwether)
--
-- Then give each person a login with one of the roles, e.g.
--
--   CREATE ROLE ana LOGIN PASSWORD '...' IN ROLE bellwether_leader;
--   GRANT bellwether_csm TO omar;
--
-- Roles belong to the whole server: a second Bellwether database on it shares them (the grants are per database).

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bellwether_analyst') THEN
        CREATE ROLE bellwether_analyst NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bellwether_csm') THEN
        CREATE ROLE bellwether_csm NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bellwether_csops') THEN
        CREATE ROLE bellwether_csops NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bellwether_leader') THEN
        CREATE ROLE bellwether_leader NOLOGIN;
    END IF;
    IF to_regclass('model_version') IS NULL THEN
        RAISE EXCEPTION 'There are no Bellwether tables in database %: open it once with Bellwether as its owner (bellwether db info --db jdbc:postgresql://HOST:PORT/%), then run this script again', current_database(), current_database();
    END IF;
END
$roles$;

-- Each role holds the one below it.
GRANT bellwether_analyst TO bellwether_csm;
GRANT bellwether_csm TO bellwether_csops;
GRANT bellwether_csops TO bellwether_leader;

-- analyst: connect and read every table (the migration history too: a program checks the schema's version).
DO $connect$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO bellwether_analyst', current_database());
END
$connect$;
GRANT USAGE ON SCHEMA public TO bellwether_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO bellwether_analyst;

-- csm: an adjustment is a note and a line in its audit; an alert's status is these six columns (who changed it, and the
-- count of its changes that keeps two people from overwriting each other).
GRANT INSERT, DELETE ON note TO bellwether_csm;
GRANT INSERT ON adjustment_audit TO bellwether_csm;
GRANT UPDATE (status, status_reason, status_changed_at, updated_at, status_changed_by, status_version) ON alert
    TO bellwether_csm;
-- Each change of an alert's task is kept in its history.
GRANT INSERT ON alert_status_change TO bellwether_csm;

-- csops: imports (the bundle's tables and the import log), score history, alerts, the webhook's outbox, delivery log
-- and settings; model versions are saved but never changed, so INSERT only.
GRANT INSERT, UPDATE, DELETE ON account, account_history, usage_metric, usage_day, contact, ticket, interaction,
    survey, outcome, note, task, alert_status_change, import_run, import_file, score_snapshot, frozen_score, alert, webhook_outbox,
    webhook_delivery, app_setting, source, source_file, sync_log TO bellwether_csops;
GRANT INSERT ON model_version TO bellwether_csops;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO bellwether_csops;

-- leader: activating a version turns the flag on for it and off for the one before.
GRANT UPDATE (active, activated_by, activated_at) ON model_version TO bellwether_leader;
