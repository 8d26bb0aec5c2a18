"""What an import did (or, dry, would do), per kind of record, in lines for a user."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentor_tui.db.transfer import KindCounts
from mentor_tui.exchange.spec import KIND_LABELS, KINDS


@dataclass
class ImportSummary:
    """What an import did (or, dry, would do), per kind of record."""

    files: list[str] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    dry_run: bool = False
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (name, people of that name)
    private_files: list[tuple[str, bool]] = field(default_factory=list)  # (file, its notes taken)
    merged_here: list[str] = field(default_factory=list)  # people here the files showed to be one
    by_email: int = 0

    @property
    def kept(self) -> int:
        return sum(c.kept for c in self.counts.values())

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def lines(self) -> list[str]:
        n = len(self.files)
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} {n} file{'s' if n != 1 else ''}: {_counted(self.added, self.updated, self.unchanged, self.kept)}"]
        for kind in KINDS:
            c = self.counts[kind]
            if c.total:
                out.append(f"  {KIND_LABELS[kind]}: {_counted(c.added, c.updated, c.unchanged, c.kept)}")
        out += self.notice_lines()
        if self.dry_run:
            out.append("Nothing was written (--dry-run).")
        return out

    def notice_lines(self) -> list[str]:
        """What a user should know besides the counts: duplicates, private notes, joins."""
        out = []
        if self.by_email:
            s = "" if self.by_email == 1 else "s"
            out.append(f"{self.by_email} person record{s} matched by email (one person per human)")
        for text in self.merged_here:
            out.append(f"Joined {text}: the files say they are one person")
        for name, count in self.duplicates:
            out.append(
                f"Possible duplicate: {name}: {count} people of this name — merge with "
                "`mentor-tui people merge` or M in Team"
            )
        for name, taken in self.private_files:
            how = "taken" if taken else "left out"
            out.append(f"Private notes: {name} carries private pairing notes ({how})")
        return out


def _counted(added: int, updated: int, unchanged: int, kept: int) -> str:
    text = f"{added} added, {updated} updated, {unchanged} unchanged"
    return text + (f", {kept} kept newer here" if kept else "")
