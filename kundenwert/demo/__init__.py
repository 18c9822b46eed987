"""A realistic, invented demo portfolio: the first thing a new user sees."""

from kundenwert.demo.generator import ARCHETYPE_BY_ID, DEMO_SEED, generate_demo

__all__ = ["ARCHETYPE_BY_ID", "DEMO_SEED", "generate_demo"]
