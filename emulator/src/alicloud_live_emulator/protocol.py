# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The service's wire conventions: replies, error bodies, request ids and times."""

import datetime
import json
import time
import uuid
from urllib.parse import quote

# The ApsaraVideo Live API version the Live-to-VOD actions speak.
LIVE_API_VERSION = '2016-11-01'
HOST_ID = 'live.aliyuncs.com'
TIME_FORMAT = '%Y-%m-%dT%H:%M:%SZ'
JSON_TYPE = 'application/json;charset=utf-8'


class ApiError(Exception):
    """An API error, answered with the service's error body."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class ControlError(Exception):
    """A bad control API call."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status
        self.message = message


class Reply:
    """What the HTTP layer sends back; drop=True closes the connection without an answer."""

    def __init__(self, status, body=b'', content_type=JSON_TYPE, code=None, drop=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.code = code
        self.drop = drop
        # Sent as x-acs-request-id on API answers.
        self.request_id = None

    @classmethod
    def json(cls, status, payload, code=None):
        """A JSON reply."""
        return cls(status, json.dumps(payload).encode('utf-8'), code=code)

    @classmethod
    def error(cls, request_id, status, code, message):
        """An API error reply."""
        return cls.json(status, error_body(request_id, code, message), code=code)


def new_request_id():
    """A RequestId shaped like the service's."""
    return str(uuid.uuid4()).upper()


def utc_now_text():
    """The current UTC time in the API's ISO-8601 form."""
    return time.strftime(TIME_FORMAT, time.gmtime())


def parse_utc(text):
    """Parse an ISO-8601 UTC time (optionally with fractional seconds) into epoch seconds, or None."""
    for fmt in (TIME_FORMAT, '%Y-%m-%dT%H:%M:%S.%fZ'):
        try:
            parsed = datetime.datetime.strptime(text, fmt)
        except (TypeError, ValueError):
            continue
        return parsed.replace(tzinfo=datetime.timezone.utc).timestamp()
    return None


def error_body(request_id, code, message):
    """The service's error body."""
    return {
        'RequestId': request_id,
        'HostId': HOST_ID,
        'Code': code,
        'Message': message,
        'Recommend': 'https://api.aliyun.com/troubleshoot?q=%s&product=live&requestId=%s' % (quote(code, safe=''), request_id),
    }
