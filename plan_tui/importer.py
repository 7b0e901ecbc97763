"""Former home of the importer, kept so that ``from plan_tui.importer import …`` still works."""

from .importing import ImportResult, import_document

__all__ = ["ImportResult", "import_document"]
