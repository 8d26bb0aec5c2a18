"""What `stamp_sync` and `index_sync` share: a block inside an import's write transaction
that sets parts of the schema aside and puts them back at its end.

Only the outermost block puts them back (a block inside another is part of it). On an
error nothing is put back here: the caller rolls the transaction back, which puts back
the schema and drops the rows together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from mentor_tui.db.models import Person

Bulk = TypeVar("Bulk")


def sql(statement: str, params: tuple[Any, ...] = ()) -> Any:
    return Person._meta.database.execute_sql(statement, params)  # type: ignore[attr-defined]


@contextmanager
def outermost_block(open_blocks: list[Bulk], make: Callable[[], Bulk], put_back: Callable[[Bulk], None]) -> Iterator[None]:
    """A block whose state (`make()`) is `open_blocks[-1]` while it runs; `put_back(state)` at its end."""
    if open_blocks:  # inside one already
        yield
        return
    bulk = make()
    open_blocks.append(bulk)
    try:
        yield
    finally:
        open_blocks.remove(bulk)
    put_back(bulk)
