"""plan-tui: a planning assistant for township offices — ledger, weekly tracking, year-end review."""

__version__ = "0.1.0"
