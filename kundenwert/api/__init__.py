"""The REST API under /api/v1/ (Django REST framework, OpenAPI by drf-spectacular).

* models.py, tokens.py: personal API tokens; only a digest of each secret is stored.
* auth.py, permissions.py: `Authorization: Bearer <token>`; a token has its user's rights,
  so a staff member's token never reads revenue, margins or rates.
* errors.py: every error body is {"errors": [{"field", "message", "code"}]}.
* serializers.py, views.py: the endpoints; every write goes through the services layer.
* schema.py: what the generated schema cannot know (error bodies, the analysis JSON).
* token_views.py, docs_views.py: the owner's token page and the offline API docs page.

See docs/reports-and-api.md.
"""
