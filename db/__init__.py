"""Stride's data layer: tables, migrations, sessions and the plan repository."""
