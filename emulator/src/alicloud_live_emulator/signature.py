# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The gateway's checks of a signed RPC request: common parameters, signature v1, timestamp, nonce, STS token."""

import base64
import collections
import hashlib
import hmac
import threading
import time
from urllib.parse import quote

from alicloud_live_emulator.params import invalid, required
from alicloud_live_emulator.protocol import ApiError, parse_utc

# Parameters every signed request carries.
COMMON_PARAMS = ('Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
                 'Timestamp')
TIMESTAMP_TOLERANCE = 15 * 60
NONCE_TTL = 15 * 60


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


def check_protocol(params):
    """Format, signature method and version, timestamp format and window."""
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


def authenticate(method, params, accounts, nonces, on_key=None):
    """Check the key, the STS token, the signature and the nonce; return the Key or raise ApiError.

    on_key(key) is called as soon as the key is known, so the request log names the account
    even when a later check fails.
    """
    key_id = params['AccessKeyId']
    key = accounts.key(key_id)
    if key is None:
        raise ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
    if not key.active:
        raise ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.')
    if on_key is not None:
        on_key(key)
    if key.security_token is not None:
        token = params.get('SecurityToken', '')
        if not token:
            raise ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.')
        if not hmac.compare_digest(token.encode('utf-8'), key.security_token.encode('utf-8')):
            raise ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.')
        if key.expiration is not None and key.expiration <= time.time():
            raise ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')
    expected_text = string_to_sign(method, params)
    if not hmac.compare_digest(sign(expected_text, key.secret).encode('utf-8'), params['Signature'].encode('utf-8')):
        # The SDK compares the text after the colon with its own string to sign.
        raise ApiError(400, 'SignatureDoesNotMatch',
                       'Specified signature is not matched with our calculation. server string to sign is:' + expected_text)
    # A bad signature does not burn the nonce: only a request that passed is recorded.
    nonces.use(key_id, params['SignatureNonce'])
    return key
