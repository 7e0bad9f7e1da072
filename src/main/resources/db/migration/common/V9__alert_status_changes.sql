-- Who last changed an alert's status, and how many times it was changed: a change is written only over the status
-- the person saw (its count unchanged since), so two people acting on one alert at once cannot overwrite each other.
ALTER TABLE alert ADD COLUMN status_changed_by VARCHAR(200);
ALTER TABLE alert ADD COLUMN status_version INTEGER DEFAULT 0 NOT NULL;
