"""The Textual app: library, play and debrief screens over the same engine.

Everything Textual lives in this package; the core (`sim.engine`,
`sim.debrief`, `sim.loading`) never imports it. Screens are imported when
they are first shown, so `peer-sim` paints its first screen quickly.
"""
