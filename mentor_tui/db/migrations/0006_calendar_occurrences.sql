-- The knowledge-sharing calendar, one occurrence at a time: an all-day session (as a
-- calendar app's all-day event stays all-day) and an occurrence moved to another time
-- ("edit this occurrence only", an iCalendar RECURRENCE-ID override). An occurrence keeps
-- its identity (the start its rule gives it) in "starts_at"; "moved_to" is where it happens.
ALTER TABLE "session" ADD COLUMN "all_day" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "session_occurrence" ADD COLUMN "moved_to" TEXT;
