"""Widgets of the peer-sim app: meters, transcript entries, the size guard."""
