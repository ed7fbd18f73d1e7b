# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every credential source shares: the credentials it yields, its errors, its value rules.

A source is found without any network call (options, environment, files); its fetch()
then yields Credentials, calling STS or the instance metadata service when it must.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

from ansible_collections.alicloud.live.plugins.module_utils._connection import ConnectionOptionError

ROLE_ARN_PATTERN = re.compile(r'acs:ram::[0-9]+:role/[^\s/]{1,64}', re.IGNORECASE)
ROLE_ARN_RULE = 'a RAM role ARN such as acs:ram::123456789012****:role/live-operator'
OIDC_PROVIDER_ARN_PATTERN = re.compile(r'acs:ram::[0-9]+:oidc-provider/[^\s/]{1,128}', re.IGNORECASE)
OIDC_PROVIDER_ARN_RULE = 'an OIDC provider ARN such as acs:ram::123456789012****:oidc-provider/ack-rrsa-c123'
SESSION_NAME_PATTERN = re.compile(r'[A-Za-z0-9.@_-]{2,64}')
SESSION_NAME_RULE = '2 to 64 letters, digits, dots, at signs, hyphens and underscores'
EXTERNAL_ID_PATTERN = re.compile(r'[A-Za-z0-9=,.@:/_-]{2,1224}')
EXTERNAL_ID_RULE = '2 to 1224 letters, digits and the characters = , . @ : / - _'
ROLE_NAME_PATTERN = re.compile(r'[A-Za-z0-9.@_-]{1,64}')
ROLE_NAME_RULE = '1 to 64 letters, digits, dots, at signs, hyphens and underscores'
MIN_DURATION, MAX_DURATION, DEFAULT_DURATION = 900, 43200, 3600
DEFAULT_SESSION_NAME = 'ansible-alicloud-live'


class CredentialError(ConnectionOptionError):
    """No usable credentials: a source is incomplete, a file is malformed, or nothing was found.

    Messages name options, environment variables, files, keys and line numbers, never a value
    that could be secret.
    """


class CommandTimeout(Exception):
    """A command run for credentials did not finish in time."""


def _trimmed(value):
    """A credential value without surrounding blanks and line ends (a variable or file written with a trailing newline)."""
    return value.strip() if isinstance(value, str) else value


class Credentials:
    """An AccessKey pair, with the STS token when it is temporary.

    Every part is taken without surrounding whitespace, whichever source it came from: a
    trailing newline would otherwise make a secret sign every request wrongly.
    """

    def __init__(self, access_key_id, access_key_secret, security_token=None, expiration=None, temporary=False):
        self.access_key_id = _trimmed(access_key_id)
        self.access_key_secret = _trimmed(access_key_secret)
        self.security_token = _trimmed(security_token) or None
        self.expiration = expiration
        # Issued by STS or the metadata service: every part, the key ID too, stays out of output.
        self.temporary = temporary

    def secrets(self):
        values = [self.access_key_secret, self.security_token]
        if self.temporary:
            values.append(self.access_key_id)
        return [value for value in values if value]


class CredentialSource:
    """Where credentials come from. ``description`` names the source without any value."""

    description = 'credentials'
    # A CLI profile's region_id; None for every other source.
    region_id = None

    def fetch(self, exchange):
        """Return Credentials; ``exchange`` reaches STS and the metadata service when needed."""
        raise NotImplementedError

    def secrets(self):
        """Secret values already known before fetch() (read from options, environment or files)."""
        return []


class StaticSource(CredentialSource):
    """An AccessKey pair (and STS token) given as they are."""

    def __init__(self, description, access_key_id, access_key_secret, security_token=None, region_id=None):
        self.description = description
        self.credentials = Credentials(access_key_id, access_key_secret, security_token)
        self.region_id = region_id

    def fetch(self, exchange):
        return self.credentials

    def secrets(self):
        return self.credentials.secrets()


class RoleSpec:
    """The role to assume and how: validated as one set, whether from options, environment or a file."""

    def __init__(self, role_arn, session_name=None, duration_seconds=None, policy=None, external_id=None):
        self.role_arn = role_arn
        self.session_name = session_name or DEFAULT_SESSION_NAME
        self.duration_seconds = DEFAULT_DURATION if duration_seconds is None else duration_seconds
        self.policy = policy
        self.external_id = external_id

    @classmethod
    def build(cls, where, role_arn, session_name=None, duration_seconds=None, policy=None, external_id=None, names=None):
        """Validate the values; ``where`` and ``names`` (field -> name in that place) make the messages."""
        names = dict(dict(role_arn='role_arn', session_name='session_name', duration_seconds='duration_seconds',
                          policy='policy', external_id='external_id'), **(names or {}))
        check_pattern(where, names['role_arn'], role_arn, ROLE_ARN_PATTERN, ROLE_ARN_RULE, required=True)
        check_pattern(where, names['session_name'], session_name, SESSION_NAME_PATTERN, SESSION_NAME_RULE)
        check_pattern(where, names['external_id'], external_id, EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
        duration = check_duration(where, names['duration_seconds'], duration_seconds)
        return cls(role_arn.strip(), session_name or None, duration, check_policy(where, names['policy'], policy),
                   external_id or None)

    def describe(self):
        return 'RAM role %s' % self.role_arn


def _place(where, name):
    return '%s: %s' % (where, name) if where else name


def check_pattern(where, name, value, pattern, rule, required=False):
    """Fail unless ``value`` is unset (when allowed) or a string that fully matches ``pattern``."""
    if value in (None, ''):
        if required:
            raise CredentialError('%s is required: %s' % (_place(where, name), rule))
        return
    if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
        raise CredentialError('%s must be %s' % (_place(where, name), rule))


def check_duration(where, name, value):
    """A session duration in seconds, from a number or the digits of a string."""
    if value in (None, ''):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_DURATION <= value <= MAX_DURATION:
        raise CredentialError('%s must be a whole number of seconds from %d to %d' % (_place(where, name), MIN_DURATION, MAX_DURATION))
    return value


def check_policy(where, name, value):
    """A session policy: a JSON object, given as a dict or as its JSON text; returned as compact JSON text."""
    if value in (None, ''):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise CredentialError('%s is not valid JSON: %s' % (_place(where, name), error))
    if not isinstance(value, dict):
        raise CredentialError('%s must be a JSON policy document (an object with Version and Statement)' % _place(where, name))
    return json.dumps(value, separators=(',', ':'), sort_keys=True)


def check_text(where, name, value, required=True):
    """A non-empty string field of a file, without its surrounding whitespace; its value is never quoted (it may be secret).

    Surrounding blanks and line ends are dropped, as they are from the environment variables;
    a control character inside the value is an error.
    """
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ''):
        if required:
            raise CredentialError('%s is missing or empty' % _place(where, name))
        return None
    if not isinstance(value, str):
        raise CredentialError('%s must be a string' % _place(where, name))
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise CredentialError('%s has control characters' % _place(where, name))
    return value
