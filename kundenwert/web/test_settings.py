"""Settings for the test suite: a throw-away data folder, plain static files, fast hashing."""

import os
import tempfile

os.environ.setdefault("KUNDENWERT_DATA_DIR", tempfile.mkdtemp(prefix="kundenwert-test-"))
os.environ["KUNDENWERT_TESTING"] = "1"

from kundenwert.web.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
