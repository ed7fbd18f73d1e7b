# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Live-to-VOD configuration record: fields, defaults, identity, order and validation."""

from alicloud_live_emulator.params import check_domain, check_name, int_param, invalid, missing, required
from alicloud_live_emulator.protocol import ControlError, parse_utc, utc_now_text

DEFAULTS = {
    'StreamName': '',
    'CycleDuration': 3600,
    'AutoCompose': 'OFF',
    'ComposeVodTranscodeGroupId': '',
    'StorageLocation': '',
    'OnDemand': 0,
}
# The keys of a configuration, in the order the service lists them.
KEYS = ('DomainName', 'AppName', 'StreamName', 'VodTranscodeGroupId', 'CycleDuration', 'AutoCompose',
        'ComposeVodTranscodeGroupId', 'StorageLocation', 'OnDemand', 'CreateTime')
ON_DEMAND_VALUES = (0, 1, 2, 7)


def parse_params(params, with_storage):
    """Validate Add/Update parameters into a record (without CreateTime)."""
    for name in ('DomainName', 'AppName', 'VodTranscodeGroupId'):
        required(params, name)
    record = {
        'DomainName': check_domain(params),
        'AppName': check_name(params, 'AppName', True),
        'StreamName': check_name(params, 'StreamName', False),
        'VodTranscodeGroupId': params['VodTranscodeGroupId'],
        'CycleDuration': int_param(params, 'CycleDuration', 3600, lambda v: 300 <= v <= 21600,
                                   'it must be an integer from 300 to 21600.'),
    }
    auto_compose = params.get('AutoCompose', '') or 'OFF'
    if auto_compose not in ('ON', 'OFF'):
        raise invalid('AutoCompose', 'valid values are ON and OFF.')
    compose_group = params.get('ComposeVodTranscodeGroupId', '')
    if auto_compose == 'ON' and not compose_group:
        raise missing('ComposeVodTranscodeGroupId')
    record['AutoCompose'] = auto_compose
    record['ComposeVodTranscodeGroupId'] = compose_group
    record['OnDemand'] = int_param(params, 'OnDemand', 0, lambda v: v in ON_DEMAND_VALUES, 'valid values are 0, 1, 2 and 7.')
    # UpdateLiveRecordVodConfig carries no StorageLocation: a stray one is ignored, as the service does.
    record['StorageLocation'] = params.get('StorageLocation', '') if with_storage else None
    return record


def identity(record):
    """The identity of a configuration inside one account."""
    return (record['DomainName'], record['AppName'], record['StreamName'])


def api_shape(record):
    """A copy of a record with its keys in the service's order."""
    return dict((name, record[name]) for name in KEYS)


def listing_order(record):
    """Stable listing order: creation time, then identity."""
    return (record['CreateTime'],) + identity(record)


def from_seed(raw):
    """Validate an API-shaped configuration given to the seed call (or a state file) and fill defaults."""
    if not isinstance(raw, dict):
        raise ControlError('each config must be an object')
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ControlError('unknown config keys: %s' % ', '.join(unknown))
    for name in ('DomainName', 'AppName', 'VodTranscodeGroupId'):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ControlError('config needs a non-empty string %s' % name)
    record = dict(DEFAULTS)
    record.update(raw)
    record['StreamName'] = record['StreamName'] or ''
    for name in ('CycleDuration', 'OnDemand'):
        if isinstance(record[name], bool) or not isinstance(record[name], int):
            raise ControlError('%s must be an integer' % name)
    for name in ('StreamName', 'AutoCompose', 'ComposeVodTranscodeGroupId', 'StorageLocation'):
        if not isinstance(record[name], str):
            raise ControlError('%s must be a string' % name)
    record.setdefault('CreateTime', utc_now_text())
    if parse_utc(record['CreateTime']) is None:
        raise ControlError('CreateTime must look like 2026-01-01T00:00:00Z')
    return record
