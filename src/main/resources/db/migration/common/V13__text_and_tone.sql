-- Optional text on tickets, survey answers and interactions, and each record's tone: the sentiment of its text from
-- -1 to 1 (VADER's compound score), computed once when the record is imported; NULL when the record has no text.
-- The scoring engine reads only the tone; the text is read for one account's explanation.
ALTER TABLE ticket ADD COLUMN subject VARCHAR(300);
ALTER TABLE ticket ADD COLUMN description VARCHAR(4000);
ALTER TABLE ticket ADD COLUMN tone DOUBLE PRECISION;
ALTER TABLE survey ADD COLUMN comment VARCHAR(2000);
ALTER TABLE survey ADD COLUMN tone DOUBLE PRECISION;
ALTER TABLE interaction ADD COLUMN summary VARCHAR(2000);
ALTER TABLE interaction ADD COLUMN tone DOUBLE PRECISION;
