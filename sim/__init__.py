"""peer-sim: role-play practice for trainee peer recovery coaches.

The package is split so that the core (model, loading, engine, debrief) never
imports Textual: the plain player, the checker and the tests stay fast, and the
game rules live in one place that every front end drives the same way.
"""

__version__ = "0.1.0"
