# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local emulator of the ApsaraVideo Live API's Live-to-VOD actions.

Speaks the RPC wire protocol of live.aliyuncs.com (API version 2016-11-01) for
AddLiveRecordVodConfig, UpdateLiveRecordVodConfig, DeleteLiveRecordVodConfig and
DescribeLiveRecordVodConfigs: signature v1 (HMAC-SHA1), timestamp and nonce
checks, STS tokens, per-account flow control and isolated per-account state.
Responses are always JSON (Format=XML is refused).

Usage::

    python live_emulator.py [--host 127.0.0.1] [--port 0] [--port-file PATH]
                            [--state-file PATH] [--credentials FILE.json]
                            [--rate-limit N] [--log-file PATH] [--parent-pid PID]

A test-only control surface lives under ``/_emulator/`` (health, reset, seed,
configs, requests, faults, settings); it is JSON in and out and never reachable
as an API action.

Credentials file (``--credentials``), JSON; without one the built-in demo and
other accounts below are used::

    {"accounts": [
        {"account_id": "1000000000000001",
         "name": "demo",
         "domains": ["live.example.com"],
         "access_keys": [
             {"access_key_id": "LTAI...", "access_key_secret": "...",
              "active": true,                       # optional, false -> InvalidAccessKeyId.Inactive
              "allowed_actions": ["DescribeLiveRecordVodConfigs"]}],  # optional RAM policy
         "sts_keys": [
             {"access_key_id": "STS....", "access_key_secret": "...",
              "security_token": "...",
              "expiration": "2030-01-01T00:00:00Z", # optional, past -> InvalidSecurityToken.Expired
              "allowed_actions": null}]}]}

State file (``--state-file``): ``{"format": 1, "accounts": {ID: {"domains": [...],
"configs": [...]}}}``, loaded at start when present and rewritten atomically
after every successful change.
"""

import argparse
import base64
import collections
import copy
import datetime
import hashlib
import hmac
import json
import logging
import os
import re
import signal
import sys
import tempfile
import threading
import time
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

LOG = logging.getLogger('alicloud_live_emulator')

API_VERSION = '2016-11-01'
HOST_ID = 'live.aliyuncs.com'
CONTROL_PREFIX = '/_emulator/'
TIME_FORMAT = '%Y-%m-%dT%H:%M:%SZ'
TIMESTAMP_TOLERANCE = 15 * 60
NONCE_TTL = 15 * 60
JSON_TYPE = 'application/json;charset=utf-8'

ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'
DESCRIBE = 'DescribeLiveRecordVodConfigs'
WRITE_ACTIONS = (ADD, UPDATE, DELETE)
ACTIONS = WRITE_ACTIONS + (DESCRIBE,)

DEFAULT_SETTINGS = {
    'write_rate_limit_per_minute': 1000,
    'describe_rate_limit_per_second': 1000,
}
FAULT_KINDS = ('error', 'delay', 'drop', 'malformed', 'html', 'missing_keys')

CONFIG_DEFAULTS = {
    'StreamName': '',
    'CycleDuration': 3600,
    'AutoCompose': 'OFF',
    'ComposeVodTranscodeGroupId': '',
    'StorageLocation': '',
    'OnDemand': 0,
}
CONFIG_KEYS = ('DomainName', 'AppName', 'StreamName', 'VodTranscodeGroupId', 'CycleDuration', 'AutoCompose',
               'ComposeVodTranscodeGroupId', 'StorageLocation', 'OnDemand', 'CreateTime')
ON_DEMAND_VALUES = (0, 1, 2, 7)

NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,255}$')
NAME_RULE = 'it must be 1 to 255 characters long and contain only letters, digits, hyphens (-) and underscores (_).'
HOST_LABEL_RE = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')
INT_RE = re.compile(r'^[+-]?[0-9]{1,10}$')

BUILTIN_CREDENTIALS = {
    'accounts': [
        {
            'account_id': '1000000000000001',
            'name': 'demo',
            'domains': ['live.example.com', 'demo.example.com', 'play.example.com'],
            'access_keys': [
                {'access_key_id': 'LTAI5tEmulatorDemoKey0001', 'access_key_secret': 'EmulatorDemoSecret0000000000001'},
            ],
            'sts_keys': [
                {'access_key_id': 'STS.EmulatorDemoStsKey0001', 'access_key_secret': 'EmulatorDemoStsSecret000000001',
                 'security_token': 'EmulatorDemoSecurityToken/+=0001'},
            ],
        },
        {
            'account_id': '1000000000000002',
            'name': 'other',
            'domains': ['live.example.com', 'other.example.com'],
            'access_keys': [
                {'access_key_id': 'LTAI5tEmulatorOtherKey0002', 'access_key_secret': 'EmulatorOtherSecret000000000002'},
            ],
            'sts_keys': [],
        },
    ],
}


class ApiError(Exception):
    """An API error answered with the service's error body."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class ControlError(Exception):
    """A bad control-surface call."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status
        self.message = message


def new_request_id():
    """Return a RequestId shaped like the service's."""
    return str(uuid.uuid4()).upper()


def utc_now_text():
    """Return the current UTC time in the API's ISO-8601 form."""
    return time.strftime(TIME_FORMAT, time.gmtime())


def parse_utc(text):
    """Parse an ISO-8601 UTC time (optionally with fractional seconds) into epoch seconds."""
    for fmt in (TIME_FORMAT, '%Y-%m-%dT%H:%M:%S.%fZ'):
        try:
            parsed = datetime.datetime.strptime(text, fmt)
        except (TypeError, ValueError):
            continue
        return parsed.replace(tzinfo=datetime.timezone.utc).timestamp()
    return None


def percent_encode(text):
    """RFC 3986 percent-encoding as the signature algorithm requires."""
    return quote(text, safe='~')


def string_to_sign(method, params):
    """Build the signature v1 string to sign over every parameter but Signature."""
    pairs = sorted((k, v) for k, v in params.items() if k != 'Signature')
    canonical = '&'.join('%s=%s' % (percent_encode(k), percent_encode(v)) for k, v in pairs)
    return '%s&%s&%s' % (method, percent_encode('/'), percent_encode(canonical))


def sign(text, secret):
    """HMAC-SHA1 signature of text with the key secret + '&', base64 encoded."""
    digest = hmac.new((secret + '&').encode('utf-8'), text.encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def error_body(request_id, code, message):
    """Return the service's error body."""
    return {
        'RequestId': request_id,
        'HostId': HOST_ID,
        'Code': code,
        'Message': message,
        'Recommend': 'https://api.aliyun.com/troubleshoot?q=%s&product=live&requestId=%s' % (quote(code, safe=''), request_id),
    }


def missing(name):
    """The error for an absent mandatory parameter."""
    return ApiError(400, 'Missing' + name, '%s is mandatory for this action.' % name)


def invalid(name, rule):
    """The error for a parameter value the service rejects."""
    return ApiError(400, 'InvalidParameter', 'The specified parameter %s is not valid: %s' % (name, rule))


def required(params, name):
    """Return a mandatory parameter; blank counts as absent."""
    value = params.get(name, '')
    if value == '':
        raise missing(name)
    return value


def check_name(params, name, mandatory):
    """Validate an AppName or StreamName parameter."""
    value = required(params, name) if mandatory else params.get(name, '')
    if value and not NAME_RE.match(value):
        raise invalid(name, NAME_RULE)
    return value


def check_domain(params):
    """Validate the DomainName parameter as a host name."""
    value = required(params, 'DomainName')
    labels = value.split('.')
    if len(value) > 253 or len(labels) < 2 or not all(HOST_LABEL_RE.match(label) for label in labels):
        raise invalid('DomainName', 'it must be a valid host name such as live.example.com.')
    return value


def int_param(params, name, default, valid, rule):
    """Parse an optional integer parameter; blank counts as absent."""
    text = params.get(name, '')
    if text == '':
        return default
    if not INT_RE.match(text) or not valid(int(text)):
        raise invalid(name, rule)
    return int(text)


def parse_config_params(params, with_storage):
    """Validate Add/Update parameters into a config record (without CreateTime)."""
    for name in ('DomainName', 'AppName', 'VodTranscodeGroupId'):
        required(params, name)
    record = {
        'DomainName': check_domain(params),
        'AppName': check_name(params, 'AppName', True),
        'StreamName': check_name(params, 'StreamName', False),
        'VodTranscodeGroupId': params['VodTranscodeGroupId'],
        'CycleDuration': int_param(params, 'CycleDuration', 3600, lambda v: 300 <= v <= 21600,
                                   'it must be an integer from 300 to 21600.'),
    }
    auto_compose = params.get('AutoCompose', '') or 'OFF'
    if auto_compose not in ('ON', 'OFF'):
        raise invalid('AutoCompose', 'valid values are ON and OFF.')
    compose_group = params.get('ComposeVodTranscodeGroupId', '')
    if auto_compose == 'ON' and not compose_group:
        raise missing('ComposeVodTranscodeGroupId')
    record['AutoCompose'] = auto_compose
    record['ComposeVodTranscodeGroupId'] = compose_group
    record['OnDemand'] = int_param(params, 'OnDemand', 0, lambda v: v in ON_DEMAND_VALUES, 'valid values are 0, 1, 2 and 7.')
    # UpdateLiveRecordVodConfig carries no StorageLocation: a stray one is ignored, as the service does.
    record['StorageLocation'] = params.get('StorageLocation', '') if with_storage else None
    return record


def config_key(record):
    """The identity of a config inside one account."""
    return (record['DomainName'], record['AppName'], record['StreamName'])


def api_shape(record):
    """A copy of a config with its keys in the service's order."""
    return dict((name, record[name]) for name in CONFIG_KEYS)


def sort_key(record):
    """Stable listing order: creation time, then identity."""
    return (record['CreateTime'],) + config_key(record)


def normalize_seed_config(raw):
    """Fill defaults into an API-shaped config given to the seed call."""
    if not isinstance(raw, dict):
        raise ControlError('each config must be an object')
    unknown = sorted(set(raw) - set(CONFIG_KEYS))
    if unknown:
        raise ControlError('unknown config keys: %s' % ', '.join(unknown))
    for name in ('DomainName', 'AppName', 'VodTranscodeGroupId'):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ControlError('config needs a non-empty string %s' % name)
    record = dict(CONFIG_DEFAULTS)
    record.update(raw)
    record['StreamName'] = record['StreamName'] or ''
    for name in ('CycleDuration', 'OnDemand'):
        if isinstance(record[name], bool) or not isinstance(record[name], int):
            raise ControlError('%s must be an integer' % name)
    for name in ('StreamName', 'AutoCompose', 'ComposeVodTranscodeGroupId', 'StorageLocation'):
        if not isinstance(record[name], str):
            raise ControlError('%s must be a string' % name)
    record.setdefault('CreateTime', utc_now_text())
    if parse_utc(record['CreateTime']) is None:
        raise ControlError('CreateTime must look like 2026-01-01T00:00:00Z')
    return record


def parse_key(account_id, entry, sts):
    """Turn one access key (or STS key) entry of the credentials into the form the checks use."""
    key_id, secret = entry.get('access_key_id'), entry.get('access_key_secret')
    if not key_id or not secret:
        raise ValueError('credentials: account %s has a key without an id or a secret' % account_id)
    key = {'account_id': account_id, 'secret': secret, 'active': entry.get('active', True),
           'allowed_actions': entry.get('allowed_actions'), 'security_token': None, 'expiration': None}
    if sts:
        if not entry.get('security_token'):
            raise ValueError('credentials: STS key %s needs a security_token' % key_id)
        key['security_token'] = entry['security_token']
        if entry.get('expiration'):
            key['expiration'] = parse_utc(entry['expiration'])
            if key['expiration'] is None:
                raise ValueError('credentials: STS key %s has a malformed expiration' % key_id)
    return key_id, key


def load_credentials(path):
    """Load the accounts (keys and domains) from a JSON file, or the built-in ones."""
    if path:
        with open(path, encoding='utf-8') as handle:
            data = json.load(handle)
    else:
        data = BUILTIN_CREDENTIALS
    if not isinstance(data, dict) or not isinstance(data.get('accounts'), list):
        raise ValueError('credentials: expected {"accounts": [...]}')
    accounts, keys = {}, {}
    for account in data['accounts']:
        account_id = str(account.get('account_id') or '')
        if not account_id or account_id in accounts:
            raise ValueError('credentials: every account needs a unique account_id')
        accounts[account_id] = {'name': account.get('name', account_id), 'domains': list(account.get('domains') or [])}
        entries = [(e, False) for e in account.get('access_keys') or []] + [(e, True) for e in account.get('sts_keys') or []]
        for entry, sts in entries:
            key_id, key = parse_key(account_id, entry, sts)
            if key_id in keys:
                raise ValueError('credentials: access key %s appears twice' % key_id)
            keys[key_id] = key
    return accounts, keys


def write_atomic(path, text):
    """Replace path with text so readers never see a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, tmp_path = tempfile.mkstemp(prefix='.tmp-', dir=directory)
    try:
        with os.fdopen(handle, 'w', encoding='utf-8') as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp_path, path)
    except BaseException:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
        raise


class Reply:
    """What the HTTP layer sends back; drop=True means close the connection without answering."""

    def __init__(self, status, body=b'', content_type=JSON_TYPE, code=None, drop=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.code = code
        self.drop = drop

    @classmethod
    def json(cls, status, payload, code=None):
        """A JSON reply."""
        return cls(status, json.dumps(payload).encode('utf-8'), code=code)

    @classmethod
    def error(cls, request_id, status, code, message):
        """An API error reply."""
        return cls.json(status, error_body(request_id, code, message), code=code)


class EmulatorState:
    """All emulator state behind one lock; safe for concurrent request threads."""

    def __init__(self, accounts, keys, state_file=None, write_rate_limit=None):
        self.lock = threading.Lock()
        self.accounts = accounts
        self.keys = keys
        self.state_file = state_file
        self.default_settings = dict(DEFAULT_SETTINGS)
        if write_rate_limit:
            self.default_settings['write_rate_limit_per_minute'] = write_rate_limit
        self.domains = {}
        self.configs = {}
        self.log = []
        self.faults = []
        self.nonces = {}
        self.windows = {}
        self.settings = {}
        self.next_seq = 1
        self.next_fault_id = 1
        self._reset_locked()
        if state_file and os.path.exists(state_file):
            self._load_state()

    def _reset_locked(self):
        self.domains = dict((account_id, set(info['domains'])) for account_id, info in self.accounts.items())
        self.configs = dict((account_id, {}) for account_id in self.accounts)
        self.log = []
        self.faults = []
        self.nonces = {}
        self.windows = {}
        self.settings = dict(self.default_settings)
        self.next_seq = 1

    def _load_state(self):
        with open(self.state_file, encoding='utf-8') as handle:
            data = json.load(handle)
        for account_id, saved in (data.get('accounts') or {}).items():
            if account_id not in self.accounts:
                LOG.warning('state file: ignoring unknown account %s', account_id)
                continue
            self.domains[account_id].update(saved.get('domains') or [])
            for raw in saved.get('configs') or []:
                record = normalize_seed_config(raw)
                self.configs[account_id][config_key(record)] = record
        LOG.info('loaded state from %s', self.state_file)

    def _save_locked(self):
        if not self.state_file:
            return
        data = {'format': 1, 'accounts': {}}
        for account_id in sorted(self.accounts):
            data['accounts'][account_id] = {
                'domains': sorted(self.domains[account_id]),
                'configs': [api_shape(r) for r in sorted(self.configs[account_id].values(), key=sort_key)],
            }
        try:
            write_atomic(self.state_file, json.dumps(data, indent=2, sort_keys=True) + '\n')
        except OSError:
            LOG.exception('could not save state to %s', self.state_file)

    def open_log_entry(self, params, request_id):
        """Record an arriving API request (secrets left out) and return its entry."""
        logged = dict((k, v) for k, v in params.items() if k not in ('Signature', 'SecurityToken'))
        with self.lock:
            entry = {
                'seq': self.next_seq,
                'time': time.time(),
                'action': params.get('Action'),
                'access_key_id': params.get('AccessKeyId'),
                'account_id': None,
                'params': logged,
                'status': None,
                'code': None,
                'fault': None,
                'request_id': request_id,
            }
            self.next_seq += 1
            self.log.append(entry)
        return entry

    def annotate(self, entry, **fields):
        """Add facts learnt while handling a request to its log entry."""
        with self.lock:
            entry.update(fields)

    def close_log_entry(self, entry, reply):
        """Record the outcome of a request."""
        with self.lock:
            entry['status'] = None if reply.drop else reply.status
            entry['code'] = reply.code

    def authenticate(self, method, params, entry):
        """Run the gateway checks; return (account_id, key) or raise ApiError."""
        for name in ('Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion',
                     'SignatureNonce', 'Timestamp'):
            required(params, name)
        if params['Version'] != API_VERSION:
            raise ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
        if params['Action'] not in ACTIONS:
            raise ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
        if params.get('Format', 'JSON').upper() != 'JSON':
            raise invalid('Format', 'this emulator only answers JSON.')
        if params['SignatureMethod'] != 'HMAC-SHA1':
            raise ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.')
        if params['SignatureVersion'] != '1.0':
            raise ApiError(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.')
        stamp = parse_utc(params['Timestamp'])
        if stamp is None:
            raise ApiError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.')
        if abs(time.time() - stamp) > TIMESTAMP_TOLERANCE:
            raise ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.')
        key_id = params['AccessKeyId']
        key = self.keys.get(key_id)
        if key is None:
            raise ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
        if not key['active']:
            raise ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.')
        self.annotate(entry, account_id=key['account_id'])
        if key['security_token'] is not None:
            token = params.get('SecurityToken', '')
            if not token:
                raise ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.')
            if not hmac.compare_digest(token.encode('utf-8'), key['security_token'].encode('utf-8')):
                raise ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.')
            if key['expiration'] is not None and key['expiration'] <= time.time():
                raise ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')
        expected_text = string_to_sign(method, params)
        if not hmac.compare_digest(sign(expected_text, key['secret']).encode('utf-8'), params['Signature'].encode('utf-8')):
            # The SDK compares the text after the colon with its own string to sign.
            raise ApiError(400, 'SignatureDoesNotMatch',
                           'Specified signature is not matched with our calculation. server string to sign is:' + expected_text)
        self._use_nonce(key_id, params['SignatureNonce'])
        return key['account_id'], key

    def _use_nonce(self, key_id, nonce):
        now = time.monotonic()
        with self.lock:
            seen = self.nonces.setdefault(key_id, collections.OrderedDict())
            while seen:
                oldest = next(iter(seen))
                if seen[oldest] > now - NONCE_TTL:
                    break
                del seen[oldest]
            if nonce in seen:
                raise ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.')
            seen[nonce] = now

    def add_fault(self, spec):
        """Register a fault from a control call and return its id."""
        if not isinstance(spec, dict):
            raise ControlError('fault must be an object')
        action = spec.get('action')
        if action != '*' and action not in ACTIONS:
            raise ControlError('fault action must be "*" or one of %s' % ', '.join(ACTIONS))
        if spec.get('kind') not in FAULT_KINDS:
            raise ControlError('fault kind must be one of %s' % ', '.join(FAULT_KINDS))
        times = spec.get('times')
        if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
            raise ControlError('times must be a positive integer or null')
        if 'status' in spec and (isinstance(spec['status'], bool) or not isinstance(spec['status'], int) or not 100 <= spec['status'] <= 599):
            raise ControlError('status must be an HTTP status code')
        if 'seconds' in spec and (not isinstance(spec['seconds'], (int, float)) or spec['seconds'] < 0):
            raise ControlError('seconds must be a non-negative number')
        if 'echo_query' in spec and not isinstance(spec['echo_query'], bool):
            raise ControlError('echo_query must be true or false')
        skip = spec.get('skip', 0)
        if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
            raise ControlError('skip must be a non-negative integer')
        fault = dict(spec)
        with self.lock:
            fault['id'] = self.next_fault_id
            fault['remaining'] = times
            fault['skip'] = skip
            self.next_fault_id += 1
            self.faults.append(fault)
        return fault['id']

    def take_fault(self, action):
        """Consume one use of the first fault matching action, if any."""
        with self.lock:
            for fault in self.faults:
                if fault['action'] in ('*', action):
                    if fault['skip'] > 0:
                        # This request passes untouched; the fault waits for a later one.
                        fault['skip'] -= 1
                        continue
                    if fault['remaining'] is not None:
                        fault['remaining'] -= 1
                        if fault['remaining'] <= 0:
                            self.faults.remove(fault)
                    return dict(fault)
        return None

    def admit(self, account_id, action):
        """Apply the per-account, per-action sliding-window flow control."""
        if action in WRITE_ACTIONS:
            window, limit = 60.0, self.settings['write_rate_limit_per_minute']
        else:
            window, limit = 1.0, self.settings['describe_rate_limit_per_second']
        now = time.monotonic()
        with self.lock:
            calls = self.windows.setdefault((account_id, action), collections.deque())
            while calls and calls[0] <= now - window:
                calls.popleft()
            if len(calls) >= limit:
                raise ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.')
            calls.append(now)

    def update_settings(self, changes):
        """Change rate limits; return the current settings."""
        if not isinstance(changes, dict):
            raise ControlError('settings must be an object')
        for name, value in changes.items():
            if name not in DEFAULT_SETTINGS:
                raise ControlError('unknown setting %s' % name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ControlError('%s must be a positive integer' % name)
        with self.lock:
            self.settings.update(changes)
            return dict(self.settings)

    def execute(self, account_id, key, params, request_id):
        """Run one authenticated API action and return its Reply."""
        action = params['Action']
        allowed = key['allowed_actions']
        if allowed is not None and action not in allowed:
            raise ApiError(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource, or this API does not support RAM.')
        self.admit(account_id, action)
        handler = {
            ADD: self._add,
            UPDATE: self._update,
            DELETE: self._delete,
            DESCRIBE: self._describe,
        }[action]
        payload = {'RequestId': request_id}
        payload.update(handler(account_id, params))
        return Reply.json(200, payload)

    def _check_domain_locked(self, account_id, domain):
        if domain not in self.domains[account_id]:
            raise ApiError(404, 'InvalidDomain.NotFound', 'The domain provided does not belong to you.')

    def _add(self, account_id, params):
        record = parse_config_params(params, with_storage=True)
        with self.lock:
            self._check_domain_locked(account_id, record['DomainName'])
            configs = self.configs[account_id]
            if config_key(record) in configs:
                raise ApiError(400, 'ConfigAlreadyExists', 'Config has already exist.')
            record['CreateTime'] = utc_now_text()
            configs[config_key(record)] = record
            self._save_locked()
        return {}

    def _update(self, account_id, params):
        record = parse_config_params(params, with_storage=False)
        with self.lock:
            self._check_domain_locked(account_id, record['DomainName'])
            configs = self.configs[account_id]
            current = configs.get(config_key(record))
            if current is None:
                raise ApiError(404, 'InvalidConfig.NotFound', 'The specified config does not exist.')
            record['StorageLocation'] = current['StorageLocation']
            record['CreateTime'] = current['CreateTime']
            configs[config_key(record)] = record
            self._save_locked()
        return {}

    def _delete(self, account_id, params):
        for name in ('DomainName', 'AppName'):
            required(params, name)
        key = (check_domain(params), check_name(params, 'AppName', True), check_name(params, 'StreamName', False))
        with self.lock:
            self._check_domain_locked(account_id, key[0])
            if self.configs[account_id].pop(key, None) is None:
                raise ApiError(404, 'InvalidConfig.NotFound', 'The specified config does not exist.')
            self._save_locked()
        return {}

    def _describe(self, account_id, params):
        domain = check_domain(params)
        app = check_name(params, 'AppName', False)
        stream = check_name(params, 'StreamName', False)
        page_num = int_param(params, 'PageNum', 1, lambda v: v >= 1, 'it must be an integer of at least 1.')
        page_size = int_param(params, 'PageSize', 10, lambda v: 5 <= v <= 100, 'it must be an integer from 5 to 100.')
        with self.lock:
            self._check_domain_locked(account_id, domain)
            matching = [api_shape(record) for record in self.configs[account_id].values()
                        if record['DomainName'] == domain
                        and (not app or record['AppName'] == app)
                        and (not stream or record['StreamName'] == stream)]
        matching.sort(key=sort_key)
        start = (page_num - 1) * page_size
        return {
            'PageNum': page_num,
            'PageSize': page_size,
            'Total': str(len(matching)),
            'LiveRecordVodConfigs': {'LiveRecordVodConfig': matching[start:start + page_size]},
        }

    def reset(self):
        """Return to the initial state."""
        with self.lock:
            self._reset_locked()
            self._save_locked()

    def _account(self, account_id):
        account_id = str(account_id or self.default_account())
        if account_id not in self.accounts:
            raise ControlError('unknown account %s' % account_id, status=404)
        return account_id

    def default_account(self):
        """The account seed and configs use when none is named: the first one."""
        return next(iter(self.accounts))

    def seed(self, payload):
        """Add domains and configs directly, bypassing the API."""
        if not isinstance(payload, dict):
            raise ControlError('seed body must be an object')
        account_id = self._account(payload.get('account_id'))
        domains = payload.get('domains') or []
        if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
            raise ControlError('domains must be a list of host names')
        records = [normalize_seed_config(raw) for raw in payload.get('configs') or []]
        with self.lock:
            known = self.domains[account_id] | set(domains)
            for record in records:
                if record['DomainName'] not in known:
                    raise ControlError('domain %s is not in account %s' % (record['DomainName'], account_id))
            self.domains[account_id] = known
            for record in records:
                self.configs[account_id][config_key(record)] = record
            self._save_locked()
            return self._configs_locked(account_id)

    def _configs_locked(self, account_id):
        return [api_shape(r) for r in sorted(self.configs[account_id].values(), key=sort_key)]

    def list_configs(self, account_id):
        """Every config of an account, in listing order."""
        account_id = self._account(account_id)
        with self.lock:
            return self._configs_locked(account_id)

    def list_requests(self, action=None):
        """The request log in arrival order."""
        with self.lock:
            return [copy.deepcopy(e) for e in self.log if action is None or e['action'] == action]

    def clear_requests(self):
        """Empty the request log."""
        with self.lock:
            self.log = []

    def list_faults(self):
        """The pending faults."""
        with self.lock:
            return [dict(f) for f in self.faults]

    def clear_faults(self):
        """Remove every fault."""
        with self.lock:
            self.faults = []

    def current_settings(self):
        """The current settings."""
        with self.lock:
            return dict(self.settings)


MALFORMED_TEMPLATE = '{"RequestId": "%s", "LiveRecordVodConfigs": {"LiveRecordVodConfig": [{"DomainName": '
HTML_TEMPLATE = ('<html>\r\n<head><title>%(status)d %(phrase)s</title></head>\r\n<body>\r\n'
                 '<center><h1>%(status)d %(phrase)s</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n')


def handle_api(state, method, params, entry, raw_query=''):
    """Authenticate, apply faults and run an API request; return a Reply.

    An error fault with ``echo_query`` appends ``raw_query`` (the query string as received,
    URL-encoded once more) to its Message, as some gateways echo the request back.
    """
    request_id = entry['request_id']
    try:
        account_id, key = state.authenticate(method, params, entry)
    except ApiError as exc:
        return Reply.error(request_id, exc.status, exc.code, exc.message)
    fault = state.take_fault(params['Action'])

    def run():
        try:
            return state.execute(account_id, key, params, request_id)
        except ApiError as exc:
            return Reply.error(request_id, exc.status, exc.code, exc.message)

    if fault is None:
        return run()
    kind = fault['kind']
    state.annotate(entry, fault=kind)
    if kind == 'delay':
        if fault.get('hold'):
            # Handle first, answer late: the client acts on a state that may change meanwhile.
            reply = run()
            time.sleep(fault.get('seconds', 1.0))
            return reply
        time.sleep(fault.get('seconds', 1.0))
        if fault.get('apply', True):
            return run()
    elif fault.get('apply', False):
        # The change happens even though the client never sees a good answer.
        run()
    if kind == 'drop':
        return Reply(0, drop=True)
    if kind == 'malformed':
        return Reply(fault.get('status', 200), (MALFORMED_TEMPLATE % request_id).encode('utf-8'))
    if kind == 'html':
        status = fault.get('status', 502)
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = 'Error'
        page = HTML_TEMPLATE % {'status': status, 'phrase': phrase}
        return Reply(status, page.encode('utf-8'), content_type='text/html')
    if kind == 'missing_keys':
        return Reply.json(200, {'RequestId': request_id})
    message = fault.get('message', 'The request has failed due to a temporary failure of the server.')
    if fault.get('echo_query'):
        message += ' Request: ' + quote(raw_query, safe='')
    return Reply.error(request_id, fault.get('status', 503), fault.get('code', 'ServiceUnavailable'), message)


class Handler(BaseHTTPRequestHandler):
    """HTTP front end: the API at any path, the control surface under /_emulator/."""

    protocol_version = 'HTTP/1.1'
    server_version = 'alicloud-live-emulator'
    sys_version = ''
    # Idle keep-alive connections are closed after this many seconds.
    timeout = 60

    def do_GET(self):  # pylint: disable=invalid-name
        """Serve GET."""
        self._dispatch('GET')

    def do_POST(self):  # pylint: disable=invalid-name
        """Serve POST."""
        self._dispatch('POST')

    def do_DELETE(self):  # pylint: disable=invalid-name
        """Serve DELETE (control surface only)."""
        self._dispatch('DELETE')

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Route the access log to the emulator log instead of stderr."""
        LOG.debug('%s %s', self.address_string(), format % args)

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def _dispatch(self, method):
        split = urlsplit(self.path)
        try:
            body = self._read_body()
        except ValueError:
            self._send(Reply.json(400, {'error': 'bad Content-Length'}))
            return
        if split.path.startswith(CONTROL_PREFIX):
            self._control(method, split.path[len(CONTROL_PREFIX):].strip('/'), split.query, body)
        else:
            self._api(method, split.query, body)

    def _send(self, reply, request_id=None):
        try:
            self.send_response(reply.status)
            self.send_header('Content-Type', reply.content_type)
            self.send_header('Content-Length', str(len(reply.body)))
            if request_id:
                self.send_header('x-acs-request-id', request_id)
            self.end_headers()
            self.wfile.write(reply.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (for example a timeout during a delay fault).
            self.close_connection = True

    def _api(self, method, query, body):
        state = self.server.state
        params = dict(parse_qsl(query, keep_blank_values=True))
        if body and self.headers.get('Content-Type', '').startswith('application/x-www-form-urlencoded'):
            params.update(parse_qsl(body.decode('utf-8', 'replace'), keep_blank_values=True))
        request_id = new_request_id()
        entry = state.open_log_entry(params, request_id)
        if method not in ('GET', 'POST'):
            reply = Reply.error(request_id, 405, 'UnsupportedHTTPMethod', 'Specified HTTP method is not supported.')
        else:
            try:
                reply = handle_api(state, method, params, entry, query)
            except Exception:  # pylint: disable=broad-except
                LOG.exception('internal error on request %s', request_id)
                reply = Reply.error(request_id, 500, 'InternalError', 'The request processing has failed due to some unknown error.')
        state.close_log_entry(entry, reply)
        LOG.info('%s %s key=%s -> %s %s%s', request_id, params.get('Action'), params.get('AccessKeyId'),
                 'dropped' if reply.drop else reply.status, reply.code or '', ' fault=%s' % entry['fault'] if entry['fault'] else '')
        if reply.drop:
            self.close_connection = True
            return
        self._send(reply, request_id)

    def _control(self, method, name, query, body):
        state = self.server.state
        query_params = dict(parse_qsl(query, keep_blank_values=True))
        try:
            payload = json.loads(body.decode('utf-8')) if body.strip() else {}
        except ValueError:
            self._send(Reply.json(400, {'error': 'body is not JSON'}))
            return
        routes = {
            ('GET', 'health'): lambda: {'ok': True},
            ('POST', 'reset'): lambda: state.reset() or {'ok': True},
            ('POST', 'seed'): lambda: {'configs': state.seed(payload)},
            ('GET', 'configs'): lambda: {'configs': state.list_configs(query_params.get('account_id'))},
            ('GET', 'requests'): lambda: {'requests': state.list_requests(query_params.get('action'))},
            ('DELETE', 'requests'): lambda: state.clear_requests() or {'ok': True},
            ('GET', 'faults'): lambda: {'faults': state.list_faults()},
            ('POST', 'faults'): lambda: {'id': state.add_fault(payload)},
            ('DELETE', 'faults'): lambda: state.clear_faults() or {'ok': True},
            ('GET', 'settings'): state.current_settings,
            ('POST', 'settings'): lambda: state.update_settings(payload),
        }
        route = routes.get((method, name))
        if route is None:
            known = any(path == name for _method, path in routes)
            self._send(Reply.json(405 if known else 404, {'error': 'no control call %s /_emulator/%s' % (method, name)}))
            return
        try:
            self._send(Reply.json(200, route()))
        except ControlError as exc:
            self._send(Reply.json(exc.status, {'error': exc.message}))


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Threaded HTTP server carrying the emulator state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, state):
        super().__init__(address, Handler)
        self.state = state

    def handle_error(self, request, client_address):
        """Log unexpected connection errors instead of printing them."""
        LOG.debug('connection error from %s', client_address, exc_info=True)


def parse_args(argv):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description='Local emulator of the ApsaraVideo Live Live-to-VOD API.')
    parser.add_argument('--host', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    parser.add_argument('--port', type=int, default=0, help='port to listen on; 0 picks a free one (default)')
    parser.add_argument('--port-file', help='write the port to this file once listening')
    parser.add_argument('--state-file', help='load state from and save it to this JSON file')
    parser.add_argument('--credentials', help='JSON file with accounts, keys and domains (see module docstring)')
    parser.add_argument('--rate-limit', type=int, help='calls per minute per account for each write action (default 1000)')
    parser.add_argument('--log-file', help='write a request log to this file')
    parser.add_argument('--parent-pid', type=int, help='exit when this process is no longer the parent')
    args = parser.parse_args(argv)
    if args.rate_limit is not None and args.rate_limit < 1:
        parser.error('--rate-limit must be at least 1')
    return args


def watch_parent(parent_pid, stop):
    """Set stop once the launching process has gone, so no emulator is left orphaned."""
    while not stop.wait(0.5):
        if os.getppid() != parent_pid:
            LOG.info('parent process %d has gone; stopping', parent_pid)
            stop.set()


def main(argv=None):
    """Run the emulator until SIGTERM or SIGINT."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    stop = threading.Event()

    def on_signal(signum, _frame):
        LOG.info('signal %d received; stopping', signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.log_file:
        handler = logging.FileHandler(args.log_file, encoding='utf-8')
        handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(message)s'))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    else:
        LOG.addHandler(logging.NullHandler())
    LOG.propagate = False
    try:
        accounts, keys = load_credentials(args.credentials)
        state = EmulatorState(accounts, keys, state_file=args.state_file, write_rate_limit=args.rate_limit)
        server = EmulatorHTTPServer((args.host, args.port), state)
    except (OSError, ValueError, ControlError) as exc:
        sys.stderr.write('alicloud-live-emulator: cannot start: %s\n' % exc)
        return 2
    host, port = server.server_address[:2]
    url = 'http://%s:%d' % (host, port)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.1}, name='http')
    thread.daemon = True
    thread.start()
    if args.parent_pid:
        watcher = threading.Thread(target=watch_parent, args=(args.parent_pid, stop), name='parent-watch')
        watcher.daemon = True
        watcher.start()
    if args.port_file:
        write_atomic(args.port_file, '%d\n' % port)
    sys.stdout.write('alicloud-live-emulator listening on %s\n' % url)
    sys.stdout.flush()
    LOG.info('listening on %s', url)
    while not stop.wait(1.0):
        pass
    server.shutdown()
    server.server_close()
    LOG.info('stopped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
