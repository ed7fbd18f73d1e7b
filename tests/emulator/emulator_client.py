# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start, stop and steer the local Live-to-VOD API emulator from tests (stdlib only)."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

SERVER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'live_emulator.py')

# Built-in credentials of the emulator (no real cloud account behind them).
DEMO_ACCOUNT_ID = '1000000000000001'
DEMO_ACCESS_KEY_ID = 'LTAI5tEmulatorDemoKey0001'
DEMO_ACCESS_KEY_SECRET = 'EmulatorDemoSecret0000000000001'
DEMO_STS_ACCESS_KEY_ID = 'STS.EmulatorDemoStsKey0001'
DEMO_STS_ACCESS_KEY_SECRET = 'EmulatorDemoStsSecret000000001'
DEMO_SECURITY_TOKEN = 'EmulatorDemoSecurityToken/+=0001'
DEMO_DOMAINS = ('live.example.com', 'demo.example.com', 'play.example.com')

OTHER_ACCOUNT_ID = '1000000000000002'
OTHER_ACCESS_KEY_ID = 'LTAI5tEmulatorOtherKey0002'
OTHER_ACCESS_KEY_SECRET = 'EmulatorOtherSecret000000000002'
OTHER_DOMAINS = ('live.example.com', 'other.example.com')

DEFAULT_REGION_ID = 'cn-shanghai'
WRITE_ACTIONS = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig')

# Control calls go straight to 127.0.0.1, never through an HTTP proxy from the environment.
_OPENER = build_opener(ProxyHandler({}))


class EmulatorError(Exception):
    """The emulator could not start, or a control call failed."""


class Emulator:
    """A running emulator process and its control surface."""

    def __init__(self, process, host, port, tmp_dir, log_file=None, output_file=None):
        self.process = process
        self.output_file = output_file
        self.host = host
        self.port = port
        self.tmp_dir = tmp_dir
        self.log_file = log_file

    @property
    def url(self):
        """Base URL of the API, e.g. http://127.0.0.1:PORT."""
        return 'http://%s:%d' % (self.host, self.port)

    @classmethod
    def start(cls, tmp_dir, python=None, startup_timeout=20.0, **server_args):
        """Start the server as a subprocess; server_args map to its CLI options (state_file='x' -> --state-file x)."""
        host = server_args.get('host') or '127.0.0.1'
        token = uuid.uuid4().hex[:12]
        port_file = os.path.join(tmp_dir, 'emulator-%s.port' % token)
        out_path = os.path.join(tmp_dir, 'emulator-%s.out' % token)
        command = [python or sys.executable, SERVER_SCRIPT, '--port-file', port_file, '--parent-pid', str(os.getpid())]
        for name, value in sorted(server_args.items()):
            if value is not None:
                command.extend(['--' + name.replace('_', '-'), str(value)])
        with open(out_path, 'wb') as output:
            # A new session keeps a terminal's Ctrl-C away from the server, so the caller decides when it stops.
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        deadline = time.monotonic() + startup_timeout
        while not os.path.exists(port_file):
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    process.kill()
                    process.wait()
                with open(out_path, encoding='utf-8', errors='replace') as handle:
                    detail = handle.read()[-2000:]
                raise EmulatorError('emulator did not start (exit %s): %s' % (process.returncode, detail.strip()))
            time.sleep(0.02)
        with open(port_file, encoding='utf-8') as handle:
            port = int(handle.read().strip())
        emulator = cls(process, host if host not in ('0.0.0.0', '') else '127.0.0.1', port, tmp_dir, server_args.get('log_file'), out_path)
        emulator.health()
        return emulator

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self, timeout=10.0):
        """Stop the server (SIGTERM, then SIGKILL if it lingers); return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    # ---- control surface ----------------------------------------------

    def call(self, method, path, payload=None, query=None, timeout=10.0):
        """Make a control call to /_emulator/<path> and return its decoded JSON."""
        url = '%s/_emulator/%s' % (self.url, path)
        if query:
            url += '?' + urlencode(query)
        data = json.dumps(payload).encode('utf-8') if payload is not None else None
        request = Request(url, data=data, method=method, headers={'Content-Type': 'application/json'})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return json.loads(response.read().decode('utf-8'))
        except HTTPError as exc:
            raise EmulatorError('%s /_emulator/%s: HTTP %d %s' % (method, path, exc.code, exc.read().decode('utf-8', 'replace'))) from exc
        except URLError as exc:
            raise EmulatorError('%s /_emulator/%s: %s' % (method, path, exc.reason)) from exc

    def health(self):
        """True when the server answers."""
        return self.call('GET', 'health')['ok']

    def reset(self):
        """Back to the initial state: built-in domains, no configs, empty log, no faults, default settings."""
        self.call('POST', 'reset', {})

    def seed(self, domains=None, configs=None, account_id=None):
        """Add domains and API-shaped configs directly; return the account's configs."""
        payload = {'domains': list(domains or []), 'configs': list(configs or [])}
        if account_id is not None:
            payload['account_id'] = account_id
        return self.call('POST', 'seed', payload)['configs']

    def configs(self, account_id=None):
        """Every config of an account (default: the demo account) as API-shaped dicts."""
        return self.call('GET', 'configs', query={'account_id': account_id} if account_id else None)['configs']

    def requests(self, action=None):
        """The request log in arrival order, optionally for one action."""
        return self.call('GET', 'requests', query={'action': action} if action else None)['requests']

    def write_requests(self):
        """Logged Add, Update and Delete requests (whatever their outcome)."""
        return [entry for entry in self.requests() if entry['action'] in WRITE_ACTIONS]

    def clear_requests(self):
        """Empty the request log."""
        self.call('DELETE', 'requests')

    def fault(self, action, kind, **kwargs):
        """Inject a fault for action ('*' for all); return its id.

        Options are passed as is: times (default None: every matching request until cleared),
        skip (let that many matching requests through first), status, code, message, seconds, apply, echo_query (error), hold (delay: handle
        at once, answer after the delay).
        """
        payload = {'action': action, 'kind': kind}
        payload.update(kwargs)
        return self.call('POST', 'faults', payload)['id']

    def clear_faults(self):
        """Remove every injected fault."""
        self.call('DELETE', 'faults')

    def settings(self, **kwargs):
        """Change settings (write_rate_limit_per_minute, describe_rate_limit_per_second); return them all."""
        return self.call('POST', 'settings', kwargs)
