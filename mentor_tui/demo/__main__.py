"""`python -m mentor_tui.demo`: see `mentor_tui.demo.main`."""

from mentor_tui.demo import main

raise SystemExit(main())
