-- Schema version 1, frozen: the tables and indexes the first release created, with
-- its built-in competencies. Never edit a step that has shipped; add a new one.

CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "is_me" INTEGER NOT NULL, "email" VARCHAR(255), "archived" INTEGER NOT NULL);
CREATE UNIQUE INDEX "person_uuid" ON "person" ("uuid");
CREATE INDEX "person_name" ON "person" ("name");
CREATE INDEX "person_is_me" ON "person" ("is_me");

CREATE TABLE "mentorship" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "mentor_id" INTEGER NOT NULL, "mentee_id" INTEGER NOT NULL, "started_on" DATE NOT NULL, "ended_on" DATE, "focus" TEXT NOT NULL, "cadence_days" INTEGER NOT NULL, FOREIGN KEY ("mentor_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("mentee_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "mentorship_uuid" ON "mentorship" ("uuid");
CREATE INDEX "mentorship_mentor_id" ON "mentorship" ("mentor_id");
CREATE INDEX "mentorship_mentee_id" ON "mentorship" ("mentee_id");

CREATE TABLE "check_in" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "mentorship_id" INTEGER NOT NULL, "held_on" DATE NOT NULL, "progress" TEXT NOT NULL, "blockers" TEXT NOT NULL, "next_steps" TEXT NOT NULL, "confidence" INTEGER, "private_notes" TEXT NOT NULL, FOREIGN KEY ("mentorship_id") REFERENCES "mentorship" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "check_in_uuid" ON "check_in" ("uuid");
CREATE INDEX "check_in_mentorship_id" ON "check_in" ("mentorship_id");
CREATE INDEX "check_in_held_on" ON "check_in" ("held_on");
CREATE INDEX "check_in_mentorship_id_held_on" ON "check_in" ("mentorship_id", "held_on");

CREATE TABLE "action_item" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "checkin_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "owner_id" INTEGER, "due_on" DATE, "done_on" DATE, "position" INTEGER NOT NULL, FOREIGN KEY ("checkin_id") REFERENCES "check_in" ("id") ON DELETE CASCADE, FOREIGN KEY ("owner_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "action_item_uuid" ON "action_item" ("uuid");
CREATE INDEX "action_item_checkin_id" ON "action_item" ("checkin_id");
CREATE INDEX "action_item_owner_id" ON "action_item" ("owner_id");
CREATE INDEX "action_item_done_on" ON "action_item" ("done_on");

CREATE TABLE "session" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, "starts_at" TEXT NOT NULL, "timezone" VARCHAR(255), "duration_minutes" INTEGER NOT NULL, "rrule" TEXT, "exdates" TEXT NOT NULL, "presenter_id" INTEGER, "link" VARCHAR(255), "notes" TEXT NOT NULL, FOREIGN KEY ("presenter_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "session_uuid" ON "session" ("uuid");
CREATE INDEX "session_starts_at" ON "session" ("starts_at");
CREATE INDEX "session_presenter_id" ON "session" ("presenter_id");

CREATE TABLE "session_occurrence" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "starts_at" TEXT NOT NULL, "notes" TEXT NOT NULL, FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE CASCADE);
CREATE INDEX "session_occurrence_session_id" ON "session_occurrence" ("session_id");
CREATE UNIQUE INDEX "session_occurrence_session_id_starts_at" ON "session_occurrence" ("session_id", "starts_at");

CREATE TABLE "attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "occurrence_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, FOREIGN KEY ("occurrence_id") REFERENCES "session_occurrence" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE INDEX "attendance_occurrence_id" ON "attendance" ("occurrence_id");
CREATE INDEX "attendance_person_id" ON "attendance" ("person_id");
CREATE UNIQUE INDEX "attendance_occurrence_id_person_id" ON "attendance" ("occurrence_id", "person_id");

CREATE TABLE "competency" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "description" TEXT NOT NULL, "builtin" INTEGER NOT NULL);
CREATE UNIQUE INDEX "competency_key" ON "competency" ("key");

CREATE TABLE "feedback" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "given_on" DATE NOT NULL, "rating" INTEGER NOT NULL, "text" TEXT NOT NULL, "person_id" INTEGER, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "feedback_uuid" ON "feedback" ("uuid");
CREATE INDEX "feedback_person_id" ON "feedback" ("person_id");

CREATE TABLE "plan" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "owner_id" INTEGER NOT NULL, "mentor_id" INTEGER, "title" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, "template" VARCHAR(255), "start_on" DATE NOT NULL, "target_on" DATE, "status" VARCHAR(255) NOT NULL, FOREIGN KEY ("owner_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("mentor_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "plan_uuid" ON "plan" ("uuid");
CREATE INDEX "plan_owner_id" ON "plan" ("owner_id");
CREATE INDEX "plan_mentor_id" ON "plan" ("mentor_id");
CREATE INDEX "plan_status" ON "plan" ("status");

CREATE TABLE "goal" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "plan_id" INTEGER NOT NULL, "competency_id" INTEGER, "title" VARCHAR(255) NOT NULL, "detail" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL, "phase" VARCHAR(255), "due_on" DATE, "status" VARCHAR(255) NOT NULL, "done_on" DATE, "position" INTEGER NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "plan" ("id") ON DELETE CASCADE, FOREIGN KEY ("competency_id") REFERENCES "competency" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "goal_uuid" ON "goal" ("uuid");
CREATE INDEX "goal_plan_id" ON "goal" ("plan_id");
CREATE INDEX "goal_competency_id" ON "goal" ("competency_id");
CREATE INDEX "goal_status" ON "goal" ("status");
CREATE INDEX "goal_plan_id_position" ON "goal" ("plan_id", "position");

CREATE TABLE "incident" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "person_id" INTEGER NOT NULL, "occurred_on" DATE NOT NULL, "role" VARCHAR(255) NOT NULL, "severity" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "lessons" TEXT NOT NULL, "session_id" INTEGER, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("session_id") REFERENCES "session" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "incident_uuid" ON "incident" ("uuid");
CREATE INDEX "incident_person_id" ON "incident" ("person_id");
CREATE INDEX "incident_occurred_on" ON "incident" ("occurred_on");
CREATE INDEX "incident_session_id" ON "incident" ("session_id");

CREATE TABLE "kudos" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "from_id" INTEGER, "to_id" INTEGER NOT NULL, "given_on" DATE NOT NULL, "text" TEXT NOT NULL, "for_ref" TEXT, FOREIGN KEY ("from_id") REFERENCES "person" ("id") ON DELETE SET NULL, FOREIGN KEY ("to_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "kudos_uuid" ON "kudos" ("uuid");
CREATE INDEX "kudos_from_id" ON "kudos" ("from_id");
CREATE INDEX "kudos_to_id" ON "kudos" ("to_id");
CREATE INDEX "kudos_given_on" ON "kudos" ("given_on");

CREATE TABLE "lab" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "goal_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "detail" TEXT NOT NULL, "link" VARCHAR(255), "last_practised_on" DATE, "position" INTEGER NOT NULL, FOREIGN KEY ("goal_id") REFERENCES "goal" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "lab_uuid" ON "lab" ("uuid");
CREATE INDEX "lab_goal_id" ON "lab" ("goal_id");
CREATE INDEX "lab_goal_id_position" ON "lab" ("goal_id", "position");

CREATE TABLE "lab_item" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "lab_id" INTEGER NOT NULL, "text" TEXT NOT NULL, "done" INTEGER NOT NULL, "done_on" DATE, "evidence" TEXT, "position" INTEGER NOT NULL, FOREIGN KEY ("lab_id") REFERENCES "lab" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "lab_item_uuid" ON "lab_item" ("uuid");
CREATE INDEX "lab_item_lab_id" ON "lab_item" ("lab_id");
CREATE INDEX "lab_item_lab_id_position" ON "lab_item" ("lab_id", "position");

CREATE TABLE "ownership" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "person_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "since" DATE NOT NULL, "until" DATE, "notes" TEXT NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "ownership_uuid" ON "ownership" ("uuid");
CREATE INDEX "ownership_person_id" ON "ownership" ("person_id");

CREATE TABLE "skill_rating" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "person_id" INTEGER NOT NULL, "competency_id" INTEGER NOT NULL, "level" INTEGER NOT NULL, "rated_on" DATE NOT NULL, "rated_by_id" INTEGER, "evidence" TEXT, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE, FOREIGN KEY ("competency_id") REFERENCES "competency" ("id") ON DELETE CASCADE, FOREIGN KEY ("rated_by_id") REFERENCES "person" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "skill_rating_uuid" ON "skill_rating" ("uuid");
CREATE INDEX "skill_rating_person_id" ON "skill_rating" ("person_id");
CREATE INDEX "skill_rating_competency_id" ON "skill_rating" ("competency_id");
CREATE INDEX "skill_rating_rated_by_id" ON "skill_rating" ("rated_by_id");
CREATE INDEX "skill_rating_person_id_competency_id_rated_on" ON "skill_rating" ("person_id", "competency_id", "rated_on");

INSERT INTO "competency" ("key", "name", "description", "builtin") VALUES
    ('kubernetes', 'Kubernetes', 'Running and debugging workloads on Kubernetes', 1),
    ('iac', 'Infrastructure as code', 'Terraform, modules, state and review of infra changes', 1),
    ('cicd', 'CI/CD', 'Build, test and deployment pipelines', 1),
    ('cloud', 'Cloud', 'Cloud accounts, networking, IAM and managed services', 1),
    ('observability', 'Observability', 'Metrics, logs, traces, SLOs and alerting', 1),
    ('security', 'Security', 'Secrets, least privilege, supply chain and hardening', 1),
    ('incident-response', 'Incident response', 'On-call, runbooks, incident command and reviews', 1),
    ('leadership', 'Leadership', 'Leading initiatives, mentoring others and owning outcomes', 1);
