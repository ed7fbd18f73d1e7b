# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The option docs of the modules and the role's argument_specs say what the field table says.

The table (plugins/module_utils/_resources/record_vod.py) is the one statement of each field:
type, element type, choices, API name (the alias) and suboptions. A doc that disagrees fails here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest
import yaml

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config as single
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config_info as info
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_configs as bulk

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
ROLE_SPECS = os.path.join(ROOT, 'roles', 'record_vod', 'meta', 'argument_specs.yml')


def from_spec(entry, aliases=True):
    """The facts of an argument spec entry that the docs must state."""
    facts = dict(type=entry.get('type', 'str'), elements=entry.get('elements'), choices=entry.get('choices'),
                 required=bool(entry.get('required')))
    if aliases:
        facts['aliases'] = sorted(entry.get('aliases') or [])
    if entry.get('options'):
        facts['options'] = dict((name, from_spec(sub, aliases)) for name, sub in entry['options'].items())
    return facts


def from_doc(entry, aliases=True):
    """The same facts from module docs (nested under suboptions) or a role's argument_specs (options, no aliases)."""
    facts = dict(type=entry.get('type', 'str'), elements=entry.get('elements'), choices=entry.get('choices'),
                 required=bool(entry.get('required')))
    if aliases:
        facts['aliases'] = sorted(entry.get('aliases') or [])
    options = entry.get('suboptions' if aliases else 'options')
    if options:
        facts['options'] = dict((name, from_doc(sub, aliases)) for name, sub in options.items())
    assert entry.get('description'), 'an option without a description'
    return facts


def documented(module):
    return yaml.safe_load(module.DOCUMENTATION)['options']


def table(names, required=(), aliases=True):
    return dict((name, from_spec(entry, aliases)) for name, entry in RECORD_VOD.argument_spec(names, required).items())


def test_the_single_module_documents_every_field_as_the_table_states_it():
    docs = documented(single)

    assert dict((name, from_doc(docs[name])) for name in RECORD_VOD.field_names) == table(
        None, required=['domain_name', 'app_name'])


def test_the_single_module_takes_the_table_spec():
    assert dict((name, from_spec(single.ARGUMENT_SPEC[name])) for name in RECORD_VOD.field_names) == table(
        None, required=['domain_name', 'app_name'])


def test_the_resource_module_documents_every_item_option_as_the_table_states_it():
    suboptions = documented(bulk)['config']['suboptions']
    expected = table(bulk.ITEM_NAMES, required=['app_name'])
    expected['extra'] = dict(type='dict', elements=None, choices=None, required=False, aliases=[])

    assert dict((name, from_doc(entry)) for name, entry in suboptions.items()) == expected
    assert dict((name, from_spec(entry)) for name, entry in bulk.ITEM_SPEC.items()) == expected


def test_the_info_module_documents_its_filters_as_the_table_states_them():
    docs = documented(info)

    assert dict((name, from_doc(docs[name])) for name in RECORD_VOD.identity_names) == table(
        RECORD_VOD.identity_names, required=['domain_name'])


def test_the_role_argument_specs_state_the_item_options_as_the_table_does():
    with open(ROLE_SPECS) as handle:
        specs = yaml.safe_load(handle)
    # The main entry point takes each domain as a plain dict; the domain entry point states its options.
    configs = specs['argument_specs']['domain']['options']['configs']['options']
    expected = table(bulk.ITEM_NAMES, required=['app_name'], aliases=False)
    expected['extra'] = dict(type='dict', elements=None, choices=None, required=False)

    assert dict((name, from_doc(entry, aliases=False)) for name, entry in configs.items()) == expected


def test_the_role_states_the_options_of_a_domain_once():
    with open(ROLE_SPECS) as handle:
        specs = yaml.safe_load(handle)['argument_specs']
    domains = specs['main']['options']['record_vod_domains']

    assert (domains['type'], domains['elements']) == ('list', 'dict')
    assert 'options' not in domains
    assert sorted(specs['domain']['options']) == ['allow_delete_all', 'allow_recreate', 'configs', 'domain_name', 'notify',
                                                  'state']


@pytest.mark.parametrize('module', [single, info])
def test_the_returned_config_documents_every_key_a_config_has(module):
    returned = yaml.safe_load(module.RETURN)
    contains = (returned.get('config') or returned.get('configs'))['contains']

    assert sorted(contains) == sorted(RECORD_VOD.config_keys)
    for field in RECORD_VOD.fields:
        assert contains[field.name]['type'] == field.type, field.name
