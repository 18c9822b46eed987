"""The web app's own views, one module per area; customer and activity views live in their
apps (kundenwert.customers.views, kundenwert.activity.views)."""
