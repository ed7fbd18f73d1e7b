# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: live_domains
short_description: The live domains of an Alibaba Cloud account as inventory hosts
version_added: 0.2.0
description:
  - Lists the ApsaraVideo Live domains of an account with C(DescribeLiveUserDomains) and makes one inventory host
    per domain, named by the domain name, so that a play over C(hosts=all) with forks manages every domain.
  - Reads 50 domains per page, the most the API serves, and retries its calls like the modules. Its calls draw from
    the account's shared API budget (O(rate_limit), O(budget_dir)), with every module of the collection running on the
    controller.
  - With O(include_record_vod_configs=true) each streaming domain also gets its Live-to-VOD configs, in the shape
    that M(alicloud.live.live_record_vod_configs) returns with O(alicloud.live.live_record_vod_configs#module:state=gathered).
  - Any failure fails the whole inventory source, with the cause (a wrong secret, a missing permission, a throttle that
    outlasted the retries) and never a secret; a listing is never cut short silently.
  - The inventory file name must end in C(live_domains.yml) or C(live_domains.yaml).
  - 'Host variables: C(live_domain_name), C(live_domain_status), C(live_domain_type), C(live_domain_cname),
    C(live_domain_region), C(live_domain_description), C(live_domain_created), C(live_domain_resource_group_id), and
    C(record_vod_configs) with O(include_record_vod_configs=true).'
author:
  - alicloud.live maintainers (@alicloud-live)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - alicloud.live.connection
  - alicloud.live.inventory.plugin_credentials
  - alicloud.live.inventory
options:
  plugin:
    description:
      - The name of this plugin; it marks the file as this plugin's.
    type: str
    required: true
    choices: [alicloud.live.live_domains]
  domain_status:
    description:
      - List only the domains in one of these statuses.
      - Empty lists every status.
    type: list
    elements: str
    choices: [online, offline]
    default: []
  live_domain_type:
    description:
      - List only the domains of these types. V(liveVideo) is a streaming domain (the kind that has Live-to-VOD configs),
        V(liveEdge) an ingest domain.
      - Empty lists both.
    type: list
    elements: str
    choices: [liveVideo, liveEdge]
    default: []
  resource_group_id:
    description:
      - List only the domains of this resource group, such as V(rg-acfmxxxxxxxxxxx).
    type: str
  tags:
    description:
      - List only the domains that carry all of these tags, given as tag keys and values (at most 20).
      - A tag given with an empty value matches the key with any value.
    type: dict
  include_record_vod_configs:
    description:
      - Whether to read the Live-to-VOD configs of every streaming domain (V(liveVideo)) into the host variable
        C(record_vod_configs), a list in the shape of the O(alicloud.live.live_record_vod_configs#module:config)
        option, sorted by application and stream. Ingest domains get an empty list.
      - Costs one C(DescribeLiveRecordVodConfigs) call (or more, for a domain with more than 100 configs) per streaming domain.
    type: bool
    default: false
'''

EXAMPLES = r'''
# prod.live_domains.yml (the name must end in live_domains.yml). The smallest file is the first line
# alone: every domain of the account, with the credentials of the environment
# (ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, a CLI profile, an ECS role...).
plugin: alicloud.live.live_domains
# A profile of the Alibaba Cloud CLI instead of the environment.
profile: media-prod
region_id: cn-shanghai
# Only the online streaming domains of one resource group and tag.
domain_status: [online]
live_domain_type: [liveVideo]
resource_group_id: rg-acfmxxxxxxxxxxx
tags:
  team: media
# Each domain's Live-to-VOD configs as the host variable record_vod_configs.
include_record_vod_configs: true
keyed_groups:
  - key: live_domain_region
    prefix: region
  - key: live_domain_status
    prefix: status
groups:
  recorded: record_vod_configs | length > 0
compose:
  ansible_connection: "'local'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/live_domains
cache_timeout: 600
# Against a local emulator (offline tests), instead of profile:
#   endpoint: http://127.0.0.1:8080
#   access_key_id: LTAI5tEmulatorDemoKey0001
#   access_key_secret: EmulatorDemoSecret0000000000001
'''

import copy

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display

from ansible_collections.alicloud.live.plugins.module_utils._client import (
    HAS_SDK,
    SDK_REQUIREMENT,
    LiveApiError,
    LiveClient,
    redact,
)
from ansible_collections.alicloud.live.plugins.module_utils._connection import (
    CONNECTION_ARGUMENT_SPEC,
    ConnectionOptionError,
    secret_values,
)
from ansible_collections.alicloud.live.plugins.module_utils._credentials import (
    CREDENTIAL_ARGUMENT_SPEC,
    Exchange,
    resolve_settings,
)
from ansible_collections.alicloud.live.plugins.module_utils._live_domains import (
    FilterError,
    is_streaming,
    read_domains,
    validate_filters,
)
from ansible_collections.alicloud.live.plugins.module_utils._resources import record_vod

# The modules' options for the connection and the credentials: the same spec, fallbacks and checks.
SHARED_SPEC = dict(CONNECTION_ARGUMENT_SPEC)
SHARED_SPEC.update(CREDENTIAL_ARGUMENT_SPEC)
NAME = 'alicloud.live.live_domains'

display = Display()


def shared_params(options):
    """The connection and credential options as a module would have them.

    ``options`` holds what the inventory file set (name: value); what it leaves out falls back
    to the environment exactly as for a module, through the same argument spec.
    """
    spec = copy.deepcopy(SHARED_SPEC)
    params = dict((name, value) for name, value in options.items() if value is not None)
    result = ArgumentSpecValidator(spec).validate(params)
    if result.error_messages:
        raise ConnectionOptionError('; '.join(result.error_messages))
    return result.validated_parameters


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """One host per live domain of the account."""

    NAME = NAME

    def __init__(self):
        super(InventoryModule, self).__init__()
        # The keys of the inventory file: which options it sets.
        self._file_keys = set()

    def verify_file(self, path):
        if not super(InventoryModule, self).verify_file(path):
            return False
        return path.endswith(('live_domains.yml', 'live_domains.yaml'))

    def _shared_options(self):
        """The connection and credential options that the inventory file sets (by name or alias).

        The others are left to the shared argument spec and credential chain, which read the
        same environment variables as the modules, in the modules' order: Ansible's own
        resolution of an option's variables would let the last one set win instead.
        """
        shared = {}
        for name, spec in SHARED_SPEC.items():
            if any(key in self._file_keys for key in [name] + list(spec.get('aliases') or [])):
                shared[name] = self.get_option(name)
        return shared

    def _fail(self, message, secrets):
        raise AnsibleParserError('%s: %s' % (NAME, redact(message, secrets)))

    def _connect(self, secrets):
        """A LiveClient for the options, built as the modules build theirs; every option is checked before any request."""
        if not HAS_SDK:
            self._fail('this inventory source needs the Python packages %s on the controller' % SDK_REQUIREMENT, secrets)
        exchange = Exchange(secrets)
        options = self._shared_options()
        # Known before validation, so that even a message about a malformed option masks them.
        secrets.extend(value for value in secret_values(options) if isinstance(value, str) and value not in secrets)
        try:
            params = shared_params(options)
            secrets.extend(value for value in secret_values(params) if value not in secrets)
            settings = resolve_settings(params, exchange)
        except ConnectionOptionError as error:
            self._fail(str(error), secrets)
        except LiveApiError as error:
            self._fail('could not get temporary credentials from STS: %s' % self._explain(error), secrets)
        # The client draws from the account's shared budget (settings.rate_limit, settings.budget_dir).
        client = LiveClient(settings)
        for warning in client.warnings:
            display.warning('%s: %s' % (NAME, redact(warning, secrets)))
        return client

    @staticmethod
    def _explain(error):
        cause = error.cause
        return '%s. %s' % (cause, error.describe()) if cause else error.describe()

    def _filters(self, secrets):
        try:
            return validate_filters(domain_status=self.get_option('domain_status'),
                                    live_domain_type=self.get_option('live_domain_type'),
                                    resource_group_id=self.get_option('resource_group_id'),
                                    tags=self.get_option('tags'))
        except FilterError as error:
            self._fail(str(error), secrets)

    def fetch(self):
        """The host variables of every listed domain; the configs too when asked for. Fails whole or not at all."""
        secrets = []
        filters = self._filters(secrets)
        client = self._connect(secrets)
        try:
            return self._read(client, filters, secrets)
        finally:
            # Gives up this source's lease on the shared budget: its rate_limit no longer counts.
            if client.pacer is not None:
                client.pacer.close()

    def _read(self, client, filters, secrets):
        try:
            domains = read_domains(client, filters)
        except LiveApiError as error:
            self._fail('could not list the live domains: %s' % self._explain(error), secrets)
        if self.get_option('include_record_vod_configs'):
            for variables in domains:
                if not is_streaming(variables):
                    variables['record_vod_configs'] = []
                    continue
                try:
                    stored = record_vod.read_domain(client, variables['live_domain_name'])
                except LiveApiError as error:
                    self._fail('could not read the record VOD configs of %s: %s' % (variables['live_domain_name'], self._explain(error)),
                               secrets)
                variables['record_vod_configs'] = record_vod.gathered_shape(stored)
        return domains

    def populate(self, domains):
        strict = self.get_option('strict')
        for variables in domains:
            host = self.inventory.add_host(variables['live_domain_name'])
            for name, value in variables.items():
                self.inventory.set_variable(host, name, value)
            self._set_composite_vars(self.get_option('compose'), variables, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, host, strict=strict)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._file_keys = set(self._read_config_data(path) or {})
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        domains = None
        if use_cache:
            try:
                domains = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if domains is None:
            domains = self.fetch()
        if update_cache:
            self._cache[cache_key] = domains
        self.populate(domains)
