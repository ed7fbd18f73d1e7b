# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Live-to-VOD configs: API shape <-> module shape, input rules, comparison and the write plan.

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

CYCLE_DURATION_MIN = 300
CYCLE_DURATION_MAX = 21600
DEFAULT_CYCLE_DURATION = 3600
ON_DEMAND_CHOICES = [0, 1]


class Field:
    """One config attribute: its module name, API name and type."""

    def __init__(self, name, api_name, kind, default=None, updatable=True, identity=False):
        self.name = name
        self.api_name = api_name
        self.kind = kind
        self.default = default
        self.updatable = updatable
        self.identity = identity


FIELDS = (
    Field('domain_name', 'DomainName', str, identity=True),
    Field('app_name', 'AppName', str, identity=True),
    Field('stream_name', 'StreamName', str, default='', identity=True),
    Field('vod_transcode_group_id', 'VodTranscodeGroupId', str),
    Field('cycle_duration', 'CycleDuration', int, default=DEFAULT_CYCLE_DURATION),
    Field('auto_compose', 'AutoCompose', bool, default=False),
    Field('compose_vod_transcode_group_id', 'ComposeVodTranscodeGroupId', str, default=''),
    # UpdateLiveRecordVodConfig has no StorageLocation parameter.
    Field('storage_location', 'StorageLocation', str, default='', updatable=False),
    Field('on_demand', 'OnDemand', int, default=0),
)
FIELD_NAMES = [field.name for field in FIELDS]
IDENTITY = [field.name for field in FIELDS if field.identity]

# The API's naming rules, stated in the messages so users can fix their input.
_NAME_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 255 characters'
_NAME_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,255}')
_DOMAIN_RULE = 'a domain name such as live.example.com: labels of letters, digits and hyphens separated by dots, at most 253 characters'
_DOMAIN_PATTERN = re.compile(r'(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]')
_ID_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 128 characters'
_ID_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,128}')
_LOCATION_RULE = 'letters, digits, dots (.), hyphens (-), underscores (_), colons (:) and slashes (/), 1 to 255 characters'
_LOCATION_PATTERN = re.compile(r'[A-Za-z0-9._:/-]{1,255}')

_RULES = {
    'domain_name': (_DOMAIN_PATTERN, _DOMAIN_RULE),
    'app_name': (_NAME_PATTERN, _NAME_RULE),
    'stream_name': (_NAME_PATTERN, _NAME_RULE),
    'vod_transcode_group_id': (_ID_PATTERN, _ID_RULE),
    'compose_vod_transcode_group_id': (_ID_PATTERN, _ID_RULE),
    'storage_location': (_LOCATION_PATTERN, _LOCATION_RULE),
}


def _shorten(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + '... (%d characters)' % len(value)


def validate(params, names):
    """Return a list of messages, one per option in ``names`` whose value the API would reject."""
    errors = []
    for name in names:
        value = params.get(name)
        if value is None or (name == 'stream_name' and value == ''):
            # An empty stream name stands for the application-level config.
            continue
        if name in _RULES:
            pattern, rule = _RULES[name]
            # fullmatch: a trailing newline must not slip through as '$' would let it.
            if not isinstance(value, str) or not pattern.fullmatch(value):
                errors.append('%s %s is not valid: it must be %s' % (name, _shorten(value), rule))
        elif name == 'cycle_duration' and not CYCLE_DURATION_MIN <= value <= CYCLE_DURATION_MAX:
            errors.append('cycle_duration must be between %d and %d seconds, got %r' % (CYCLE_DURATION_MIN, CYCLE_DURATION_MAX, value))
    return errors


def _to_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ('on', 'true', 'yes', '1')


def _to_int(value, default):
    if value is None or value == '':
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def from_api(item):
    """Turn one API config dict into the module's snake_case shape."""
    config = {}
    for field in FIELDS:
        value = item.get(field.api_name)
        if field.kind is bool:
            config[field.name] = _to_bool(value) if value is not None else field.default
        elif field.kind is int:
            config[field.name] = _to_int(value, field.default)
        else:
            config[field.name] = '' if value is None else str(value)
    config['create_time'] = item.get('CreateTime')
    return config


def to_api(config, names=None):
    """Turn module-shaped values into API parameters, leaving out unset ones."""
    params = {}
    for field in FIELDS:
        if names is not None and field.name not in names:
            continue
        value = config.get(field.name)
        if value is None or (field.name == 'stream_name' and value == ''):
            continue
        if field.kind is bool:
            value = 'ON' if value else 'OFF'
        elif field.kind is int:
            # A YAML true given for an int option is the int 1, never the text "True".
            value = int(value)
        params[field.api_name] = value
    return params


def identity_params(params):
    """API filter/identity parameters for the config ``params`` names (stream optional)."""
    return to_api(params, IDENTITY)


def same_identity(config, params):
    """Exact (domain, app, stream) match; an unset stream means the app-level config."""
    return (config['domain_name'].lower() == params['domain_name'].lower()
            and config['app_name'] == params['app_name']
            and config['stream_name'] == (params.get('stream_name') or ''))


def find(configs, params):
    """The one config among API-shaped ``configs`` whose identity is ``params``', or None."""
    for item in configs:
        config = from_api(item)
        if same_identity(config, params):
            return config
    return None


def wanted_config(params):
    """The config the user asks for, with the API defaults for what they left unset."""
    wanted = {}
    for field in FIELDS:
        value = params.get(field.name)
        wanted[field.name] = field.default if value is None else value
    return wanted


def given(params, include_identity=False):
    """Names of the fields the user gave a value; the others are never touched or compared."""
    return [field.name for field in FIELDS
            if params.get(field.name) is not None and (include_identity or not field.identity)]


def differences(params, current):
    """Names of the fields the user set whose stored value differs."""
    return [name for name in given(params) if current.get(name) != params[name]]


def merged(params, current):
    """What the stored config becomes once the user's values are applied."""
    return dict(current, **dict((name, params[name]) for name in given(params)))


def update_params(config):
    """Parameters for UpdateLiveRecordVodConfig that make the stored config equal ``config``.

    Every updatable field is sent, kept values included, so the result does not depend on
    whether the service resets or keeps a field that an Update leaves out.
    """
    names = [field.name for field in FIELDS if field.updatable]
    params = to_api(config, names)
    if params.get('ComposeVodTranscodeGroupId') == '':
        params.pop('ComposeVodTranscodeGroupId')
    return params


def add_params(config):
    """Parameters for AddLiveRecordVodConfig; empty optional values are left out."""
    params = to_api(config)
    for api_name in ('ComposeVodTranscodeGroupId', 'StorageLocation'):
        if params.get(api_name) == '':
            params.pop(api_name)
    return params
