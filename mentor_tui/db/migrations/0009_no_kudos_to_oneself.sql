-- Schema version 9: no table changes. The command line and an import let someone give kudos
-- to themselves, which the kudos form never offered. Every path now refuses it, so such a row
-- could no longer travel: an export of it would be refused on import. Its text stays, with no
-- giver (as kudos whose giver was deleted).
UPDATE "kudos" SET "from_id" = NULL WHERE "from_id" = "to_id";
