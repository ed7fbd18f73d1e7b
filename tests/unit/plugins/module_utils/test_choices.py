# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Choices are checked against the stored value: what the service holds is accepted back, only a change is checked."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.live.plugins.module_utils._resource import Field, Read, Resource

FIELDS = (
    Field('name', 'Name', 'str', identity=True),
    Field('mode', 'Mode', 'int', default=0, choices=[0, 1, 2]),
    Field('content', 'Content', 'list', elements='str', choices=['raw', 'transcode'], wire='joined'),
    Field('formats', 'Format', 'list', elements='dict', key='format', options=(
        Field('format', 'Format', 'str', choices=['m3u8', 'mp4']),
        Field('method', 'Method', 'str', choices=['transcode', 'workflow']),
        Field('video', 'Video', 'list', elements='str', choices=['origin', 'compose'], wire='joined'),
    )),
)
THING = Resource('thing', 'thing', FIELDS, actions=dict(describe='D', add='A', update='U', delete='X'), read=Read('D', items='Items'))


def test_no_choices_in_the_argument_spec_at_any_depth():
    spec = THING.argument_spec()
    assert 'choices' not in spec['mode'] and 'choices' not in spec['content']
    assert not [name for name, option in spec['formats']['options'].items() if 'choices' in option]


def test_a_creation_checks_every_value():
    target = dict(name='n', mode=5, content=['raw', 'odd'], formats=[dict(format='ts', method='magic', video=['origin', 'x'])])
    assert THING.choice_errors(target, None) == [
        'mode must be one of 0, 1, 2, got 5', "content[1] must be one of raw, transcode, got 'odd'",
        "formats[format=ts].format must be one of m3u8, mp4, got 'ts'",
        "formats[format=ts].method must be one of transcode, workflow, got 'magic'",
        "formats[format=ts].video[1] must be one of origin, compose, got 'x'"]


def test_what_is_stored_is_accepted_and_only_a_change_is_checked():
    stored = dict(name='n', mode=5, content=['raw', 'odd'], formats=[dict(format='ts', method='magic', video=['x'])])
    assert THING.choice_errors(dict(stored), stored) == []
    # Another field of the element changes: the stored values beside it are still accepted.
    changed = dict(stored, content=['odd', 'transcode'], formats=[dict(format='ts', method='magic', video=['x', 'origin'])])
    assert THING.choice_errors(changed, stored) == []
    # A change to a value outside the choices is refused, with the option and the allowed values.
    assert THING.choice_errors(dict(stored, mode=6), stored, prefix='item: ') == ['item: mode must be one of 0, 1, 2, got 6']
    assert THING.choice_errors(dict(stored, content=['new']), stored) == ["content[0] must be one of raw, transcode, got 'new'"]
    assert THING.choice_errors(dict(stored, formats=[dict(format='ts', method='other', video=['x'])]), stored) == [
        "formats[format=ts].method must be one of transcode, workflow, got 'other'"]
    assert THING.choice_errors(dict(stored, formats=[dict(format='flv', method='magic', video=['x'])]), stored) == [
        "formats[format=flv].format must be one of m3u8, mp4, got 'flv'",
        "formats[format=flv].method must be one of transcode, workflow, got 'magic'",
        "formats[format=flv].video[0] must be one of origin, compose, got 'x'"]
    # Moving to an allowed value is always fine.
    assert THING.choice_errors(dict(stored, mode=2, content=['raw']), stored) == []
