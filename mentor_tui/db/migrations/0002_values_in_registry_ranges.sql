-- Schema version 2: no table changes. Imports before the record-kind registry let in
-- values the forms always refused (a check-in every 366 days, a session of 10,080
-- minutes). The registry now refuses them on every path, so such a row could no longer
-- travel: an export of it would be refused on import. Bring them into range.
UPDATE "mentorship" SET "cadence_days" = 365 WHERE "cadence_days" > 365;
UPDATE "mentorship" SET "cadence_days" = 1 WHERE "cadence_days" < 1;
UPDATE "session" SET "duration_minutes" = 600 WHERE "duration_minutes" > 600;
UPDATE "session" SET "duration_minutes" = 5 WHERE "duration_minutes" < 5;
