"""What the attacker tests of ``tests/home`` share: Kép's secret word, and
what counts as a refusal."""

SECRET = "KEPSECRET"


def refused(response) -> bool:
    """403/404, a redirect to the login, or a page without Kép's secret."""
    if response.status_code in (400, 403, 404, 405):
        return True
    if response.status_code == 302:
        return "/login/" in response["Location"]
    return SECRET not in response.content.decode("unicode_escape", errors="replace")
