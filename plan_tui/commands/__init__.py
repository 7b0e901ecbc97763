"""One module per command line command; each exposes ``configure(name, parser)`` and ``run(name, args)``."""
