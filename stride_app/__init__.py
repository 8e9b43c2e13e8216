"""Stride's browser app: the sidebar, charts and views the pages call."""
