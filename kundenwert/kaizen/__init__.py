"""Kaizen and the hard conversations (method.md section 3): small steps measured against the
patterns, relationship talks with a watch afterwards, understanding the customer, the
ideal-customer profile, polite exits, and data protection (DSGVO).

The figures come from `kundenwert.patterns` (pure); this app keeps what the owner writes
down and does: models.py, services.py (every write), and the owner-only pages.
"""
