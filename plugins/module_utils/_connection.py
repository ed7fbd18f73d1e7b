# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options shared by every module: argument spec and resolution.

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import math
import os
import re
from urllib.parse import urlsplit

from ansible.module_utils.errors import AnsibleFallbackNotFound

DEFAULT_REGION = 'cn-shanghai'

# Order matters: the Alibaba Cloud CLI/SDK names win over the older alibaba.alicloud names.
ACCESS_KEY_ID_ENV = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID']
ACCESS_KEY_SECRET_ENV = ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY']
SECURITY_TOKEN_ENV = ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN']
REGION_ENV = ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION']
ENDPOINT_ENV = ['ALIBABA_CLOUD_LIVE_ENDPOINT']
RATE_LIMIT_ENV = ['ALIBABA_CLOUD_LIVE_RATE_LIMIT']
BUDGET_DIR_ENV = ['ALIBABA_CLOUD_LIVE_BUDGET_DIR']
DEFAULT_RATE_LIMIT = 900
# The account's flow control: 1,000 calls per minute for each action.
RATE_LIMIT_RANGE = (1, 1000)


def env_fallback(*names):
    """The first of the environment variables ``names`` that is set and not empty.

    Unlike Ansible's own env_fallback, an empty variable (as AWX injects for an empty
    optional credential field) does not hide the ones after it.
    """
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


# Credential options are in _credentials.CREDENTIAL_ARGUMENT_SPEC. No default region here:
# a CLI profile's region_id must be able to win over cn-shanghai.
CONNECTION_ARGUMENT_SPEC = dict(
    region_id=dict(type='str', aliases=['region', 'alicloud_region'], fallback=(env_fallback, REGION_ENV)),
    endpoint=dict(type='str', fallback=(env_fallback, ENDPOINT_ENV)),
    validate_certs=dict(type='bool', default=True),
    timeout=dict(type='float', default=10.0),
    retries=dict(type='int', default=5),
    retry_delay=dict(type='float', default=1.0),
    retry_max_delay=dict(type='float', default=10.0),
    retry_timeout=dict(type='float', default=60.0),
    # No default in the spec, so that the environment variable can apply; None means DEFAULT_RATE_LIMIT.
    rate_limit=dict(type='int', fallback=(env_fallback, RATE_LIMIT_ENV)),
    budget_dir=dict(type='path', fallback=(env_fallback, BUDGET_DIR_ENV)),
)

REGION_PATTERN = re.compile(r'[a-z0-9][a-z0-9-]{0,62}')
REGION_RULE = 'a region id of lowercase letters, digits and hyphens, such as cn-shanghai'
_HOST_PATTERN = re.compile(r'\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*')


def is_loopback(host):
    """Whether ``host`` names this machine (127.0.0.0/8, ::1 or localhost): traffic to it never leaves the host."""
    if host == 'localhost' or host.endswith('.localhost'):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secret_values(params):
    """The option values that must never leave the module in any form."""
    values = []
    for value in (params.get('access_key_secret'), params.get('security_token')):
        # As given, and as used (without surrounding whitespace).
        for form in (value, value.strip() if isinstance(value, str) else value):
            if form and form not in values:
                values.append(form)
    return values


class ConnectionOptionError(ValueError):
    """A connection option is missing or malformed; raised before any request is made."""


class ConnectionSettings:
    """Resolved, validated connection settings."""

    def __init__(self, access_key_id, access_key_secret, security_token, region_id,
                 scheme, host, port, validate_certs, timeout, retry_policy):
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.security_token = security_token
        self.region_id = region_id
        self.scheme = scheme
        self.host = host
        self.port = port
        self.validate_certs = validate_certs
        self.timeout = timeout
        self.retry_policy = retry_policy
        # Where the credentials came from, without any value (set by _credentials).
        self.credential_source = None
        # The account that owns the AccessKeyId, where the credentials tell it (set by _credentials).
        self.account_id = None
        # The shared API budget: calls per minute per action for the account, and where its state lives.
        self.rate_limit = DEFAULT_RATE_LIMIT
        self.budget_dir = None

    @property
    def url(self):
        return '%s://%s:%d' % (self.scheme, self.host, self.port)


class RetryPolicy:
    """Bounded, jittered exponential backoff settings (applied in _client)."""

    def __init__(self, retries, delay, max_delay, total_timeout):
        self.retries = retries
        self.delay = delay
        self.max_delay = max_delay
        self.total_timeout = total_timeout


def regional_endpoint(region_id):
    """Return the Live API host name for a region.

    Most regions share the central host; the SDK's endpoint table lists them, and any
    other region has a regional host.
    """
    try:
        from aliyunsdklive.endpoint import endpoint_data
        known = endpoint_data.getEndpointMap()
    except ImportError:
        known = {}
    return known.get(region_id, 'live.%s.aliyuncs.com' % region_id)


def parse_endpoint(endpoint, name='endpoint', allowed='a full URL such as https://live.aliyuncs.com or http://127.0.0.1:8080'):
    """Split an endpoint URL into (scheme, host, port); raise ConnectionOptionError if malformed."""
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise ConnectionOptionError('%s must be %s' % (name, allowed))
    try:
        parts = urlsplit(endpoint.strip())
        port = parts.port
    except ValueError:
        raise ConnectionOptionError('%s %r is not a valid URL; it must be %s' % (name, endpoint, allowed))
    if parts.scheme not in ('http', 'https'):
        raise ConnectionOptionError('%s %r must start with http:// or https://; it must be %s' % (name, endpoint, allowed))
    host = parts.hostname or ''
    if not host or not _HOST_PATTERN.fullmatch(host if ':' not in host else '[%s]' % host):
        raise ConnectionOptionError('%s %r has no valid host name; it must be %s' % (name, endpoint, allowed))
    if parts.path not in ('', '/') or parts.query or parts.fragment or parts.username or parts.password:
        raise ConnectionOptionError('%s %r must not carry a path, query or user info; it must be %s' % (name, endpoint, allowed))
    if port is None:
        port = 443 if parts.scheme == 'https' else 80
    elif port == 0:
        raise ConnectionOptionError('endpoint %r has port 0; the port must be from 1 to 65535' % endpoint)
    return parts.scheme, host, port


def _require_positive(params, name, minimum=0.0, integer=False):
    value = params.get(name)
    # isfinite: NaN compares false with everything, and infinity would mean no bound at all.
    if value is None or not math.isfinite(value) or value < minimum:
        kind = 'an integer' if integer else 'a number'
        raise ConnectionOptionError('%s must be %s >= %s, got %r' % (name, kind, minimum, value))
    return value


def resolve_connection(params, region_fallback=None):
    """Validate the connection options in ``params`` and return ConnectionSettings.

    The region is the option (or its environment variables, applied by the argument spec),
    else ``region_fallback`` (a CLI profile's region_id), else cn-shanghai. Credentials are
    the caller's: _credentials.resolve_settings fills them in from the chain.
    """
    region_id = (params.get('region_id') or region_fallback or DEFAULT_REGION).strip()
    if not REGION_PATTERN.fullmatch(region_id):
        raise ConnectionOptionError('region_id %r is not valid: use %s' % (region_id, REGION_RULE))

    if params.get('endpoint'):
        scheme, host, port = parse_endpoint(params['endpoint'])
    else:
        scheme, host, port = 'https', regional_endpoint(region_id), 443

    timeout = _require_positive(params, 'timeout', minimum=0.1)
    retry_policy = RetryPolicy(
        retries=_require_positive(params, 'retries', minimum=0, integer=True),
        delay=_require_positive(params, 'retry_delay'),
        max_delay=_require_positive(params, 'retry_max_delay'),
        total_timeout=_require_positive(params, 'retry_timeout', minimum=0.1),
    )
    rate_limit = params.get('rate_limit')
    if rate_limit is None:
        rate_limit = DEFAULT_RATE_LIMIT
    if not RATE_LIMIT_RANGE[0] <= rate_limit <= RATE_LIMIT_RANGE[1]:
        raise ConnectionOptionError('rate_limit must be between %d and %d, got %d' % (RATE_LIMIT_RANGE + (rate_limit,)))
    settings = ConnectionSettings(
        access_key_id=None,
        access_key_secret=None,
        security_token=None,
        region_id=region_id,
        scheme=scheme,
        host=host,
        port=port,
        validate_certs=params.get('validate_certs', True),
        timeout=timeout,
        retry_policy=retry_policy,
    )
    settings.rate_limit = rate_limit
    settings.budget_dir = params.get('budget_dir') or None
    return settings
