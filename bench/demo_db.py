"""Fill the database of DATABASE_URL with the demo district the quality tests
use (two communes and the portal, the demo content, a citizen's feedback and
ratings), optionally with a lot more of everything (``--lots``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/demo_db.py [--lots]
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", action="store_true", help="300 procedures, 40 more people, …")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to the (empty) database to fill")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from tests.quality.content import build_quality_content

    call_command("migrate", verbosity=0)
    content = build_quality_content(lots=args.lots)
    print(f"demo district ready; paths: {content.paths}")


if __name__ == "__main__":
    main()
