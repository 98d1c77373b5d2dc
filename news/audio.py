"""Audio files of loudspeaker announcements: which files count as audio, and
the MIME type their feed enclosure announces (radios refuse a wrong one)."""

from pathlib import PurePosixPath

AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "wav": "audio/wav",
}


def audio_extension(filename: str) -> str:
    return PurePosixPath(filename).suffix.lower().lstrip(".")


def is_audio(filename: str) -> bool:
    return audio_extension(filename) in AUDIO_TYPES


def audio_mime_type(filename: str) -> str:
    return AUDIO_TYPES.get(audio_extension(filename), "application/octet-stream")
