# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Security Token Service (STS, API version 2015-04-01): AssumeRole and AssumeRoleWithOIDC.

The calls go through the same client as the Live API (retries, error translation, proxy
rules), with a request for the STS endpoint. AssumeRole is signed by the SDK like every
Live call; AssumeRoleWithOIDC is authenticated by the OIDC token and carries no signature.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import time
from urllib.parse import urlencode

from ansible_collections.alicloud.live.plugins.module_utils._client import MALFORMED_RESPONSE, LiveApiError, LiveClient
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import Credentials

try:
    from aliyunsdkcore.request import CommonRequest
except ImportError:  # reported by the module through HAS_SDK before any call
    CommonRequest = None

STS_VERSION = '2015-04-01'


class _UnsignedRequests:
    """Stands in for the SDK's signer: AssumeRoleWithOIDC is an anonymous call."""

    def sign(self, region_id, request):
        params = dict(request.get_query_params() or {})
        params.update(Action=request.get_action_name(), Version=request.get_version(), Format='JSON',
                      Timestamp=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
        params.setdefault('RegionId', region_id)
        return request.get_signed_header(region_id, None, None), '/?' + urlencode(sorted(params.items()))


class StsClient(LiveClient):
    """A LiveClient whose requests go to STS; ``signed=False`` for the anonymous OIDC exchange."""

    def __init__(self, settings, scheme, host, port, credentials=None):
        sts_settings = copy.copy(settings)
        sts_settings.scheme, sts_settings.host, sts_settings.port = scheme, host, port
        # One exchange per task: STS is not paced by the Live budget.
        sts_settings.rate_limit = None
        signed = credentials is not None
        if signed:
            sts_settings.access_key_id = credentials.access_key_id
            sts_settings.access_key_secret = credentials.access_key_secret
            sts_settings.security_token = credentials.security_token
        else:
            # The SDK needs a key to build its client; the unsigned requests never send it.
            sts_settings.access_key_id, sts_settings.access_key_secret, sts_settings.security_token = 'anonymous', 'anonymous', None
        super(StsClient, self).__init__(sts_settings)
        if not signed:
            self._acs._signer = _UnsignedRequests()  # pylint: disable=protected-access

    def _build_request(self, action, params):
        request = CommonRequest(domain=self.settings.host, version=STS_VERSION, action_name=action)
        request.set_method('POST')
        request.set_protocol_type('https' if self.settings.scheme == 'https' else 'http')
        request.set_accept_format('JSON')
        for name, value in params.items():
            if value is not None:
                request.add_query_param(name, str(value))
        return request


def credentials_from_response(action, body):
    """The temporary credentials of an AssumeRole or AssumeRoleWithOIDC answer."""
    issued = body.get('Credentials')
    if not isinstance(issued, dict) or not all(isinstance(issued.get(name), str) and issued.get(name)
                                               for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken')):
        raise LiveApiError(action, MALFORMED_RESPONSE, 'the response carries no complete Credentials '
                           '(AccessKeyId, AccessKeySecret, SecurityToken)', 200, body.get('RequestId'))
    return Credentials(issued['AccessKeyId'], issued['AccessKeySecret'], issued['SecurityToken'],
                       expiration=issued.get('Expiration'), temporary=True)


def _issue(exchange, action, params, base=None):
    """Call ``action`` (signed with ``base``, or unsigned); return the temporary credentials it issues."""
    scheme, host, port = exchange.sts_endpoint
    client = StsClient(exchange.settings, scheme, host, port, credentials=base)
    try:
        body = client.call(action, params)
    finally:
        exchange.request_ids.extend(client.request_ids)
    return exchange.issued(credentials_from_response(action, body))


def assume_role(exchange, base, role):
    """Call AssumeRole for ``role`` (a RoleSpec) signed with ``base`` credentials."""
    return _issue(exchange, 'AssumeRole', dict(RoleArn=role.role_arn, RoleSessionName=role.session_name,
                                               DurationSeconds=role.duration_seconds, Policy=role.policy,
                                               ExternalId=role.external_id), base)


def assume_role_with_oidc(exchange, role, provider_arn, token):
    """Exchange an OIDC token for the credentials of ``role`` (a RoleSpec)."""
    return _issue(exchange, 'AssumeRoleWithOIDC', dict(RoleArn=role.role_arn, OIDCProviderArn=provider_arn, OIDCToken=token,
                                                       RoleSessionName=role.session_name, DurationSeconds=role.duration_seconds,
                                                       Policy=role.policy))
