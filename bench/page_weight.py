"""A citizen's first visit to a commune home page, in Debian's Chromium.

A fresh browser context (empty cache, no cookies) at a phone's size
(390x844) loads the page and waits for the network to settle; every
request is counted, with the bytes that crossed the wire (headers plus the
encoded body, as Chromium reports them; Chromium sends its own
``Accept-Encoding``). Budget: under 60 KB in at most 10 requests, images
included, and every HTML, CSS and JS response compressed.

    bash bench/serve.sh .venv/bin/python bench/page_weight.py [--path /]
    .venv/bin/python bench/page_weight.py --base http://voi.localhost:8000   # any running server
"""

import argparse
import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
KB = 1024
BUDGET_BYTES = 60 * KB
BUDGET_REQUESTS = 10
TEXT_TYPES = ("text/html", "text/css", "javascript")


def first_visit(url: str, scroll: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows: list[dict] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()

        def finished(request):
            response = request.response()
            sizes = request.sizes()
            headers = response.all_headers() if response else {}
            rows.append(
                {
                    "url": request.url,
                    "status": response.status if response else 0,
                    "type": headers.get("content-type", ""),
                    "encoding": headers.get("content-encoding", ""),
                    "bytes": sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0),
                }
            )

        def failed(request):
            rows.append(
                {"url": request.url, "status": "failed", "type": "", "encoding": "", "bytes": 0}
            )

        page.on("requestfinished", finished)
        page.on("requestfailed", failed)
        page.goto(url, wait_until="networkidle")
        if scroll:  # the whole page read: lazy images below the fold load too
            height = page.evaluate("document.documentElement.scrollHeight")
            for _ in range(0, height + 844, 400):
                page.mouse.wheel(0, 400)
                page.wait_for_timeout(100)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
        context.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="e.g. http://voi.localhost:8000 (default: bench/serve.sh)")
    parser.add_argument("--path", default="/")
    parser.add_argument(
        "--scroll", action="store_true", help="scroll to the bottom: every lazy image loads"
    )
    args = parser.parse_args()
    base = args.base or f"http://voi.localhost:{os.environ['BENCH_PORT']}"
    url = base.rstrip("/") + args.path
    rows = first_visit(url, scroll=args.scroll)
    total = sum(row["bytes"] for row in rows)
    how = "scrolled to the bottom" if args.scroll else "without scrolling"
    print(f"first visit to {url} at 390x844 in {CHROMIUM}, {how}\n")
    print("| request | status | type | encoding | bytes |\n|---|---|---|---|---|")
    for row in rows:
        kind, encoding = row["type"].split(";")[0], row["encoding"] or "-"
        print(f"| {row['url']} | {row['status']} | {kind} | {encoding} | {row['bytes']} |")
    uncompressed = [
        row["url"]
        for row in rows
        if any(t in row["type"] for t in TEXT_TYPES) and row["encoding"] not in ("gzip", "br")
    ]
    print(f"\ntotal: {len(rows)} requests, {total} bytes ({total / KB:.1f} KB)")
    verdicts = [
        f"requests {len(rows)} {'<=' if len(rows) <= BUDGET_REQUESTS else '>'} {BUDGET_REQUESTS}",
        f"bytes {total / KB:.1f} KB {'<' if total < BUDGET_BYTES else '>='} 60 KB",
        "text compressed" if not uncompressed else f"NOT compressed: {', '.join(uncompressed)}",
    ]
    print("; ".join(verdicts))


if __name__ == "__main__":
    main()
