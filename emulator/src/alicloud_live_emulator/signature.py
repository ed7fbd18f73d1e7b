# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The gateway's checks of a signed RPC request: signature V1 (HMAC-SHA1 over the parameters) or
V3 (ACS3-HMAC-SHA256 over a canonical request, in the Authorization header), timestamp, nonce,
STS token.

V3, as the generated SDKs send it by default: POST with every parameter in the query string;
headers ``x-acs-action``, ``x-acs-version``, ``x-acs-date`` (UTC, within 15 minutes),
``x-acs-signature-nonce`` (once per key), ``x-acs-content-sha256`` (hex SHA-256 of the body),
``x-acs-security-token`` for STS keys and
``Authorization: ACS3-HMAC-SHA256 Credential=<key id>,SignedHeaders=<h1;h2>,Signature=<hex>``.
The canonical request covers only the headers SignedHeaders lists (host and those x-acs-
headers must be among them; clients add others after signing), and the query as decoded and
re-encoded RFC 3986 style.
"""

import base64
import collections
import hashlib
import hmac
import threading
import time
from urllib.parse import parse_qsl, quote

from alicloud_live_emulator.params import invalid, required
from alicloud_live_emulator.protocol import ApiError, parse_utc

# Parameters every signed request carries.
COMMON_PARAMS = ('Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
                 'Timestamp')
TIMESTAMP_TOLERANCE = 15 * 60
NONCE_TTL = 15 * 60
V1_METHOD = 'HMAC-SHA1'
V3_ALGORITHM = 'ACS3-HMAC-SHA256'
# Headers a V3 request carries and signs (x-acs-security-token too, when it is sent).
V3_HEADERS = ('x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256')
MISMATCH_MESSAGE = 'Specified signature is not matched with our calculation. server string to sign is:'
INCOMPLETE_MESSAGE = 'The request signature does not conform to Aliyun standards: '


def percent_encode(text):
    """RFC 3986 percent-encoding as the signature algorithm requires."""
    return quote(text, safe='~')


def string_to_sign(method, params):
    """The signature v1 string to sign, over every parameter but Signature."""
    pairs = sorted((k, v) for k, v in params.items() if k != 'Signature')
    canonical = '&'.join('%s=%s' % (percent_encode(k), percent_encode(v)) for k, v in pairs)
    return '%s&%s&%s' % (method, percent_encode('/'), percent_encode(canonical))


def sign(text, secret):
    """HMAC-SHA1 of text with the key secret + '&', base64 encoded."""
    digest = hmac.new((secret + '&').encode('utf-8'), text.encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


class NonceStore:
    """The nonces each access key used in the last NONCE_TTL seconds."""

    def __init__(self):
        self._lock = threading.Lock()
        self._seen = {}

    def use(self, key_id, nonce):
        """Record a nonce, or raise SignatureNonceUsed when the key used it already."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(key_id, collections.OrderedDict())
            while seen:
                oldest = next(iter(seen))
                if seen[oldest] > now - NONCE_TTL:
                    break
                del seen[oldest]
            if nonce in seen:
                raise ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.')
            seen[nonce] = now


def check_common_params(params):
    """Every common parameter of a signed request is present (in the order the gateway checks them)."""
    for name in COMMON_PARAMS:
        required(params, name)


def check_time(text):
    """The request time (Timestamp, x-acs-date): well formed and within the window."""
    stamp = parse_utc(text)
    if stamp is None:
        raise ApiError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.')
    if abs(time.time() - stamp) > TIMESTAMP_TOLERANCE:
        raise ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.')


def check_protocol(params):
    """Format, signature method and version, timestamp format and window."""
    if params.get('Format', 'JSON').upper() != 'JSON':
        raise invalid('Format', 'this emulator only answers JSON.')
    if params['SignatureMethod'] != V1_METHOD:
        raise ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.')
    if params['SignatureVersion'] != '1.0':
        raise ApiError(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.')
    check_time(params['Timestamp'])


def check_key(accounts, key_id, token, on_key=None):
    """The key and, for an STS key, its token; return the Key or raise ApiError.

    on_key(key) is called as soon as the key is known, so the request log names the account
    even when a later check fails.
    """
    key = accounts.key(key_id)
    if key is None:
        raise ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
    if not key.active:
        raise ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.')
    if on_key is not None:
        on_key(key)
    if key.security_token is not None:
        if not token:
            raise ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.')
        if not hmac.compare_digest(token.encode('utf-8'), key.security_token.encode('utf-8')):
            raise ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.')
        if key.expiration is not None and key.expiration <= time.time():
            raise ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')
    return key


def authenticate(method, params, accounts, nonces, on_key=None):
    """Signature V1: check the key, the STS token, the signature and the nonce; return the Key or raise ApiError."""
    key = check_key(accounts, params['AccessKeyId'], params.get('SecurityToken', ''), on_key)
    expected_text = string_to_sign(method, params)
    if not hmac.compare_digest(sign(expected_text, key.secret).encode('utf-8'), params['Signature'].encode('utf-8')):
        # The SDK compares the text after the colon with its own string to sign.
        raise ApiError(400, 'SignatureDoesNotMatch', MISMATCH_MESSAGE + expected_text)
    # A bad signature does not burn the nonce: only a request that passed is recorded.
    nonces.use(key.key_id, params['SignatureNonce'])
    return key


# ---- V3: ACS3-HMAC-SHA256 ---------------------------------------------------------


def is_v3(headers, params):
    """True for a V3 request: an ACS3 Authorization header, or x-acs-action instead of an Action parameter."""
    if headers.get('Authorization', '').startswith('ACS3-'):
        return True
    return bool(headers.get('x-acs-action')) and 'Action' not in params and 'Signature' not in params


def header(headers, name):
    """A mandatory request header (blank counts as absent)."""
    value = (headers.get(name) or '').strip()
    if not value:
        raise ApiError(400, 'MissingParameter', 'The request header %s is mandatory for this action.' % name)
    return value


def parse_authorization(text):
    """(algorithm, key id, signed header names, signature) of an Authorization header, or raise ApiError."""
    algorithm, _sep, rest = text.strip().partition(' ')
    if not algorithm:
        raise ApiError(400, 'IncompleteSignature', INCOMPLETE_MESSAGE + 'the Authorization header is missing.')
    if algorithm != V3_ALGORITHM:
        raise ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported: this emulator '
                                                      'verifies %s.' % V3_ALGORITHM)
    parts = {}
    for part in rest.split(','):
        name, sep, value = part.strip().partition('=')
        if sep:
            parts[name] = value.strip()
    for name in ('Credential', 'SignedHeaders', 'Signature'):
        if not parts.get(name):
            raise ApiError(400, 'IncompleteSignature', INCOMPLETE_MESSAGE + 'the Authorization header has no %s.' % name)
    return algorithm, parts['Credential'], parts['SignedHeaders'].split(';'), parts['Signature']


def canonical_query(raw_query):
    """The query as the signature sees it: decoded, re-encoded RFC 3986 style, sorted."""
    pairs = [(percent_encode(k), percent_encode(v)) for k, v in parse_qsl(raw_query, keep_blank_values=True)]
    return '&'.join('%s=%s' % pair for pair in sorted(pairs))


def canonical_request_v3(method, path, raw_query, headers, signed_headers, payload_hash):
    """The V3 canonical request over the signed headers only."""
    names = sorted(name.strip().lower() for name in signed_headers)
    lines = []
    for name in names:
        values = headers.get_all(name) if hasattr(headers, 'get_all') else [headers.get(name)]
        lines.append('%s:%s\n' % (name, ','.join(sorted(str(v).strip() for v in values or []))))
    return '\n'.join([method, path or '/', canonical_query(raw_query), ''.join(lines), ';'.join(names), payload_hash])


def string_to_sign_v3(canonical):
    """ACS3-HMAC-SHA256, newline, hex SHA-256 of the canonical request."""
    return '%s\n%s' % (V3_ALGORITHM, hashlib.sha256(canonical.encode('utf-8')).hexdigest())


def sign_v3(text, secret):
    """Hex HMAC-SHA256 of text with the secret itself as the key."""
    return hmac.new(secret.encode('utf-8'), text.encode('utf-8'), hashlib.sha256).hexdigest()


def credential_of(headers):
    """The access key id a V3 request names, or None (for the request log, before any check)."""
    try:
        return parse_authorization(headers.get('Authorization', ''))[1]
    except ApiError:
        return None


def authenticate_v3(request, accounts, nonces, on_key=None):
    """Signature V3: Authorization, headers, time, payload hash, key, STS token, signature and
    nonce, in that order; return the Key or raise ApiError."""
    headers = request.headers
    _algorithm, key_id, signed_headers, given = parse_authorization(headers.get('Authorization', ''))
    values = dict((name, header(headers, name)) for name in V3_HEADERS)
    check_time(values['x-acs-date'])
    signed = set(name.strip().lower() for name in signed_headers)
    token = (headers.get('x-acs-security-token') or '').strip()
    for name in ('host',) + V3_HEADERS + (('x-acs-security-token',) if token else ()):
        if name not in signed:
            raise ApiError(400, 'IncompleteSignature', INCOMPLETE_MESSAGE + 'the header %s must be signed (SignedHeaders).' % name)
    for name in signed:
        if headers.get(name) is None:
            raise ApiError(400, 'IncompleteSignature', INCOMPLETE_MESSAGE + 'the signed header %s is not in the request.' % name)
    payload_hash = hashlib.sha256(request.body or b'').hexdigest()
    if values['x-acs-content-sha256'].lower() != payload_hash:
        raise invalid('x-acs-content-sha256', 'it must be the hex SHA-256 of the request body.')
    key = check_key(accounts, key_id, token, on_key)
    expected_text = string_to_sign_v3(canonical_request_v3(request.method, request.path, request.query, headers, signed_headers,
                                                           payload_hash))
    if not hmac.compare_digest(sign_v3(expected_text, key.secret).encode('utf-8'), given.lower().encode('utf-8')):
        raise ApiError(400, 'SignatureDoesNotMatch', MISMATCH_MESSAGE + expected_text)
    nonces.use(key.key_id, values['x-acs-signature-nonce'])
    return key
