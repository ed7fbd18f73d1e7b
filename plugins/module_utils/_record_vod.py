# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Live-to-VOD configs: the field table, API shape <-> module shape, identity and input rules.

Every fact about a field (its API name, type, whether the update call can change it, its
input rule and the API's default on creation) is stated once, in FIELDS; the argument
spec, validation, comparison and the write plan (_plan.py) are derived from it.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

DESCRIBE = 'DescribeLiveRecordVodConfigs'
ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'

# The API's naming rules, stated in the messages so users can fix their input.
_NAME_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 255 characters'
_NAME_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,255}')
_DOMAIN_RULE = 'a domain name such as live.example.com: labels of letters, digits and hyphens separated by dots, at most 253 characters'
_DOMAIN_PATTERN = re.compile(r'(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]')
_ID_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 128 characters'
_ID_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,128}')
_LOCATION_RULE = 'letters, digits, dots (.), hyphens (-), underscores (_), colons (:) and slashes (/), 1 to 255 characters'
_LOCATION_PATTERN = re.compile(r'[A-Za-z0-9._:/-]{1,255}')


class Field:
    """One config attribute.

    ``default`` is what the API stores when an add leaves the field out (None: the API has no
    default). ``updatable`` is False for a field UpdateLiveRecordVodConfig cannot change.
    ``pattern``/``rule`` and ``value_range`` are the input rules; ``choices`` the allowed values.
    ``required_to_add`` fields must have a value for AddLiveRecordVodConfig.
    """

    def __init__(self, name, api_name, kind, default=None, updatable=True, identity=False, pattern=None, rule=None,
                 value_range=None, choices=None, required_to_add=False):
        self.name = name
        self.api_name = api_name
        self.kind = kind
        self.default = default
        self.updatable = updatable
        self.identity = identity
        self.pattern = pattern
        self.rule = rule
        self.value_range = value_range
        self.choices = choices
        self.required_to_add = required_to_add

    @property
    def empty(self):
        """The module-shape value that stands for 'not set' in a stored config."""
        if self.default is not None:
            return self.default
        return '' if self.kind is str else None


FIELDS = (
    Field('domain_name', 'DomainName', str, identity=True, pattern=_DOMAIN_PATTERN, rule=_DOMAIN_RULE, required_to_add=True),
    Field('app_name', 'AppName', str, identity=True, pattern=_NAME_PATTERN, rule=_NAME_RULE, required_to_add=True),
    # The API stores the application-level config with an empty stream name.
    Field('stream_name', 'StreamName', str, default='', identity=True, pattern=_NAME_PATTERN, rule=_NAME_RULE),
    Field('vod_transcode_group_id', 'VodTranscodeGroupId', str, pattern=_ID_PATTERN, rule=_ID_RULE, required_to_add=True),
    Field('cycle_duration', 'CycleDuration', int, default=3600, value_range=(300, 21600)),
    Field('auto_compose', 'AutoCompose', bool, default=False),
    Field('compose_vod_transcode_group_id', 'ComposeVodTranscodeGroupId', str, default='', pattern=_ID_PATTERN, rule=_ID_RULE),
    # UpdateLiveRecordVodConfig has no StorageLocation parameter.
    Field('storage_location', 'StorageLocation', str, default='', updatable=False, pattern=_LOCATION_PATTERN, rule=_LOCATION_RULE),
    # 0 records every stream, 1 on demand through an HTTP callback; newer references add 2 and 7.
    Field('on_demand', 'OnDemand', int, default=0, choices=[0, 1, 2, 7]),
)
FIELD_NAMES = [field.name for field in FIELDS]
FIELDS_BY_NAME = dict((field.name, field) for field in FIELDS)
IDENTITY = [field.name for field in FIELDS if field.identity]
SETTINGS = [field.name for field in FIELDS if not field.identity]
UPDATABLE = [field.name for field in FIELDS if field.updatable and not field.identity]
# What every config dict in module shape carries besides the fields.
CONFIG_KEYS = FIELD_NAMES + ['create_time']
# The fields of one item of a domain's list of configs: every field but the domain, named once beside the list.
ITEM_NAMES = [name for name in FIELD_NAMES if name != 'domain_name']


def argument_spec(names=None, required=()):
    """Argument spec entries for the fields ``names`` (all by default): type, choices and the API name as alias.

    The fields in ``required`` are required. No defaults: a field left out is never changed
    on an existing config.
    """
    spec = {}
    for field in FIELDS:
        if names is not None and field.name not in names:
            continue
        entry = dict(type=field.kind.__name__, aliases=[field.api_name])
        if field.name in required:
            entry['required'] = True
        if field.choices:
            entry['choices'] = list(field.choices)
        spec[field.name] = entry
    return spec


def _shorten(value, limit=60):
    text = repr(value)
    size = len(value) if isinstance(value, str) else len(text)
    return text if len(text) <= limit else text[:limit] + '... (%d characters)' % size


def validate(params, names=None, prefix=''):
    """Return a list of messages, one per field in ``params`` (those in ``names``) whose value the API would reject.

    ``prefix`` goes in front of each message (a list item's position, for example).
    """
    errors = []
    for field in FIELDS:
        if names is not None and field.name not in names:
            continue
        value = params.get(field.name)
        if value is None:
            continue
        if field.name == 'stream_name' and value == '':
            errors.append('%sstream_name is empty: leave the option out to mean the application-level config, which '
                          'applies to every stream of the application' % prefix)
        elif field.pattern is not None:
            # fullmatch: a trailing newline must not slip through as '$' would let it.
            if not isinstance(value, str) or not field.pattern.fullmatch(value):
                errors.append('%s%s %s is not valid: it must be %s' % (prefix, field.name, _shorten(value), field.rule))
        elif field.value_range is not None:
            low, high = field.value_range
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors.append('%s%s must be between %d and %d seconds, got %s' % (prefix, field.name, low, high, _shorten(value)))
        elif field.choices is not None and value not in field.choices:
            allowed = ', '.join(str(choice) for choice in field.choices)
            errors.append('%s%s must be one of %s, got %s' % (prefix, field.name, allowed, _shorten(value)))
    return errors


def normalize(params):
    """The user's values for the config fields, in the form the API and the comparison use.

    The domain goes lowercase (DNS names are case-insensitive and the API matches them
    exactly); a field left out stays None.
    """
    wanted = dict((name, params.get(name)) for name in FIELD_NAMES)
    if isinstance(wanted['domain_name'], str):
        wanted['domain_name'] = wanted['domain_name'].lower()
    return wanted


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
        # Kept as it is: a value the module does not know is still the stored value.
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
        elif field.kind is int and not isinstance(value, int):
            # A stored value the module cannot parse goes back as it came.
            value = str(value)
        elif field.kind is int:
            # A YAML true given for an int option is the int 1, never the text "True".
            value = int(value)
        params[field.api_name] = value
    return params


def identity(config):
    """The (domain, app, stream) identity of a config or of wanted values; the domain compared lowercase."""
    return ((config.get('domain_name') or '').lower(), config.get('app_name') or '', config.get('stream_name') or '')


def key(config):
    """The short name of a config inside its domain: ``app`` or ``app/stream``."""
    app, stream = config.get('app_name') or '', config.get('stream_name') or ''
    return '%s/%s' % (app, stream) if stream else app


def identity_params(config):
    """API filter/identity parameters for the config ``config`` names (stream optional)."""
    return to_api(normalize(config), IDENTITY)


def matches(config, filters):
    """Whether a module-shaped config passes ``filters``: each identity field that is not None must be equal.

    An empty ``stream_name`` filter selects application-level configs.
    """
    for name in IDENTITY:
        wanted = filters.get(name)
        if wanted is None:
            continue
        stored = config.get(name) or ''
        if name == 'domain_name':
            wanted, stored = wanted.lower(), stored.lower()
        if stored != wanted:
            return False
    return True


def find(configs, wanted):
    """The one config among API-shaped ``configs`` whose identity is ``wanted``'s, or None."""
    target = identity(wanted)
    for item in configs:
        config = from_api(item)
        if identity(config) == target:
            return config
    return None


def item_shape(config):
    """A stored config (module shape) as an item of a domain's list; empty values become None."""
    return dict((name, None if config.get(name) == '' else config.get(name)) for name in ITEM_NAMES)


def gathered_shape(configs):
    """Module-shaped configs as a domain's list (what state=gathered returns), sorted by application and stream."""
    return sorted((item_shape(config) for config in configs), key=lambda item: (item['app_name'], item['stream_name'] or ''))


def read_domain(client, domain):
    """Every stored config of ``domain``, module shape, in as few Describe pages as the API allows."""
    return [from_api(item) for item in client.describe_all({'DomainName': domain})]
