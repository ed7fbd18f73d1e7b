# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generic descriptor options: the wire words of a bool, messages about a bad secret, and a Describe
whose "there is none" answer is an undocumented not-found error."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.alicloud.live.plugins.module_utils import _plan as planner
from ansible_collections.alicloud.live.plugins.module_utils._resource import Field, Read, Resource

from live_fakes import error_body, make_client

SECRET = 'Zq7LongSecretValue0123456789abcd'


# Any action the SDK has a request class for; the generic layers never look at its name.
DESCRIBE = 'DescribeLiveSnapshotNotifyConfig'


def thing(read=None):
    return Resource(
        'thing', 'thing',
        fields=(
            Field('name', 'Name', 'str', identity=True, required_to_add=True),
            Field('flag', 'Flag', 'bool', default=False, bool_wire=('true', 'false')),
            Field('legacy_flag', 'LegacyFlag', 'bool', default=False),
            Field('token', 'Token', 'str', secret=True, pattern=re.compile(r'[a-z]{4,8}'), rule='4 to 8 lowercase letters'),
            Field('label', 'Label', 'str', pattern=re.compile(r'[a-z]{4,8}'), rule='4 to 8 lowercase letters'),
        ),
        actions=dict(describe='DescribeThing', add='AddThing', update='UpdateThing', delete='DeleteThing'),
        read=read or Read(DESCRIBE, item='Thing'),
    )


def test_a_bool_goes_on_the_wire_in_the_words_its_field_names():
    step = planner.plan_one(thing(), dict(name='n', flag=True, legacy_flag=True, token=None, label=None), None, planner.PRESENT)

    assert step.calls == [('AddThing', dict(Name='n', Flag='true', LegacyFlag='ON'))]
    update = planner.plan_one(thing(), dict(name='n', flag=False, legacy_flag=None, token=None, label=None),
                              dict(name='n', flag=True, legacy_flag=True, token='', label='', extra={}), planner.PRESENT)
    assert update.calls[0][1]['Flag'] == 'false' and update.calls[0][1]['LegacyFlag'] == 'ON'


@pytest.mark.parametrize('bad', ['UPPER', SECRET, 'x'])
def test_a_bad_secret_is_named_but_neither_shown_nor_measured(bad):
    messages = thing().validate(dict(name='n', token=bad))

    assert messages == ['token is not valid: it must be 4 to 8 lowercase letters']
    assert bad not in ' '.join(messages) and bad[:10] not in ' '.join(messages)
    assert not re.search(r'\d+ characters', ' '.join(messages))


def test_a_bad_plain_value_is_still_shown():
    assert thing().validate(dict(name='n', label='UPPER')) == ["label 'UPPER' is not valid: it must be 4 to 8 lowercase letters"]


@pytest.mark.parametrize('answer', [
    (404, error_body('Config.NotExist', 'The config does not exist.')),
    (400, error_body('InvalidThing.NotFound', 'Not found.')),
])
def test_any_not_found_answer_reads_as_none_when_the_read_spec_says_so(fake_api, answer):
    fake_api.script(DESCRIBE, answer)
    assert make_client().read_all(thing(Read(DESCRIBE, item='Thing', empty_when_not_found=True)), dict(Name='n')) == []


def test_without_the_option_an_unlisted_not_found_code_still_fails(fake_api):
    fake_api.script(DESCRIBE, (404, error_body('Config.NotExist', 'The config does not exist.')))
    with pytest.raises(Exception) as caught:
        make_client().read_all(thing(), dict(Name='n'))
    assert caught.value.code == 'Config.NotExist'


@pytest.mark.parametrize('code', ['InvalidDomain.NotFound', 'Forbidden.RAM'])
def test_a_missing_scope_or_a_refusal_is_never_read_as_none(fake_api, code):
    fake_api.script(DESCRIBE, (404 if code.endswith('NotFound') else 403, error_body(code, 'no')))
    with pytest.raises(Exception) as caught:
        make_client().read_all(thing(Read(DESCRIBE, item='Thing', empty_when_not_found=True)), dict(Name='n'))
    assert caught.value.code == code
