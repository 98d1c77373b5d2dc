"""Where files that must never be public are kept: citizens' feedback photos.

They live in their own storage (``STORAGES["private"]``): a folder outside
``MEDIA_ROOT`` that no web server publishes, or a private prefix of the
bucket. Only views that check who is asking (the moderation screens) read
them; nothing links to them directly.
"""

from django.core.files.storage import storages


def private_storage():
    """The private storage, looked up when used (so that tests and
    deployments can configure it), for ``FileField(storage=...)``."""
    return storages["private"]
