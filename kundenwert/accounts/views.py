from django.contrib.auth.views import LoginView as DjangoLoginView

from kundenwert.accounts.forms import LoginForm


class LoginView(DjangoLoginView):
    """Django's sign-in page with the lock-out after repeated failures."""

    authentication_form = LoginForm
