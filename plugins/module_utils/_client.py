# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one client layer every module uses to talk to the Live API.

It owns SDK client construction, retries, error translation, paging and the
redaction of secrets from anything that leaves the module.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import importlib
import json
import contextlib
import random
import re
import threading
import time
import traceback
from urllib.parse import quote, quote_plus
from urllib.request import proxy_bypass_environment

from ansible_collections.alicloud.live.plugins.module_utils._connection import is_loopback
from ansible_collections.alicloud.live.plugins.module_utils._pacing import open_budget

SDK_IMPORT_ERROR = None
try:
    from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException
    from aliyunsdkcore.auth.credentials import AccessKeyCredential, StsTokenCredential
    from aliyunsdkcore.auth.signers.access_key_signer import AccessKeySigner
    from aliyunsdkcore.auth.signers.sts_token_signer import StsTokenSigner
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.http import protocol_type
    HAS_SDK = True
except ImportError:
    HAS_SDK = False
    SDK_IMPORT_ERROR = traceback.format_exc()

    class ClientException(Exception):  # pylint: disable=function-redefined
        """Stand-in so that except clauses stay valid without the SDK."""

    class ServerException(Exception):  # pylint: disable=function-redefined
        """Stand-in so that except clauses stay valid without the SDK."""

SDK_REQUIREMENT = 'aliyun-python-sdk-core and aliyun-python-sdk-live'
API_VERSION_PATH = 'aliyunsdklive.request.v20161101'

# Transient by nature: retried with backoff. Anything else, in particular other 4xx
# codes, is a caller or permission problem that a retry cannot fix.
RETRYABLE_CODES = frozenset([
    'Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Sla', 'ServiceUnavailable',
    'InternalError', 'UnknownError', 'SDK.HttpError',
])

# Errors that every later call with the same credentials would meet too (an expired or invalid
# credential, a missing permission): a batch of calls stops at the first one.
BATCH_STOPPING_CODES = frozenset([
    'InvalidAccessKeyId', 'InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive', 'InvalidAccessKeySecret',
    'SignatureDoesNotMatch', 'InvalidSecurityToken', 'InvalidSecurityToken.Expired', 'InvalidSecurityToken.Malformed',
    'InvalidSecurityToken.MismatchWithAccessKey', 'Forbidden', 'Forbidden.RAM', 'Forbidden.AccessKeyDisabled',
    'Forbidden.NoPermission', 'NoPermission', 'AccessDenied',
])

MALFORMED_RESPONSE = 'MalformedResponse'
NETWORK_ERROR = 'SDK.HttpError'
REDACTED = '********'
_NOT_FOUND_EXCLUDED = ('InvalidDomain.NotFound', 'InvalidAccessKeyId.NotFound', 'InvalidAction.NotFound')
_NOT_FOUND_CODE = re.compile(r'NotFound|NotExist|DoesNotExist')
_NOT_FOUND_MESSAGE = re.compile(r'(does not|doesn\'t|not) exist|not found', re.IGNORECASE)


class LiveApiError(Exception):
    """A failed API call, with everything an operator needs to act on it."""

    def __init__(self, action, code, message, http_status=None, request_id=None, attempts=1, ambiguous=False, seconds=None):
        # A server or gateway may quote the signed request back: no message keeps its signing material.
        message = scrub_signing_material(message)
        super(LiveApiError, self).__init__(message)
        self.action = action
        self.code = code
        self.message = message
        self.http_status = http_status
        self.request_id = request_id
        self.attempts = attempts
        # The time spent on the call, all attempts and waits included.
        self.seconds = seconds
        # True when an earlier attempt of this call may have been applied by the server
        # (a network fault or a 5xx answer; only throttling proves it was not).
        self.ambiguous = ambiguous

    @property
    def is_not_found(self):
        """A 'this config does not exist' answer; the code is undocumented, so match its shape."""
        if self.code in _NOT_FOUND_EXCLUDED or not 400 <= (self.http_status or 0) < 500:
            return False
        return (self.http_status == 404 or bool(_NOT_FOUND_CODE.search(self.code or ''))
                or bool(_NOT_FOUND_MESSAGE.search(self.message or '')))

    @property
    def cause(self):
        """What the error code says went wrong, in the words an operator acts on; None when it says nothing more."""
        code = self.code or ''
        if code in ('InvalidAccessKeySecret', 'SignatureDoesNotMatch'):
            return 'the AccessKey secret is wrong (it does not match the AccessKey ID)'
        if code == 'InvalidAccessKeyId.NotFound':
            return 'the AccessKey ID does not exist'
        if code == 'InvalidAccessKeyId.Inactive':
            return 'the AccessKey ID is disabled'
        if code.startswith('InvalidSecurityToken'):
            return 'the STS security token is expired or invalid'
        if code.startswith('Forbidden') or code in ('IllegalOperation', 'NoPermission'):
            return 'the credentials have no permission for live:%s (grant it in a RAM policy)' % self.action
        if code.startswith('Throttling'):
            return ("the account's flow control kept throttling %s after %d attempt%s: lower the rate, or retry later"
                    % (self.action, self.attempts, 's' if self.attempts != 1 else ''))
        if code == NETWORK_ERROR:
            return 'the endpoint could not be reached'
        return None

    @property
    def is_throttling(self):
        return (self.code or '').startswith('Throttling')

    @property
    def stops_batch(self):
        """Every later call with these credentials would fail the same way: stop, do not send them."""
        return self.code in BATCH_STOPPING_CODES

    def describe(self):
        status = self.http_status if self.http_status is not None else 'none (no HTTP response)'
        request_id = self.request_id or 'none'
        text = '%s failed: %s (HTTP status %s, RequestId %s): %s' % (
            self.action, self.code, status, request_id, self.message)
        if self.attempts > 1 or (self.code == NETWORK_ERROR and self.seconds is not None):
            text += ' [gave up after %d attempt%s' % (self.attempts, 's' if self.attempts != 1 else '')
            text += ' in %.1f s]' % self.seconds if self.seconds is not None else ']'
        return text

    def as_result(self):
        return dict(action=self.action, code=self.code, message=self.message,
                    http_status=self.http_status, request_id=self.request_id, attempts=self.attempts,
                    seconds=round(self.seconds, 1) if self.seconds is not None else None)

    def __str__(self):
        return self.describe()


def _encodings(secret):
    """Every form a secret may take on its way into a message: raw, URL-encoded (once or
    twice, as in a string to sign), JSON-escaped and base64."""
    forms = set([secret])
    for once in (quote(secret, safe=''), quote(secret, safe='~'), quote_plus(secret)):
        forms.update([once, once.lower(), quote(once, safe=''), quote(once, safe='').lower()])
    forms.add(json.dumps(secret)[1:-1])
    forms.add(base64.b64encode(secret.encode('utf-8')).decode('ascii'))
    forms.add(secret.encode('unicode_escape').decode('ascii'))
    return forms


# Signing material a server or gateway may echo back (the request query, its string to sign,
# the V3 Authorization header): signatures, nonces and tokens. Matched by name in any
# encoding of the name/value separator (=, :, JSON, once or twice URL-encoded); the value
# ends where its parameter does (&, %26, %2526, a quote, a blank, a comma or a semicolon).
_SIGNING_NAMES = r'(?:SignatureNonce|Signature|SecurityToken|x-acs-signature-nonce|x-acs-security-token)'
_SEPARATOR = r'(?:\\?"\s*:\s*(?:\\?")?|\s*[=:]\s*"?|%(?:25)*3D)'
_VALUE_END = r'(?:&|%(?:25)*26|%(?:25)*2C|["\'\s,;<>\\])'
SIGNING_MATERIAL = re.compile(r'(?<![A-Za-z_-])(%s)(%s)((?:(?!%s).)+)' % (_SIGNING_NAMES, _SEPARATOR, _VALUE_END),
                              re.IGNORECASE | re.DOTALL)


def scrub_signing_material(text):
    """``text`` with the values of signatures, signature nonces and security tokens masked."""
    if not isinstance(text, str) or not text:
        return text
    return SIGNING_MATERIAL.sub(lambda match: match.group(1) + match.group(2) + REDACTED
                                if match.group(3) != REDACTED else match.group(0), text)


def redact(value, secrets):
    """Return ``value`` (str, list, dict, nested) with every encoding of every secret masked,
    and every signature, signature nonce and security token that a message quotes."""
    secrets = [s for s in secrets or [] if s]
    forms = set()
    for secret in secrets:
        forms.update(form for form in _encodings(secret) if form)
    ordered = sorted(forms, key=len, reverse=True)
    return _redact(value, ordered)


def _redact(value, forms):
    if isinstance(value, str):
        for form in forms:
            if form in value:
                value = value.replace(form, REDACTED)
        return scrub_signing_material(value)
    if isinstance(value, dict):
        return dict((_redact(k, forms), _redact(v, forms)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_redact(item, forms) for item in value]
    return value


# What failed, told by the words the SDK's underlying HTTP library uses; checked in this order.
_NETWORK_FAILURES = (
    (('timed out', 'timeout'), 'the request timed out'),
    (('refused',), 'the connection was refused'),
    (('name or service not known', 'nodename nor servname', 'name resolution', 'getaddrinfo', 'no address associated',
      'failed to resolve'), 'the host name could not be resolved'),
    (('certificate verify failed',), 'the TLS handshake failed: the server certificate could not be verified'),
    (('ssl', 'tls', 'certificate', 'handshake'), 'the TLS handshake failed'),
    (('aborted', 'remotedisconnected', 'reset', 'closed', 'broken pipe'), 'the connection was dropped before a response arrived'),
)
_ERRNO_TEXT = re.compile(r'\[Errno -?\d+\] ([A-Za-z][A-Za-z ,.-]{0,80})')


def describe_network_failure(message, settings, connect_timeout):
    """A short account of a network fault: the endpoint and what failed, never the request URL or an object repr.

    The SDK's message holds the whole signed request URL (query string, signature, AccessKey ID)
    and the reprs of connection objects: none of it is quoted.
    """
    lowered = message.lower()
    for words, what in _NETWORK_FAILURES:
        if any(word in lowered for word in words):
            break
    else:
        detail = _ERRNO_TEXT.search(message)
        what = 'the network request failed' + (': %s' % detail.group(1).strip() if detail else '')
    if what == 'the request timed out':
        what += ' (connect timeout %s s, read timeout %s s)' % (connect_timeout, settings.timeout)
    return 'endpoint %s: %s' % (settings.url, what)


class Backoff:
    """Jittered exponential backoff bounded by a total time budget."""

    def __init__(self, policy, attempt_timeout):
        self.policy = policy
        self.attempt_timeout = attempt_timeout
        self._start = time.monotonic()

    def wait(self, retry_number):
        """Sleep before retry ``retry_number`` (1-based); return False when no retry fits."""
        if retry_number > self.policy.retries:
            return False
        ceiling = min(self.policy.max_delay, self.policy.delay * (2 ** (retry_number - 1)))
        # Equal jitter: never zero, so concurrent callers spread out, yet never above the ceiling.
        delay = ceiling / 2.0 + random.random() * ceiling / 2.0
        remaining = self.policy.total_timeout - (time.monotonic() - self._start)
        # The next attempt must be able to finish inside the budget.
        if remaining - self.attempt_timeout < 0:
            return False
        time.sleep(min(delay, remaining - self.attempt_timeout))
        return True


def _proxy_for(host):
    """The SDK takes HTTP(S)_PROXY from the environment but ignores NO_PROXY: honour it here.

    Loopback endpoints (a local emulator) are never sent through a proxy.
    """
    if is_loopback(host) or proxy_bypass_environment(host):
        return {'http': None, 'https': None}
    # None lets the SDK read HTTP_PROXY / HTTPS_PROXY as usual.
    return None


def budget_account(settings):
    """What names the account whose budget the calls draw from: the owner when known, else the AccessKeyId.

    A loopback endpoint (a local emulator) is a service of its own, with budgets of its own.
    """
    account = 'account %s' % settings.account_id if getattr(settings, 'account_id', None) else 'key %s' % settings.access_key_id
    if is_loopback(settings.host):
        account += ' at %s:%s' % (settings.host, settings.port)
    return account


class CallCancelled(Exception):
    """The run was stopped while a unit of work (see LiveClient.unit_of_work) had sent no call yet."""


class LiveClient:
    """Calls Live API actions with retries and returns decoded JSON bodies."""

    def __init__(self, settings):
        self.settings = settings
        self.request_ids = []
        self.connect_timeout = min(5.0, settings.timeout)
        # Messages for the user about the client itself (a budget directory that cannot be used).
        self.warnings = []
        # Asked before every attempt: acquire(action); told of throttling: throttled(action) (see _pacing).
        self.pacer = None
        if getattr(settings, 'rate_limit', None):
            self.pacer = open_budget(budget_account(settings), settings.rate_limit, getattr(settings, 'budget_dir', None),
                                     warn=self.warnings.append)
        self._acs = self._build_acs_client(settings)
        # The unit of work that the calling thread is in (see unit_of_work).
        self._unit = threading.local()

    def _build_acs_client(self, settings):
        if settings.security_token:
            credential = StsTokenCredential(settings.access_key_id, settings.access_key_secret, settings.security_token)
            signer = StsTokenSigner(credential)
        else:
            credential = AccessKeyCredential(settings.access_key_id, settings.access_key_secret)
            signer = AccessKeySigner(credential)
        acs = AcsClient(
            credential=credential,
            region_id=settings.region_id,
            # Retries are ours: the SDK's table has no entry for this product anyway.
            auto_retry=False,
            port=settings.port,
            timeout=settings.timeout,
            connect_timeout=self.connect_timeout,
            verify=settings.validate_certs if settings.scheme == 'https' else None,
            user_agent='alicloud.live-ansible',
            proxy=_proxy_for(settings.host),
        )
        # The SDK would sign with ALIYUN_ACCESS_KEY_ID/SECRET from the environment, when set, instead
        # of the credential it is given; the credential chain has already decided.
        acs._signer = signer  # pylint: disable=protected-access
        return acs

    def _build_request(self, action, params):
        request_class = getattr(importlib.import_module('%s.%sRequest' % (API_VERSION_PATH, action)), '%sRequest' % action)
        request = request_class()
        # Host only: the port comes from the client, and a host:port here gets the port twice.
        request.set_endpoint(self.settings.host)
        # The SDK compares the protocol by identity (`is`), so pass its own constants.
        request.set_protocol_type(protocol_type.HTTPS if self.settings.scheme == 'https' else protocol_type.HTTP)
        request.set_accept_format('JSON')
        for name, value in params.items():
            # The SDK would send a Python None as the string "None": leave unset values out.
            if value is not None:
                request.add_query_param(name, str(value))
        return request

    @contextlib.contextmanager
    def unit_of_work(self, stop):
        """The calls made in this context, on this thread, form one unit that a stop may cancel before it starts.

        Once ``stop`` (anything with is_set()) is set, the unit's first call is not sent: it raises
        CallCancelled, even after it waited for its slot in the pacing. A unit that sent a call
        goes on to its end, so that no unit is left half done.
        """
        self._unit.stop, self._unit.sent = stop, False
        try:
            yield
        finally:
            self._unit.stop = None

    def _send_or_cancel(self, action):
        stop = getattr(self._unit, 'stop', None)
        if stop is None:
            return
        if not self._unit.sent and stop.is_set():
            raise CallCancelled(action)
        self._unit.sent = True

    def call(self, action, params):
        """Call ``action`` with ``params`` (API names); return the decoded body or raise LiveApiError."""
        backoff = Backoff(self.settings.retry_policy, self.connect_timeout + self.settings.timeout)
        started = time.monotonic()
        attempt = 0
        ambiguous = False
        while True:
            attempt += 1
            if self.pacer is not None:
                # Every attempt counts against the service's flow control, retries too.
                self.pacer.acquire(action)
            # The pacing wait may have lasted long enough for the run to be stopped meanwhile.
            self._send_or_cancel(action)
            try:
                return self._call_once(action, params)
            except LiveApiError as error:
                error.attempts = attempt
                error.ambiguous = ambiguous
                error.seconds = time.monotonic() - started
                if error.code not in RETRYABLE_CODES and (error.http_status or 0) < 500:
                    raise
                if error.is_throttling and self.pacer is not None and hasattr(self.pacer, 'throttled'):
                    # Someone, maybe outside this controller, uses the same account: slow down for everyone here.
                    self.pacer.throttled(action)
                if not error.is_throttling:
                    # Throttled calls are dropped unprocessed; after a network fault or a 5xx
                    # answer the server may have applied the call before it failed.
                    ambiguous = True
                if not backoff.wait(attempt):
                    error.seconds = time.monotonic() - started
                    raise

    def _call_once(self, action, params):
        request = self._build_request(action, params)
        try:
            body = self._acs.do_action_with_exception(request)
        except ServerException as exc:
            if exc.get_request_id():
                self.request_ids.append(exc.get_request_id())
            message = exc.get_error_msg()
            if exc.get_error_code() == 'SDK.UnknownServerError':
                message = 'the response was not JSON: %s' % message
            raise LiveApiError(action, exc.get_error_code(), message, exc.get_http_status(), exc.get_request_id())
        except ClientException as exc:
            code = exc.get_error_code()
            message = exc.get_error_msg()
            if code == NETWORK_ERROR:
                message = describe_network_failure(message, self.settings, self.connect_timeout)
            raise LiveApiError(action, code, message)
        return self._decode(action, body)

    def _decode(self, action, body):
        if isinstance(body, bytes):
            body = body.decode('utf-8', 'replace')
        try:
            decoded = json.loads(body)
        except (TypeError, ValueError):
            raise LiveApiError(action, MALFORMED_RESPONSE, 'the response was not JSON: %.200s' % body, 200)
        if not isinstance(decoded, dict):
            raise LiveApiError(action, MALFORMED_RESPONSE, 'the response was not a JSON object: %.200s' % body, 200)
        request_id = decoded.get('RequestId')
        if request_id:
            self.request_ids.append(request_id)
        return decoded

    def read_all(self, source, params):
        """Every item a Describe action lists for ``params``: across pages, or its one object (a list of one).

        ``source``: a Resource or its Read spec (_resource.Read), which names the action, where the
        items are in the answer and how the answer pages. An answer with one of the spec's
        ``empty_codes`` means there is none: [], as does any not-found answer when ``empty_when_not_found``.
        """
        spec = getattr(source, 'read', source)
        if not spec.paged:
            try:
                body = self.call(spec.action, dict(params))
            except LiveApiError as error:
                if error.code in spec.empty_codes or (spec.empty_when_not_found and error.is_not_found):
                    return []
                raise
            return _page_items(spec, body, 0)[0]
        items = []
        for page in range(1, spec.max_pages + 1):
            page_params = dict(params)
            page_params[spec.page_param] = page
            if spec.size_param:
                page_params[spec.size_param] = spec.page_size
            body = self.call(spec.action, page_params)
            found, total = _page_items(spec, body, len(items))
            items.extend(found)
            if total is not None:
                # The total decides; a server may serve pages smaller than asked for.
                if len(items) >= total:
                    return items
                if not found:
                    # Never part of a listing as if it were all of it.
                    raise LiveApiError(spec.action, MALFORMED_RESPONSE, '%s is %d but page %d lists no more items after %d'
                                       % (spec.total_key, total, page, len(items)), 200, body.get('RequestId'))
            elif len(found) < spec.page_size:
                return items
        raise LiveApiError(spec.action, MALFORMED_RESPONSE, 'paging did not end after %d pages' % spec.max_pages, 200)


def _dig(body, path):
    """The value at the dotted ``path`` of ``body``, and the last key reached (for messages)."""
    value = body
    for part in path.split('.'):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) or value is None:
            # One level of wrapping may be missing: {"Configs": [...]} as well as {"Configs": {"Config": [...]}}.
            break
    return value


def _page_items(spec, body, seen):
    """Read one Describe answer defensively: empty results may omit keys, broken ones omit all.

    ``seen`` is how many items earlier pages held.
    """
    action = spec.action
    request_id = body.get('RequestId')
    if not spec.paged:
        value = _dig(body, spec.item)
        if value in (None, {}, []):
            return [], None
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return value, None
        if not isinstance(value, dict):
            raise LiveApiError(action, MALFORMED_RESPONSE, '%s is not an object' % spec.item, 200, request_id)
        return [value], None
    head, _dot, tail = spec.items.partition('.')
    leaf = (tail or head).split('.')[-1]
    container = body.get(head)
    total = body.get(spec.total_key) if spec.total_key else None
    markers = [key for key in (spec.total_key, spec.page_param, spec.size_param) if key]
    if container is None and total is None and not any(key in body for key in markers):
        raise LiveApiError(action, MALFORMED_RESPONSE, 'the response has none of %s'
                           % ' and '.join([', '.join([head] + markers[:-1]), markers[-1]] if markers else [head]), 200, request_id)
    items = _dig(body, spec.items) if container is not None else None
    if items is None:
        items = []
    try:
        total = int(total) if total is not None else None
    except (TypeError, ValueError):
        raise LiveApiError(action, MALFORMED_RESPONSE, '%s is not a number: %r' % (spec.total_key, total), 200, request_id)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise LiveApiError(action, MALFORMED_RESPONSE, '%s is not a list of objects' % leaf, 200, request_id)
    if container is None and total is not None and total > seen:
        # An answer that counts items but lists none must not read as "there are none".
        raise LiveApiError(action, MALFORMED_RESPONSE, '%s is %d but the response lists no %s' % (spec.total_key, total, head),
                           200, request_id)
    return items, total
