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

from ansible_collections.alicloud.live.plugins.module_utils._resource import Field, Read, Resource

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
_STREAM_EMPTY_RULE = ('leave the option out to mean the application-level config, which applies to every stream of the '
                      'application')


def _auto_compose_needs_group(config, given):
    """AutoCompose=ON without the group for the merged video is refused by the API."""
    if config.get('auto_compose') is True and not config.get('compose_vod_transcode_group_id'):
        return 'auto_compose is true but compose_vod_transcode_group_id is not set'
    return None


FIELDS = (
    Field('domain_name', 'DomainName', 'str', identity=True, lower=True, pattern=_DOMAIN_PATTERN, rule=_DOMAIN_RULE,
          required_to_add=True),
    Field('app_name', 'AppName', 'str', identity=True, pattern=_NAME_PATTERN, rule=_NAME_RULE, required_to_add=True),
    # The API stores the application-level config with an empty stream name.
    Field('stream_name', 'StreamName', 'str', default='', identity=True, pattern=_NAME_PATTERN, rule=_NAME_RULE,
          empty_rule=_STREAM_EMPTY_RULE),
    Field('vod_transcode_group_id', 'VodTranscodeGroupId', 'str', pattern=_ID_PATTERN, rule=_ID_RULE, required_to_add=True),
    Field('cycle_duration', 'CycleDuration', 'int', default=3600, value_range=(300, 21600), unit='seconds'),
    Field('auto_compose', 'AutoCompose', 'bool', default=False),
    Field('compose_vod_transcode_group_id', 'ComposeVodTranscodeGroupId', 'str', default='', pattern=_ID_PATTERN, rule=_ID_RULE),
    # UpdateLiveRecordVodConfig has no StorageLocation parameter.
    Field('storage_location', 'StorageLocation', 'str', default='', updatable=False, pattern=_LOCATION_PATTERN,
          rule=_LOCATION_RULE),
    # 0 records every stream, 1 on demand through an HTTP callback; newer references add 2 and 7.
    Field('on_demand', 'OnDemand', 'int', default=0, choices=[0, 1, 2, 7]),
)

RECORD_VOD = Resource(
    'record_vod_config', 'config', FIELDS,
    actions=dict(describe=DESCRIBE, add=ADD, update=UPDATE, delete=DELETE),
    read=Read(DESCRIBE, items='LiveRecordVodConfigs.LiveRecordVodConfig', page_param='PageNum', size_param='PageSize',
              total_key='Total', page_size=100),
    already_exists=('ConfigAlreadyExists',),
    rules=(_auto_compose_needs_group,),
    read_only=dict(create_time='CreateTime'),
)
