"""Inzicht: counts over a period for the team behind the assistant (use, failures, handoffs,
callbacks, feedback), with no personal data and small counts shown as "< 5"."""
