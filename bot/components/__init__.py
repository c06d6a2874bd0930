"""Custom Rasa graph components (they import Rasa, so they live outside the pure bot.pgb)."""
