"""The keys that work now, on one line at the bottom of every screen."""

from __future__ import annotations

from typing import Any

from textual.content import Content
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
        self._shown = ""

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
        pieces: list[Any] = []
        for part in parts:
            if pieces:
                pieces.append("  ")
            if part in grouped:
                pieces.extend(grouped[part])
                pieces.append(f" {part.description}")
            else:
                pieces.extend(part)
        if palette is not None:
            pieces.extend(["  ", (self.app.get_key_display(palette), KEY_STYLE), " palette"])
        content = Content.assemble(*pieces)
        if content.plain != self._shown:
            self._shown = content.plain
            self.update(content)
