# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials of the RAM role attached to the ECS instance, from its instance metadata service.

IMDSv2 first (a session token from PUT /latest/api/token), IMDSv1 when the service refuses
that, unless ALIBABA_CLOUD_IMDSV1_DISABLED is true. A controller that is not on ECS gets no
answer at all: short timeouts make that fail in seconds, with a message that says so.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import socket
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import ProxyHandler, Request, build_opener

from ansible_collections.alicloud.live.plugins.module_utils._credential_source import (
    ROLE_NAME_PATTERN,
    ROLE_NAME_RULE,
    CredentialError,
    CredentialSource,
    Credentials,
    check_pattern,
)

METADATA_TIMEOUT = 3.0
TOKEN_PATH = '/latest/api/token'
ROLES_PATH = '/latest/meta-data/ram/security-credentials/'
TOKEN_TTL_HEADER = 'X-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN_HEADER = 'X-aliyun-ecs-metadata-token'
TOKEN_TTL_SECONDS = 21600
IMDSV1_DISABLED_ENV = 'ALIBABA_CLOUD_IMDSV1_DISABLED'

# The metadata service is link-local: a proxy from the environment could never reach it.
_OPENER = build_opener(ProxyHandler({}))


class NoAnswer(Exception):
    """The service could not be reached at all."""


def request_text(url, method='GET', headers=None, timeout=METADATA_TIMEOUT):
    """Return (status, text) of one request; raise NoAnswer when nothing answered."""
    request = Request(url, method=method, headers=headers or {}, data=b'' if method == 'PUT' else None)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read().decode('utf-8', 'replace')
    except HTTPError as error:
        return error.code, error.read().decode('utf-8', 'replace')
    except (URLError, socket.timeout, OSError) as error:
        reason = getattr(error, 'reason', error)
        raise NoAnswer(str(reason) or type(reason).__name__)


class EcsRoleSource(CredentialSource):
    """The instance RAM role ``role_name``; when empty, the role the instance reports."""

    def __init__(self, role_name, origin):
        check_pattern(origin, 'role name', role_name, ROLE_NAME_PATTERN, ROLE_NAME_RULE)
        self.role_name = role_name or None
        self.imdsv1_disabled = os.environ.get(IMDSV1_DISABLED_ENV, '').strip().lower() == 'true'
        self.description = 'the ECS instance RAM role %s (%s)' % (self.role_name or '(reported by the instance)', origin)

    def fetch(self, exchange):
        base = exchange.metadata_endpoint
        try:
            headers = self._session_headers(base)
            role_name = self.role_name or self._reported_role(base, headers)
            status, text = request_text(base + ROLES_PATH + quote(role_name, safe=''), headers=headers)
        except NoAnswer as error:
            raise CredentialError(
                'the ECS instance metadata service at %s did not answer within %g seconds (%s); the RAM role of an ECS '
                'instance can only be used on an ECS instance, and metadata_endpoint changes the address'
                % (base, METADATA_TIMEOUT, error))
        if status == 404:
            raise CredentialError('the ECS instance metadata service at %s knows no RAM role named %s: '
                                  'attach the role to the instance or correct the role name' % (base, role_name))
        if status != 200:
            raise CredentialError('the ECS instance metadata service at %s answered HTTP %d for the RAM role %s'
                                  % (base, status, role_name))
        return exchange.issued(parse_credentials_document('the ECS instance metadata service at %s, RAM role %s' % (base, role_name), text))

    def _session_headers(self, base):
        """The IMDSv2 token header, or none when the service only speaks v1 and that is allowed."""
        status, text = request_text(base + TOKEN_PATH, method='PUT', headers={TOKEN_TTL_HEADER: str(TOKEN_TTL_SECONDS)})
        if status == 200 and text.strip():
            return {TOKEN_HEADER: text.strip()}
        if self.imdsv1_disabled:
            raise CredentialError('the ECS instance metadata service at %s gave no IMDSv2 token (HTTP %d) and '
                                  '%s is true, so IMDSv1 is not tried' % (base, status, IMDSV1_DISABLED_ENV))
        return {}

    def _reported_role(self, base, headers):
        status, text = request_text(base + ROLES_PATH, headers=headers)
        names = [line.strip() for line in text.splitlines() if line.strip()] if status == 200 else []
        if not names:
            raise CredentialError('the ECS instance metadata service at %s reports no RAM role attached to the '
                                  'instance (HTTP %d)' % (base, status))
        return names[0]


def parse_credentials_document(where, text):
    """Temporary credentials from the JSON document the metadata service (or a credentials URI) serves."""
    try:
        body = json.loads(text)
    except ValueError:
        raise CredentialError('%s: the answer is not JSON' % where)
    if not isinstance(body, dict):
        raise CredentialError('%s: the answer is not a JSON object' % where)
    if body.get('Code') != 'Success':
        raise CredentialError('%s: the answer has Code %r instead of Success' % (where, body.get('Code')))
    missing = [name for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken')
               if not isinstance(body.get(name), str) or not body.get(name)]
    if missing:
        raise CredentialError('%s: the answer lacks %s' % (where, ', '.join(missing)))
    return Credentials(body['AccessKeyId'], body['AccessKeySecret'], body['SecurityToken'],
                       expiration=body.get('Expiration'), temporary=True)
