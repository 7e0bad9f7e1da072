-- Who last changed an alert's status, and how many times it was changed: a change is written only over the status
-- the person saw (its count unchanged since), so two people acting on one alert at once cannot overwrite each other.
ALTER TABLE alert ADD COLUMN status_changed_by VARCHAR(200);
ALTER TABLE alert ADD COLUMN status_version INTEGER DEFAULT 0 NOT NULL;

-- Who made a model version the active one, and when: a version is made active only over the active version the
-- person saw, and one who saw another is told who changed it.
ALTER TABLE model_version ADD COLUMN activated_by VARCHAR(200);
ALTER TABLE model_version ADD COLUMN activated_at TIMESTAMP WITH TIME ZONE;
