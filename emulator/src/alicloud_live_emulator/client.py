# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Drive the emulator from Python (standard library only).

:class:`EmulatorClient` speaks the control API of a running emulator;
:class:`EmulatorProcess` starts one as a child process and stops it; :func:`environment`
is what a command (ansible-playbook, say) needs in its environment to use it::

    from alicloud_live_emulator.client import EmulatorProcess

    with EmulatorProcess.start(domains=['live.mycompany.com']) as emulator:
        emulator.client.fault('AddLiveRecordVodConfig', 'error', status=503, times=1)
        subprocess.run(['ansible-playbook', 'site.yml'], env=emulator.environ(), check=True)
        print(emulator.client.requests('AddLiveRecordVodConfig'))
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

from alicloud_live_emulator.accounts import (
    DEFAULT_REGION_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_DOMAINS, DEMO_SECURITY_TOKEN,
    DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, OTHER_ACCESS_KEY_ID, OTHER_ACCESS_KEY_SECRET, OTHER_ACCOUNT_ID,
    OTHER_DOMAINS)
from alicloud_live_emulator.control import VERSION

# The demo credentials are re-exported: tests and users import them from here with the client.
__all__ = ['CREDENTIAL_VARIABLES', 'DEFAULT_REGION_ID', 'DEMO_ACCESS_KEY_ID', 'DEMO_ACCESS_KEY_SECRET', 'DEMO_ACCOUNT_ID', 'DEMO_DOMAINS',
           'DEMO_SECURITY_TOKEN', 'DEMO_STS_ACCESS_KEY_ID', 'DEMO_STS_ACCESS_KEY_SECRET', 'OTHER_ACCESS_KEY_ID',
           'OTHER_ACCESS_KEY_SECRET', 'OTHER_ACCOUNT_ID', 'OTHER_DOMAINS', 'WRITE_ACTIONS', 'EmulatorClient', 'EmulatorError',
           'EmulatorProcess', 'environment']
WRITE_ACTIONS = ('AddLiveRecordVodConfig', 'UpdateLiveRecordVodConfig', 'DeleteLiveRecordVodConfig',
                 'AddLiveRecordNotifyConfig', 'UpdateLiveRecordNotifyConfig', 'DeleteLiveRecordNotifyConfig')
# Variables of the credential chains the modules read: cleared so the demo key is the one used.
CREDENTIAL_VARIABLES = ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
                        'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_SECRET_KEY',
                        'ALICLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
                        'ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'ALIBABA_CLOUD_ECS_METADATA', 'ALICLOUD_ASSUME_ROLE_ARN')

# Control calls go straight to the emulator, never through an HTTP proxy from the environment.
_OPENER = build_opener(ProxyHandler({}))


class EmulatorError(Exception):
    """The emulator could not start, or a control call failed."""


def environment(url, access_key_id=DEMO_ACCESS_KEY_ID, access_key_secret=DEMO_ACCESS_KEY_SECRET, region_id=DEFAULT_REGION_ID,
                base=None, keep_credentials=False):
    """The environment for a command that should use the emulator at url.

    With base (os.environ, say), the whole environment: base without other credentials
    (unless keep_credentials and base names an access key) and without an HTTP proxy, plus
    the emulator's settings. Without base, only the variables to set:
    ALIBABA_CLOUD_LIVE_ENDPOINT, the access key, the region and NO_PROXY.
    """
    base = base or {}
    keep = keep_credentials and bool(base.get('ALIBABA_CLOUD_ACCESS_KEY_ID'))
    env = dict((k, v) for k, v in base.items() if keep or k not in CREDENTIAL_VARIABLES)
    env['ALIBABA_CLOUD_LIVE_ENDPOINT'] = url
    if not keep:
        env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = access_key_id
        env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = access_key_secret
    if not (keep_credentials and base.get('ALIBABA_CLOUD_REGION_ID')):
        env['ALIBABA_CLOUD_REGION_ID'] = region_id
    # The SDK sends plain-http calls to HTTP_PROXY whatever NO_PROXY says, and the emulator
    # speaks plain http only: no http proxy (HTTPS_PROXY stays for whatever else is fetched).
    for name in ('HTTP_PROXY', 'http_proxy'):
        env.pop(name, None)
    host = urlsplit(url).hostname
    for name in ('NO_PROXY', 'no_proxy'):
        hosts = [h for h in base.get(name, '').split(',') if h]
        env[name] = ','.join(hosts + ([host] if host not in hosts else []))
    return env


class EmulatorClient:
    """The control API of a running emulator (default http://127.0.0.1:PORT/_emulator/v1/)."""

    def __init__(self, url, timeout=10.0):
        self.url = url.rstrip('/')
        self.timeout = timeout
        split = urlsplit(self.url)
        self.host = split.hostname
        self.port = split.port

    def call(self, method, path, payload=None, query=None, timeout=None):
        """Make a control call to /_emulator/v1/<path> and return its decoded JSON."""
        url = '%s/_emulator/%s/%s' % (self.url, VERSION, path)
        if query:
            url += '?' + urlencode(query)
        data = json.dumps(payload).encode('utf-8') if payload is not None else None
        request = Request(url, data=data, method=method, headers={'Content-Type': 'application/json'})
        try:
            with _OPENER.open(request, timeout=timeout or self.timeout) as response:
                return json.loads(response.read().decode('utf-8'))
        except HTTPError as exc:
            raise EmulatorError('%s /_emulator/%s/%s: HTTP %d %s' % (method, VERSION, path, exc.code,
                                                                     exc.read().decode('utf-8', 'replace'))) from exc
        except URLError as exc:
            raise EmulatorError('%s /_emulator/%s/%s: %s' % (method, VERSION, path, exc.reason)) from exc

    def health(self):
        """True when the emulator answers."""
        return self.call('GET', 'health')['ok']

    def reset(self):
        """Back to the initial state: the accounts' own domains, no configs, empty log, no faults, default settings."""
        self.call('POST', 'reset', {})

    def seed(self, domains=None, configs=None, account_id=None):
        """Add domains and API-shaped configs to an account (default: the first); return its configs."""
        payload = {'domains': list(domains or []), 'configs': list(configs or [])}
        if account_id is not None:
            payload['account_id'] = account_id
        return self.call('POST', 'seed', payload)['configs']

    def add_domains(self, *domains, account_id=None):
        """Give an account (default: the first) more live domains."""
        self.seed(domains=domains, account_id=account_id)

    def domains(self, account_id=None):
        """The domains of an account (default: the first), each with its attributes."""
        return self.call('GET', 'domains', query={'account_id': account_id} if account_id else None)['domains']

    def set_domains(self, *domains, account_id=None):
        """Add domains to an account (default: the first) or change their attributes; return its domains.

        Each domain is a host name or a dict with ``domain_name`` and any of ``status``, ``type``,
        ``resource_group_id``, ``tags``, ``cname``, ``region``, ``description``, ``created``.
        """
        payload = {'domains': list(domains)}
        if account_id is not None:
            payload['account_id'] = account_id
        return self.call('POST', 'domains', payload)['domains']

    def configs(self, account_id=None):
        """Every config of an account (default: the first) as API-shaped dicts, in listing order."""
        return self.call('GET', 'configs', query={'account_id': account_id} if account_id else None)['configs']

    def accounts(self):
        """The accounts with their domains and access key ids (no secrets)."""
        return self.call('GET', 'accounts')['accounts']

    def requests(self, action=None):
        """The request log in arrival order, optionally for one action."""
        return self.call('GET', 'requests', query={'action': action} if action else None)['requests']

    def write_requests(self):
        """Logged Add, Update and Delete requests (whatever their outcome)."""
        return [entry for entry in self.requests() if entry['action'] in WRITE_ACTIONS]

    def clear_requests(self):
        """Empty the request log."""
        self.call('DELETE', 'requests')

    def fault(self, action, kind, **options):
        """Inject a fault for action ('*' for all); return its id.

        Options: times (default None: every matching request until cleared), skip (let that
        many matching requests through first), status, code, message, seconds, apply,
        echo_query (error), hold (delay). See alicloud_live_emulator.faults.
        """
        payload = {'action': action, 'kind': kind}
        payload.update(options)
        return self.call('POST', 'faults', payload)['id']

    def faults(self):
        """The pending faults."""
        return self.call('GET', 'faults')['faults']

    def clear_faults(self):
        """Remove every injected fault."""
        self.call('DELETE', 'faults')

    def settings(self, **changes):
        """Change settings; return them all.

        rate_limit_per_minute: a number, or {action: number}; transcode_templates_format: how
        Describe writes TranscodeTemplates (json, comma or list); record_format_order: how it
        orders the RecordFormat items (reversed, sorted or request).
        """
        if not changes:
            return self.call('GET', 'settings')
        return self.call('POST', 'settings', changes)

    # ---- STS and the instance metadata service (alicloud_live_emulator.sts) ----

    def sts_issued(self):
        """The temporary credentials issued since the last reset: key id, secret, token, role ARN, session name, expiration."""
        return self.call('GET', 'sts/issued')['issued']

    def sts_expire(self, access_key_id=None):
        """Make issued credentials (all, or one) expire now; return the access key ids."""
        return self.call('POST', 'sts/expire', {'access_key_id': access_key_id} if access_key_id else {})['expired']

    def sts_revoke(self, access_key_id=None):
        """Revoke issued credentials (all, or one); return the access key ids."""
        return self.call('POST', 'sts/revoke', {'access_key_id': access_key_id} if access_key_id else {})['revoked']

    def oidc_tokens_expired(self, expired=True):
        """Make AssumeRoleWithOIDC refuse the OIDC tokens as expired (until the next reset)."""
        self.call('POST', 'sts/oidc', {'expired': expired})

    def metadata_mode(self, imds):
        """IMDSv2 token 'optional' (default), 'required', or 'v1-only' (not offered)."""
        self.call('POST', 'sts/metadata', {'imds': imds})

    # ---- recording callback configurations (alicloud_live_emulator.record_notify) ----

    def notify_seed(self, configs, account_id=None):
        """Store API-shaped callback configurations (one per domain) in an account; return its callback configs."""
        payload = {'configs': list(configs)}
        if account_id is not None:
            payload['account_id'] = account_id
        return self.call('POST', 'record_notify/seed', payload)['configs']

    def notify_configs(self, account_id=None):
        """Every callback configuration of an account (default: the first), API-shaped, key included, by domain."""
        return self.call('GET', 'record_notify/configs', query={'account_id': account_id} if account_id else None)['configs']

    def notify_settings(self, **changes):
        """Change how Describe answers (missing: 'empty', 'omitted' or 'error'; bool_style: 'bool' or 'yes_no'); return them."""
        if not changes:
            return self.call('GET', 'record_notify/settings')
        return self.call('POST', 'record_notify/settings', changes)


class EmulatorProcess:
    """An emulator running as a child process of this one."""

    def __init__(self, process, url, work_dir, output_file, own_work_dir=False):
        self.process = process
        self.url = url
        self.client = EmulatorClient(url)
        self.work_dir = work_dir
        self.output_file = output_file
        self._own_work_dir = own_work_dir

    @property
    def host(self):
        """The host the emulator answers on."""
        return self.client.host

    @property
    def port(self):
        """The port the emulator answers on."""
        return self.client.port

    @classmethod
    def start(cls, work_dir=None, python=None, startup_timeout=20.0, domains=(), command=None, **options):
        """Start an emulator; options map to its command-line options (state_file='x' -> --state-file x).

        It listens on a free port of 127.0.0.1 unless host/port say otherwise, and exits by
        itself should this process die. work_dir keeps its port file and output (a
        temporary directory, removed on stop, when not given). command: the program to run
        as a list, such as ``['alicloud-live-emulator']`` for the installed console script
        (default: ``python -m alicloud_live_emulator``).
        """
        own_work_dir = work_dir is None
        work_dir = tempfile.mkdtemp(prefix='alicloud-live-emulator-') if own_work_dir else str(work_dir)
        token = uuid.uuid4().hex[:12]
        port_file = os.path.join(work_dir, 'emulator-%s.port' % token)
        output_path = os.path.join(work_dir, 'emulator-%s.out' % token)
        command = list(command or [python or sys.executable, '-m', 'alicloud_live_emulator'])
        command += ['--port-file', port_file, '--parent-pid', str(os.getpid())]
        for domain in domains:
            command.extend(['--domain', domain])
        for name, value in sorted(options.items()):
            if value is not None:
                command.extend(['--' + name.replace('_', '-'), str(value)])
        with open(output_path, 'wb') as output:
            # A session of its own keeps a terminal's Ctrl-C away from it: the caller decides when it stops.
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        deadline = time.monotonic() + startup_timeout
        while not os.path.exists(port_file):
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    process.kill()
                    process.wait()
                with open(output_path, encoding='utf-8', errors='replace') as handle:
                    detail = handle.read()[-2000:]
                if own_work_dir:
                    shutil.rmtree(work_dir, ignore_errors=True)
                raise EmulatorError('emulator did not start (exit %s): %s' % (process.returncode, detail.strip()))
            time.sleep(0.01)
        with open(port_file, encoding='utf-8') as handle:
            port = int(handle.read().strip())
        host = options.get('host') or '127.0.0.1'
        if host in ('0.0.0.0', '::', ''):
            host = '127.0.0.1'
        emulator = cls(process, 'http://%s:%d' % (host, port), work_dir, output_path, own_work_dir)
        emulator.client.health()
        return emulator

    def environ(self, base=None, **credentials):
        """The whole environment for a command that uses this emulator (base: os.environ by default)."""
        return environment(self.url, base=os.environ if base is None else base, **credentials)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self, timeout=10.0):
        """Stop the emulator (SIGTERM, then SIGKILL if it lingers); return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._own_work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)
        return self.process.returncode
