"""What the debrief's headings mean, in a trainee's words: one text for every place that says it.

A trainee met "turning point", "critical slip" and "reflection-to-question ratio" at their
first debrief with no place in the app to ask what they were (trainee33): the app's help
shows these under "Reading the debrief", and the README gives them to the plain player's
trainees, who have no help screen (a test keeps the README's copy word for word). Said for
every view, so nothing here names a key, a colour or a mark only the app shows.
"""

from __future__ import annotations

READING_TITLE = "Reading the debrief"

READING_THE_DEBRIEF: tuple[tuple[str, str], ...] = (
    (
        "Why this ending",
        "what the ending needed (the meters, sometimes a line said) beside where you "
        "finished, and which of your decisions settled it; after a critical slip, the best "
        "ending it left within reach",
    ),
    (
        "Critical slip",
        "missing a safety risk, breaking confidentiality, becoming a sponsor or friend "
        "instead of a coach, or counselling or diagnosing outside your role. After one, "
        "the conversation cannot end strong, however high the meters",
    ),
    (
        "Turning points",
        "your run played again with a stronger line at one decision (or two), and the "
        'ending it leads to. "Could have ended" means the replay also took the strongest '
        "line at moments after it that your run never reached",
    ),
    (
        "To practise next",
        "which decision to try differently first if you play it again, and the principle "
        "this run honoured least (or, after a critical slip, the one the slip broke, named "
        "with it), with a line that honours it. Both come from this run "
        "alone: your progress weighs all your runs, so it may name another principle, and "
        "it suggests a scenario to play next",
    ),
    (
        "Principles",
        "each principle your lines touched, and at which decisions they honoured it, "
        "undermined it, or were neutral (touched it without either)",
    ),
    (
        "Your own words",
        "what simple rules saw in the words you typed. Reflection-to-question ratio: your "
        "reflections divided by your open and closed questions (safety questions are "
        "counted apart); above 1 means you reflected more often than you asked, below 1 "
        "that you asked more often than you reflected",
    ),
)
