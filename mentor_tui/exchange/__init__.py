"""Files in and out: TOML, iCalendar, CSV, Markdown. No Textual, no peewee: data comes from `mentor_tui.db`."""
