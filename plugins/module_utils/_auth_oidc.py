# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An OIDC role (RRSA on ACK): the pod's OIDC token exchanged with STS AssumeRoleWithOIDC.

ACK injects ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and
ALIBABA_CLOUD_OIDC_TOKEN_FILE into the pod; the token file is rotated by the kubelet, so it
is read at every task.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.alicloud.live.plugins.module_utils import _sts
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import (
    OIDC_PROVIDER_ARN_PATTERN,
    OIDC_PROVIDER_ARN_RULE,
    CredentialError,
    CredentialSource,
    RoleSpec,
    check_pattern,
)

# A projected service account token is about 1 KiB; anything far larger is not one.
MAX_TOKEN_BYTES = 64 * 1024


def read_token(path, where):
    """The token in ``path``: one line of printable ASCII without blanks. Never quoted in a message."""
    if not path:
        raise CredentialError('%s: the OIDC token file is not set' % where)
    try:
        with open(path, 'rb') as handle:
            raw = handle.read(MAX_TOKEN_BYTES + 1)
    except (IOError, OSError) as error:
        raise CredentialError('%s: cannot read the OIDC token file %s: %s' % (where, path, error.strerror or error))
    if len(raw) > MAX_TOKEN_BYTES:
        raise CredentialError('the OIDC token file %s is larger than %d bytes: it does not hold a token' % (path, MAX_TOKEN_BYTES))
    lines = raw.strip().splitlines()
    if not lines:
        raise CredentialError('the OIDC token file %s is empty' % path)
    if len(lines) > 1:
        raise CredentialError('the OIDC token file %s, line 2: a token file holds the token on one line only' % path)
    for column, byte in enumerate(lines[0], start=1):
        if byte <= 32 or byte >= 127:
            raise CredentialError('the OIDC token file %s, line 1, column %d: a token is printable ASCII without blanks' % (path, column))
    return lines[0].decode('ascii')


class OidcSource(CredentialSource):
    """Role ARN, OIDC provider ARN and token file, each from its option or else its environment variable."""

    def __init__(self, origin, role_arn, provider_arn, token_file, session_name=None, duration_seconds=None, policy=None,
                 names=None):
        names = dict(dict(role_arn='oidc_role_arn', provider_arn='oidc_provider_arn', token_file='oidc_token_file',
                          session_name='ALIBABA_CLOUD_ROLE_SESSION_NAME'), **(names or {}))
        missing = [names[key] for key, value in (('role_arn', role_arn), ('provider_arn', provider_arn), ('token_file', token_file))
                   if not value]
        if missing:
            raise CredentialError('%s: an OIDC role needs a role ARN, an OIDC provider ARN and a token file; %s not set'
                                  % (origin, ' and '.join(missing)))
        self.role = RoleSpec.build(origin, role_arn, session_name=session_name, duration_seconds=duration_seconds, policy=policy,
                                   names=dict(role_arn=names['role_arn'], session_name=names['session_name']))
        check_pattern(origin, names['provider_arn'], provider_arn, OIDC_PROVIDER_ARN_PATTERN, OIDC_PROVIDER_ARN_RULE, required=True)
        self.provider_arn = provider_arn.strip()
        self.token_file = os.path.expanduser(token_file)
        self.origin = origin
        self.description = 'the OIDC role %s with the token in %s (%s)' % (self.role.role_arn, self.token_file, origin)

    def fetch(self, exchange):
        token = read_token(self.token_file, self.origin)
        exchange.secret(token)
        return _sts.assume_role_with_oidc(exchange, self.role, self.provider_arn, token)
