-- Webhook secrets out of the database, and an end to retries.
-- A password written in a stored webhook URL (user:password@) was never sent, and was kept in plain text in the
-- settings and in every queued message: it is removed, the user name kept. A password is now given as
-- user:env:VARIABLE@ (read from the environment at each delivery), never stored.
UPDATE app_setting SET setting_value = REGEXP_REPLACE(setting_value,
    '^([A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^/@?#]*@', '\1@')
    WHERE setting_key = 'webhook.url';
UPDATE webhook_outbox SET url = REGEXP_REPLACE(url, '^([A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^/@?#]*@', '\1@');

-- A message that failed its last allowed attempt is given up: kept, marked, no longer tried.
ALTER TABLE webhook_outbox ADD COLUMN gave_up_at TIMESTAMP WITH TIME ZONE;
