"""mentor-tui: an offline, keyboard-first terminal app for DevOps/SRE mentorship."""

import os

__version__ = "0.1.0"
APP_NAME = "mentor-tui"

# Textual paints at most TEXTUAL_FPS times a second (60 unless set) and reads it once, when it is
# imported, which is after this. A key that changes a screen's layout takes two or three passes
# (widgets sized for the first time, then a scrollbar that appears), each waiting for the next
# frame: 25-45 ms of every such key on the large database at 60, half that at 120. A user's own
# TEXTUAL_FPS wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
