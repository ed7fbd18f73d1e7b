# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The diff renderer: stable YAML-like text per config that the callbacks can print."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import difflib

import yaml

from ansible_collections.alicloud.live.plugins.module_utils import _diff

KEYS = {'formats': 'format'}
CONFIG = dict(app_name='news', stream_name='', cycle_duration=3600, auto_compose=False, on_demand=1, create_time='2026-01-01T00:00:00Z',
              content=['raw', 'transcode'], formats=[dict(format='mp4', slice_duration=None, video_process=['origin']),
                                                     dict(format='m3u8', slice_duration=30, video_process=[])],
              extra=dict(NewKey='ON'))


def test_render_is_yaml_that_reads_back_as_the_config_with_keyed_lists_sorted():
    text = _diff.render(CONFIG, KEYS, omit=('create_time',))

    assert yaml.safe_load(text) == dict(dict((k, v) for k, v in CONFIG.items() if k != 'create_time'),
                                        formats=[CONFIG['formats'][1], CONFIG['formats'][0]])
    assert text.splitlines()[:5] == ['app_name: news', 'stream_name: ""', 'cycle_duration: 3600', 'auto_compose: false', 'on_demand: 1']
    assert '  - format: m3u8\n    slice_duration: 30\n    video_process: []\n  - format: mp4\n' in text
    assert 'create_time' not in text


def test_strings_that_yaml_would_read_as_something_else_are_quoted():
    for value in ('ON', 'off', 'yes', 'null', '123', '1.5', '', ' padded', 'a: b', '#x', '- x', 'multi\nline', 'ünï'):
        assert yaml.safe_load(_diff.render(dict(value=value))) == dict(value=value), value
    assert _diff.render(dict(value='group-hd_1')) == 'value: group-hd_1\n'


def test_the_order_the_api_lists_keyed_elements_in_never_shows():
    shuffled = dict(CONFIG, formats=list(reversed(CONFIG['formats'])))
    assert _diff.render(shuffled, KEYS) == _diff.render(CONFIG, KEYS)
    # Without a compare key, a list keeps its order: a reordering of it is a change.
    assert _diff.render(shuffled) != _diff.render(CONFIG)


def test_a_nested_change_shows_under_its_own_element():
    changed = dict(CONFIG, formats=[dict(CONFIG['formats'][0]), dict(CONFIG['formats'][1], slice_duration=10)])
    entry = _diff.config_diff(CONFIG, changed, 'live.example.com news', KEYS)

    lines = [line for line in difflib.unified_diff(entry['before'].splitlines(), entry['after'].splitlines(), lineterm='', n=1)
             if line[:1] in '+-' and not line.startswith(('---', '+++'))]
    assert lines == ['-    slice_duration: 30', '+    slice_duration: 10']
    assert entry['before_header'] == entry['after_header'] == 'live.example.com news'


def test_an_absent_config_is_empty_text():
    assert _diff.config_diff(None, CONFIG, 'h')['before'] == ''
    assert _diff.config_diff(CONFIG, None, 'h')['after'] == ''


def test_configs_diff_has_one_entry_per_config_that_differs_in_identity_order():
    def identity(config):
        return (config['app_name'], config['stream_name'])

    before = [dict(app_name='b', stream_name='', cycle_duration=1), dict(app_name='a', stream_name='x', cycle_duration=1),
              dict(app_name='same', stream_name='', cycle_duration=1, create_time='t1')]
    after = [dict(app_name='same', stream_name='', cycle_duration=1, create_time='t2'), dict(app_name='c', stream_name='', cycle_duration=1),
             dict(app_name='a', stream_name='x', cycle_duration=2)]

    entries = _diff.configs_diff(before, after, identity, lambda config: 'd %s' % config['app_name'], omit=('create_time',))

    assert [(entry['before_header'], bool(entry['before']), bool(entry['after'])) for entry in entries] == [
        ('d a', True, True), ('d b', True, False), ('d c', False, True)]
    assert all(isinstance(entry[part], str) for entry in entries for part in ('before', 'after', 'before_header', 'after_header'))


def test_compare_keys_come_from_the_fields_and_their_suboptions():
    Field = collections.namedtuple('Field', 'name key options')
    fields = [Field('plain', None, ()), Field('formats', 'format', (Field('layers', 'layer', ()), Field('tags', None, ())))]
    assert _diff.compare_keys(fields) == {'formats': 'format', 'layers': 'layer'}
    assert _diff.compare_keys([collections.namedtuple('Flat', 'name')('x')]) == {}
