"""Fault drills against a production-like server, with the parts it depends
on started, stopped and restarted for real. Prints one table: fault, what a
citizen saw, what was kept, recovery time.

Everything runs on loopback and belongs to the drill: a throwaway PostgreSQL
cluster (port 5439), its own ``redis-server`` (port 6391, never the machine's),
a fake SMTP server, a fake SMS gateway, and gunicorn (2 sync workers,
``bench/settings_faults.py``), on the quality tests' demo district.

    .venv/bin/python bench/fault_drills.py [--keep | --reuse WORKDIR]

Drills:
1. Redis: the server starts with nothing on Redis's port; Redis is started;
   killed; started and frozen (SIGSTOP: connections hang); resumed. A load
   of page views and look-ups runs all along.
2. PostgreSQL restarted (``pg_ctlcluster … restart -m fast``) under a load
   of feedback submissions from four clients.
3. Mail server and SMS gateway down while a citizen submits feedback and a
   dossier becomes ready; back up, then ``send_pending_notices`` and
   ``send_pending_sms`` run every 10 s as cron would (twice at once).
Needs root (pg_createcluster), PostgreSQL 15 binaries, redis-server.
"""

import argparse
import asyncore  # smtpd's loop (Python 3.11)
import email
import email.header
import http.server
import json
import os
import re
import shutil
import signal
import smtpd
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections import Counter
from pathlib import Path

warnings.filterwarnings("ignore", category=DeprecationWarning)
ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python"))
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
PG_VERSION = "15"
CLUSTER, PG_PORT, REDIS_PORT, APP_PORT = "langgiang_drill", 5439, 6391, 8139
SMTP_PORT, GATEWAY_PORT = 2539, 8939
BASE = f"http://127.0.0.1:{APP_PORT}"
RUN = time.strftime("%H%M%S")  # tells this run's rows from a reused database's
HOST = "voi.localhost"
CAPTCHA = "bench-captcha-token"


def run(*args, env=None, check=True, quiet=True):
    return subprocess.run(  # noqa: S603
        args,
        cwd=ROOT,
        env=env,
        check=check,
        text=True,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
    )


# --- The parts the drill owns ----------------------------------------------


class Cluster:
    def create(self):
        run("pg_createcluster", PG_VERSION, CLUSTER, "-p", str(PG_PORT), "--", "--auth=trust")
        self.start()
        run("createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "drill")

    def start(self):
        run("pg_ctlcluster", PG_VERSION, CLUSTER, "start", check=False)  # may be running

    def restart(self):
        run("pg_ctlcluster", PG_VERSION, CLUSTER, "restart", "-m", "fast")

    def drop(self):
        run("pg_dropcluster", PG_VERSION, CLUSTER, "--stop", check=False)


class Redis:
    process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


class Smtp(smtpd.SMTPServer):
    received: list[str] = []

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        raw = data if isinstance(data, bytes) else data.encode()
        subject = str(
            email.header.make_header(
                email.header.decode_header(email.message_from_bytes(raw)["Subject"] or "")
            )
        )
        Smtp.received.extend((address, subject) for address in rcpttos)


class Gateway(http.server.BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802
        Gateway.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"drill-ref")

    def log_message(self, *args):
        pass


def start_smtp():
    server = Smtp(("127.0.0.1", SMTP_PORT), None)
    thread = threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    return server


def start_gateway():
    server = http.server.HTTPServer(("127.0.0.1", GATEWAY_PORT), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def environment(work: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/drill",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private-media"),
        "SECRET_KEY": "drill-" + "k" * 48,
        "SECURE_SSL_REDIRECT": "false",
        "BASE_DOMAIN": "localhost",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_TIMEOUT": "3",
        "SMS_GATEWAY_URL": f"http://127.0.0.1:{GATEWAY_PORT}/send",
        "LOOKUP_RATE_LIMIT": "5",
        # Each drill client sends its own X-Forwarded-For, as behind a load balancer.
        "TRUSTED_PROXY_COUNT": "1",
        "FEEDBACK_RATE_LIMIT": "100000",
        "PYTHONPATH": "bench",
        "DJANGO_SETTINGS_MODULE": "settings_faults",
    }


def manage(env, *args) -> str:
    return run(PYTHON, "manage.py", *args, env=env).stdout


def shell(env, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1]


# --- A citizen's browser ------------------------------------------------------


class Citizen:
    """One browser: its cookies (kept by hand: production marks them Secure,
    which urllib would not send over loopback's plain HTTP), a form's CSRF
    token, one request at a time."""

    def __init__(self, address: str = "127.0.0.1"):
        self.opener = urllib.request.build_opener(NoRedirect())
        self.address = address
        self.cookies: dict[str, str] = {}
        self.tokens: dict[str, str] = {}

    def request(self, path, data=None, timeout=15):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - our own http:// base
            BASE + path, data=body, headers={"Host": HOST}
        )
        request.add_header("X-Forwarded-For", self.address)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, headers, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, text = error.code, error.headers, error.read()
        except OSError as error:
            return f"no answer ({type(error).__name__})", time.monotonic() - started, {}, b""
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, time.monotonic() - started, headers, text

    def post_form(self, path: str, data: dict):
        """GET the form once (its CSRF cookie and token), then POST."""
        if path not in self.tokens:
            page = self.request(path)[3]
            match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            self.tokens[path] = match.group(1).decode() if match else ""
        return self.request(path, {"csrfmiddlewaretoken": self.tokens[path], **data})

    def send_feedback(self, subject: str):
        return self.post_form(
            "/gop-y/",
            {
                "kind": "gop_y",
                "subject": subject,
                "message": "Nội dung góp ý trong lúc diễn tập sự cố.",
                "name": "Người dân diễn tập",
                "phone": "0912345678",
                "email": "dan@example.com",
                "website": "",
                "g-recaptcha-response": CAPTCHA,
            },
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- Drills -------------------------------------------------------------------


def redis_drill(redis: Redis) -> list[dict]:
    """Page views and dossier look-ups through every state of Redis."""
    citizen = Citizen()
    rows = []

    def phase(name, seconds):
        statuses, slowest, hits, lookups = Counter(), 0.0, 0, Counter()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for path in ("/", "/thu-tuc/"):
                status, elapsed, headers, _body = citizen.request(path)
                statuses[status] += 1
                slowest = max(slowest, elapsed)
                hits += headers.get("X-Cache", "") == "HIT"
        # A burst of look-ups from one new address: the limit must still hold.
        prober = Citizen(address=f"203.0.113.{len(rows) + 10}")
        for _ in range(15):
            lookups[
                prober.post_form(
                    "/tra-cuu-ho-so/", {"receipt_code": "KHONG-CO", "phone_last_four": "1234"}
                )[0]
            ] += 1
        rows.append(
            {
                "phase": name,
                "pages": dict(statuses),
                "slowest": f"{slowest * 1000:.0f} ms",
                "cache hits": hits,
                "15 look-ups": dict(lookups),
            }
        )

    phase("Redis never started", 8)
    redis.start()
    back = time.monotonic()
    while Citizen().request("/")[2].get("X-Cache") != "HIT":
        time.sleep(0.05)
    rows[-1]["recovery"] = f"{time.monotonic() - back:.2f} s to the first cached page"
    phase("Redis up", 8)
    redis.kill()
    phase("Redis killed", 10)
    redis.start()
    redis.freeze()
    phase("Redis frozen (SIGSTOP)", 10)
    redis.thaw()
    back = time.monotonic()
    while Citizen().request("/")[2].get("X-Cache") != "HIT":
        time.sleep(0.05)
    recovery = time.monotonic() - back
    phase("Redis resumed", 8)
    rows[-1]["recovery"] = f"{recovery:.2f} s to the first cached page"
    return rows


def postgres_drill(cluster: Cluster, env) -> dict:
    """Four citizens sending feedback while PostgreSQL restarts."""
    outcomes: list[tuple[float, object, str]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def citizen(number):
        me = Citizen(address=f"198.51.100.{number}")
        index = 0
        while not stop.is_set():
            subject = f"Diễn tập PostgreSQL {RUN} {number}-{index}"
            status = me.send_feedback(subject)[0]
            with lock:
                outcomes.append((time.monotonic(), status, subject))
            index += 1

    threads = [threading.Thread(target=citizen, args=(n,)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    time.sleep(6)
    restart_started = time.monotonic()
    cluster.restart()
    restarted = time.monotonic()
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join()
    during = [o for o in outcomes if o[0] >= restart_started]
    first_ok_after = next((o[0] for o in during if o[1] == 302 and o[0] >= restarted), None)
    failures = [o for o in outcomes if o[1] != 302]
    stored = shell(
        env,
        "from contact.models import Feedback; import json; "
        f"rows = Feedback.objects.filter(subject__startswith='Diễn tập PostgreSQL {RUN} '); "
        "print(json.dumps({'subjects': list(rows.values_list('subject', flat=True)), "
        "'without_event': rows.exclude(events__action='submitted').count()}))",
    )
    stored = json.loads(stored)
    accepted = {o[2] for o in outcomes if o[1] == 302}
    return {
        "requests": len(outcomes),
        "statuses": dict(Counter(o[1] for o in outcomes)),
        "failed requests": len(failures),
        "restart took": f"{restarted - restart_started:.2f} s",
        "recovery": (
            f"{first_ok_after - restarted:.2f} s after the restart command returned"
            if first_ok_after
            else "none"
        ),
        "accepted and stored": f"{len(accepted & set(stored['subjects']))}/{len(accepted)}",
        "stored though the citizen saw an error": len(set(stored["subjects"]) - accepted),
        "stored without their history": stored["without_event"],
    }


def notices_by_status(env) -> dict[str, int]:
    return json.loads(
        shell(
            env,
            "import json; from collections import Counter; "
            "from contact.models import FeedbackNotice; "
            "print(json.dumps(Counter(FeedbackNotice.objects.values_list('status', flat=True))))",
        )
    )


def senders_drill(env) -> dict:
    """Mail server and SMS gateway down, then back; cron every 10 s, twice at once."""
    Smtp.received, Gateway.received = [], []
    citizen = Citizen(address="192.0.2.77")
    status = citizen.send_feedback("Diễn tập máy chủ thư hỏng")[0]
    shell(
        env,
        "from datetime import timedelta; from django.utils import timezone; "
        "from home.models import Commune; from procedures.dossiers import save_dossier; "
        "from procedures.models import Dossier; today = timezone.localdate(); "
        "save_dossier(Dossier(commune=Commune.objects.get(slug='voi'), "
        f"receipt_code='DIEN-TAP-{RUN}', "
        "procedure_name='Đăng ký khai sinh', applicant_name='Người dân', "
        "applicant_phone='0912345678', received_on=today, "
        "appointment_date=today + timedelta(days=2), status='ready')); print('ok')",
    )
    queued = shell(
        env,
        "from collections import Counter; from contact.models import FeedbackNotice; "
        "from procedures.models import SmsMessage; "
        "print(dict(Counter(FeedbackNotice.objects.values_list('status', flat=True))), "
        f"dict(Counter(SmsMessage.objects.filter(dossier__receipt_code='DIEN-TAP-{RUN}')"
        ".values_list('status', flat=True))))",
    )
    smtp, gateway = start_smtp(), start_gateway()
    back = time.monotonic()
    delivered_at = None
    while time.monotonic() - back < 240:
        jobs = [
            subprocess.Popen(  # noqa: S603
                [PYTHON, "manage.py", command],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for command in ("send_pending_notices", "send_pending_notices", "send_pending_sms")
            + ("send_pending_sms",)
        ]
        for job in jobs:
            job.wait()
        waiting = notices_by_status(env)
        # A notice claimed when the restart cut its request off stays "sending"
        # until its lease ends (10 minutes), then the job takes it again.
        if not waiting.get("pending") and not waiting.get("failed") and Gateway.received:
            delivered_at = delivered_at or time.monotonic()
            if time.monotonic() - delivered_at > 20:
                break
        time.sleep(10)
    smtp.close()
    gateway.shutdown()
    return {
        "submission": status,
        "queued while down": queued,
        "mails received": len(Smtp.received),
        "most copies of one mail": max(Counter(Smtp.received).values(), default=0),
        "texts received": len(Gateway.received),
        "notices at the end": notices_by_status(env),
        "recovery": (
            f"{delivered_at - back:.0f} s after both came back" if delivered_at else "never"
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the cluster and files")
    parser.add_argument(
        "--reuse", metavar="WORKDIR", help="the cluster and files a --keep run left (no rebuild)"
    )
    args = parser.parse_args()
    for tool in ("pg_createcluster", "redis-server"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing")
    work = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="langgiang-drill-"))
    env = environment(work)
    cluster, redis, server = Cluster(), Redis(), None
    try:
        if args.reuse:
            cluster.start()
        else:
            print("--- throwaway cluster, demo district (a few minutes)", flush=True)
            cluster.create()
            build_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
            run(PYTHON, "bench/demo_db.py", env=build_env)
        shell(
            env,
            "from home.models import Commune, CommuneSettings; "
            "s = CommuneSettings.for_site(Commune.objects.get(slug='voi').site); "
            "s.email = 'ubnd.voi@example.vn'; s.save(); print('ok')",
        )
        manage(env, "collectstatic", "--noinput", "-v", "0")
        print("--- gunicorn, 2 workers; Redis not started yet", flush=True)
        server = subprocess.Popen(  # noqa: S603
            [GUNICORN, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{APP_PORT}"]
            + ["--log-level", "warning", "--timeout", "60"],
            cwd=ROOT,
            env=env,
            stdout=(work / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            if Citizen().request("/")[0] == 200:
                break
            time.sleep(0.2)
        print("--- drill 1: Redis", flush=True)
        for row in redis_drill(redis):
            print(row, flush=True)
        print("--- drill 2: PostgreSQL restarted under load", flush=True)
        print(postgres_drill(cluster, env), flush=True)
        print("--- drill 3: mail server and SMS gateway down, then back", flush=True)
        print(senders_drill(env), flush=True)
        errors = (work / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
        print(f"--- gunicorn log: {errors.count('Traceback')} tracebacks, {len(errors)} bytes")
    finally:
        if server:
            server.terminate()
            server.wait()
        if redis.process and redis.process.poll() is None:
            redis.thaw()
            redis.kill()
        if not (args.keep or args.reuse):
            cluster.drop()
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: cluster {CLUSTER} on port {PG_PORT}, files in {work}")


if __name__ == "__main__":
    main()
