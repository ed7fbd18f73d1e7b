# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The recording callback configuration: one per domain, four actions, and its control calls.

Actions (API version 2016-11-01): ``AddLiveRecordNotifyConfig`` and
``UpdateLiveRecordNotifyConfig`` (DomainName, NotifyUrl, OnDemandUrl, NeedStatusNotify,
NotifyReqAuth, NotifyAuthKey), ``DescribeLiveRecordNotifyConfig`` and
``DeleteLiveRecordNotifyConfig`` (DomainName only).

Rules, as the API reference states them: NotifyUrl is mandatory; NotifyUrl and OnDemandUrl
start with ``http://`` or ``https://``; NotifyReqAuth ``true`` needs NotifyAuthKey, 16 to 32
letters and digits. Update replaces the whole configuration: a parameter it is not sent
takes its default (empty URL, false, no key). Add of a domain that has a configuration is
``ConfigAlreadyExists``; Update and Delete of one that has none are
``InvalidConfig.NotFound``.

What Describe answers for a domain without a configuration is not documented: an empty
object or an error. Both are offered, so that clients are tested against each (the
``missing`` setting):

``empty`` (default)  ``{"RequestId": ..., "LiveRecordNotifyConfig": {}}``
``omitted``          ``{"RequestId": ...}`` (no LiveRecordNotifyConfig key at all)
``error``            404 ``InvalidConfig.NotFound``

One reference shows NotifyReqAuth and NeedStatusNotify in the answer as ``"yes"``/``"no"``,
the SDK types them bool: the ``bool_style`` setting (``bool``, default, or ``yes_no``)
chooses. Describe returns the key in clear, as the service does.

Control calls under ``/_emulator/v1/record_notify/`` (JSON; a reset of the emulator empties
them and restores the default settings):

``POST seed``      ``{"account_id": optional, "configs": [API-shaped configs]}``: store them
                   (the domains must belong to the account); returns ``{"configs": [...]}``
``GET configs``    ``{"configs": [...]}`` of ``?account_id=`` (default the first account)
``GET settings``   ``{"missing": ..., "bool_style": ...}``
``POST settings``  change them; returns them all

Callback configurations are not kept in the state file.
"""

import json
import re
import threading
from urllib.parse import parse_qsl

from alicloud_live_emulator.params import check_domain, invalid, missing, required
from alicloud_live_emulator.protocol import LIVE_API_VERSION, ApiError, ControlError, Reply
from alicloud_live_emulator.rpc import Action

CONTROL_PREFIX = '/_emulator/v1/record_notify/'
# The keys of a configuration, in the order the service lists them.
KEYS = ('DomainName', 'NotifyUrl', 'OnDemandUrl', 'NeedStatusNotify', 'NotifyReqAuth', 'NotifyAuthKey')
DEFAULTS = {'OnDemandUrl': '', 'NeedStatusNotify': False, 'NotifyReqAuth': False, 'NotifyAuthKey': ''}
URL_RULE = 'it must start with http:// or https://.'
KEY_RE = re.compile(r'^[A-Za-z0-9]{16,32}$')
KEY_RULE = 'it must be 16 to 32 characters long and contain only letters and digits.'
BOOL_RULE = 'valid values are true and false.'
MISSING_SHAPES = ('empty', 'omitted', 'error')
BOOL_STYLES = ('bool', 'yes_no')
NOT_FOUND = ('InvalidConfig.NotFound', 'The specified config does not exist.')

_STATE_LOCK = threading.Lock()


class NotifyState:
    """The callback configurations by account and domain, and the answer settings."""

    def __init__(self):
        self.configs = {}
        self.missing = 'empty'
        self.bool_style = 'bool'


def notify_state(state):
    """The callback part of the emulator state (call with state.lock held); a reset starts a new one."""
    with _STATE_LOCK:
        return state.extensions.setdefault('record_notify', NotifyState())


def _is_url(value):
    return value.startswith('http://') or value.startswith('https://')


def _bool_param(params, name):
    text = params.get(name, '')
    if text == '':
        return DEFAULTS[name]
    if text.lower() not in ('true', 'false'):
        raise invalid(name, BOOL_RULE)
    return text.lower() == 'true'


def parse_params(params):
    """Validate Add/Update parameters into a whole configuration (what is not sent takes its default)."""
    domain = check_domain(params)
    notify_url = required(params, 'NotifyUrl')
    if not _is_url(notify_url):
        raise invalid('NotifyUrl', URL_RULE)
    on_demand_url = params.get('OnDemandUrl', '')
    if on_demand_url and not _is_url(on_demand_url):
        raise invalid('OnDemandUrl', URL_RULE)
    record = {
        'DomainName': domain,
        'NotifyUrl': notify_url,
        'OnDemandUrl': on_demand_url,
        'NeedStatusNotify': _bool_param(params, 'NeedStatusNotify'),
        'NotifyReqAuth': _bool_param(params, 'NotifyReqAuth'),
        'NotifyAuthKey': params.get('NotifyAuthKey', ''),
    }
    if record['NotifyReqAuth']:
        if not record['NotifyAuthKey']:
            raise missing('NotifyAuthKey')
        if not KEY_RE.match(record['NotifyAuthKey']):
            raise invalid('NotifyAuthKey', KEY_RULE)
    return record


def _domain_configs(call, domain):
    """The account's callback configurations by domain (lock held); InvalidDomain.NotFound unless it owns domain."""
    if domain not in call.state.domains[call.account_id]:
        raise ApiError(404, 'InvalidDomain.NotFound', 'The domain provided does not belong to you.')
    return notify_state(call.state).configs.setdefault(call.account_id, {})


def api_shape(record, bool_style='bool'):
    """A copy of a configuration with its keys in the service's order."""
    shown = dict((name, record[name]) for name in KEYS)
    if bool_style == 'yes_no':
        for name in ('NeedStatusNotify', 'NotifyReqAuth'):
            shown[name] = 'yes' if shown[name] else 'no'
    return shown


def add(call):
    """Store the domain's configuration; ConfigAlreadyExists when it has one."""
    record = parse_params(call.params)
    with call.state.lock:
        stored = _domain_configs(call, record['DomainName'])
        if record['DomainName'] in stored:
            raise ApiError(400, 'ConfigAlreadyExists', 'Config has already exist.')
        stored[record['DomainName']] = record
        call.state.changed()
    return {}


def update(call):
    """Replace the domain's configuration as a whole; InvalidConfig.NotFound when it has none."""
    record = parse_params(call.params)
    with call.state.lock:
        stored = _domain_configs(call, record['DomainName'])
        if record['DomainName'] not in stored:
            raise ApiError(404, *NOT_FOUND)
        stored[record['DomainName']] = record
        call.state.changed()
    return {}


def delete(call):
    """Remove the domain's configuration; InvalidConfig.NotFound when it has none."""
    domain = check_domain(call.params)
    with call.state.lock:
        if _domain_configs(call, domain).pop(domain, None) is None:
            raise ApiError(404, *NOT_FOUND)
        call.state.changed()
    return {}


def describe(call):
    """The domain's configuration, key in clear; without one, the shape the ``missing`` setting names."""
    domain = check_domain(call.params)
    with call.state.lock:
        settings = notify_state(call.state)
        record = _domain_configs(call, domain).get(domain)
        if record is not None:
            return {'LiveRecordNotifyConfig': api_shape(record, settings.bool_style)}
        if settings.missing == 'error':
            raise ApiError(404, *NOT_FOUND)
        return {} if settings.missing == 'omitted' else {'LiveRecordNotifyConfig': {}}


ACTIONS = (
    Action('AddLiveRecordNotifyConfig', LIVE_API_VERSION, add),
    Action('UpdateLiveRecordNotifyConfig', LIVE_API_VERSION, update),
    Action('DeleteLiveRecordNotifyConfig', LIVE_API_VERSION, delete),
    Action('DescribeLiveRecordNotifyConfig', LIVE_API_VERSION, describe),
)


# ---- control calls -------------------------------------------------------------------

def from_seed(raw):
    """Validate an API-shaped configuration given to the seed call; fill defaults."""
    if not isinstance(raw, dict):
        raise ControlError('each callback config must be an object')
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ControlError('unknown callback config keys: %s; the keys are %s' % (', '.join(unknown), ', '.join(KEYS)))
    for name in ('DomainName', 'NotifyUrl'):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ControlError('callback config needs a non-empty string %s' % name)
    record = dict(DEFAULTS)
    record.update(raw)
    for name in ('OnDemandUrl', 'NotifyAuthKey'):
        if not isinstance(record[name], str):
            raise ControlError('%s must be a string' % name)
    for name in ('NeedStatusNotify', 'NotifyReqAuth'):
        if not isinstance(record[name], bool):
            raise ControlError('%s must be true or false' % name)
    return record


def _account(state, query_or_body):
    account_id = str(query_or_body.get('account_id') or state.accounts.default_id())
    if account_id not in state.accounts:
        raise ControlError('unknown account %s' % account_id, status=404)
    return account_id


def _listing(state, account_id):
    configs = notify_state(state).configs.get(account_id, {})
    return [api_shape(configs[domain]) for domain in sorted(configs)]


def _seed(state, query, body):  # pylint: disable=unused-argument
    if not isinstance(body, dict):
        raise ControlError('seed body must be an object')
    account_id = _account(state, body)
    raw_configs = body.get('configs') or []
    if not isinstance(raw_configs, list):
        raise ControlError('configs must be a list')
    records = [from_seed(raw) for raw in raw_configs]
    with state.lock:
        for record in records:
            if record['DomainName'] not in state.domains[account_id]:
                raise ControlError('domain %s is not in account %s' % (record['DomainName'], account_id))
        stored = notify_state(state).configs.setdefault(account_id, {})
        for record in records:
            stored[record['DomainName']] = record
        return {'configs': _listing(state, account_id)}


def _configs(state, query, body):  # pylint: disable=unused-argument
    account_id = _account(state, query)
    with state.lock:
        return {'configs': _listing(state, account_id)}


def _current(settings):
    return {'missing': settings.missing, 'bool_style': settings.bool_style}


def _settings(state, query, body):  # pylint: disable=unused-argument
    with state.lock:
        return _current(notify_state(state))


def _change_settings(state, query, body):  # pylint: disable=unused-argument
    if not isinstance(body, dict):
        raise ControlError('settings must be an object')
    unknown = sorted(set(body) - {'missing', 'bool_style'})
    if unknown:
        raise ControlError('unknown setting %s; the settings are: missing, bool_style' % ', '.join(unknown))
    if 'missing' in body and body['missing'] not in MISSING_SHAPES:
        raise ControlError('missing must be one of %s' % ', '.join(MISSING_SHAPES))
    if 'bool_style' in body and body['bool_style'] not in BOOL_STYLES:
        raise ControlError('bool_style must be one of %s' % ', '.join(BOOL_STYLES))
    with state.lock:
        settings = notify_state(state)
        settings.missing = body.get('missing', settings.missing)
        settings.bool_style = body.get('bool_style', settings.bool_style)
        return _current(settings)


CONTROL_ROUTES = {
    ('POST', 'seed'): _seed,
    ('GET', 'configs'): _configs,
    ('GET', 'settings'): _settings,
    ('POST', 'settings'): _change_settings,
}


def handle_control(server, request):
    """Serve the control calls under /_emulator/v1/record_notify/."""
    name = request.path[len(CONTROL_PREFIX):].strip('/')
    route = CONTROL_ROUTES.get((request.method, name))
    if route is None:
        known = any(path == name for _method, path in CONTROL_ROUTES)
        return Reply.json(405 if known else 404, {'error': 'no control call %s %s' % (request.method, request.path)})
    try:
        body = json.loads(request.body.decode('utf-8')) if request.body.strip() else {}
    except ValueError:
        return Reply.json(400, {'error': 'body is not JSON'})
    try:
        return Reply.json(200, route(server.state, dict(parse_qsl(request.query, keep_blank_values=True)), body))
    except ControlError as exc:
        return Reply.json(exc.status, {'error': exc.message})
