# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Live-to-VOD recording configs: the field table and every other fact about the resource.

Many per domain; identity domain + app + stream (the application-level config has an empty
stream name); DescribeLiveRecordVodConfigs answers in pages. Everything the modules, the
planner and the client need to know about this resource is here (see _resource.py).
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.alicloud.live.plugins.module_utils._resource import EXTRA, Field, Read, Resource

DESCRIBE = 'DescribeLiveRecordVodConfigs'
ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'

# The API's naming rules, stated in the messages so users can fix their input.
_NAME_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 255 characters'
_NAME_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,255}')
# The API's wildcard: one config for every application of the domain.
_APP_RULE = _NAME_RULE + ', or * for every application of the domain'
_APP_PATTERN = re.compile(r'\*|[A-Za-z0-9_-]{1,255}')
_DOMAIN_RULE = 'a domain name such as live.example.com: labels of letters, digits and hyphens separated by dots, at most 253 characters'
_DOMAIN_PATTERN = re.compile(r'(?=.{1,253}\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]')
_ID_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 128 characters'
_ID_PATTERN = re.compile(r'[A-Za-z0-9_-]{1,128}')
_LOCATION_RULE = 'letters, digits, dots (.), hyphens (-), underscores (_), colons (:) and slashes (/), 1 to 255 characters'
_LOCATION_PATTERN = re.compile(r'[A-Za-z0-9._:/-]{1,255}')


def _auto_compose_needs_group(config, given):
    """AutoCompose=ON without the group for the merged video is refused by the API."""
    if config.get('auto_compose') is True and not config.get('compose_vod_transcode_group_id') and not config.get('record_formats'):
        return 'auto_compose is true but compose_vod_transcode_group_id is not set'
    return None


def _transcode_needs_templates(config, given):
    """RecordContent=transcode records transcoded streams: it needs at least one template."""
    if not given & set(['record_content', 'transcode_templates']):
        return None
    if 'transcode' in (config.get('record_content') or []) and config.get('transcode_templates') is not None \
            and not config['transcode_templates']:
        return 'record_content includes transcode but transcode_templates is empty: list at least one transcoding template'
    return None


def _formats_ignore_compose(config, given):
    """With RecordFormat the API ignores AutoCompose and ComposeVodTranscodeGroupId: refuse them rather than drop them."""
    if not given & set(['record_formats', 'auto_compose', 'compose_vod_transcode_group_id']) or not config.get('record_formats'):
        return None
    ignored = []
    if config.get('auto_compose') is True:
        ignored.append('auto_compose is true')
    if config.get('compose_vod_transcode_group_id'):
        ignored.append('compose_vod_transcode_group_id is set')
    if ignored:
        return ('%s together with record_formats: the API ignores them when record_formats is set; merge per format '
                'with record_formats[].auto_compose, and set auto_compose to false and compose_vod_transcode_group_id '
                'to an empty value' % ' and '.join(ignored))
    return None


def _slice_duration_for_m3u8(element):
    if element.get('slice_duration') is not None and element.get('format') not in (None, 'm3u8'):
        return 'slice_duration applies to the m3u8 format only, not to %s' % element.get('format')
    return None


def _process_method_with_template(element):
    if bool(element.get('process_method')) != bool(element.get('process_template_id')):
        return 'process_method and process_template_id go together: give both or neither'
    return None


def _slice_default(element):
    # The API's default slice for m3u8; the other formats have no slices.
    return 30 if element.get('format') == 'm3u8' else None


RECORD_FORMAT_OPTIONS = (
    Field('format', 'Format', 'str', choices=['m3u8', 'flv', 'mp4']),
    Field('slice_duration', 'SliceDuration', 'int', default=_slice_default, value_range=(5, 30), unit='seconds'),
    Field('auto_compose', 'AutoCompose', 'bool', default=False),
    Field('process_method', 'ProcessMethod', 'str', default='', choices=['transcode', 'workflow']),
    Field('process_template_id', 'ProcessTemplateId', 'str', default='', pattern=_ID_PATTERN, rule=_ID_RULE),
    Field('tags', 'Tags', 'str', default=''),
    Field('video_process', 'VideoProcess', 'list', elements='str', wire='joined', ordered=False, default=['origin'],
          choices=['origin', 'compose']),
)


FIELDS = (
    Field('domain_name', 'DomainName', 'str', identity=True, lower=True, pattern=_DOMAIN_PATTERN, rule=_DOMAIN_RULE,
          required_to_add=True),
    Field('app_name', 'AppName', 'str', identity=True, pattern=_APP_PATTERN, rule=_APP_RULE, required_to_add=True),
    # The API stores the application-level config with an empty stream name: '' names it, as leaving the option out does.
    Field('stream_name', 'StreamName', 'str', default='', identity=True, pattern=_NAME_PATTERN, rule=_NAME_RULE),
    # The API ignores it when RecordFormat is given, and then no longer needs it.
    Field('vod_transcode_group_id', 'VodTranscodeGroupId', 'str', pattern=_ID_PATTERN, rule=_ID_RULE,
          required_to_add=lambda config: not config.get('record_formats')),
    Field('cycle_duration', 'CycleDuration', 'int', default=3600, value_range=(300, 21600), unit='seconds'),
    Field('auto_compose', 'AutoCompose', 'bool', default=False),
    Field('compose_vod_transcode_group_id', 'ComposeVodTranscodeGroupId', 'str', default='', pattern=_ID_PATTERN, rule=_ID_RULE),
    # UpdateLiveRecordVodConfig has no StorageLocation parameter.
    Field('storage_location', 'StorageLocation', 'str', default='', updatable=False, pattern=_LOCATION_PATTERN,
          rule=_LOCATION_RULE),
    # 0 records every stream, 1 on demand through an HTTP callback; newer references add 2 and 7.
    Field('on_demand', 'OnDemand', 'int', default=0, choices=[0, 1, 2, 7]),
    Field('delay_time', 'DelayTime', 'int', value_range=(15, 21600), unit='seconds'),
    # UpdateLiveRecordVodConfig has no RecordContent parameter either.
    Field('record_content', 'RecordContent', 'list', elements='str', wire='joined', ordered=False, default=['raw'],
          choices=['raw', 'transcode'], updatable=False, send_default=False),
    # Describe answers with a string in a format it does not document: a JSON array, a comma-separated list or a list.
    Field('transcode_templates', 'TranscodeTemplates', 'list', elements='str', ordered=False),
    # AddLiveRecordVodConfig only.
    Field('space_id', 'SpaceId', 'str', default='', updatable=False),
    Field('record_formats', 'RecordFormat', 'list', elements='dict', options=RECORD_FORMAT_OPTIONS, key='format',
          read_names=('RecordFormatList.RecordFormat', 'RecordFormat'),
          rules=(_slice_duration_for_m3u8, _process_method_with_template)),
)

RECORD_VOD = Resource(
    'record_vod_config', 'config', FIELDS,
    actions=dict(describe=DESCRIBE, add=ADD, update=UPDATE, delete=DELETE),
    read=Read(DESCRIBE, items='LiveRecordVodConfigs.LiveRecordVodConfig', page_param='PageNum', size_param='PageSize',
              total_key='Total', page_size=100),
    already_exists=('ConfigAlreadyExists',),
    rules=(_auto_compose_needs_group, _transcode_needs_templates, _formats_ignore_compose),
    read_only=dict(create_time='CreateTime'),
    # Derived: true when RecordFormat holds the formats.
    ignored=('FormatConfig',),
)

# A domain's configs as a list: every field but the domain, which is named once beside the list
# (the resource module's config option, what state=gathered returns, the inventory's record_vod_configs).
ITEM_NAMES = [name for name in RECORD_VOD.field_names if name != 'domain_name']


def _unset(value):
    """None for an empty value; inside format items empty suboptions are left out, so the item reads back as valid input."""
    if isinstance(value, list):
        return [_unset(item) for item in value] or None
    if isinstance(value, dict):
        return dict((name, item) for name, item in value.items() if item not in (None, '', [])) or None
    return None if value == '' else value


def item_shape(config):
    """A stored config (module shape) as an item of a domain's list; empty values become None.

    Keys the collection does not know stay visible under ``extra``, as the API named them.
    """
    item = dict((name, _unset(config.get(name))) for name in ITEM_NAMES)
    item[EXTRA] = dict(config.get(EXTRA) or {}) or None
    return item


def gathered_shape(configs):
    """Module-shaped configs as a domain's list (what state=gathered returns), sorted by application and stream."""
    return sorted((item_shape(config) for config in configs), key=lambda item: (item['app_name'], item['stream_name'] or ''))


def read_domain(client, domain):
    """Every stored config of ``domain``, module shape, in as few Describe pages as the API allows."""
    return [RECORD_VOD.from_api(item) for item in client.read_all(RECORD_VOD, RECORD_VOD.identity_params(dict(domain_name=domain)))]
