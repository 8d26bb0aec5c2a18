-- Full-text search over the notes (SQLite FTS5): check-ins (progress, blockers and next
-- steps; private notes apart), goals, labs, lab item evidence, sessions and their
-- occurrences' notes, incident lessons, kudos.
--
-- One index row per searchable text of a record. Its rowid says which record:
-- rowid = record id * 16 + kind code (db/search.py names the codes):
--   1 check-in   2 check-in private notes   3 goal   4 lab   5 lab item (evidence)
--   6 session    7 session occurrence       8 incident   9 kudos
-- `title` holds the record's title where it has one, `body` its notes. A record with no
-- text to search has no row.
--
-- Triggers keep the index in step with every write (forms, the command line, imports,
-- bulk inserts, deletes and their cascades), so no code path has to remember it.
-- Updates of other columns (a status, a date) leave the index alone.
CREATE VIRTUAL TABLE "search_index" USING fts5("title", "body", tokenize = 'unicode61 remove_diacritics 2');
-- A hit in a title ranks above the same hit in the notes.
INSERT INTO "search_index" ("search_index", "rank") VALUES ('rank', 'bm25(2.0, 1.0)');

-- check_in: code 1
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 1, '', "progress" || char(10) || "blockers" || char(10) || "next_steps" FROM "check_in"
  WHERE "progress" <> '' OR "blockers" <> '' OR "next_steps" <> '';
CREATE TRIGGER "search_check_in_insert" AFTER INSERT ON "check_in" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 1, '', NEW."progress" || char(10) || NEW."blockers" || char(10) || NEW."next_steps"
    WHERE NEW."progress" <> '' OR NEW."blockers" <> '' OR NEW."next_steps" <> '';
END;
CREATE TRIGGER "search_check_in_update" AFTER UPDATE OF "progress", "blockers", "next_steps" ON "check_in" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 1;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 1, '', NEW."progress" || char(10) || NEW."blockers" || char(10) || NEW."next_steps"
    WHERE NEW."progress" <> '' OR NEW."blockers" <> '' OR NEW."next_steps" <> '';
END;
CREATE TRIGGER "search_check_in_delete" AFTER DELETE ON "check_in" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 1;
END;

-- check_in_private: code 2
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 2, '', "private_notes" FROM "check_in"
  WHERE "private_notes" <> '';
CREATE TRIGGER "search_check_in_private_insert" AFTER INSERT ON "check_in" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 2, '', NEW."private_notes"
    WHERE NEW."private_notes" <> '';
END;
CREATE TRIGGER "search_check_in_private_update" AFTER UPDATE OF "private_notes" ON "check_in" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 2;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 2, '', NEW."private_notes"
    WHERE NEW."private_notes" <> '';
END;
CREATE TRIGGER "search_check_in_private_delete" AFTER DELETE ON "check_in" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 2;
END;

-- goal: code 3
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 3, "title", "detail" FROM "goal";
CREATE TRIGGER "search_goal_insert" AFTER INSERT ON "goal" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 3, NEW."title", NEW."detail";
END;
CREATE TRIGGER "search_goal_update" AFTER UPDATE OF "title", "detail" ON "goal" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 3;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 3, NEW."title", NEW."detail";
END;
CREATE TRIGGER "search_goal_delete" AFTER DELETE ON "goal" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 3;
END;

-- lab: code 4
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 4, "title", "detail" FROM "lab";
CREATE TRIGGER "search_lab_insert" AFTER INSERT ON "lab" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 4, NEW."title", NEW."detail";
END;
CREATE TRIGGER "search_lab_update" AFTER UPDATE OF "title", "detail" ON "lab" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 4;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 4, NEW."title", NEW."detail";
END;
CREATE TRIGGER "search_lab_delete" AFTER DELETE ON "lab" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 4;
END;

-- lab_item: code 5
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 5, '', "evidence" FROM "lab_item"
  WHERE "evidence" <> '';
CREATE TRIGGER "search_lab_item_insert" AFTER INSERT ON "lab_item" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 5, '', NEW."evidence"
    WHERE NEW."evidence" <> '';
END;
CREATE TRIGGER "search_lab_item_update" AFTER UPDATE OF "evidence" ON "lab_item" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 5;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 5, '', NEW."evidence"
    WHERE NEW."evidence" <> '';
END;
CREATE TRIGGER "search_lab_item_delete" AFTER DELETE ON "lab_item" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 5;
END;

-- session: code 6
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 6, "title", "notes" FROM "session";
CREATE TRIGGER "search_session_insert" AFTER INSERT ON "session" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 6, NEW."title", NEW."notes";
END;
CREATE TRIGGER "search_session_update" AFTER UPDATE OF "title", "notes" ON "session" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 6;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 6, NEW."title", NEW."notes";
END;
CREATE TRIGGER "search_session_delete" AFTER DELETE ON "session" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 6;
END;

-- session_occurrence: code 7
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 7, '', "notes" FROM "session_occurrence"
  WHERE "notes" <> '';
CREATE TRIGGER "search_session_occurrence_insert" AFTER INSERT ON "session_occurrence" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 7, '', NEW."notes"
    WHERE NEW."notes" <> '';
END;
CREATE TRIGGER "search_session_occurrence_update" AFTER UPDATE OF "notes" ON "session_occurrence" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 7;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 7, '', NEW."notes"
    WHERE NEW."notes" <> '';
END;
CREATE TRIGGER "search_session_occurrence_delete" AFTER DELETE ON "session_occurrence" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 7;
END;

-- incident: code 8
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 8, "title", "lessons" FROM "incident";
CREATE TRIGGER "search_incident_insert" AFTER INSERT ON "incident" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 8, NEW."title", NEW."lessons";
END;
CREATE TRIGGER "search_incident_update" AFTER UPDATE OF "title", "lessons" ON "incident" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 8;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 8, NEW."title", NEW."lessons";
END;
CREATE TRIGGER "search_incident_delete" AFTER DELETE ON "incident" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 8;
END;

-- kudos: code 9
INSERT INTO "search_index" ("rowid", "title", "body")
  SELECT "id" * 16 + 9, '', "text" FROM "kudos"
  WHERE "text" <> '';
CREATE TRIGGER "search_kudos_insert" AFTER INSERT ON "kudos" BEGIN
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 9, '', NEW."text"
    WHERE NEW."text" <> '';
END;
CREATE TRIGGER "search_kudos_update" AFTER UPDATE OF "text" ON "kudos" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 9;
  INSERT INTO "search_index" ("rowid", "title", "body")
    SELECT NEW."id" * 16 + 9, '', NEW."text"
    WHERE NEW."text" <> '';
END;
CREATE TRIGGER "search_kudos_delete" AFTER DELETE ON "kudos" BEGIN
  DELETE FROM "search_index" WHERE "rowid" = OLD."id" * 16 + 9;
END;

