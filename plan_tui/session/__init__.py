"""The editing session: operations on a plan, undo/redo, other writers' changes, saving."""
