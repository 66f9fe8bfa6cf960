"""mtclean's version: one place, imported by the package and by what records the version."""

__version__ = "0.2.0"
