"""Settings for the test suite: a throw-away data folder, plain static files, fast hashing."""

import os
import tempfile

os.environ.setdefault("KUNDENWERT_DATA_DIR", tempfile.mkdtemp(prefix="kundenwert-test-"))
os.environ["KUNDENWERT_TESTING"] = "1"

from kundenwert.web.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns on every request)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's in-memory default: that one is opened with a shared cache, where
    # a second thread (an import job) meets table locks that fail at once instead of the
    # busy timeout. A file behaves as in production (WAL, the timeout of settings.py).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["KUNDENWERT_DATA_DIR"], "test.sqlite3")
    }
