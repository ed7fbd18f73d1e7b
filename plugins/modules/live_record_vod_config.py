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
  - Options left out are never changed on an existing configuration; the stored values are kept, including values this
    module cannot set itself. The API's defaults apply only when the module creates a configuration.
  - After a write it reads the configuration back, and fails if the service acknowledged the write but did not apply it.
  - A configuration is identified by O(domain_name), O(app_name) and O(stream_name); without O(stream_name) it is the
    application-level configuration, which applies to every stream of the application.
  - When the add call answers C(ConfigAlreadyExists) because another run created the configuration at the same time,
    the module reads it again and reconciles instead of failing. A service that keeps answering as if the configuration
    were created and deleted at the same time ends in a clear error after three rounds.
  - A task that fails after a write took effect (for example a recreate whose add failed, or a write whose read-back
    failed) reports RV(ignore:changed=true).
author:
  - alicloud.live maintainers (@alicloud-live)
options:
  domain_name:
    description:
      - The main streaming domain. It must belong to the account.
      - A domain name such as V(live.example.com). It is sent in lowercase, since DNS names are case-insensitive.
    type: str
    required: true
    aliases: [DomainName]
  app_name:
    description:
      - The name of the application the streams belong to.
      - Letters, digits, hyphens and underscores, 1 to 255 characters; or V(*), the API's wildcard for every application
        of the domain.
    type: str
    required: true
    aliases: [AppName]
  stream_name:
    description:
      - The name of one live stream, for a stream-level configuration.
      - Leave it out for the application-level configuration (stored with an empty stream name), which applies to every
        stream of the application.
      - Letters, digits, hyphens and underscores, 1 to 255 characters. An empty value is refused, so that a variable that
        templates to an empty string does not silently select the application-level configuration.
    type: str
    aliases: [StreamName]
  vod_transcode_group_id:
    description:
      - The ID of the ApsaraVideo VOD transcoding template group used for the recordings,
        for example V(VOD_NO_TRANSCODE) for no transcoding.
      - Letters, digits, hyphens and underscores, 1 to 128 characters.
      - Required when O(state=present), unless O(record_formats) is given; with O(record_formats) the API ignores it, and
        it is still sent when given.
    type: str
    aliases: [VodTranscodeGroupId]
  cycle_duration:
    description:
      - The recording cycle in seconds, from V(300) to V(21600).
      - Left out, the stored value is kept; a new configuration gets the API's default, V(3600).
    type: int
    aliases: [CycleDuration]
  auto_compose:
    description:
      - Whether the recordings of a stream are merged automatically by the ApsaraVideo VOD editing and production feature.
      - Every spelling Ansible knows as a boolean works, including V(ON)/V(OFF), V(on)/V(off), V(yes)/V(no) and V(true)/V(false);
        the API receives C(AutoCompose=ON) or C(AutoCompose=OFF).
      - Left out, the stored value is kept; a new configuration gets the API's default, off.
    type: bool
    aliases: [AutoCompose]
  compose_vod_transcode_group_id:
    description:
      - The ID of the ApsaraVideo VOD transcoding template group used for the merged video.
      - Letters, digits, hyphens and underscores, 1 to 128 characters.
      - Required when O(auto_compose=true).
      - Left out, the stored value is kept; a new configuration has none.
    type: str
    aliases: [ComposeVodTranscodeGroupId]
  storage_location:
    description:
      - The storage location of the recordings.
      - Letters, digits, dots, hyphens, underscores, colons and slashes, 1 to 255 characters.
      - The API cannot change it on an existing configuration; see O(allow_recreate).
      - Left out, the stored value is kept and not compared; a new configuration has none (the service's default location).
    type: str
    aliases: [StorageLocation]
  on_demand:
    description:
      - Whether and how streams are recorded on demand.
      - V(0) turns on-demand recording off, so every stream is recorded.
      - V(1) records on demand, as an HTTP callback decides for each stream.
      - V(2) records on demand, as parameters of the stream's ingest URL decide.
      - V(7) records by default. V(2) and V(7) are listed by newer references of the API; the module passes them through.
      - Left out, the stored value is kept, whatever it is; a new configuration gets the API's default, V(0).
    type: int
    choices: [0, 1, 2, 7]
    aliases: [OnDemand]
  delay_time:
    description:
      - How long an interrupted stream may stay away, in seconds from V(15) to V(21600), and still be recorded into the same
        file when it comes back.
      - Left out, the stored value is kept; a new configuration gets the service's default.
    type: int
    aliases: [DelayTime]
  record_content:
    description:
      - What is recorded, as a list. V(raw) records the stream as ingested, V(transcode) records its transcoded streams (see
        O(transcode_templates)), and both may be given. The API receives them comma-joined, C(RecordContent=raw,transcode).
      - V(transcode) needs a non-empty O(transcode_templates) in the resulting configuration.
      - The order does not matter. The update call cannot change it on an existing configuration; see O(allow_recreate).
      - Left out, the stored value is kept and not compared; a new configuration gets the API's default, V([raw]).
    type: list
    elements: str
    choices: [raw, transcode]
    aliases: [RecordContent]
  transcode_templates:
    description:
      - The transcoding templates whose transcoded streams are recorded, with O(record_content=[transcode]).
      - The order does not matter. Left out, the stored templates are kept (and resent with every update).
    type: list
    elements: str
    aliases: [TranscodeTemplates]
  space_id:
    description:
      - The ApsaraVideo VOD application space the recordings go to, where VOD application spaces are enabled.
      - The API sets it only when it adds a configuration; a change needs O(allow_recreate).
      - Left out, the stored value is kept and not compared; a new configuration has none.
    type: str
    aliases: [SpaceId]
  record_formats:
    description:
      - Per-format recording. One item per format; each format may appear once. The list is compared as a set keyed by
        O(record_formats[].format), so the order of the items never causes a change.
      - Given, the list is the whole list of formats, and formats not listed are removed. Inside an item, a suboption left out
        keeps the stored value of that format; a new format gets the API's defaults.
      - Left out, the stored formats are kept (and resent with every update).
      - With it, O(vod_transcode_group_id) is not needed (it is still sent when given), and
        O(auto_compose=true) or O(compose_vod_transcode_group_id) are refused, since the API ignores them then; merge per
        format with O(record_formats[].auto_compose).
    type: list
    elements: dict
    aliases: [RecordFormat]
    suboptions:
      format:
        description:
          - The file format.
        type: str
        required: true
        choices: [m3u8, flv, mp4]
        aliases: [Format]
      slice_duration:
        description:
          - The length of the m3u8 slices in seconds, from V(5) to V(30); the API's default is V(30).
          - For V(m3u8) only.
        type: int
        aliases: [SliceDuration]
      auto_compose:
        description:
          - Whether the recordings in this format are merged automatically. The API's default is V(false).
        type: bool
        aliases: [AutoCompose]
      process_method:
        description:
          - How the recordings in this format are processed; V(transcode) with a transcoding template group,
            V(workflow) with a workflow.
          - Together with O(record_formats[].process_template_id), or neither.
        type: str
        choices: [transcode, workflow]
        aliases: [ProcessMethod]
      process_template_id:
        description:
          - The ID of the transcoding template group or of the workflow, as O(record_formats[].process_method) says.
        type: str
        aliases: [ProcessTemplateId]
      tags:
        description:
          - Tags of the recordings in this format.
        type: str
        aliases: [Tags]
      video_process:
        description:
          - What is produced, as a list; V(origin) the recording itself, V(compose) the merged video. The API's default is
            V([origin]). The order does not matter.
        type: list
        elements: str
        choices: [origin, compose]
        aliases: [VideoProcess]
  allow_recreate:
    description:
      - When the stored configuration differs in a field the update call cannot change (O(storage_location),
        O(record_content) or O(space_id)), delete it and add it again with the wanted values. Every stored value the task
        does not change is added again, O(record_formats), O(transcode_templates) and O(delay_time) included.
      - A stored configuration with keys this module does not know (see RV(config.extra)) is never deleted; the task
        fails before any write and names the keys.
      - When V(false), such a difference fails the task with a message that names the field, and nothing is changed.
    type: bool
    default: false
  state:
    description:
      - V(present) makes sure the configuration exists with the given values and keeps the stored values of the options
        left out; V(absent) removes it.
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

- name: Move the recordings to another storage location (delete and add again, keeping every other stored value)
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    storage_location: outin-archive.oss-cn-shanghai.aliyuncs.com
    allow_recreate: true

- name: Change only the recording cycle; auto_compose, on_demand and the rest stay as stored
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    cycle_duration: 7200

- name: Back to the API defaults, stated explicitly
  alicloud.live.live_record_vod_config:
    domain_name: live.example.com
    app_name: sports
    vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
    cycle_duration: 3600
    auto_compose: false
    on_demand: 0

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
    - The configuration as stored after the task; in check mode, as it would be stored, with the same keys.
    - Empty when the configuration is absent.
    - In check mode a configuration to be created has RV(config.create_time=null), since the service sets it.
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
      description: 0 records every stream; 1, 2 and 7 are the on-demand modes described under O(on_demand).
      type: int
      sample: 0
    delay_time:
      description: The interruption delay in seconds; null when the service reports none.
      type: int
      sample: 180
    record_content:
      description: What is recorded, V(raw) and/or V(transcode), in that order.
      type: list
      elements: str
      sample: [raw]
    transcode_templates:
      description: The transcoding templates whose streams are recorded, sorted; empty when none.
      type: list
      elements: str
      sample: [sd, hd]
    space_id:
      description: The ApsaraVideo VOD application space; empty when unset.
      type: str
      sample: ''
    record_formats:
      description:
        - The per-format settings, sorted by format (m3u8, flv, mp4); every suboption of O(record_formats) is present, with
          the API's defaults where the service reports none. Empty when the configuration has none.
      type: list
      elements: dict
      sample: [{format: m3u8, slice_duration: 30, auto_compose: false, process_method: '', process_template_id: '',
                tags: '', video_process: [origin]}]
    extra:
      description:
        - Keys of the stored configuration that this module does not know, as the API names them; an empty dict when there
          are none. Every update keeps them.
      type: dict
      sample: {}
    create_time:
      description:
        - When the configuration was created (UTC, ISO 8601), as the API reports it.
        - V(null) in check mode for a configuration to be created.
      type: str
      sample: '2026-11-25T11:00:00Z'
action:
  description:
    - What the task did, or in check mode would do, to the configuration.
    - V(recreated) means deleted and added again, to change O(storage_location), O(record_content) or O(space_id).
  returned: always
  type: str
  choices: [created, updated, recreated, deleted, none]
  sample: updated
differences:
  description:
    - The options whose values the task changed, or in check mode would change; empty when nothing changes.
    - For a creation, every field the new configuration has a value for, the API's defaults included.
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
      returned: failure
      type: str
      sample: AddLiveRecordVodConfig
    code:
      description: The error code of the API, or of the SDK for network faults.
      returned: failure
      type: str
      sample: InvalidDomain.NotFound
    message:
      description: The error message.
      returned: failure
      type: str
    http_status:
      description: The HTTP status, or null when no response arrived.
      returned: failure
      type: int
      sample: 404
    request_id:
      description: The RequestId of the failed call, when there is one.
      returned: failure
      type: str
    attempts:
      description: How many attempts were made.
      returned: failure
      type: int
      sample: 1
    seconds:
      description: The seconds spent on the failed call, all its attempts and waits included.
      returned: failure
      type: float
      sample: 0.4
'''

from ansible_collections.alicloud.live.plugins.module_utils._module import LiveModule
from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD


ARGUMENT_SPEC = dict(
    RECORD_VOD.argument_spec(required=['domain_name', 'app_name']),
    allow_recreate=dict(type='bool', default=False),
    state=dict(type='str', choices=[planner.PRESENT, planner.ABSENT], default=planner.PRESENT),
)


def outputs(step, changed, config):
    """The result keys every run reports, in check mode as in a real run."""
    return dict(changed=changed, config=config or {}, action=step.action if changed else 'none',
                differences=list(step.differences) if changed else [])


def main():
    live = LiveModule(
        argument_spec=ARGUMENT_SPEC,
        required_if=[
            # With record_formats the API no longer needs a transcoding group for the whole config.
            ('state', 'present', ['vod_transcode_group_id', 'record_formats'], True),
            ('auto_compose', True, ['compose_vod_transcode_group_id']),
        ],
        supports_check_mode=True,
    )
    errors = RECORD_VOD.validate(live.params, rules=live.params['state'] == planner.PRESENT)
    if errors:
        live.fail_json(msg='; '.join(errors))
    # This one config, present or absent.
    wanted = RECORD_VOD.normalize(live.params)

    def work():
        client = live.client()
        stored = planner.read_config(client, RECORD_VOD, wanted)
        step = planner.plan(RECORD_VOD, [wanted], [stored] if stored else [], live.params['state'],
                            allow_recreate=live.params['allow_recreate']).steps[0]
        if step.blocked or live.check_mode:
            return step, None
        return step, planner.execute_step(client, step)

    step, result = live.run(work, 'manage the Live-to-VOD config')
    if step.blocked:
        live.fail_json(msg=step.blocked, **outputs(step, False, step.before))
    if result is None:
        # Check mode: the plan is the prediction.
        report = outputs(step, step.writes, step.after)
    else:
        # After a race the executed step is the one planned against what was read again.
        step = result.step
        report = outputs(step, result.changed, result.after)
    if live.module._diff:
        report['diff'] = dict(before=step.before or {}, after=report['config'])
    if result is not None and result.failed:
        if result.error:
            report['error'] = result.error
        live.fail_json(msg=result.message, **report)
    live.exit_json(**report)


if __name__ == '__main__':
    main()
