# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected faults: what a caller asks for through the control API, and how a request suffers it.

A fault matches one action (or ``*`` for all) and applies to the next ``times`` matching
requests (every one until cleared when ``times`` is null), after letting the first ``skip``
matching requests (default 0) through untouched. Faults apply in the order they
were added, after the signature check: a badly signed request fails as it would anyway.

Kinds and their options:

``error``
    An error body: ``status`` (503), ``code`` (ServiceUnavailable), ``message``;
    ``echo_query`` appends the query string as received, URL-encoded once more, as some
    gateways echo the request; ``apply`` (false) runs the action anyway.
``delay``
    Waits ``seconds`` (1.0), then answers normally (``apply`` true) or with the default
    error (``apply`` false); ``hold`` handles the request first and answers after the wait.
``drop``
    Closes the connection without an answer; ``apply`` (false) runs the action first.
``malformed``
    Truncated JSON with ``status`` (200); ``apply`` (false).
``html``
    A gateway's HTML error page with ``status`` (502); ``apply`` (false).
``missing_keys``
    HTTP 200 with only the RequestId; ``apply`` (false).
"""

import threading
import time
from http import HTTPStatus
from urllib.parse import quote

from alicloud_live_emulator.protocol import ControlError, Reply

KINDS = ('error', 'delay', 'drop', 'malformed', 'html', 'missing_keys')
DEFAULT_MESSAGE = 'The request has failed due to a temporary failure of the server.'
MALFORMED_TEMPLATE = '{"RequestId": "%s", "LiveRecordVodConfigs": {"LiveRecordVodConfig": [{"DomainName": '
HTML_TEMPLATE = ('<html>\r\n<head><title>%(status)d %(phrase)s</title></head>\r\n<body>\r\n'
                 '<center><h1>%(status)d %(phrase)s</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n')


def is_int(value):
    """True for an int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def validate(spec, actions):
    """Check a fault spec from a control call; return it as stored."""
    if not isinstance(spec, dict):
        raise ControlError('fault must be an object')
    action = spec.get('action')
    if action != '*' and action not in actions:
        raise ControlError('fault action must be "*" or one of %s' % ', '.join(actions))
    if spec.get('kind') not in KINDS:
        raise ControlError('fault kind must be one of %s' % ', '.join(KINDS))
    times = spec.get('times')
    if times is not None and (not is_int(times) or times < 1):
        raise ControlError('times must be a positive integer or null')
    if 'skip' in spec and (not is_int(spec['skip']) or spec['skip'] < 0):
        raise ControlError('skip must be a non-negative integer')
    if 'status' in spec and (not is_int(spec['status']) or not 100 <= spec['status'] <= 599):
        raise ControlError('status must be an HTTP status code')
    if 'seconds' in spec and (isinstance(spec['seconds'], bool) or not isinstance(spec['seconds'], (int, float))
                              or spec['seconds'] < 0):
        raise ControlError('seconds must be a non-negative number')
    for name in ('echo_query', 'apply', 'hold'):
        if name in spec and not isinstance(spec[name], bool):
            raise ControlError('%s must be true or false' % name)
    for name in ('code', 'message'):
        if name in spec and not isinstance(spec[name], str):
            raise ControlError('%s must be a string' % name)
    return dict(spec)


class FaultQueue:
    """The pending faults, in the order they were added."""

    def __init__(self, actions):
        self._lock = threading.Lock()
        self.actions = tuple(actions)
        self._faults = []
        self._next_id = 1

    def add(self, spec):
        """Add a fault from a control call; return its id."""
        fault = validate(spec, self.actions)
        with self._lock:
            fault['id'] = self._next_id
            fault['remaining'] = fault.get('times')
            fault['skip'] = fault.get('skip', 0)
            self._next_id += 1
            self._faults.append(fault)
        return fault['id']

    def take(self, action):
        """Consume one use of the first fault matching action; return a copy of it, or None."""
        with self._lock:
            for fault in self._faults:
                if fault['action'] in ('*', action):
                    if fault['skip'] > 0:
                        # This request passes untouched; the fault waits for a later one.
                        fault['skip'] -= 1
                        continue
                    if fault['remaining'] is not None:
                        fault['remaining'] -= 1
                        if fault['remaining'] <= 0:
                            self._faults.remove(fault)
                    return dict(fault)
        return None

    def pending(self):
        """Copies of the pending faults."""
        with self._lock:
            return [dict(f) for f in self._faults]

    def clear(self):
        """Remove every fault."""
        with self._lock:
            self._faults = []


def suffer(fault, run, request_id, raw_query):
    """Answer a request under a fault; run() handles the request and returns its Reply."""
    kind = fault['kind']
    if kind == 'delay':
        if fault.get('hold'):
            # Handle first, answer late: the client acts on a state that may change meanwhile.
            reply = run()
            time.sleep(fault.get('seconds', 1.0))
            return reply
        time.sleep(fault.get('seconds', 1.0))
        if fault.get('apply', True):
            return run()
    elif fault.get('apply', False):
        # The change happens even though the client never sees a good answer.
        run()
    if kind == 'drop':
        return Reply(0, drop=True)
    if kind == 'malformed':
        return Reply(fault.get('status', 200), (MALFORMED_TEMPLATE % request_id).encode('utf-8'))
    if kind == 'html':
        status = fault.get('status', 502)
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = 'Error'
        page = HTML_TEMPLATE % {'status': status, 'phrase': phrase}
        return Reply(status, page.encode('utf-8'), content_type='text/html')
    if kind == 'missing_keys':
        return Reply.json(200, {'RequestId': request_id})
    message = fault.get('message', DEFAULT_MESSAGE)
    if fault.get('echo_query'):
        message += ' Request: ' + quote(raw_query, safe='')
    return Reply.error(request_id, fault.get('status', 503), fault.get('code', 'ServiceUnavailable'), message)
