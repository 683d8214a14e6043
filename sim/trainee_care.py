"""What a trainee is told before a scenario that names difficult topics.

Many people training as peer recovery coaches have lived experience, and a scenario about
suicide, an overdose or a return to use can land close to home. Content notes let a
trainee stop before the topic; this says where to turn if practising stirs something up.
The number is the US Suicide & Crisis Lifeline (988: call or text, 24/7, free and
confidential; domain brief, "Crisis / 988"), labelled as a US resource because the
bundled scenarios are set in the US and a trainee elsewhere needs their own line.
Shared by the app and the plain player so both say the same.
"""

CARE_LINE = (
    "If practising stirs up something hard, talk to your trainer or supervisor; in the US "
    "you can also call or text 988 (Suicide & Crisis Lifeline) any time."
)
