# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Live-to-VOD configuration record: fields, defaults, identity, order, validation and shapes.

A record is stored as a dict with the API's field names. ``TranscodeTemplates`` is a list
of str and ``RecordFormat`` a list of format items (dicts) in the order they were sent;
``DelayTime`` is None when never set; ``Extra`` holds keys a newer API might add (seeded
through the control API), returned by Describe as they are and kept by Update.

Three shapes leave the emulator:

- Describe (:func:`describe_shape`): the SDK's response shape, with ``TranscodeTemplates``
  rendered as a string (a JSON array by default, see :data:`TEMPLATE_FORMATS`) and the
  ``RecordFormatList.RecordFormat`` items in an order other than the request's (see
  :data:`FORMAT_ORDERS`), because the API documents neither.
- The control API and the state file (:func:`api_shape`): the same keys, but today's
  fields only when they hold more than their default (a config made without them reads as
  it always did), ``TranscodeTemplates`` as a list and the format items in stored order;
  :func:`from_seed` reads it back.
"""

import json
import re

from alicloud_live_emulator.params import check_domain, check_name, int_param, invalid, missing, required
from alicloud_live_emulator.protocol import ApiError, ControlError, parse_utc, utc_now_text

DEFAULTS = {
    'StreamName': '',
    'VodTranscodeGroupId': '',
    'CycleDuration': 3600,
    'AutoCompose': 'OFF',
    'ComposeVodTranscodeGroupId': '',
    'StorageLocation': '',
    'OnDemand': 0,
    'DelayTime': None,
    'RecordContent': 'raw',
    'SpaceId': '',
}
# The keys of a configuration, in the order the emulator lists them; DelayTime only when set.
KEYS = ('DomainName', 'AppName', 'StreamName', 'VodTranscodeGroupId', 'CycleDuration', 'AutoCompose',
        'ComposeVodTranscodeGroupId', 'StorageLocation', 'OnDemand', 'DelayTime', 'RecordContent', 'SpaceId',
        'TranscodeTemplates', 'FormatConfig', 'RecordFormatList', 'CreateTime')
# The keys the API grew since June 2024: the control API shows them only when set.
TODAYS_KEYS = ('DelayTime', 'RecordContent', 'SpaceId', 'TranscodeTemplates', 'FormatConfig', 'RecordFormatList')
ON_DEMAND_VALUES = (0, 1, 2, 7)
RECORD_CONTENT_VALUES = ('raw', 'transcode')
FORMATS = ('m3u8', 'flv', 'mp4')
PROCESS_METHODS = ('transcode', 'workflow')
VIDEO_PROCESS_VALUES = ('origin', 'compose')
# The fields of a RecordFormat item, in the order Describe lists them (the SDK's model order).
FORMAT_KEYS = ('AutoCompose', 'Format', 'ProcessMethod', 'ProcessTemplateId', 'SliceDuration', 'Tags', 'VideoProcess')
FORMAT_STRING_KEYS = ('AutoCompose', 'Format', 'ProcessMethod', 'ProcessTemplateId', 'Tags', 'VideoProcess')

# How Describe writes TranscodeTemplates (typed str in the SDK's response model, format undocumented).
TEMPLATE_FORMATS = ('json', 'comma', 'list')
# In which order Describe lists the RecordFormat items (undocumented): never rely on the request's.
FORMAT_ORDERS = ('reversed', 'sorted', 'request')
DEFAULT_TEMPLATE_FORMAT = 'json'
DEFAULT_FORMAT_ORDER = 'reversed'

# A key a newer API might add: CamelCase, as the API's own keys.
EXTRA_KEY_RE = re.compile(r'^[A-Z][A-Za-z0-9]{0,63}$')
LIST_PARAM_RE = re.compile(r'^(TranscodeTemplates|RecordFormat)(?:\.(.*))?$')
INDEX_RE = re.compile(r'^[1-9][0-9]{0,2}$')


# ---- request parameters ------------------------------------------------------


def _indexed(params, name):
    """The values of a flattened list parameter (name.1, name.2, ...) by index; raises for a malformed key."""
    items = {}
    for key, value in params.items():
        match = LIST_PARAM_RE.match(key)
        if not match or match.group(1) != name:
            continue
        rest = match.group(2)
        if rest is None:
            raise invalid(key, 'send the list flattened, as %s.1, %s.2, ...' % (name, name))
        index, _sep, field = rest.partition('.')
        if not INDEX_RE.match(index):
            raise invalid(key, 'list items are numbered from 1, as %s.1, %s.2, ...' % (name, name))
        items.setdefault(int(index), {})[field] = value
    if sorted(items) != list(range(1, len(items) + 1)):
        first_gap = min(set(range(1, len(items) + 1)) - set(items))
        raise invalid('%s.%d' % (name, first_gap), 'list items are numbered from 1 without gaps.')
    return [items[index] for index in sorted(items)]


def _comma_list(name, value, choices):
    """A comma-separated list of unique choices, such as raw,transcode."""
    parts = value.split(',')
    if not all(part in choices for part in parts) or len(set(parts)) != len(parts):
        raise invalid(name, 'valid values are %s, or several of them separated by commas.' % ', '.join(choices))
    return value


def parse_templates(params):
    """TranscodeTemplates.N as a list of str."""
    templates = []
    for index, entry in enumerate(_indexed(params, 'TranscodeTemplates'), 1):
        name = 'TranscodeTemplates.%d' % index
        if set(entry) != {''}:
            raise invalid('%s.%s' % (name, sorted(k for k in entry if k)[0]), 'template ids are plain strings.')
        if entry[''] == '':
            raise invalid(name, 'a template id must not be empty.')
        templates.append(entry[''])
    return templates


def parse_format(index, entry, seen):
    """One RecordFormat.N item, checked and with its defaults filled in."""
    prefix = 'RecordFormat.%d' % index
    unknown = sorted(set(entry) - set(FORMAT_KEYS))
    if unknown:
        raise invalid('%s.%s' % (prefix, unknown[0]) if unknown[0] else prefix,
                      'the fields of a RecordFormat item are %s.' % ', '.join(FORMAT_KEYS))
    fmt = required(entry, 'Format', prefix + '.Format')
    if fmt not in FORMATS:
        raise invalid(prefix + '.Format', 'valid values are %s.' % ', '.join(FORMATS))
    if fmt in seen:
        raise invalid(prefix + '.Format', 'each format may appear only once; %s is given twice.' % fmt)
    seen.add(fmt)
    item = {'Format': fmt}
    slice_name = prefix + '.SliceDuration'
    if entry.get('SliceDuration', '') != '' and fmt != 'm3u8':
        raise invalid(slice_name, 'it applies only to the m3u8 format.')
    if fmt == 'm3u8':
        item['SliceDuration'] = int_param(entry, 'SliceDuration', 30, lambda v: 5 <= v <= 30,
                                          'it must be an integer from 5 to 30.', label=slice_name)
    item['AutoCompose'] = entry.get('AutoCompose', '') or 'OFF'
    if item['AutoCompose'] not in ('ON', 'OFF'):
        raise invalid(prefix + '.AutoCompose', 'valid values are ON and OFF.')
    method, template = entry.get('ProcessMethod', ''), entry.get('ProcessTemplateId', '')
    if method and method not in PROCESS_METHODS:
        raise invalid(prefix + '.ProcessMethod', 'valid values are %s.' % ', '.join(PROCESS_METHODS))
    if method and not template:
        raise missing(prefix + '.ProcessTemplateId')
    if template and not method:
        raise missing(prefix + '.ProcessMethod')
    item['ProcessMethod'], item['ProcessTemplateId'] = method, template
    item['Tags'] = entry.get('Tags', '')
    video = entry.get('VideoProcess', '') or 'origin'
    item['VideoProcess'] = _comma_list(prefix + '.VideoProcess', video, VIDEO_PROCESS_VALUES)
    return item


def parse_formats(params):
    """RecordFormat.N.* as a list of format items, in request order."""
    seen = set()
    return [parse_format(index, entry, seen) for index, entry in enumerate(_indexed(params, 'RecordFormat'), 1)]


def parse_params(params, adding):
    """Validate Add (adding=True) or Update parameters into a record (without CreateTime).

    Update has no StorageLocation, RecordContent or SpaceId: stray ones are ignored, as the
    service does, and the caller keeps the stored values.
    """
    for name in ('DomainName', 'AppName'):
        required(params, name)
    formats = parse_formats(params)
    if not formats:
        required(params, 'VodTranscodeGroupId')
    record = {
        'DomainName': check_domain(params),
        'AppName': check_name(params, 'AppName', True, wildcard=True),
        'StreamName': check_name(params, 'StreamName', False),
        # Optional when RecordFormat is given (the formats carry their own processing), still kept when sent.
        'VodTranscodeGroupId': params.get('VodTranscodeGroupId', ''),
        'CycleDuration': int_param(params, 'CycleDuration', 3600, lambda v: 300 <= v <= 21600,
                                   'it must be an integer from 300 to 21600.'),
        'DelayTime': int_param(params, 'DelayTime', None, lambda v: 15 <= v <= 21600, 'it must be an integer from 15 to 21600.'),
        'TranscodeTemplates': parse_templates(params),
        'RecordFormat': formats,
        'Extra': {},
    }
    auto_compose = params.get('AutoCompose', '') or 'OFF'
    if auto_compose not in ('ON', 'OFF'):
        raise invalid('AutoCompose', 'valid values are ON and OFF.')
    compose_group = params.get('ComposeVodTranscodeGroupId', '')
    if formats:
        # "Ignored if RecordFormat is specified": each format says whether it composes.
        auto_compose, compose_group = 'OFF', ''
    elif auto_compose == 'ON' and not compose_group:
        raise missing('ComposeVodTranscodeGroupId')
    record['AutoCompose'] = auto_compose
    record['ComposeVodTranscodeGroupId'] = compose_group
    record['OnDemand'] = int_param(params, 'OnDemand', 0, lambda v: v in ON_DEMAND_VALUES, 'valid values are 0, 1, 2 and 7.')
    if adding:
        record['StorageLocation'] = params.get('StorageLocation', '')
        record['RecordContent'] = _comma_list('RecordContent', params.get('RecordContent', '') or 'raw', RECORD_CONTENT_VALUES)
        record['SpaceId'] = params.get('SpaceId', '')
        check_content(record)
    return record


def check_content(record):
    """Recording transcoded streams needs at least one transcoding template."""
    if 'transcode' in record['RecordContent'].split(',') and not record['TranscodeTemplates']:
        raise ApiError(400, 'MissingTranscodeTemplates',
                       'TranscodeTemplates is mandatory when RecordContent includes transcode: give at least one template.')


def updated(current, record):
    """The record an Update leaves: what it was sent replaces everything it can set (unsent
    fields go back to their defaults); StorageLocation, RecordContent, SpaceId, CreateTime and
    any extra keys stay."""
    for name in ('StorageLocation', 'RecordContent', 'SpaceId', 'CreateTime', 'Extra'):
        record[name] = current[name]
    check_content(record)
    return record


# ---- identity, order and shapes ----------------------------------------------


def identity(record):
    """The identity of a configuration inside one account."""
    return (record['DomainName'], record['AppName'], record['StreamName'])


def listing_order(record):
    """Stable listing order: creation time, then identity."""
    return (record['CreateTime'],) + identity(record)


def _format_item(item):
    shown = dict((name, item[name]) for name in FORMAT_KEYS if name in item)
    shown.update((name, value) for name, value in item.items() if name not in FORMAT_KEYS)
    return shown


def _shape(record, templates, formats, sparse):
    shown = {}
    for name in KEYS:
        if name == 'DelayTime':
            value = record['DelayTime']
        elif name == 'TranscodeTemplates':
            value = templates
        elif name == 'FormatConfig':
            value = bool(record['RecordFormat'])
        elif name == 'RecordFormatList':
            value = {'RecordFormat': [_format_item(item) for item in formats]}
        else:
            value = record[name]
        # DelayTime has no default to show; the others are left out of the sparse shape at their default.
        if value is None or (sparse and name in TODAYS_KEYS and not record_has(record, name)):
            continue
        shown[name] = value
    for name, value in record['Extra'].items():
        shown[name] = value
    return shown


def record_has(record, name):
    """True when one of today's fields holds more than its default."""
    if name == 'RecordContent':
        return record['RecordContent'] != DEFAULTS['RecordContent']
    if name in ('FormatConfig', 'RecordFormatList'):
        return bool(record['RecordFormat'])
    return bool(record[name]) or record[name] == 0


def api_shape(record):
    """The control API's and the state file's shape: the keys in the emulator's order, today's
    fields only when they hold more than their default (so a config made without them reads as
    it always did), TranscodeTemplates as a list, the format items in stored order, then the
    extra keys."""
    return _shape(record, list(record['TranscodeTemplates']), record['RecordFormat'], sparse=True)


def render_templates(templates, style):
    """TranscodeTemplates as Describe sends it: a JSON array string, a comma-separated string or a list."""
    if style == 'comma':
        return ','.join(templates)
    if style == 'list':
        return list(templates)
    return json.dumps(templates, separators=(',', ':'))


def order_formats(items, order):
    """The RecordFormat items in Describe's order."""
    if order == 'request':
        return list(items)
    if order == 'sorted':
        return sorted(items, key=lambda item: item['Format'])
    return list(reversed(items))


def describe_shape(record, template_format=DEFAULT_TEMPLATE_FORMAT, format_order=DEFAULT_FORMAT_ORDER):
    """One item of DescribeLiveRecordVodConfigs: every key (DelayTime only when set)."""
    return _shape(record, render_templates(record['TranscodeTemplates'], template_format),
                  order_formats(record['RecordFormat'], format_order), sparse=False)


# ---- the control API's seed and the state file ---------------------------------


def _seed_type(name, value, kind, label=None):
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    if not ok:
        kinds = {int: 'an integer', str: 'a string', bool: 'true or false', list: 'a list', dict: 'an object'}
        raise ControlError('%s must be %s' % (label or name, kinds[kind]))
    return value


def _check_extra_keys(raw, known, where):
    """Keys beyond the known ones: CamelCase keys a newer API might add; returns them."""
    extra = {}
    lowered = dict((name.lower(), name) for name in known)
    for name in raw:
        if name in known:
            continue
        if name.lower() in lowered:
            raise ControlError('%s: unknown key %s; did you mean %s?' % (where, name, lowered[name.lower()]))
        if not isinstance(name, str) or not EXTRA_KEY_RE.match(name):
            raise ControlError('%s: unknown key %s; keys a newer API might add are CamelCase like NewFeatureFlag' % (where, name))
        extra[name] = raw[name]
    return extra


def _seed_format(index, raw):
    where = 'RecordFormatList.RecordFormat[%d]' % index
    if not isinstance(raw, dict):
        raise ControlError('%s must be an object' % where)
    _check_extra_keys(raw, FORMAT_KEYS, where)
    if not isinstance(raw.get('Format'), str) or not raw['Format']:
        raise ControlError('%s needs a non-empty string Format' % where)
    item = {'AutoCompose': 'OFF', 'ProcessMethod': '', 'ProcessTemplateId': '', 'Tags': '', 'VideoProcess': 'origin'}
    if raw['Format'] == 'm3u8':
        item['SliceDuration'] = 30
    item.update(raw)
    for name in FORMAT_STRING_KEYS:
        _seed_type(name, item[name], str, '%s.%s' % (where, name))
    if 'SliceDuration' in item:
        _seed_type('SliceDuration', item['SliceDuration'], int, where + '.SliceDuration')
    return item


def from_seed(raw):
    """Validate a configuration given to the seed call (or a state file) in the control API's shape
    and fill defaults. Types are checked, choices are not: a stored config may hold values that
    today's API would refuse (the console or an older API set them)."""
    if not isinstance(raw, dict):
        raise ControlError('each config must be an object')
    extra = _check_extra_keys(raw, KEYS, 'config')
    for name in ('DomainName', 'AppName'):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ControlError('config needs a non-empty string %s' % name)
    record = dict(DEFAULTS)
    record.update((name, value) for name, value in raw.items() if name in KEYS)
    record['StreamName'] = record['StreamName'] or ''
    for name in ('CycleDuration', 'OnDemand'):
        _seed_type(name, record[name], int)
    if record['DelayTime'] is not None:
        _seed_type('DelayTime', record['DelayTime'], int)
    for name in ('StreamName', 'VodTranscodeGroupId', 'AutoCompose', 'ComposeVodTranscodeGroupId', 'StorageLocation',
                 'RecordContent', 'SpaceId'):
        _seed_type(name, record[name], str)
    templates = record.pop('TranscodeTemplates', None) or []
    if not isinstance(templates, list) or not all(isinstance(t, str) and t for t in templates):
        raise ControlError('TranscodeTemplates must be a list of non-empty strings')
    record['TranscodeTemplates'] = list(templates)
    format_list = record.pop('RecordFormatList', None) or {}
    if not isinstance(format_list, dict) or set(format_list) - {'RecordFormat'}:
        raise ControlError('RecordFormatList must be {"RecordFormat": [...]}')
    items = format_list.get('RecordFormat') or []
    _seed_type('RecordFormatList.RecordFormat', items, list)
    record['RecordFormat'] = [_seed_format(index, item) for index, item in enumerate(items)]
    if len({item['Format'] for item in record['RecordFormat']}) != len(record['RecordFormat']):
        raise ControlError('RecordFormatList.RecordFormat lists a format twice')
    if not record['RecordFormat'] and not record['VodTranscodeGroupId']:
        raise ControlError('config needs a non-empty string VodTranscodeGroupId (or RecordFormatList)')
    shown = record.pop('FormatConfig', None)
    if shown is not None and _seed_type('FormatConfig', shown, bool) != bool(record['RecordFormat']):
        raise ControlError('FormatConfig is true exactly when RecordFormatList has items (it is derived: leave it out)')
    record['Extra'] = extra
    record.setdefault('CreateTime', utc_now_text())
    if parse_utc(record['CreateTime']) is None:
        raise ControlError('CreateTime must look like 2026-01-01T00:00:00Z')
    return record
