-- Schema version 3: sharing across databases (format version 2).
--
-- Every record gets `updated_at`, the UTC moment of its last local change
-- (millisecond text, `2026-11-27T09:40:00.123Z`), so an import keeps whichever
-- side is newer. Triggers keep it, so every write path does without knowing:
-- an insert without a value gets now; an update that does not move it forward
-- (every local edit: it writes the value it read) gets now, or a millisecond
-- after the old value if this machine's clock is not past it (a local change
-- always moves it forward). An import that writes a newer value from a
-- file keeps that value. The time is SQLite's own clock, so a write from any
-- program keeps `updated_at` right. Marking who is "me" or archiving someone
-- (columns that never travel) is no change of the person. Existing rows get the moment
-- of this step.
--
-- `person_alias` keeps the uuids a person was also known by (another database's
-- uuid for the same human, after a merge or an email match), so a file naming one
-- of them maps to that person.

ALTER TABLE "person" ADD COLUMN "updated_at" TEXT;
UPDATE "person" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "person_updated_at_insert" AFTER INSERT ON "person" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "person" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "person_updated_at_update" AFTER UPDATE ON "person" FOR EACH ROW
WHEN NEW."is_me" IS OLD."is_me" AND NEW."archived" IS OLD."archived" AND (NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at")
BEGIN
  UPDATE "person" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "mentorship" ADD COLUMN "updated_at" TEXT;
UPDATE "mentorship" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "mentorship_updated_at_insert" AFTER INSERT ON "mentorship" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "mentorship" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "mentorship_updated_at_update" AFTER UPDATE ON "mentorship" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "mentorship" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "competency" ADD COLUMN "updated_at" TEXT;
-- the built-in competencies are the app's: they never travel, so they have no changes
UPDATE "competency" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE NOT "builtin";
CREATE TRIGGER "competency_updated_at_insert" AFTER INSERT ON "competency" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "competency" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "competency_updated_at_update" AFTER UPDATE ON "competency" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "competency" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "plan" ADD COLUMN "updated_at" TEXT;
UPDATE "plan" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "plan_updated_at_insert" AFTER INSERT ON "plan" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "plan" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "plan_updated_at_update" AFTER UPDATE ON "plan" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "plan" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "goal" ADD COLUMN "updated_at" TEXT;
UPDATE "goal" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "goal_updated_at_insert" AFTER INSERT ON "goal" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "goal" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "goal_updated_at_update" AFTER UPDATE ON "goal" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "goal" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "lab" ADD COLUMN "updated_at" TEXT;
UPDATE "lab" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "lab_updated_at_insert" AFTER INSERT ON "lab" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "lab" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "lab_updated_at_update" AFTER UPDATE ON "lab" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "lab" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "lab_item" ADD COLUMN "updated_at" TEXT;
UPDATE "lab_item" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "lab_item_updated_at_insert" AFTER INSERT ON "lab_item" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "lab_item" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "lab_item_updated_at_update" AFTER UPDATE ON "lab_item" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "lab_item" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "check_in" ADD COLUMN "updated_at" TEXT;
UPDATE "check_in" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "check_in_updated_at_insert" AFTER INSERT ON "check_in" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "check_in" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "check_in_updated_at_update" AFTER UPDATE ON "check_in" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "check_in" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "action_item" ADD COLUMN "updated_at" TEXT;
UPDATE "action_item" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "action_item_updated_at_insert" AFTER INSERT ON "action_item" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "action_item" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "action_item_updated_at_update" AFTER UPDATE ON "action_item" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "action_item" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "session" ADD COLUMN "updated_at" TEXT;
UPDATE "session" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "session_updated_at_insert" AFTER INSERT ON "session" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "session" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "session_updated_at_update" AFTER UPDATE ON "session" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "session" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "session_occurrence" ADD COLUMN "updated_at" TEXT;
UPDATE "session_occurrence" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "session_occurrence_updated_at_insert" AFTER INSERT ON "session_occurrence" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "session_occurrence" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "session_occurrence_updated_at_update" AFTER UPDATE ON "session_occurrence" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "session_occurrence" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "skill_rating" ADD COLUMN "updated_at" TEXT;
UPDATE "skill_rating" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "skill_rating_updated_at_insert" AFTER INSERT ON "skill_rating" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "skill_rating" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "skill_rating_updated_at_update" AFTER UPDATE ON "skill_rating" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "skill_rating" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "incident" ADD COLUMN "updated_at" TEXT;
UPDATE "incident" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "incident_updated_at_insert" AFTER INSERT ON "incident" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "incident" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "incident_updated_at_update" AFTER UPDATE ON "incident" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "incident" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "ownership" ADD COLUMN "updated_at" TEXT;
UPDATE "ownership" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "ownership_updated_at_insert" AFTER INSERT ON "ownership" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "ownership" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "ownership_updated_at_update" AFTER UPDATE ON "ownership" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "ownership" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "kudos" ADD COLUMN "updated_at" TEXT;
UPDATE "kudos" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "kudos_updated_at_insert" AFTER INSERT ON "kudos" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "kudos" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "kudos_updated_at_update" AFTER UPDATE ON "kudos" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "kudos" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

ALTER TABLE "feedback" ADD COLUMN "updated_at" TEXT;
UPDATE "feedback" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER "feedback_updated_at_insert" AFTER INSERT ON "feedback" FOR EACH ROW
WHEN NEW."updated_at" IS NULL
BEGIN
  UPDATE "feedback" SET "updated_at" = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "id" = NEW."id";
END;
CREATE TRIGGER "feedback_updated_at_update" AFTER UPDATE ON "feedback" FOR EACH ROW
WHEN NEW."updated_at" IS NULL OR OLD."updated_at" IS NULL OR NEW."updated_at" <= OLD."updated_at"
BEGIN
  UPDATE "feedback" SET "updated_at" = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', OLD."updated_at", '+0.001 seconds'), '')) WHERE "id" = NEW."id";
END;

CREATE TABLE "person_alias" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "uuid" VARCHAR(255) NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "personalias_uuid" ON "person_alias" ("uuid");
CREATE INDEX "personalias_person_id" ON "person_alias" ("person_id");
CREATE INDEX "person_email" ON "person" (lower(trim("email")));
