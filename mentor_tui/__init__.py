"""mentor-tui: an offline, keyboard-first terminal app for DevOps/SRE mentorship."""

__version__ = "0.1.0"
APP_NAME = "mentor-tui"
