# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The control API: steer the emulator from tests, JSON in and out, under /_emulator/v1/.

It is never reachable as an API action. Version 1 (``/_emulator/v1/``):

============  ==========  ===============================================================
method        path        what it does
============  ==========  ===============================================================
GET           health      ``{"ok": true, "version": "<package version>"}``
POST          reset       back to the initial state: the accounts' own domains, no
                          configs, empty request log, no faults, default settings
POST          seed        add ``domains`` and API-shaped ``configs`` to an account
                          (``account_id``, default the first); returns its ``configs``;
                          other CamelCase keys are kept as keys of a newer API
GET           configs     ``{"configs": [...]}`` of ``?account_id=`` (default the first):
                          Describe's keys, ``TranscodeTemplates`` as a list and the
                          ``RecordFormatList`` items in stored order
GET           accounts    accounts with their domains and access key ids (no secrets)
GET           domains     ``{"domains": [...]}`` of ``?account_id=``: each domain with its
                          attributes (status, type, resource group, tags, cname, region,
                          description, created; see :mod:`alicloud_live_emulator.domains`)
POST          domains     add ``domains`` (host names, or objects with ``domain_name`` and
                          attributes) to an account, or change the attributes of its own;
                          returns its ``domains``
GET           requests    the request log, ``?action=`` to filter; secrets left out
DELETE        requests    empty the request log
GET           faults      the pending faults
POST          faults      add a fault (see :mod:`alicloud_live_emulator.faults`); ``{"id": N}``
DELETE        faults      remove every fault
GET           settings    ``{"rate_limit_per_minute": {action: calls per window per account},
                          "rate_limit_window_seconds": 60,
                          "transcode_templates_format": ..., "record_format_order": ...}``
POST          settings    change settings; ``rate_limit_per_minute`` is a number for every
                          action or an object by action; ``rate_limit_window_seconds``
                          (default 60) counts the limits over another window, such as
                          20 calls per 5 s; ``transcode_templates_format``
                          json, comma or list; ``record_format_order`` reversed, sorted or
                          request (how Describe renders what the API leaves undocumented)
============  ==========  ===============================================================

``GET /_emulator/`` lists the versions. Errors are ``{"error": "..."}`` with status 400
(bad input), 404 (unknown path or account) or 405 (wrong method).
"""

import json
from urllib.parse import parse_qsl

from alicloud_live_emulator import __version__
from alicloud_live_emulator.protocol import ControlError, Reply

PREFIX = '/_emulator/'
VERSION = 'v1'

ROUTES = {
    ('GET', 'health'): lambda state, query, body: {'ok': True, 'version': __version__},
    ('POST', 'reset'): lambda state, query, body: state.reset() or {'ok': True},
    ('POST', 'seed'): lambda state, query, body: {'configs': state.seed(body)},
    ('GET', 'configs'): lambda state, query, body: {'configs': state.list_configs(query.get('account_id'))},
    ('GET', 'accounts'): lambda state, query, body: {'accounts': state.list_accounts()},
    ('GET', 'domains'): lambda state, query, body: {'domains': state.list_domains(query.get('account_id'))},
    ('POST', 'domains'): lambda state, query, body: {'domains': state.set_domains(body)},
    ('GET', 'requests'): lambda state, query, body: {'requests': state.list_requests(query.get('action'))},
    ('DELETE', 'requests'): lambda state, query, body: state.clear_requests() or {'ok': True},
    ('GET', 'faults'): lambda state, query, body: {'faults': state.faults.pending()},
    ('POST', 'faults'): lambda state, query, body: {'id': state.faults.add(body)},
    ('DELETE', 'faults'): lambda state, query, body: state.faults.clear() or {'ok': True},
    ('GET', 'settings'): lambda state, query, body: state.current_settings(),
    ('POST', 'settings'): lambda state, query, body: state.update_settings(body),
}


def error(status, message):
    """A control API error reply."""
    return Reply.json(status, {'error': message})


def handle(server, request):
    """Serve a request under /_emulator/."""
    name = request.path[len(PREFIX):].strip('/')
    if name == '':
        return Reply.json(200, {'versions': [VERSION], 'emulator_version': __version__})
    version, _sep, name = name.partition('/')
    if version != VERSION:
        return error(404, 'unknown control API version or path /_emulator/%s; this emulator speaks %s' % (version, VERSION))
    if name == '':
        return Reply.json(200, {'version': VERSION, 'routes': ['%s %s%s/%s' % (m, PREFIX, VERSION, p) for m, p in sorted(ROUTES, key=lambda r: r[1])]})
    route = ROUTES.get((request.method, name))
    if route is None:
        known = any(path == name for _method, path in ROUTES)
        return error(405 if known else 404, 'no control call %s %s%s/%s' % (request.method, PREFIX, VERSION, name))
    try:
        body = json.loads(request.body.decode('utf-8')) if request.body.strip() else {}
    except ValueError:
        return error(400, 'body is not JSON')
    query = dict(parse_qsl(request.query, keep_blank_values=True))
    try:
        return Reply.json(200, route(server.state, query, body))
    except ControlError as exc:
        return error(exc.status, exc.message)
