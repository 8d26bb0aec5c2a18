-- Labs keep the history of their earlier rounds: when a lab is reset for another round
-- of practice, a Markdown line per round (when it was done, how many steps, the
-- evidence) is appended here, and the items start over.
ALTER TABLE "lab" ADD COLUMN "history" TEXT NOT NULL DEFAULT '';
