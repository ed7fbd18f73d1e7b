# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP front end: a threaded HTTP/1.1 server that hands each request to the router.

Each answer leaves in one write on a socket with TCP_NODELAY: written in pieces (status
and headers, then the body), the second piece waits for the client's delayed ACK, which
cost about 40 ms per call.
"""

import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from alicloud_live_emulator import rpc
from alicloud_live_emulator.protocol import Reply
from alicloud_live_emulator.routing import build_router
from alicloud_live_emulator.state import EmulatorState

LOG = logging.getLogger('alicloud_live_emulator')
SERVER_NAME = 'alicloud-live-emulator'


class HttpRequest:
    """One HTTP request as the routes see it."""

    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        # The query string as received (still percent-encoded).
        self.query = query
        self.headers = headers
        self.body = body


def render(reply, close=False, date=''):
    """The whole HTTP response as bytes."""
    try:
        phrase = HTTPStatus(reply.status).phrase
    except ValueError:
        phrase = ''
    head = ['HTTP/1.1 %d %s' % (reply.status, phrase), 'Server: ' + SERVER_NAME, 'Date: ' + date,
            'Content-Type: ' + reply.content_type, 'Content-Length: %d' % len(reply.body)]
    if reply.request_id:
        head.append('x-acs-request-id: ' + reply.request_id)
    if close:
        head.append('Connection: close')
    return ('\r\n'.join(head) + '\r\n\r\n').encode('latin-1') + reply.body


class Handler(BaseHTTPRequestHandler):
    """Reads a request, asks the router for the answer, writes it in one piece."""

    protocol_version = 'HTTP/1.1'
    server_version = SERVER_NAME
    sys_version = ''
    # Idle keep-alive connections are closed after this many seconds.
    timeout = 60
    # TCP_NODELAY: a finished answer goes out at once.
    disable_nagle_algorithm = True

    def do_GET(self):  # pylint: disable=invalid-name
        """Serve GET."""
        self._dispatch('GET')

    def do_POST(self):  # pylint: disable=invalid-name
        """Serve POST."""
        self._dispatch('POST')

    def do_DELETE(self):  # pylint: disable=invalid-name
        """Serve DELETE."""
        self._dispatch('DELETE')

    def do_PUT(self):  # pylint: disable=invalid-name
        """Serve PUT (routes may refuse it)."""
        self._dispatch('PUT')

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Route the access log to the emulator log instead of stderr."""
        LOG.debug('%s %s', self.address_string(), format % args)

    def _dispatch(self, method):
        split = urlsplit(self.path)
        try:
            length = int(self.headers.get('Content-Length') or 0)
        except ValueError:
            self.close_connection = True
            self._send(Reply.json(400, {'error': 'bad Content-Length'}))
            return
        body = self.rfile.read(length) if length > 0 else b''
        request = HttpRequest(method, split.path, split.query, self.headers, body)
        route = self.server.router.path_handler(split.path) or rpc.handle
        try:
            reply = route(self.server, request)
        except Exception:  # pylint: disable=broad-except
            LOG.exception('internal error on %s %s', method, split.path)
            reply = Reply.json(500, {'error': 'internal error of the emulator; see its log file'})
        if reply.drop:
            self.close_connection = True
            return
        self._send(reply)

    def _send(self, reply):
        self.log_request(reply.status, len(reply.body))
        try:
            self.wfile.write(render(reply, close=self.close_connection, date=self.date_time_string()))
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (for example a timeout during a delay fault).
            self.close_connection = True


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Threaded HTTP server carrying the emulator state and router."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, state, router):
        super().__init__(address, Handler)
        self.state = state
        self.router = router

    @property
    def url(self):
        """The base URL clients use, e.g. http://127.0.0.1:PORT."""
        host, port = self.server_address[:2]
        if host in ('0.0.0.0', '::', ''):
            host = '127.0.0.1'
        if ':' in host:
            host = '[%s]' % host
        return 'http://%s:%d' % (host, port)

    def handle_error(self, request, client_address):
        """Log unexpected connection errors instead of printing them."""
        LOG.debug('connection error from %s', client_address, exc_info=True)


def create_server(accounts, host='127.0.0.1', port=0, state_file=None, rate_limit=None, router=None, describe=None):
    """A bound, not yet serving, emulator for these accounts (router: build_router() by default).

    describe: initial values of the settings transcode_templates_format and record_format_order.
    """
    router = router or build_router()
    state = EmulatorState(accounts, list(router.actions.values()), state_file=state_file, rate_limit=rate_limit,
                          describe=describe)
    return EmulatorHTTPServer((host, port), state, router)


def serve_in_thread(server):
    """Serve in a daemon thread; return the thread (stop with server.shutdown())."""
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.1}, name='alicloud-live-emulator')
    thread.daemon = True
    thread.start()
    return thread
