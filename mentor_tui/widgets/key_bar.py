"""The keys that work now, at the bottom of every screen (one line, more when narrow)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

KEY_STYLE = "bold $footer-key-foreground"
DISABLED_STYLE = "dim"


class KeyBar(Static):
    """A light stand-in for Textual's Footer.

    Footer rebuilds one widget per key whenever the bindings change, which they
    do on every section switch (tens of milliseconds each time). This is one
    line of text, redrawn only when it reads differently. Bindings of a group
    show as one entry ("123456 Sections").
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._shown: tuple[str, tuple[Any, ...]] = ("", ())
        self._entries: list[Content] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        parts: list[Any] = []
        grouped: dict[Any, list[Any]] = {}
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = binding
            if not binding.show:
                continue
            key = self.app.get_key_display(binding)
            style = KEY_STYLE if enabled else DISABLED_STYLE
            if binding.group is not None:
                if binding.group not in grouped:
                    grouped[binding.group] = []
                    parts.append(binding.group)  # a placeholder, filled below
                grouped[binding.group].append((key, style))
            else:
                parts.append(((key, style), (f" {binding.description}", "" if enabled else DISABLED_STYLE)))
        entries: list[Content] = []
        for part in parts:
            if part in grouped:
                entries.append(Content.assemble(*grouped[part], f" {part.description}"))
            else:
                entries.append(Content.assemble(*part))
        if palette is not None:
            entries.append(Content.assemble((self.app.get_key_display(palette), KEY_STYLE), " palette"))
        self._entries = entries
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """The entries on as many lines as the width needs (no key cut off at 80 columns)."""
        width = self.content_size.width or 10_000
        lines: list[list[Content]] = [[]]
        used = 0
        for entry in self._entries:
            need = entry.cell_length + (2 if lines[-1] else 0)
            if lines[-1] and used + need > width:
                lines.append([])
                used, need = 0, entry.cell_length
            lines[-1].append(entry)
            used += need
        content = Content("\n").join(Content("  ").join(line) for line in lines)
        # the styles too: a key that becomes enabled or disabled reads the same
        shown = (content.plain, tuple(content.spans))
        if shown != self._shown:
            self._shown = shown
            self.update(content)
        if not self.content_size.width:
            return
        if self._lines is not None and len(lines) != self._lines:
            # Keys that come or go (the focus moved) and take a line more here take one from the
            # screen above: the focused widget, at the bottom of a form, say, must stay in sight.
            focused = self.screen.focused
            if focused is not None:
                self.call_after_refresh(self._keep_in_sight, focused)
        self._lines = len(lines)

    _lines: int | None = None  # lines at the bar's width (None: not laid out at a width yet)

    def _keep_in_sight(self, focused: Widget) -> None:
        """The focused widget back in sight once the bar took its line, unless it is taller than
        its view (a check-in card: scrolling to its top would hide the heading above it; the
        focus moves that brought it scrolled it already)."""
        screen = self.screen
        if screen.focused is not focused or screen.can_view_entire(focused):
            return
        view = next((a for a in focused.ancestors if isinstance(a, Widget) and a.allow_vertical_scroll), None)
        if view is not None and focused.outer_size.height > view.scrollable_content_region.height:
            return
        focused.scroll_visible(animate=False)
