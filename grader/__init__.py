"""The course's grading harness: catalogue, stubs, isolated worker, pytest plugin, reports, CLI."""

__version__ = "0.1.0"
