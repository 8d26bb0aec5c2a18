"""The built-in plan templates, as TOML files of the exchange format (package data).

Read them with `mentor_tui.exchange.templates.load_templates()`.
"""
