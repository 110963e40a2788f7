-- 016: the annual report counts a year's signals by category, outcome and seriousness. An index
-- that holds all four lets a Stockholm-sized year (a million signals) be read from the index
-- alone, in date order; it also serves everything the index on the date alone served, which it
-- replaces.
CREATE INDEX signal_year ON signal (occurred_on, category, outcome, serious);
DROP INDEX signal_occurred;
