#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: live_record_vod_config
short_description: Manage an ApsaraVideo Live Live-to-VOD recording configuration
version_added: 0.1.0
description:
  - Creates, updates or removes one Live-to-VOD configuration of Alibaba Cloud ApsaraVideo Live. Such a configuration
    makes the live service cut the streams of a domain and application (or of one stream) into recordings stored in
    the media library of ApsaraVideo VOD.
  - The module reads the configuration first and writes only what differs, so a second identical run reports
    RV(ignore:changed=false) and makes no write call.
  - After a write it reads the configuration back, and fails if the service acknowledged the write but did not apply it.
  - A configuration is identified by O(domain_name), O(app_name) and O(stream_name); without O(stream_name) it is the
    application-level configuration, which applies to every stream of the application.
  - When the add call answers C(ConfigAlreadyExists) because another run created the configuration at the same time,
    the module reads it again and reconciles instead of failing.
author:
  - alicloud.live maintainers (@alicloud-live)
options:
  domain_name:
    description:
      - The main streaming domain. It must belong to the account.
      - A domain name such as V(live.example.com).
    type: str
    required: true
    aliases: [DomainName]
  app_name:
    description:
      - The name of the application the streams belong to.
      - Letters, digits, hyphens and underscores, 1 to 255 characters.
    type: str
    required: true
    aliases: [AppName]
  stream_name:
    description:
      - The name of one live stream, for a stream-level configuration.
      - Leave it unset for the application-level configuration (stored with an empty stream name).
      - Letters, digits, hyphens and underscores, 1 to 255 characters.
    type: str
    aliases: [StreamName]
  vod_transcode_group_id:
    description:
      - The ID of the ApsaraVideo VOD transcoding template group used for the recordings,
        for example V(VOD_NO_TRANSCODE) for no transcoding.
      - Letters, digits, hyphens and underscores, 1 to 128 characters.
      - Required when O(state=present).
    type: str
    aliases: [VodTranscodeGroupId]
  cycle_duration:
    description:
      - The recording cycle in seconds, from V(300) to V(21600).
    type: int
    default: 3600
    aliases: [CycleDuration]
  auto_compose:
    description:
      - Whether the recordings of a stream are merged automatically by the ApsaraVideo VOD editing and production feature.
      - Every spelling Ansible knows as a boolean works, including V(ON)/V(OFF), V(on)/V(off), V(yes)/V(no) and V(true)/V(false);
        the API receives C(AutoCompose=ON) or C(AutoCompose=OFF).
    type: bool
    default: false
    aliases: [AutoCompose]
  compose_vod_transcode_group_id:
    description:
      - The ID of the ApsaraVideo VOD transcoding template group used for the merged video.
      - Letters, digits, hyphens and underscores, 1 to 128 characters.
      - Required when O(auto_compose=true).
    type: str
    aliases: [ComposeVodTranscodeGroupId]
  storage_location:
    description:
      - The storage location of the recordings.
      - Letters, digits, dots, hyphens, underscores, colons and slashes, 1 to 255 characters.
      - The API cannot change it on an existing configuration; see O(allow_recreate).
      - When not set, the stored value is kept and not compared.
    type: str
    aliases: [StorageLocation]
  on_demand:
    description:
      - V(0) records every stream; V(1) records on demand, decided by an HTTP callback.
    type: int
    choices: [0, 1]
    default: 0
    aliases: [OnDemand]
  allow_recreate:
    description:
      - When the stored configuration differs in a field the update call cannot change (O(storage_location)),
        delete it and add it again with the wanted values.
      - When V(false), such a difference fails the task with a message that names the field, and nothing is changed.
    type: bool
    default: false
  state:
    description:
      - V(present) makes sure the configuration exists with the given values; V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.live.connection
  - alicloud.live.credentials
  - alicloud.live.attributes
  - alicloud.live.attributes.STATE_MODULE
seealso:
  - module: alicloud.live.live_record_vod_config_info
'''

EXAMPLES = r'''
- name: Record every stream of the app into ApsaraVideo VOD, merged automatically
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    cycle_duration: 1800
    auto_compose: true
    compose_vod_transcode_group_id: 9c1e7d5a0b6f4a3e8d2c1b0a9f8e7d6c

- name: A stream-level configuration, recorded on demand
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    stream_name: final
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    on_demand: 1

- name: Move the recordings to another storage location (delete and add again)
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    storage_location: outin-archive.oss-cn-shanghai.aliyuncs.com
    allow_recreate: true

- name: Set the connection once for every module of the collection
  module_defaults:
    group/alicloud.live.live:
      region_id: cn-shanghai
      access_key_id: "{{ vault_live_access_key_id }}"
      access_key_secret: "{{ vault_live_access_key_secret }}"
  block:
    - name: Remove the stream-level configuration
      alicloud.live.live_record_vod_config:
        domain_name: live.example.com
        app_name: sports
        stream_name: final
        state: absent
'''

RETURN = r'''
config:
  description:
    - The configuration as stored after the task; in check mode, as it would be stored.
    - Empty when the configuration is absent.
  returned: always
  type: dict
  contains:
    domain_name:
      description: The streaming domain.
      type: str
      sample: live.example.com
    app_name:
      description: The application name.
      type: str
      sample: sports
    stream_name:
      description: The stream name; empty for the application-level configuration.
      type: str
      sample: ''
    vod_transcode_group_id:
      description: The VOD transcoding template group ID.
      type: str
      sample: e2d796d3bb5fd8049d32bff62f94e3a1
    cycle_duration:
      description: The recording cycle in seconds.
      type: int
      sample: 3600
    auto_compose:
      description: Whether automatic merging is on.
      type: bool
      sample: true
    compose_vod_transcode_group_id:
      description: The transcoding template group ID for merged videos; empty when unset.
      type: str
      sample: 9c1e7d5a0b6f4a3e8d2c1b0a9f8e7d6c
    storage_location:
      description: The storage location; empty when unset.
      type: str
      sample: ''
    on_demand:
      description: 0 for always, 1 for on-demand recording.
      type: int
      sample: 0
    create_time:
      description: When the configuration was created (UTC, ISO 8601), as the API reports it.
      type: str
      sample: '2026-11-25T11:00:00Z'
action:
  description:
    - What the task did, or in check mode would do, to the configuration.
    - V(recreated) means deleted and added again, to change O(storage_location).
  returned: always
  type: str
  choices: [created, updated, recreated, deleted, none]
  sample: updated
differences:
  description:
    - The options whose values the task changed, or in check mode would change; empty when nothing changes.
    - For a creation, every option that has a value.
  returned: always
  type: list
  elements: str
  sample: [cycle_duration, on_demand]
request_ids:
  description: The RequestId of every API call the task made, in order, the STS call for temporary credentials first.
  returned: always
  type: list
  elements: str
  sample: [16A96B9A-F203-4EC5-8E43-CB92E68F4CD8]
error:
  description: The API error that failed the task.
  returned: failure after an API error
  type: dict
  contains:
    action:
      description: The API action that failed.
      type: str
      sample: AddLiveRecordVodConfig
    code:
      description: The error code of the API, or of the SDK for network faults.
      type: str
      sample: InvalidDomain.NotFound
    message:
      description: The error message.
      type: str
    http_status:
      description: The HTTP status, or null when no response arrived.
      type: int
      sample: 404
    request_id:
      description: The RequestId of the failed call, when there is one.
      type: str
    attempts:
      description: How many attempts were made.
      type: int
      sample: 1
'''

import time

from ansible_collections.alicloud.live.plugins.module_utils._client import LiveApiError
from ansible_collections.alicloud.live.plugins.module_utils._module import LiveModule
from ansible_collections.alicloud.live.plugins.module_utils import _record_vod as record_vod


ARGUMENT_SPEC = dict(
    domain_name=dict(type='str', required=True, aliases=['DomainName']),
    app_name=dict(type='str', required=True, aliases=['AppName']),
    stream_name=dict(type='str', aliases=['StreamName']),
    vod_transcode_group_id=dict(type='str', aliases=['VodTranscodeGroupId']),
    cycle_duration=dict(type='int', default=record_vod.DEFAULT_CYCLE_DURATION, aliases=['CycleDuration']),
    auto_compose=dict(type='bool', default=False, aliases=['AutoCompose']),
    compose_vod_transcode_group_id=dict(type='str', aliases=['ComposeVodTranscodeGroupId']),
    storage_location=dict(type='str', aliases=['StorageLocation']),
    on_demand=dict(type='int', choices=record_vod.ON_DEMAND_CHOICES, default=0, aliases=['OnDemand']),
    allow_recreate=dict(type='bool', default=False),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)

ADD = 'AddLiveRecordVodConfig'
UPDATE = 'UpdateLiveRecordVodConfig'
DELETE = 'DeleteLiveRecordVodConfig'


class RecordVodConfig:
    """Brings one Live-to-VOD config to the wanted state."""

    # A write the service acknowledged is read back this many times before it counts as lost.
    READ_BACK_ATTEMPTS = 3

    def __init__(self, live):
        self.live = live
        self.params = live.params
        self.client = live.client()
        self.changed = False
        self.action = 'none'
        self.differences = []

    def read(self):
        configs = self.client.describe_all(record_vod.identity_params(self.params))
        return record_vod.find(configs, self.params)

    def write(self, action, api_params, outcome):
        if not self.live.check_mode:
            self.client.call(action, api_params)
        self.changed = True
        self.action = outcome

    def present(self, current):
        if current is None:
            return self.create()
        wanted = record_vod.merged(self.params, current)
        self.differences = record_vod.differences(self.params, current)
        if not self.differences:
            return current
        if 'storage_location' in self.differences:
            if not self.params['allow_recreate']:
                self.live.fail_json(
                    msg='The stored config differs in storage_location (stored %r, wanted %r), which '
                        'UpdateLiveRecordVodConfig cannot change. Set allow_recreate=true to delete the config and add it '
                        'again with the wanted values, or leave storage_location unset to keep the stored one.'
                        % (current['storage_location'], self.params['storage_location']),
                    config=current, differences=self.differences)
            return self.recreate(current, wanted)
        try:
            self.write(UPDATE, record_vod.update_params(wanted), 'updated')
        except LiveApiError as error:
            if not error.is_not_found:
                raise
            # Deleted by another writer since our read: add it instead.
            return self.create()
        return wanted

    def create(self):
        wanted = record_vod.wanted_config(self.params)
        self.differences = record_vod.given(self.params, include_identity=True)
        try:
            self.write(ADD, record_vod.add_params(wanted), 'created')
        except LiveApiError as error:
            if error.code != 'ConfigAlreadyExists':
                raise
            # Another writer created it between our read and our add: reconcile with what it wrote.
            current = self.read()
            if current is None:
                raise
            result = self.present(current)
            # An earlier attempt of our own add may have been the one that landed.
            if error.ambiguous and not self.changed:
                self.changed, self.action = True, 'created'
            return result
        return wanted

    def recreate(self, current, wanted):
        self.write(DELETE, record_vod.identity_params(current), 'deleted')
        try:
            self.write(ADD, record_vod.add_params(wanted), 'recreated')
        except LiveApiError as error:
            restored = self.restore(current)
            self.live.fail_api(error, 'add the config again after deleting it to change storage_location; the previous config '
                               + ('was restored' if restored else 'could NOT be restored and is now absent: rerun the task'))
        return wanted

    def restore(self, previous):
        try:
            self.client.call(ADD, record_vod.add_params(previous))
            return True
        except LiveApiError:
            return False

    def absent(self, current):
        if current is None:
            return {}
        try:
            self.write(DELETE, record_vod.identity_params(self.params), 'deleted')
        except LiveApiError as error:
            if not error.is_not_found:
                raise
            # Another writer deleted it first: the wanted state holds and we changed nothing,
            # unless an earlier attempt of our own delete was the one that landed.
            self.changed = error.ambiguous
            self.action = 'deleted' if error.ambiguous else 'none'
        return {}

    def read_back(self):
        """The stored config once it shows the write; fail when the service did not apply it."""
        for attempt in range(self.READ_BACK_ATTEMPTS):
            if attempt:
                time.sleep(min(1.0, self.client.settings.retry_policy.delay))
            stored = self.read()
            if self.params['state'] == 'absent':
                if stored is None:
                    return {}
                problem = 'the config is still there'
            elif stored is None:
                problem = 'the config is not there'
            else:
                differing = record_vod.differences(self.params, stored)
                if not differing:
                    return stored
                problem = 'the stored config still differs in %s' % ', '.join(differing)
        self.live.fail_json(
            msg='The service acknowledged the change (%s) but reading the config back %d times shows that %s: '
                'it was not applied. Rerun the task.' % (self.action, self.READ_BACK_ATTEMPTS, problem),
            config=stored or {})
        return None

    def run(self):
        current = self.read()
        if self.params['state'] == 'absent':
            after = self.absent(current)
        else:
            after = self.present(current)
        if self.changed and not self.live.check_mode:
            after = self.read_back()
        return current, after


def main():
    live = LiveModule(
        argument_spec=ARGUMENT_SPEC,
        required_if=[
            ('state', 'present', ['vod_transcode_group_id']),
            ('auto_compose', True, ['compose_vod_transcode_group_id']),
        ],
        supports_check_mode=True,
    )
    params = live.params
    if params.get('stream_name') == '':
        # An empty stream name is how the API stores the application-level config.
        params['stream_name'] = None
    errors = record_vod.validate(params, ['domain_name', 'app_name', 'stream_name', 'vod_transcode_group_id',
                                          'compose_vod_transcode_group_id', 'storage_location', 'cycle_duration'])
    if errors:
        live.fail_json(msg='; '.join(errors))

    manager = RecordVodConfig(live)
    before, after = live.run(manager.run, 'manage the Live-to-VOD config')
    result = dict(changed=manager.changed, config=after, action=manager.action,
                  differences=manager.differences if manager.changed else [])
    if live.module._diff:
        result['diff'] = dict(before=before or {}, after=after)
    live.exit_json(**result)


if __name__ == '__main__':
    main()
