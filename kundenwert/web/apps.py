from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web interface: installed as an app for its template tags, it has no models."""

    name = "kundenwert.web"
    label = "web"
