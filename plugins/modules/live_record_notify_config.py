#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: live_record_notify_config
short_description: Manage the recording callback configuration of an ApsaraVideo Live domain
version_added: 0.2.0
description:
  - Creates, updates or removes the recording callback configuration of a streaming domain of Alibaba Cloud ApsaraVideo
    Live (C(AddLiveRecordNotifyConfig) and its siblings). A domain has at most one.
  - It holds the URL the service calls with recording events (a recording started, finished or failed), and the URL it
    asks whether to record a stream, for the Live-to-VOD configurations of the domain that record on demand
    (C(on_demand=1) in M(alicloud.live.live_record_vod_config)).
  - The module reads the configuration first and writes only what differs, so a second identical run reports
    RV(ignore:changed=false) and makes one read and no write call.
  - Options left out are never changed on an existing configuration; the stored values are kept. The API's defaults
    apply only when the module creates the configuration.
  - When the add call answers C(ConfigAlreadyExists) because another run created the configuration at the same time,
    the module reads it again and reconciles instead of failing.
  - The authentication key O(notify_auth_key) is a secret. The module compares it with the stored key in constant time
    and never shows it, nor anything derived from it, in its result, its diff, its warnings or its errors; they only
    say that the key changes.
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
  notify_url:
    description:
      - The URL the service calls with recording events (a recording started, finished or failed) and, with
        O(need_status_notify=true), recording task status.
      - It starts with V(http://) or V(https://).
      - Required when O(state=present).
    type: str
    aliases: [NotifyUrl]
  on_demand_url:
    description:
      - The URL the service asks whether to record a stream, for the Live-to-VOD configurations of the domain that record
        on demand through an HTTP callback (C(on_demand=1)).
      - It starts with V(http://) or V(https://); V("") removes it.
      - Left out, the stored value is kept; a new configuration has none.
    type: str
    aliases: [OnDemandUrl]
  need_status_notify:
    description:
      - Whether the service also calls O(notify_url) with the status of recording tasks.
      - Left out, the stored value is kept; a new configuration gets the API's default, V(false).
    type: bool
    aliases: [NeedStatusNotify]
  notify_req_auth:
    description:
      - Whether the callbacks carry a signature made with O(notify_auth_key), so that the receiver can check them.
      - V(true) needs O(notify_auth_key).
      - Left out, the stored value is kept; a new configuration gets the API's default, V(false).
    type: bool
    aliases: [NotifyReqAuth]
  notify_auth_key:
    description:
      - The key that signs the callbacks, 16 to 32 letters and digits.
      - A secret. It is compared with the stored key in constant time, and never appears in the output, the diff,
        warnings or errors at any verbosity; neither does anything derived from it.
      - Left out, the stored key is kept.
      - See O(update_notify_auth_key) for when a key that differs from the stored one is written.
    type: str
    aliases: [NotifyAuthKey]
  update_notify_auth_key:
    description:
      - V(always) writes O(notify_auth_key) when it differs from the stored key.
      - V(on_create) writes it only when the module creates the configuration, or when the stored configuration has no
        key; a stored key is then neither compared nor changed. Use it when the key is rotated outside Ansible.
    type: str
    choices: [always, on_create]
    default: always
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
notes:
  - Supply O(notify_auth_key) from Ansible Vault or another secret store, for example a vaulted variable
    C(vault_record_notify_auth_key) given as the option's value.
seealso:
  - module: alicloud.live.live_record_notify_config_info
  - module: alicloud.live.live_record_vod_config
'''

EXAMPLES = r'''
- name: Send recording events to a webhook, and decide on-demand recordings through a callback
  alicloud.live.live_record_notify_config:
    domain_name: live.example.com
    notify_url: https://hooks.example.com/live/record-events
    on_demand_url: https://hooks.example.com/live/record-on-demand
    need_status_notify: true

- name: Sign the callbacks with a key kept in a vault; keep a key that was rotated elsewhere
  alicloud.live.live_record_notify_config:
    domain_name: live.example.com
    notify_url: https://hooks.example.com/live/record-events
    notify_req_auth: true
    notify_auth_key: "{{ vault_record_notify_auth_key }}"
    update_notify_auth_key: on_create

- name: Change only the event URL; the on-demand URL, the flags and the key stay as stored
  alicloud.live.live_record_notify_config:
    domain_name: live.example.com
    notify_url: https://hooks-v2.example.com/live/record-events

- name: Remove the callback configuration
  alicloud.live.live_record_notify_config:
    domain_name: live.example.com
    state: absent
'''

RETURN = r'''
config:
  description:
    - The configuration as stored after the task; in check mode, as it would be stored.
    - The authentication key is never returned; RV(differences) says when it changes.
    - Empty when the configuration is absent.
  returned: always
  type: dict
  contains:
    domain_name:
      description: The streaming domain.
      type: str
      sample: live.example.com
    notify_url:
      description: The URL of the recording event callbacks.
      type: str
      sample: https://hooks.example.com/live/record-events
    on_demand_url:
      description: The URL of the on-demand recording callback; empty when unset.
      type: str
      sample: https://hooks.example.com/live/record-on-demand
    need_status_notify:
      description: Whether recording task status is sent too.
      type: bool
      sample: true
    notify_req_auth:
      description: Whether the callbacks are signed.
      type: bool
      sample: false
    extra:
      description: Keys of the stored configuration that the collection does not know, as the API sent them.
      type: dict
      sample: {}
action:
  description: What the task did, or in check mode would do, to the configuration.
  returned: always
  type: str
  choices: [created, updated, deleted, none]
  sample: updated
differences:
  description:
    - The options whose values the task changed, or in check mode would change; empty when nothing changes.
    - V(notify_auth_key) is listed when the key changes; its value never is.
  returned: always
  type: list
  elements: str
  sample: [notify_url]
request_ids:
  description: The RequestId of every API call the task made, in order, the STS call for temporary credentials first.
  returned: always
  type: list
  elements: str
  sample: [16A96B9A-F203-4EC5-8E43-CB92E68F4CD8]
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
from ansible_collections.alicloud.live.plugins.module_utils import _diff as diff_mode
from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_notify import RECORD_NOTIFY

KEY = 'notify_auth_key'
ALWAYS = 'always'
ON_CREATE = 'on_create'

ARGUMENT_SPEC = dict(
    RECORD_NOTIFY.argument_spec(required=['domain_name']),
    update_notify_auth_key=dict(type='str', choices=[ALWAYS, ON_CREATE], default=ALWAYS),
    state=dict(type='str', choices=[planner.PRESENT, planner.ABSENT], default=planner.PRESENT),
)


def shown(config):
    """A configuration fit for output: the key left out."""
    return dict((name, value) for name, value in (config or {}).items() if name != KEY)


def outputs(step, changed, config):
    """The result keys every run reports, in check mode as in a real run."""
    return dict(changed=changed, config=shown(config), action=step.action if changed else 'none',
                differences=list(step.differences) if changed else [])


def diff(step, report, domain):
    """Before and after as text that the callbacks print, without the key; when the key changes, only words that say so."""
    before = shown(step.before) if step.before is not None else None
    after = dict(report['config']) if report['config'] else None
    if KEY in report['differences']:
        if before is not None:
            before[KEY] = '(secret)' if step.before.get(KEY) else ''
        if after is not None:
            after[KEY] = '(secret, changed)'

    def ordered(config):
        # The field table's order, the key's line in its place.
        if config is None:
            return None
        return dict((name, config[name]) for name in RECORD_NOTIFY.config_keys if name in config)

    return diff_mode.config_diff(ordered(before), ordered(after), domain, keys=diff_mode.compare_keys(RECORD_NOTIFY.fields),
                                 omit=tuple(RECORD_NOTIFY.read_only))


def main():
    live = LiveModule(
        argument_spec=ARGUMENT_SPEC,
        required_if=[('state', planner.PRESENT, ['notify_url']), ('notify_req_auth', True, [KEY])],
        supports_check_mode=True,
    )
    state = live.params['state']
    errors = RECORD_NOTIFY.validate(live.params, rules=state == planner.PRESENT)
    if errors:
        live.fail_json(msg='; '.join(errors))
    # Valid, so 16 characters at least: redacted in every encoded form, not only masked as given.
    live.add_secrets(live.params[KEY])
    wanted = RECORD_NOTIFY.normalize(live.params)
    on_create = live.params['update_notify_auth_key'] == ON_CREATE

    def work():
        client = live.client()
        stored = planner.read_config(client, RECORD_NOTIFY, wanted)
        target = wanted
        if stored is not None:
            # The stored key goes back with every update: it must never leave the module either.
            live.add_secrets(stored.get(KEY))
            if on_create and stored.get(KEY):
                # on_create: an existing key is neither compared nor replaced.
                target = dict(wanted, **{KEY: None})
        step = planner.plan(RECORD_NOTIFY, [target], [stored] if stored else [], state,
                            write_only=[KEY] if on_create else []).steps[0]
        if step.blocked or live.check_mode:
            return step, None
        result = planner.execute_step(client, step)
        # Whatever was read again (a race, the read-back) is masked too.
        for config in (result.step.before, result.after):
            live.add_secrets((config or {}).get(KEY))
        return step, result

    step, result = live.run(work, 'manage the recording callback configuration')
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
        report['diff'] = diff(step, report, wanted['domain_name'])
    if result is not None and result.failed:
        if result.error:
            report['error'] = result.error
        live.fail_json(msg=result.message, **report)
    live.exit_json(**report)


if __name__ == '__main__':
    main()
