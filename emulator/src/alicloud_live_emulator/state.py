# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything the emulator remembers, behind one lock: per-account domains and configurations,
the request log, nonces, faults and flow control; reset, seed and persistence."""

import copy
import logging
import threading
import time

from alicloud_live_emulator import configs, domains as domain_attributes, persistence
from alicloud_live_emulator.faults import FaultQueue
from alicloud_live_emulator.protocol import ApiError, ControlError
from alicloud_live_emulator.ratelimit import DEFAULT_LIMIT_PER_MINUTE, RateLimiter
from alicloud_live_emulator.signature import NonceStore

LOG = logging.getLogger('alicloud_live_emulator')
# Request parameters that never go into the request log.
SECRET_PARAMS = ('Signature', 'SecurityToken', 'OIDCToken')
# Settings of what the API leaves undocumented, with their choices (the first is the default).
DESCRIBE_CHOICES = {
    'transcode_templates_format': (configs.DEFAULT_TEMPLATE_FORMAT,) + tuple(
        f for f in configs.TEMPLATE_FORMATS if f != configs.DEFAULT_TEMPLATE_FORMAT),
    'record_format_order': (configs.DEFAULT_FORMAT_ORDER,) + tuple(o for o in configs.FORMAT_ORDERS if o != configs.DEFAULT_FORMAT_ORDER),
}
DESCRIBE_DEFAULTS = dict((name, choices[0]) for name, choices in DESCRIBE_CHOICES.items())


def check_describe_settings(settings):
    """Validate transcode_templates_format and record_format_order values; return them."""
    for name, value in settings.items():
        if value not in DESCRIBE_CHOICES[name]:
            raise ControlError('%s must be one of %s, not %r' % (name, ', '.join(DESCRIBE_CHOICES[name]), value))
    return settings


class EmulatorState:
    """All mutable state; safe for concurrent request threads."""

    def __init__(self, accounts, actions, state_file=None, rate_limit=None, describe=None):
        self.lock = threading.RLock()
        # How Describe renders what the API leaves undocumented; a reset goes back to these.
        self.initial_describe = dict(DESCRIBE_DEFAULTS)
        self.initial_describe.update(check_describe_settings(describe or {}))
        self.describe = dict(self.initial_describe)
        self.accounts = accounts
        self.state_file = state_file
        self.nonces = NonceStore()
        self.faults = FaultQueue([a.name for a in actions])
        self.rate_limiter = RateLimiter([a.name for a in actions if a.rate_limited], rate_limit or DEFAULT_LIMIT_PER_MINUTE)
        self.domains = {}
        # Per account, domain name -> the attributes set for it (domains.py fills in the rest).
        self.domain_attributes = {}
        self.configs = {}
        self.log = []
        self.next_seq = 1
        # State of endpoint modules beyond the Live API (sts, say), by name; a reset empties it.
        self.extensions = {}
        self._reset_locked()
        saved = persistence.load(state_file)
        if saved is not None:
            self._restore(saved)

    # ---- reset, restore, save -------------------------------------------

    def _reset_locked(self):
        self.domains = dict((account_id, set(self.accounts.by_id[account_id].domains)) for account_id in self.accounts)
        self.domain_attributes = dict((account_id, copy.deepcopy(self.accounts.by_id[account_id].attributes))
                                      for account_id in self.accounts)
        self.configs = dict((account_id, {}) for account_id in self.accounts)
        self.log = []
        self.next_seq = 1
        self.nonces = NonceStore()
        self.faults.clear()
        self.rate_limiter.reset()
        self.describe = dict(self.initial_describe)
        self.extensions = {}

    def reset(self):
        """Back to the initial state: the accounts' own domains, no configs, empty log, no faults, default settings."""
        with self.lock:
            self._reset_locked()
            self._save_locked()

    def _restore(self, saved):
        for account_id, account_state in saved.items():
            if account_id not in self.accounts:
                LOG.warning('state file: ignoring unknown account %s', account_id)
                continue
            self.domains[account_id].update(account_state.get('domains') or [])
            for name, changes in (account_state.get('domain_attributes') or {}).items():
                self.domain_attributes[account_id].setdefault(name, {}).update(changes)
            for raw in account_state.get('configs') or []:
                record = configs.from_seed(raw)
                self.configs[account_id][configs.identity(record)] = record
        LOG.info('loaded state from %s', self.state_file)

    def _save_locked(self):
        if not self.state_file:
            return
        snapshot = dict((account_id, {'domains': sorted(self.domains[account_id]), 'configs': self._configs_locked(account_id),
                                      'domain_attributes': self.domain_attributes[account_id]})
                        for account_id in sorted(self.accounts))
        try:
            persistence.save(self.state_file, snapshot)
        except OSError:
            LOG.exception('could not save state to %s', self.state_file)

    def changed(self):
        """Call with the lock held after a successful change: persists the state."""
        self._save_locked()

    # ---- the request log ------------------------------------------------

    def open_log_entry(self, params, request_id, action=None, access_key_id=None, signature=None):
        """Record an arriving API request (secrets left out) and return its entry.

        action and access_key_id default to the Action and AccessKeyId parameters (a V3
        request carries them in headers); signature names the scheme (HMAC-SHA1 for V1,
        ACS3-HMAC-SHA256 for V3) or is None.
        """
        logged = dict((k, v) for k, v in params.items() if k not in SECRET_PARAMS)
        with self.lock:
            entry = {
                'seq': self.next_seq,
                'time': time.time(),
                'action': action or params.get('Action'),
                'access_key_id': access_key_id or params.get('AccessKeyId'),
                'signature': signature,
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

    def list_requests(self, action=None):
        """The request log in arrival order, optionally for one action."""
        with self.lock:
            return [copy.deepcopy(e) for e in self.log if action is None or e['action'] == action]

    def clear_requests(self):
        """Empty the request log."""
        with self.lock:
            self.log = []

    # ---- domains and configurations ------------------------------------

    def configs_locked(self, account_id, domain):
        """The account's configurations by identity (to read or change with the lock held).

        Raises InvalidDomain.NotFound unless the account owns the domain, as every action does.
        """
        if domain not in self.domains[account_id]:
            raise ApiError(404, 'InvalidDomain.NotFound', 'The domain provided does not belong to you.')
        return self.configs[account_id]

    def _account(self, account_id):
        account_id = str(account_id or self.accounts.default_id())
        if account_id not in self.accounts:
            raise ControlError('unknown account %s' % account_id, status=404)
        return account_id

    def _configs_locked(self, account_id):
        return [configs.api_shape(r) for r in sorted(self.configs[account_id].values(), key=configs.listing_order)]

    def list_configs(self, account_id=None):
        """Every configuration of an account (default: the first), in listing order."""
        account_id = self._account(account_id)
        with self.lock:
            return self._configs_locked(account_id)

    def list_accounts(self):
        """The accounts with their current domains and key ids (never secrets)."""
        with self.lock:
            result = []
            for account_id in self.accounts:
                shown = self.accounts.by_id[account_id].describe()
                shown['domains'] = sorted(self.domains[account_id])
                shown['access_key_ids'] = self.accounts.key_ids(account_id)
                result.append(shown)
            return result

    def seed(self, payload):
        """Add domains and configurations directly, bypassing the API; return the account's configurations."""
        if not isinstance(payload, dict):
            raise ControlError('seed body must be an object')
        account_id = self._account(payload.get('account_id'))
        domains = payload.get('domains') or []
        if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
            raise ControlError('domains must be a list of host names')
        records = [configs.from_seed(raw) for raw in payload.get('configs') or []]
        with self.lock:
            known = self.domains[account_id] | set(domains)
            for record in records:
                if record['DomainName'] not in known:
                    raise ControlError('domain %s is not in account %s' % (record['DomainName'], account_id))
            self.domains[account_id] = known
            for record in records:
                self.configs[account_id][configs.identity(record)] = record
            self._save_locked()
            return self._configs_locked(account_id)

    def domain_listing_locked(self, account_id):
        """[(name, attributes)] of every domain of the account, by name (to read with the lock held)."""
        listing = []
        for name in sorted(self.domains[account_id]):
            attributes = domain_attributes.defaults(name)
            attributes.update(copy.deepcopy(self.domain_attributes[account_id].get(name, {})))
            listing.append((name, attributes))
        return listing

    def list_domains(self, account_id=None):
        """The domains of an account (default: the first) with their attributes."""
        account_id = self._account(account_id)
        with self.lock:
            return [domain_attributes.describe(name, attributes) for name, attributes in self.domain_listing_locked(account_id)]

    def set_domains(self, payload):
        """Add domains to an account, or change their attributes: ``{"account_id", "domains": [...]}``."""
        if not isinstance(payload, dict):
            raise ControlError('domains body must be an object')
        account_id = self._account(payload.get('account_id'))
        entries = domain_attributes.parse_entries(payload.get('domains'))
        with self.lock:
            for name, changes in entries:
                self.domains[account_id].add(name)
                self.domain_attributes[account_id].setdefault(name, {}).update(changes)
            self._save_locked()
        return self.list_domains(account_id)

    # ---- settings -------------------------------------------------------

    def current_settings(self):
        """The settings: {"rate_limit_per_minute": {action: limit}, "rate_limit_window_seconds": seconds,
        "transcode_templates_format": ..., "record_format_order": ...}."""
        settings = {'rate_limit_per_minute': self.rate_limiter.current(), 'rate_limit_window_seconds': self.rate_limiter.window}
        settings.update(self.describe_settings())
        return settings

    def describe_settings(self):
        """How Describe renders TranscodeTemplates and orders the RecordFormat items."""
        with self.lock:
            return dict(self.describe)

    def update_settings(self, changes):
        """Change settings; return them all.

        ``rate_limit_per_minute`` is a positive integer for every throttled action, or an
        object of such integers by action name; ``rate_limit_window_seconds`` the window they
        count over (more than 0 to 3600 seconds). ``transcode_templates_format`` is json,
        comma or list; ``record_format_order`` is reversed, sorted or request (see configs).
        """
        if not isinstance(changes, dict):
            raise ControlError('settings must be an object')
        known = {'rate_limit_per_minute', 'rate_limit_window_seconds'} | set(DESCRIBE_DEFAULTS)
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ControlError('unknown setting %s; the settings are: %s' % (', '.join(unknown), ', '.join(sorted(known))))
        describe = check_describe_settings(dict((k, v) for k, v in changes.items() if k in DESCRIBE_DEFAULTS))
        window = changes.get('rate_limit_window_seconds')
        if window is not None and (isinstance(window, bool) or not isinstance(window, (int, float)) or not 0 < window <= 3600):
            raise ControlError('rate_limit_window_seconds must be a number of seconds from more than 0 to 3600')
        limits = changes.get('rate_limit_per_minute')
        if limits is not None:
            self._set_limits(limits)
        if window is not None:
            self.rate_limiter.set_window(window)
        with self.lock:
            self.describe.update(describe)
        return self.current_settings()

    def _set_limits(self, limits):
        actions = self.rate_limiter.actions
        if not isinstance(limits, dict):
            limits = dict((action, limits) for action in actions)
        for action, value in limits.items():
            if action not in actions:
                raise ControlError('rate_limit_per_minute: unknown action %s; throttled actions are %s' % (action, ', '.join(actions)))
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ControlError('rate_limit_per_minute must be a positive integer (calls per minute per account)')
        self.rate_limiter.set_limits(limits)
