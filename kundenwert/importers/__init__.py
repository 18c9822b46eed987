"""Importers for the files of other tools. Each module parses one format into records
(see records.py) and row errors, without touching the database; the services layer
(kundenwert.importers.services) matches customers and writes everything in one transaction.
"""
