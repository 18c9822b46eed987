"""Kundenwert: which customers are worth your time, and how to care for them."""

__version__ = "0.1.0"
