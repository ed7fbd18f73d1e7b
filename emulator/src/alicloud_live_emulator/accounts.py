# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accounts and their credentials: access keys, STS keys, domains and allowed actions.

The built-in accounts below are public test values: they open nothing but this emulator.

Accounts file (``--credentials FILE``), JSON; it replaces the built-in accounts::

    {"accounts": [
        {"account_id": "1000000000000001",
         "name": "demo",
         "domains": ["live.example.com",           # a host name, or an object with attributes
                     {"domain_name": "edge.example.com", "type": "liveEdge", "status": "offline",
                      "resource_group_id": "rg-media", "tags": {"team": "media"}}],  # see domains.py
         "access_keys": [
             {"access_key_id": "LTAI...", "access_key_secret": "...",
              "active": true,                       # optional; false -> InvalidAccessKeyId.Inactive
              "allowed_actions": ["DescribeLiveRecordVodConfigs"]}],  # optional; others -> Forbidden.RAM
         "sts_keys": [
             {"access_key_id": "STS....", "access_key_secret": "...",
              "security_token": "...",
              "expiration": "2030-01-01T00:00:00Z", # optional; past -> InvalidSecurityToken.Expired
              "allowed_actions": null}]}]}
"""

import json
import threading

from alicloud_live_emulator import domains as domain_attributes
from alicloud_live_emulator.params import is_host_name
from alicloud_live_emulator.protocol import parse_utc

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

BUILTIN_CREDENTIALS = {
    'accounts': [
        {
            'account_id': DEMO_ACCOUNT_ID,
            'name': 'demo',
            'domains': list(DEMO_DOMAINS),
            'access_keys': [{'access_key_id': DEMO_ACCESS_KEY_ID, 'access_key_secret': DEMO_ACCESS_KEY_SECRET}],
            'sts_keys': [{'access_key_id': DEMO_STS_ACCESS_KEY_ID, 'access_key_secret': DEMO_STS_ACCESS_KEY_SECRET,
                          'security_token': DEMO_SECURITY_TOKEN}],
        },
        {
            'account_id': OTHER_ACCOUNT_ID,
            'name': 'other',
            'domains': list(OTHER_DOMAINS),
            'access_keys': [{'access_key_id': OTHER_ACCESS_KEY_ID, 'access_key_secret': OTHER_ACCESS_KEY_SECRET}],
            'sts_keys': [],
        },
    ],
}


class Key:
    """One access key (or STS key) and what it may do."""

    def __init__(self, key_id, account_id, secret, active=True, allowed_actions=None, security_token=None, expiration=None):
        self.key_id = key_id
        self.account_id = account_id
        self.secret = secret
        self.active = active
        # None: every action; else the RAM policy's list of allowed actions.
        self.allowed_actions = allowed_actions
        # Set for STS keys only.
        self.security_token = security_token
        # Epoch seconds, or None for a key that does not expire.
        self.expiration = expiration

    def allows(self, action):
        """True when the key's policy allows the action."""
        return self.allowed_actions is None or action in self.allowed_actions


class Account:
    """An account: its name and the live domains it owns from the start, with their attributes."""

    def __init__(self, account_id, name, domains, attributes=None):
        self.account_id = account_id
        self.name = name
        self.domains = tuple(domains)
        # Domain name -> the attributes the accounts file gives it (the others are defaults).
        self.attributes = dict(attributes or {})

    def describe(self):
        """The account as the control API shows it (no secrets)."""
        return {'account_id': self.account_id, 'name': self.name, 'domains': list(self.domains)}


class Accounts:
    """The accounts and every key that signs for one of them; keys may be added while running (STS)."""

    def __init__(self, accounts, keys):
        self._lock = threading.Lock()
        self.by_id = dict((account.account_id, account) for account in accounts)
        self._keys = dict((key.key_id, key) for key in keys)

    def __iter__(self):
        return iter(self.by_id)

    def __contains__(self, account_id):
        return account_id in self.by_id

    def default_id(self):
        """The account that control calls and --domain use when none is named: the first one."""
        return next(iter(self.by_id))

    def key(self, key_id):
        """The key with this id, or None."""
        with self._lock:
            return self._keys.get(key_id)

    def add_key(self, key):
        """Register a key issued while running (for example temporary STS credentials)."""
        if key.account_id not in self.by_id:
            raise ValueError('unknown account %s' % key.account_id)
        with self._lock:
            if key.key_id in self._keys:
                raise ValueError('access key %s exists already' % key.key_id)
            self._keys[key.key_id] = key

    def remove_key(self, key_id):
        """Forget a key (revoked temporary credentials): it is then not found at all."""
        with self._lock:
            self._keys.pop(key_id, None)

    def first_access_key(self):
        """The first active access key (not an STS key) of the first account, or None: the one to advertise."""
        default = self.default_id()
        with self._lock:
            for key in self._keys.values():
                if key.account_id == default and key.security_token is None and key.active:
                    return key
        return None

    def key_ids(self, account_id):
        """The ids of the keys of an account (for the control API; never the secrets)."""
        with self._lock:
            return sorted(k.key_id for k in self._keys.values() if k.account_id == account_id)


def parse_key(account_id, entry, sts):
    """One access key (or STS key) entry of an accounts file as a Key."""
    if not isinstance(entry, dict):
        raise ValueError('credentials: account %s has a key that is not an object' % account_id)
    key_id, secret = entry.get('access_key_id'), entry.get('access_key_secret')
    if not key_id or not secret:
        raise ValueError('credentials: account %s has a key without an id or a secret' % account_id)
    allowed = entry.get('allowed_actions')
    if allowed is not None and (not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed)):
        raise ValueError('credentials: allowed_actions of key %s must be a list of action names or null' % key_id)
    key = Key(key_id, account_id, secret, active=bool(entry.get('active', True)), allowed_actions=allowed)
    if sts:
        if not entry.get('security_token'):
            raise ValueError('credentials: STS key %s needs a security_token' % key_id)
        key.security_token = entry['security_token']
        if entry.get('expiration'):
            key.expiration = parse_utc(entry['expiration'])
            if key.expiration is None:
                raise ValueError('credentials: STS key %s has a malformed expiration' % key_id)
    return key


def parse_credentials(data, extra_domains=()):
    """Accounts from the accounts-file structure; extra_domains go to the first account."""
    if not isinstance(data, dict) or not isinstance(data.get('accounts'), list) or not data['accounts']:
        raise ValueError('credentials: expected {"accounts": [...]} with at least one account')
    for domain in extra_domains:
        if not is_host_name(domain):
            raise ValueError('domain %r is not a host name such as live.example.com' % domain)
    accounts, keys, seen = [], [], set()
    for index, entry in enumerate(data['accounts']):
        if not isinstance(entry, dict):
            raise ValueError('credentials: every account must be an object')
        account_id = str(entry.get('account_id') or '')
        if not account_id or account_id in seen:
            raise ValueError('credentials: every account needs a unique account_id')
        seen.add(account_id)
        domains, attributes = [], {}
        for domain in entry.get('domains') or []:
            try:
                name, changes = domain_attributes.parse_entry(domain)
            except ValueError as exc:
                raise ValueError('credentials: account %s: %s' % (account_id, exc)) from exc
            if name not in domains:
                domains.append(name)
            attributes.setdefault(name, {}).update(changes)
        if index == 0:
            domains += [d for d in extra_domains if d not in domains]
        accounts.append(Account(account_id, entry.get('name', account_id), domains, attributes))
        for key_entry, sts in [(e, False) for e in entry.get('access_keys') or []] + [(e, True) for e in entry.get('sts_keys') or []]:
            key = parse_key(account_id, key_entry, sts)
            if key.key_id in (k.key_id for k in keys):
                raise ValueError('credentials: access key %s appears twice' % key.key_id)
            keys.append(key)
    return Accounts(accounts, keys)


def load_credentials(path=None, extra_domains=()):
    """The accounts of a JSON accounts file, or the built-in ones; extra_domains go to the first account."""
    if path:
        with open(path, encoding='utf-8') as handle:
            try:
                data = json.load(handle)
            except ValueError as exc:
                raise ValueError('credentials: %s is not JSON: %s' % (path, exc)) from exc
    else:
        data = BUILTIN_CREDENTIALS
    return parse_credentials(data, extra_domains)
