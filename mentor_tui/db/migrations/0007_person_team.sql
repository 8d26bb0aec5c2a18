-- A person belongs to a team ("platform", "payments-sre"): the Team section groups by it,
-- a competency held within one team only is a knowledge silo, and pairing suggestions prefer
-- a holder and a learner from different teams. Empty text: no team given.
ALTER TABLE "person" ADD COLUMN "team" TEXT NOT NULL DEFAULT '';
