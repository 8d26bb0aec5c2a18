"""Where a key read from the terminal goes, when several arrive in one read.

A terminal hands the app every key typed since its last read at once (a slow SSH link,
an autotyper, a script, a fast typist while the app is busy). Textual hands each key to
the widget focused when the app reads it, and runs a key's binding only once the key
has come back up from that widget to the app. Several things follow, handled here
(`route`, called by the app for every key):

- A Tab or shift+Tab that only moves the focus moves it when the app reads it, so the
  keys after it go to the field it moved to (`Ana<Tab>ana@example.com` gave
  "Anaana@example.com" in the name field). A screen's own Tab (the calendar's
  month/agenda, a plan's grouping) and a text area that indents with it go the usual way.
- A key acts only on the screen it was typed on: one that comes back to run a binding
  after another screen came on top (or went) runs nothing. (`n` then "daily" typed at
  once on Labs deleted a lab: the `d` asked, and the `y` answered before the question
  was shown.)
- Such a key that is a character, typed right after a key that opened a screen with a
  text field (`/` then a search), is typed into that field once it is shown.
- A key that moves the focus into a field (ctrl+n adding a check-in's action item,
  enter opening a drop-down's list) holds the keys read after it until the focus has
  moved: focus_hold.py.
- While a screen reads the choices of a form it is opening (`n` on Plans), its keys are
  held: characters go into the form once it shows, esc gives the form up, and other
  keys do nothing (`n` then `d` opened a question to delete the plan under the cursor).

A text field's own keys (backspace, arrows) keep their order: keys_in_order.py.
"""

from __future__ import annotations

from typing import Any

from textual import events

FOCUS_ACTIONS = {"tab": "app.focus_next", "shift+tab": "app.focus_previous"}
ALWAYS = frozenset({"ctrl+q", "ctrl+c"})  # never held (here or in focus_hold.py): quitting always works


def route(app: Any, event: events.Key) -> bool:
    """Deal with `event` here (True: the app passes it on no further)."""
    if not event.is_forwarded:  # read from the terminal just now
        event.typed_on = app.screen  # type: ignore[attr-defined]
        if app.focus_hold.keep(event) or held_for_a_form(app, event) or move_focus_now(app, event.key):
            return True
        app.focus_hold.start_if_moving(event)
        return False
    typed_on = getattr(event, "typed_on", app.screen)
    if typed_on is app.screen:  # back up from the focused widget, to run a binding
        return held_for_a_form(app, event)
    if event.is_printable:
        app.call_after_refresh(type_late, app, app.screen, event.key, event.character)
    return True


def held_for_a_form(app: Any, event: events.Key) -> bool:
    """While the screen reads a form's choices: a character is kept for the form, esc gives
    the form up, another key does nothing (True: the key went no further)."""
    held = getattr(app.screen, "form_pending", None)
    if held is None or event.key in ALWAYS:
        return False
    if not _reading_form_choices(app):
        app.screen.form_pending = None  # its worker was cancelled: nothing is held any more
        return False
    if event.key == "escape":
        app.screen.form_pending = None
    elif event.is_printable and event.character:
        held.append((event.key, event.character))
    return True


def _reading_form_choices(app: Any) -> bool:
    """The screen's worker reading a form's choices still runs (it ends once the form is shown)."""
    return any(w.group == "form-choices" and w.node is app.screen and not w.is_finished for w in app.workers)


def type_late(app: Any, screen: Any, key: str, character: str) -> None:
    """A character typed just after the key that opened `screen`: into its focused text field."""
    focused = screen.focused
    if app.screen is screen and focused is not None and focused.check_consume_key(key, character):
        late = events.Key(key, character)
        late.typed_on = screen  # type: ignore[attr-defined]
        focused.post_message(late)


def move_focus_now(app: Any, key: str) -> bool:
    """Move the focus for `key` now if that is all it does here; whether it did."""
    action = FOCUS_ACTIONS.get(key)
    if action is None:
        return False
    focused = app.focused
    if getattr(focused, "tab_behavior", None) == "indent":  # a TextArea that indents with Tab
        return False
    active = app.screen.active_bindings.get(key)
    if active is None or active.binding.action != action or not active.enabled:
        return False
    if key == "tab":
        app.action_focus_next()
    else:
        app.action_focus_previous()
    app.app_focus = True
    return True
