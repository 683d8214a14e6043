"""The plain-text shell: lines in, lines out, for screen readers and scripts."""
