"""Qt adapters and widgets over the core (PySide6)."""
