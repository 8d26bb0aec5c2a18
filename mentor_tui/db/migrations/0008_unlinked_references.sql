-- A rating's evidence and a kudos' "for" may name a record by its uuid (a lab, a goal, an
-- incident, a session). When that record is deleted, alone or with what holds it (its goal,
-- plan or person), the text that named it says what it was: "lab: Helm chart (deleted)"
-- rather than a uuid nobody can read. Triggers, so that cascades do it too; the partial
-- indexes keep a plan's deletion from reading every rating once per goal and lab.
CREATE INDEX "skill_rating_evidence" ON "skill_rating" ("evidence") WHERE "evidence" IS NOT NULL;
CREATE INDEX "kudos_for_ref" ON "kudos" ("for_ref") WHERE "for_ref" IS NOT NULL;

CREATE TRIGGER "unlink_lab" AFTER DELETE ON "lab" BEGIN
  UPDATE "skill_rating" SET "evidence" = 'lab: ' || OLD."title" || ' (deleted)' WHERE "evidence" = OLD."uuid";
  UPDATE "kudos" SET "for_ref" = 'lab: ' || OLD."title" || ' (deleted)' WHERE "for_ref" = OLD."uuid";
END;
CREATE TRIGGER "unlink_goal" AFTER DELETE ON "goal" BEGIN
  UPDATE "skill_rating" SET "evidence" = 'goal: ' || OLD."title" || ' (deleted)' WHERE "evidence" = OLD."uuid";
  UPDATE "kudos" SET "for_ref" = 'goal: ' || OLD."title" || ' (deleted)' WHERE "for_ref" = OLD."uuid";
END;
CREATE TRIGGER "unlink_incident" AFTER DELETE ON "incident" BEGIN
  UPDATE "skill_rating" SET "evidence" = 'incident: ' || OLD."title" || ' (deleted)' WHERE "evidence" = OLD."uuid";
  UPDATE "kudos" SET "for_ref" = 'incident: ' || OLD."title" || ' (deleted)' WHERE "for_ref" = OLD."uuid";
END;
CREATE TRIGGER "unlink_session" AFTER DELETE ON "session" BEGIN
  UPDATE "skill_rating" SET "evidence" = 'session: ' || OLD."title" || ' (deleted)' WHERE "evidence" = OLD."uuid";
  UPDATE "kudos" SET "for_ref" = 'session: ' || OLD."title" || ' (deleted)' WHERE "for_ref" = OLD."uuid";
END;
