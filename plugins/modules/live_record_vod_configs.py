#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: live_record_vod_configs
short_description: Manage all the Live-to-VOD recording configurations of an ApsaraVideo Live domain at once
version_added: 0.2.0
description:
  - Declarative management of the Live-to-VOD configurations of one Alibaba Cloud ApsaraVideo Live domain, following the
    resource-module convention of Ansible's network collections (O(config) and O(state) V(merged), V(replaced),
    V(overridden), V(deleted) or V(gathered)).
  - Made for domains with many applications and streams. The module reads the configurations of the domain once, in pages
    of 100 (a domain with N configurations costs ceil(N/100) read calls), plans every listed configuration against what it
    read, and then makes only the write calls that change something. A run that changes nothing makes no write call.
  - The writes run concurrently on at most O(concurrency) workers. Every API action, reads included, draws from the
    account's shared budget of O(rate_limit) calls per minute, which every task, fork and run of the collection on this
    controller shares (see O(budget_dir)). Throttling answers that still happen slow the budget down for a while and are
    retried with backoff, like every other call of the collection (O(retries), O(retry_timeout)).
  - B(Stopping early.) On SIGINT (Ctrl-C) or SIGTERM the module starts no further write, lets the calls in flight finish,
    reports and exits; RV(actions) marks the configurations it did not reach V(not_attempted). An error that every later
    call would meet too (an expired or invalid credential, a missing permission) stops the batch the same way. Running
    the task again finishes the job.
  - After the writes the module reads the domain again (in pages, not once per configuration) and checks every change
    against it. A change the service acknowledged but did not apply fails that configuration.
  - B(Partial failure.) When some configurations fail (an API error, a change not applied), the others are still
    applied and reported; the task fails, lists every configuration under RV(actions) with what happened to it, and
    gives the error code, message, HTTP status and RequestId of each failure. RV(ignore:changed) is V(true) when any write
    took effect. Running the task again writes only what is still missing.
  - The input is checked before any request. Duplicate configurations (the same O(config[].app_name) and
    O(config[].stream_name) twice), a value the API would refuse, or an empty list that would delete every
    configuration without O(allow_delete_all) fail the task before anything is read or written.
  - After reading, a configuration that cannot be carried out as given (a new configuration without
    O(config[].vod_transcode_group_id), a change of O(config[].storage_location) without O(allow_recreate)) fails the task
    before any write, so that nothing is half-applied; RV(actions) marks those configurations V(failed) and every other
    one V(unchanged).
  - To manage one configuration, M(alicloud.live.live_record_vod_config) is simpler; to read configurations across domains
    with filters, use M(alicloud.live.live_record_vod_config_info).
author:
  - alicloud.live maintainers (@alicloud-live)
options:
  domain_name:
    description:
      - The main streaming domain whose configurations are managed. It must belong to the account.
      - Compared and sent in lowercase.
    type: str
    required: true
    aliases: [DomainName]
  config:
    description:
      - The configurations, one item per configuration. A configuration is identified by O(config[].app_name) and
        O(config[].stream_name); each pair may appear only once.
      - Each item has the options of M(alicloud.live.live_record_vod_config) and the same input rules; an error names the
        position of the item in the list (V(config[0]) is the first).
      - An option left out of an item is not given. O(state=merged) keeps its stored value; O(state=replaced) and
        O(state=overridden) reset it to the API's default (see each option); on creation the API's default applies.
      - Leave it out, or give an empty list, only with O(state=merged), O(state=replaced) (nothing happens),
        O(state=gathered), or with O(allow_delete_all=true).
    type: list
    elements: dict
    suboptions:
      app_name:
        description:
          - The name of the application the streams belong to.
          - Letters, digits, hyphens and underscores, 1 to 255 characters; or V(*), the API's wildcard for every
            application of the domain.
        type: str
        required: true
        aliases: [AppName]
      stream_name:
        description:
          - The name of one live stream, for a stream-level configuration.
          - Leave it out (or empty) for the application-level configuration, which applies to every stream of the
            application.
          - Letters, digits, hyphens and underscores, 1 to 255 characters.
        type: str
        aliases: [StreamName]
      vod_transcode_group_id:
        description:
          - The ID of the ApsaraVideo VOD transcoding template group used for the recordings, for example
            V(VOD_NO_TRANSCODE) for no transcoding.
          - Needed to create a configuration, unless O(config[].record_formats) is given (the API ignores it then; it is
            still sent when given). On an existing one, leaving it out keeps the stored value in every state.
          - Letters, digits, hyphens and underscores, 1 to 128 characters.
        type: str
        aliases: [VodTranscodeGroupId]
      cycle_duration:
        description:
          - The recording cycle in seconds, from V(300) to V(21600).
          - The API's default, V(3600), applies on creation and when O(state=replaced) or O(state=overridden) leaves it out.
        type: int
        aliases: [CycleDuration]
      auto_compose:
        description:
          - Whether the recordings of a stream are merged automatically.
          - The API receives C(AutoCompose=ON) or C(AutoCompose=OFF); the API's default is V(false).
          - V(true) needs O(config[].compose_vod_transcode_group_id).
        type: bool
        aliases: [AutoCompose]
      compose_vod_transcode_group_id:
        description:
          - The ID of the ApsaraVideo VOD transcoding template group used for the merged video.
          - Letters, digits, hyphens and underscores, 1 to 128 characters. The API's default is none.
        type: str
        aliases: [ComposeVodTranscodeGroupId]
      storage_location:
        description:
          - The storage location of the recordings.
          - Letters, digits, dots, hyphens, underscores, colons and slashes, 1 to 255 characters.
          - The API cannot change it on an existing configuration; see O(allow_recreate). When left out, the stored value
            is kept and not compared, in every state.
        type: str
        aliases: [StorageLocation]
      on_demand:
        description:
          - V(0) records every stream; V(1) records on demand, decided by an HTTP callback. Newer API references add
            V(2) and V(7).
          - The API's default is V(0).
          - One of V(0), V(1), V(2) and V(7). A value the stored configuration already has is accepted as it is, even
            another one, so that RV(gathered) can be given back as O(config). A change to a value outside these fails
            the task after the read and before any write.
        type: int
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
            O(config[].transcode_templates)), and both may be given. The API receives them comma-joined, C(RecordContent=raw,transcode).
          - V(transcode) needs a non-empty O(config[].transcode_templates) in the resulting configuration.
          - The order does not matter. The update call cannot change it on an existing configuration; see O(allow_recreate).
          - Left out, the stored value is kept and not compared; a new configuration gets the API's default, V([raw]).
          - Each element is one of V(raw) and V(transcode). A value the stored configuration already has is accepted as it is, even another one;
            only a change is checked against these, after the read and before any write.
        type: list
        elements: str
        aliases: [RecordContent]
      transcode_templates:
        description:
          - The transcoding templates whose transcoded streams are recorded, with O(config[].record_content=[transcode]).
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
            O(config[].record_formats[].format), so the order of the items never causes a change.
          - Given, the list is the whole list of formats, and formats not listed are removed. Inside an item, a suboption left out
            keeps the stored value of that format (O(state=merged)), or gets the API's default (O(state=replaced),
            O(state=overridden)); a new format gets the API's defaults.
          - Left out, the stored formats are kept (and resent with every update).
          - With it, O(config[].vod_transcode_group_id) is not needed (it is still sent when given), and
            O(config[].auto_compose=true) or O(config[].compose_vod_transcode_group_id) are refused, since the API ignores them then; merge per
            format with O(config[].record_formats[].auto_compose).
        type: list
        elements: dict
        aliases: [RecordFormat]
        suboptions:
          format:
            description:
              - The file format.
              - One of V(m3u8), V(flv) and V(mp4). A value the stored configuration already has is accepted as it is, even another one;
                only a change is checked against these, after the read and before any write.
            type: str
            required: true
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
              - Together with O(config[].record_formats[].process_template_id), or neither.
              - One of V(transcode) and V(workflow). A value the stored configuration already has is accepted as it is, even another one;
                only a change is checked against these, after the read and before any write.
            type: str
            aliases: [ProcessMethod]
          process_template_id:
            description:
              - The ID of the transcoding template group or of the workflow, as O(config[].record_formats[].process_method) says.
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
              - Each element is one of V(origin) and V(compose). A value the stored configuration already has is accepted as it is, even another one;
                only a change is checked against these, after the read and before any write.
            type: list
            elements: str
            aliases: [VideoProcess]
      extra:
        description:
          - Keys of a stored configuration that this collection does not know, as the API names them (RV(gathered) reports
            them so that nothing stored is hidden).
          - Accepted back so that RV(gathered) can be used as O(config) unchanged; it is not compared and never sent. The
            stored keys are kept by every update; a change that needs a delete and add again fails, naming them, when a
            configuration has such keys.
        type: dict
  state:
    description:
      - V(merged) creates the listed configurations that do not exist and updates the options given in the others;
        every other configuration of the domain, and every option not given, is left alone.
      - V(replaced) makes each listed configuration exactly as given; options left out go back to the API's defaults
        (O(config[].vod_transcode_group_id) and O(config[].storage_location), which have none, keep their stored value).
        Configurations not listed are left alone.
      - V(overridden) is V(replaced), and deletes every configuration of the domain that is not listed.
        With an empty list it deletes every configuration, which needs O(allow_delete_all=true).
      - V(deleted) deletes the listed configurations; only O(config[].app_name) and O(config[].stream_name) count.
        Without a list, or with an empty one, it deletes every configuration of the domain, which needs
        O(allow_delete_all=true).
      - V(gathered) returns the configurations of the domain in the shape of O(config) (RV(gathered)) and changes nothing.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered]
    default: merged
  allow_recreate:
    description:
      - When a stored configuration differs in O(config[].storage_location), O(config[].record_content) or
        O(config[].space_id), which the update call cannot change, delete it and add it again with the wanted values.
        RV(actions) reports it as V(updated), with the field among its RV(actions[].differences). Every stored value
        the task does not change is added again, formats, templates and delay included.
      - A configuration with stored keys the module does not know (O(config[].extra)) is never deleted; the task fails
        before any write and names the keys.
      - When V(false), such a difference fails the task before any write, naming the configuration and the field.
    type: bool
    default: false
  allow_delete_all:
    description:
      - Allow the task to delete every configuration of the domain, with O(state=deleted) and no or an empty O(config),
        or with O(state=overridden) and an empty O(config).
      - Without it, such a task fails before any request, so that a variable that happens to be empty never wipes
        a domain.
    type: bool
    default: false
  concurrency:
    description:
      - How many write calls may be in flight at once, from V(1) to V(32).
    type: int
    default: 4
extends_documentation_fragment:
  - alicloud.live.connection
  - alicloud.live.credentials
  - alicloud.live.attributes
  - alicloud.live.attributes.STATE_MODULE
notes:
  - Check mode reads the domain, plans every configuration and reports exactly what the run would do, with no write call.
  - Secrets never appear in the result; the connection options follow the rules of every module of the collection.
seealso:
  - module: alicloud.live.live_record_vod_config
  - module: alicloud.live.live_record_vod_config_info
'''

EXAMPLES = r'''
- name: Make sure these configs exist with these values; leave the rest of the domain alone
  alicloud.live.live_record_vod_configs:
    domain_name: live.example.com
    config:
      - app_name: sports
        vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
        cycle_duration: 1800
      - app_name: sports
        stream_name: final
        vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
        on_demand: 1

- name: The domain has exactly these configs; every other one is deleted
  alicloud.live.live_record_vod_configs:
    domain_name: live.example.com
    state: overridden
    config: "{{ live_example_com_configs }}"
  register: applied

- name: Show what changed
  ansible.builtin.debug:
    msg: "{{ applied.actions | rejectattr('action', 'equalto', 'unchanged') | list }}"

- name: Delete two stream-level configs
  alicloud.live.live_record_vod_configs:
    domain_name: live.example.com
    state: deleted
    config:
      - app_name: sports
        stream_name: final
      - app_name: sports
        stream_name: training

- name: Delete every config of a test domain (needs allow_delete_all)
  alicloud.live.live_record_vod_configs:
    domain_name: test.example.com
    state: deleted
    allow_delete_all: true

- name: Read the configs of a domain in the shape of the config option
  alicloud.live.live_record_vod_configs:
    domain_name: live.example.com
    state: gathered
  register: current

- name: Apply a large layout gently, when other jobs use the same account
  alicloud.live.live_record_vod_configs:
    domain_name: live.example.com
    config: "{{ live_example_com_configs }}"
    concurrency: 2
    rate_limit: 300
'''

RETURN = r'''
before:
  description:
    - The configurations of the domain as read before the task, in the shape of O(config), sorted by application and stream.
    - Options without a value (an application-level O(config[].stream_name), an unset
      O(config[].compose_vod_transcode_group_id) or O(config[].storage_location), no O(config[].record_formats)) are
      V(null); inside O(config[].record_formats) items, suboptions without a value are left out.
    - C(extra) holds the stored keys the module does not know, as the API names them (V(null) when there are none).
  returned: always, except when the task fails before reading
  type: list
  elements: dict
  sample:
    - app_name: sports
      stream_name: null
      vod_transcode_group_id: e2d796d3bb5fd8049d32bff62f94e3a1
      cycle_duration: 3600
      auto_compose: false
      compose_vod_transcode_group_id: null
      storage_location: null
      on_demand: 0
      delay_time: 180
      record_content: [raw]
      transcode_templates: null
      space_id: null
      record_formats:
        - format: m3u8
          slice_duration: 10
          auto_compose: false
          video_process: [origin]
      extra: null
after:
  description:
    - The configurations of the domain after the task, in the same shape as RV(before). After writes, as read back from
      the service; in check mode, as they would be.
  returned: always, except when the task fails before reading
  type: list
  elements: dict
gathered:
  description:
    - The configurations of the domain, in the shape of O(config) (the same as RV(before)); ready to use as O(config).
  returned: when O(state=gathered)
  type: list
  elements: dict
actions:
  description:
    - One entry per listed configuration, in the order of O(config), then one per configuration that O(state=overridden)
      or O(allow_delete_all) deletes. In check mode, what would happen.
  returned: always, except when the task fails before reading
  type: list
  elements: dict
  contains:
    key:
      description: The configuration's name inside the domain, V(app) or V(app/stream).
      type: str
      sample: sports/final
    app_name:
      description: The application name.
      type: str
      sample: sports
    stream_name:
      description: The stream name; empty for an application-level configuration.
      type: str
      sample: final
    action:
      description:
        - What happened to the configuration. V(updated) includes a delete and add again to change
          O(config[].storage_location) (O(allow_recreate)).
        - V(not_attempted) when the run stopped before reaching it (an interrupt, or an error that every call would meet).
      type: str
      choices: [created, updated, deleted, unchanged, failed, not_attempted]
      sample: updated
    applied:
      description:
        - Whether a write to this configuration took effect (or may have). V(true) with RV(actions[].action=failed) means
          the change was applied but could not be verified (reading it back failed or showed something else).
      type: bool
      sample: true
    differences:
      description:
        - The options that changed (or would change, or were to change when the configuration failed), each with its
          value before and after. Empty when nothing changes.
      type: dict
      sample: {cycle_duration: {before: 3600, after: 1800}}
    error:
      description: Why the configuration failed.
      returned: when RV(actions[].action=failed)
      type: dict
      contains:
        code:
          description: The error code of the API (or of the SDK for network faults); null when the module refused the change itself.
          type: str
          sample: Throttling.User
        message:
          description: What went wrong and what to do about it, with the code, HTTP status and RequestId of the API error.
          type: str
        http_status:
          description: The HTTP status of the failed call, or null.
          type: int
          sample: 400
        request_id:
          description: The RequestId of the failed call, when there is one.
          type: str
          sample: 16A96B9A-F203-4EC5-8E43-CB92E68F4CD8
request_ids:
  description: The RequestId of every API call the task made.
  returned: always
  type: list
  elements: str
  sample: [16A96B9A-F203-4EC5-8E43-CB92E68F4CD8]
'''

import time

from ansible_collections.alicloud.live.plugins.module_utils._client import BATCH_STOPPING_CODES, CallCancelled, LiveApiError
from ansible_collections.alicloud.live.plugins.module_utils import _diff as diff_mode
from ansible_collections.alicloud.live.plugins.module_utils._module import LiveModule
from ansible_collections.alicloud.live.plugins.module_utils._pacing import NOT_STARTED, StopSignal, run_bounded
from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resources import record_vod
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD

# The options of one config item: every field but the domain, which the task names once.
ITEM_NAMES = record_vod.ITEM_NAMES
ITEM_SPEC = dict(RECORD_VOD.argument_spec(ITEM_NAMES, required=['app_name']),
                 # What state=gathered reports under extra is accepted back and changes nothing.
                 extra=dict(type='dict'))
STATES = [planner.MERGED, planner.REPLACED, planner.OVERRIDDEN, planner.DELETED, planner.GATHERED]
CONCURRENCY_RANGE = (1, 32)
# The outcome of a config the run stopped before reaching.
NOT_ATTEMPTED = 'not_attempted'
# How many failures the message spells out; RV(actions) has them all.
FAILURES_IN_MESSAGE = 10

ARGUMENT_SPEC = dict(
    domain_name=dict(type='str', required=True, aliases=['DomainName']),
    config=dict(type='list', elements='dict', options=ITEM_SPEC),
    state=dict(type='str', choices=STATES, default=planner.MERGED),
    allow_recreate=dict(type='bool', default=False),
    allow_delete_all=dict(type='bool', default=False),
    concurrency=dict(type='int', default=4),
)


def input_errors(params):
    """Every problem with the options that needs no request, each naming the option (and the item's position)."""
    errors = RECORD_VOD.validate(params, ['domain_name'])
    for name, (low, high) in (('concurrency', CONCURRENCY_RANGE),):
        if not low <= params[name] <= high:
            errors.append('%s must be between %d and %d, got %d' % (name, low, high, params[name]))
    if params['state'] == planner.GATHERED and params['config']:
        errors.append('config is not used with state=gathered: remove it, or choose another state')
    for index, item in enumerate(params['config'] or []):
        prefix = 'config[%d]: ' % index
        # An empty stream name means the application-level config, as in the single module.
        # Only the identity counts for state=deleted: the cross-field rules do not apply.
        errors.extend(RECORD_VOD.validate(dict(item, stream_name=item.get('stream_name') or None), ITEM_NAMES, prefix,
                                          rules=params['state'] != planner.DELETED))
    return errors


def wanted_configs(params):
    """The items of ``config`` as the planner takes them: module shape, domain set, lowercase."""
    wanted = []
    for item in params['config'] or []:
        item = dict(item, domain_name=params['domain_name'])
        if item.get('stream_name') == '':
            # An empty stream name is how the API stores the application-level config.
            item['stream_name'] = None
        wanted.append(RECORD_VOD.normalize(item))
    return wanted


class DomainConfigs:
    """Brings the Live-to-VOD configs of one domain to the wanted state, with one read before and one after."""

    def __init__(self, live, wanted):
        self.live = live
        self.params = live.params
        self.domain = self.params['domain_name'].lower()
        self.wanted = wanted
        self.client = live.client()
        self.stop = StopSignal()

    def read(self):
        """Every config of the domain, module shape, in as few pages as the API allows."""
        return record_vod.read_domain(self.client, self.domain)

    def run(self):
        stored = self.read()
        plan = planner.plan(RECORD_VOD, self.wanted, stored, self.params['state'], allow_recreate=self.params['allow_recreate'],
                            allow_delete_all=self.params['allow_delete_all'])
        outcome = dict(changed=False, before=record_vod.gathered_shape(stored))
        if self.params['state'] == planner.GATHERED:
            outcome.update(gathered=outcome['before'], after=outcome['before'], actions=[])
            return outcome, None
        if plan.blocked:
            return self.refuse(plan, outcome)
        if self.live.check_mode:
            results = [planner.predict_step(step) for step in plan.steps]
            after = plan.after
        else:
            results, after = self.apply(plan, stored)
        outcome.update(changed=any(result.changed for result in results), after=record_vod.gathered_shape(after),
                       actions=[dict(result.summary(), applied=result.changed) for result in results])
        return outcome, self.failure_message(results, self.stop.reason)

    def refuse(self, plan, outcome):
        """Fail before any write: some steps cannot be carried out as given."""
        actions = []
        for step in plan.steps:
            result = planner.StepResult(step)
            if step.blocked:
                result.fail(step.blocked)
                actions.append(result.summary())
            else:
                result.outcome = planner.UNCHANGED
                # Nothing was written: no differences to report (check mode shows what would change).
                actions.append(dict(result.summary(), differences={}))
        failed = [self.position(step) + step.blocked for step in plan.blocked]
        outcome.update(after=outcome['before'], actions=actions)
        return outcome, ('Nothing was changed: %d of the configs cannot be applied as given: %s'
                         % (len(failed), '; '.join(failed)))

    def position(self, step):
        if step.wanted is None:
            return '%s: ' % step.key
        for index, item in enumerate(self.wanted):
            if RECORD_VOD.identity(item) == RECORD_VOD.identity(step.identity):
                return 'config[%d] (%s): ' % (index, step.key)
        return '%s: ' % step.key

    def apply(self, plan, stored):
        """Execute the steps that write, concurrently; read the domain back once; return (results, configs after)."""
        with self.stop:
            executed = run_bounded(self.execute, plan.changes, self.params['concurrency'], stop=self.stop)
        by_step = dict((id(step), self.not_attempted(step) if result is NOT_STARTED else result)
                       for step, result in zip(plan.changes, executed))
        results = [by_step.get(id(step)) or planner.predict_step(step) for step in plan.steps]
        if not any(result.changed for result in results):
            return results, stored
        if self.stop.signal:
            # Interrupted: exit now; the next run reads the domain anyway.
            return results, self.predicted(stored, results)
        found = self.read_back(results)
        if found is None:
            return results, self.predicted(stored, results)
        return results, found

    def execute(self, step):
        try:
            with self.client.unit_of_work(self.stop):
                result = planner.execute_step(self.client, step, read_back=False)
        except CallCancelled:
            # Stopped while this step waited for its first call: it sent nothing.
            return self.not_attempted(step)
        except Exception as error:  # pylint: disable=broad-except
            # One worker's bug must not hide what the others did.
            result = planner.StepResult(step)
            result.fail('Failed to apply the config %s: unexpected %s: %s' % (step.key, type(error).__name__, error))
        code = (result.error or {}).get('code')
        if result.failed and code in BATCH_STOPPING_CODES:
            self.stop.set('stopped at the first %s, which every later call would meet too' % code)
        return result

    @staticmethod
    def not_attempted(step):
        result = planner.StepResult(step)
        result.outcome = NOT_ATTEMPTED
        return result

    def read_back(self, results):
        """Re-read the domain (paged) until every write shows or the attempts run out; return the last read, or None."""
        pending = [result for result in results if result.changed and not result.failed and result.step.writes]
        attempts = planner.READ_BACK_ATTEMPTS
        found = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(min(1.0, self.client.settings.retry_policy.delay))
            try:
                found = self.read()
            except LiveApiError as error:
                for result in pending:
                    result.fail('The change (%s) to the config %s was made, but reading the domain back failed: %s'
                                % (result.outcome, result.step.key, error.describe()), error)
                return None
            by_identity = dict((RECORD_VOD.identity(config), config) for config in found)
            pending = [result for result in pending
                       if not planner.verify(result, by_identity.get(RECORD_VOD.identity(result.step.identity)),
                                             last_attempt=attempt == attempts - 1, attempts=attempts)]
            if not pending:
                break
        return found

    @staticmethod
    def predicted(stored, results):
        """The domain's configs as the results say they are, when reading them back failed."""
        configs = dict((RECORD_VOD.identity(config), config) for config in stored)
        for result in results:
            if result.changed:
                identity = RECORD_VOD.identity(result.step.identity)
                if result.after is None:
                    configs.pop(identity, None)
                else:
                    configs[identity] = result.after
        return list(configs.values())

    @staticmethod
    def failure_message(results, stopped):
        """None when every config is as wanted; else a message that counts each kind of outcome."""
        failed = [result for result in results if result.failed and not result.changed]
        unverified = [result for result in results if result.failed and result.changed]
        skipped = [result for result in results if result.outcome == NOT_ATTEMPTED]
        if not (failed or unverified or skipped):
            return None
        applied = [result for result in results if result.changed and not result.failed]
        counts = ['%d failed' % len(failed)]
        if unverified:
            counts.append('%d applied but not verified' % len(unverified))
        if skipped:
            counts.append('%d not attempted' % len(skipped))
        counts.append('%d applied' % len(applied))
        others = len(results) - len(failed) - len(unverified) - len(skipped) - len(applied)
        if others:
            counts.append('%d already as wanted' % others)
        problems = failed + unverified
        shown = ['%s: %s' % (result.step.key, result.message) for result in problems[:FAILURES_IN_MESSAGE]]
        more = len(problems) - len(shown)
        text = 'Of %d configs: %s' % (len(results), ', '.join(counts))
        if stopped:
            text += '. The run %s; run the task again to finish' % stopped
        else:
            text += '; run the task again to retry'
        if shown:
            text += ': %s%s' % ('; '.join(shown), '; and %d more, see actions' % more if more else '')
        return text


def main():
    live = LiveModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = live.params
    errors = input_errors(params)
    if errors:
        live.fail_json(msg='; '.join(errors))
    wanted = wanted_configs(params)
    try:
        planner.check_request(RECORD_VOD, wanted, params['state'], params['allow_delete_all'])
    except planner.PlanError as error:
        live.fail_json(msg=str(error))

    manager = DomainConfigs(live, wanted)
    outcome, failure = live.run(manager.run, 'manage the Live-to-VOD configs of %s' % manager.domain)
    if live.module._diff and params['state'] != planner.GATHERED:
        # One entry per config that differs, as text that the callbacks print.
        outcome['diff'] = diff_mode.configs_diff(outcome['before'], outcome['after'], RECORD_VOD.identity,
                                                 lambda config: '%s %s' % (manager.domain, RECORD_VOD.key(config)),
                                                 keys=diff_mode.compare_keys(RECORD_VOD.fields), omit=tuple(RECORD_VOD.read_only))
    if failure:
        live.fail_json(msg=failure, **outcome)
    live.exit_json(**outcome)


if __name__ == '__main__':
    main()
