"""What every explorer's arithmetic shares: the "all" choice and the error for an impossible selection."""

ALL = "all"


class SelectionError(ValueError):
    """A selection a student made in a widget cannot be answered (the message says why, plainly)."""
