"""django-redis's client with a circuit breaker, for when Redis is down.

A page makes a dozen cache calls (the site, the page cache's versions, the
settings, fragments). With Redis refusing connections or hanging, each call
would wait for its timeout and redis-py's retries: seconds per page. Instead
the first failure opens the circuit for ``CIRCUIT_BREAKER_SECONDS`` (option
of the cache, default 5): every call in that time fails at once, as a
connection error that django-redis then ignores (the page cache: a miss) or
raises (rate limits: counted per process). After it, the next call tries
Redis again; success closes the circuit. One circuit per process and server.
"""

import socket
import threading
import time

from django_redis.client import DefaultClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

OUTAGE = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)


class CircuitOpen(RedisConnectionError):
    """Redis failed a moment ago: not tried again yet."""


class Breaker:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def check(self) -> None:
        if self.is_open:
            raise CircuitOpen("Redis unavailable; not retried for a few seconds")

    def trip(self) -> None:
        with self.lock:
            self.open_until = time.monotonic() + self.seconds


_breakers: dict[str, Breaker] = {}


def breaker_for(server: str, seconds: float) -> Breaker:
    if server not in _breakers:
        _breakers[server] = Breaker(seconds)
    return _breakers[server]


class GuardedRedis:
    """The redis client, every command going through the breaker."""

    def __init__(self, client, breaker: Breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            self._breaker.check()
            try:
                return attribute(*args, **kwargs)
            except OUTAGE:
                self._breaker.trip()
                raise

        return guarded


class CircuitBreakerClient(DefaultClient):
    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        seconds = float(self._options.get("CIRCUIT_BREAKER_SECONDS", 5))
        self._breaker = breaker_for(str(server), seconds)

    def connect(self, index: int = 0):
        return GuardedRedis(super().connect(index), self._breaker)
