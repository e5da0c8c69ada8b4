"""Registers the grader's pytest plugin, so `pytest lessons/<slug> --impl solutions` works."""

pytest_plugins = ["grader.plugin"]
