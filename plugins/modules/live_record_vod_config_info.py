#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: live_record_vod_config_info
short_description: List ApsaraVideo Live Live-to-VOD recording configurations
version_added: 0.1.0
description:
  - Returns every Live-to-VOD configuration of a streaming domain, optionally narrowed to one application or one stream,
    reading all pages of the API's answer.
  - Keys are named like the options of M(alicloud.live.live_record_vod_config).
author:
  - alicloud.live maintainers (@alicloud-live)
options:
  domain_name:
    description:
      - The main streaming domain. It is sent in lowercase, since DNS names are case-insensitive.
    type: str
    required: true
    aliases: [DomainName]
  app_name:
    description:
      - Only return the configurations of this application, its application-level one and its stream-level ones.
    type: str
    aliases: [AppName]
  stream_name:
    description:
      - Only return the configurations of this stream.
      - An empty value, V(''), returns only application-level configurations (those without a stream name).
    type: str
    aliases: [StreamName]
extends_documentation_fragment:
  - alicloud.live.connection
  - alicloud.live.credentials
  - alicloud.live.attributes
  - alicloud.live.attributes.INFO_MODULE
seealso:
  - module: alicloud.live.live_record_vod_config
'''

EXAMPLES = r'''
- name: List every Live-to-VOD configuration of a domain
  alicloud.live.live_record_vod_config_info:
    domain_name: live.example.com
  register: recordings

- name: Show the application-level configuration of one app
  ansible.builtin.debug:
    msg: "{{ recordings.configs | selectattr('app_name', 'equalto', 'sports') | selectattr('stream_name', 'equalto', '') }}"

- name: Only one application
  alicloud.live.live_record_vod_config_info:
    domain_name: live.example.com
    app_name: sports
  register: sports_recordings

- name: Only application-level configurations, of every application
  alicloud.live.live_record_vod_config_info:
    domain_name: live.example.com
    stream_name: ''
  register: app_level_recordings
'''

RETURN = r'''
configs:
  description: The matching configurations; an empty list when none match.
  returned: always
  type: list
  elements: dict
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
      description: The stream name; empty for an application-level configuration.
      type: str
      sample: ''
    vod_transcode_group_id:
      description: The VOD transcoding template group ID.
      type: str
    cycle_duration:
      description: The recording cycle in seconds.
      type: int
      sample: 3600
    auto_compose:
      description: Whether automatic merging is on.
      type: bool
      sample: false
    compose_vod_transcode_group_id:
      description: The transcoding template group ID for merged videos; empty when unset.
      type: str
    storage_location:
      description: The storage location; empty when unset.
      type: str
    on_demand:
      description: 0 records every stream; 1, 2 and 7 are on-demand modes (see M(alicloud.live.live_record_vod_config)).
      type: int
      sample: 0
    delay_time:
      description: The interruption delay in seconds; null when the service reports none.
      type: int
      sample: 180
    record_content:
      description: What is recorded, V(raw) and/or V(transcode).
      type: list
      elements: str
      sample: [raw]
    transcode_templates:
      description: The transcoding templates whose streams are recorded, sorted; empty when none.
      type: list
      elements: str
      sample: []
    space_id:
      description: The ApsaraVideo VOD application space; empty when unset.
      type: str
    record_formats:
      description:
        - The per-format settings, sorted by format, each with the keys of the O(alicloud.live.live_record_vod_config#module:record_formats)
          option; empty when the configuration has none.
      type: list
      elements: dict
      sample: [{format: mp4, slice_duration: null, auto_compose: true, process_method: '', process_template_id: '',
                tags: '', video_process: [origin, compose]}]
    extra:
      description:
        - Keys of the stored configuration that the collection does not know, passed through as the API names them; an
          empty dict when there are none.
      type: dict
      sample: {}
    create_time:
      description: When the configuration was created (UTC, ISO 8601).
      type: str
      sample: '2026-11-25T11:00:00Z'
request_ids:
  description: The RequestId of every API call the task made, one per page read, after the STS call for temporary credentials if any.
  returned: always
  type: list
  elements: str
error:
  description:
    - The API error that failed the task.
    - Its keys, all returned on failure, are those of RV(alicloud.live.live_record_vod_config#module:error) in
      M(alicloud.live.live_record_vod_config), C(action), C(code), C(message), C(http_status), C(request_id),
      C(attempts) and C(seconds).
  returned: failure after an API error
  type: dict
'''

from ansible_collections.alicloud.live.plugins.module_utils._module import LiveModule
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD


ARGUMENT_SPEC = RECORD_VOD.argument_spec(RECORD_VOD.identity_names, required=['domain_name'])


def main():
    live = LiveModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    filters = RECORD_VOD.normalize(live.params)
    # An empty stream_name is this module's filter for application-level configs.
    errors = RECORD_VOD.validate(dict(filters, stream_name=filters['stream_name'] or None), RECORD_VOD.identity_names, rules=False)
    if errors:
        live.fail_json(msg='; '.join(errors))

    def read():
        items = live.client().read_all(RECORD_VOD, RECORD_VOD.identity_params(filters))
        # Exact filters: the API's own AppName filter also returns that app's stream-level configs.
        return [config for config in (RECORD_VOD.from_api(item) for item in items) if RECORD_VOD.matches(config, filters)]

    live.exit_json(changed=False, configs=live.run(read, 'list the Live-to-VOD configs'))


if __name__ == '__main__':
    main()
