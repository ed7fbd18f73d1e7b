#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: live_record_notify_config_info
short_description: Read the recording callback configurations of ApsaraVideo Live domains
version_added: 0.2.0
description:
  - Returns the recording callback configuration of one streaming domain, or of several domains in one task (one read
    per domain).
  - Keys are named like the options of M(alicloud.live.live_record_notify_config).
  - The authentication key is left out unless O(include_auth_key=true).
author:
  - alicloud.live maintainers (@alicloud-live)
options:
  domain_name:
    description:
      - The main streaming domain, or a list of them.
      - Domain names such as V(live.example.com), sent in lowercase; a domain listed twice is read once.
    type: list
    elements: str
    required: true
    aliases: [domain_names, DomainName]
  include_auth_key:
    description:
      - Whether to return the stored authentication key as RV(configs[].notify_auth_key).
      - When V(true), the whole result is marked C(no_log), so that Ansible hides it from the output, at any verbosity,
        and from callbacks; the registered variable still holds the key.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud.live.connection
  - alicloud.live.credentials
  - alicloud.live.attributes
  - alicloud.live.attributes.INFO_MODULE
seealso:
  - module: alicloud.live.live_record_notify_config
'''

EXAMPLES = r'''
- name: Read the callback configuration of one domain
  alicloud.live.live_record_notify_config_info:
    domain_name: live.example.com
  register: callbacks

- name: Read those of several domains in one task
  alicloud.live.live_record_notify_config_info:
    domain_name:
      - live.example.com
      - demo.example.com
  register: callbacks

- name: Domains that have no on-demand callback
  ansible.builtin.debug:
    msg: "{{ callbacks.configs | selectattr('on_demand_url', 'equalto', '') | map(attribute='domain_name') }}"

- name: Read the key too, to copy it into a vault (the result is hidden from the output)
  alicloud.live.live_record_notify_config_info:
    domain_name: live.example.com
    include_auth_key: true
  register: callbacks_with_key
'''

RETURN = r'''
configs:
  description:
    - One entry per domain that has a callback configuration, in the order the domains were given.
    - Empty when none of them has one.
  returned: always
  type: list
  elements: dict
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
    notify_auth_key:
      description: The authentication key; empty when there is none.
      returned: when O(include_auth_key=true)
      type: str
request_ids:
  description: The RequestId of every API call the task made, one per domain, after the STS call for temporary credentials if any.
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
from ansible_collections.alicloud.live.plugins.module_utils._resources.record_notify import RECORD_NOTIFY

KEY = 'notify_auth_key'

ARGUMENT_SPEC = dict(
    domain_name=dict(type='list', elements='str', required=True, aliases=['domain_names', 'DomainName']),
    include_auth_key=dict(type='bool', default=False),
)


def main():
    live = LiveModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    domains, errors = [], []
    for index, domain in enumerate(live.params['domain_name']):
        wanted = RECORD_NOTIFY.normalize(dict(domain_name=domain))
        errors.extend(RECORD_NOTIFY.validate(wanted, ['domain_name'], prefix='domain_name[%d]: ' % index, rules=False))
        if wanted['domain_name'] not in domains:
            domains.append(wanted['domain_name'])
    if not domains:
        errors.append('domain_name must name at least one domain')
    if errors:
        live.fail_json(msg='; '.join(errors))
    include_key = live.params['include_auth_key']

    def read():
        client = live.client()
        configs = []
        for domain in domains:
            items = client.read_all(RECORD_NOTIFY, RECORD_NOTIFY.identity_params(dict(domain_name=domain)))
            config = RECORD_NOTIFY.find(items, dict(domain_name=domain))
            if config is None:
                continue
            if include_key:
                configs.append(config)
            else:
                configs.append(dict((name, value) for name, value in config.items() if name != KEY))
        return configs

    live.exit_json(changed=False, configs=live.run(read, 'read the recording callback configuration'))


if __name__ == '__main__':
    main()
