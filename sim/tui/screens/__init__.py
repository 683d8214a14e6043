"""Screens of the app, one a module, imported when first shown."""
