# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property-based tests: hostile and malformed input never reaches the API and never crashes.

Every option gets random strings (huge ones, unicode, control characters), wrong types and
out-of-range numbers. Each value either normalises to what the API expects, or the module
fails before any request with a message that names the option (and states the API's rule for
names). The oracles below are written independently of the module's own patterns.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import decimal
import ipaddress
import math
import re
import string

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ansible_collections.alicloud.live.plugins.module_utils._resources.record_vod import RECORD_VOD as record_vod
from ansible_collections.alicloud.live.plugins.modules import live_record_vod_config as module

from ansible.release import __version__ as ANSIBLE_CORE_VERSION

from alicloud_live_emulator.params import check_domain
from alicloud_live_emulator.protocol import ApiError
from live_fakes import BASE_ARGS

# ansible-core 2.19 turned whole floats (and Decimal text) into ints for int options; older cores refuse them.
MODERN_CORE = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split('.')[:2]) >= (2, 19)

# Reproducible in CI, modest in size: the whole file runs in well under a minute.
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.filter_too_much])

DOMAIN = 'live.example.com'
ADD = 'AddLiveRecordVodConfig'
NAME_RULE = 'letters, digits, hyphens (-) and underscores (_), 1 to 255 characters'
ID_RULE = 'letters, digits, hyphens (-) and underscores (_)'
LOCATION_RULE = 'letters, digits, dots (.), hyphens (-), underscores (_), colons (:) and slashes (/)'
NAME_CHARS = string.ascii_letters + string.digits + '-_'
PRINTABLE_NO_SPACE = ''.join(chr(code) for code in range(0x21, 0x7f))
TRUE_WORDS = ('y', 'yes', 'on', '1', 'true', 't')
FALSE_WORDS = ('n', 'no', 'off', '0', 'false', 'f')

# Text that stresses parsers: any unicode, control characters, and huge values.
HOSTILE_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x7f)),
    st.text(alphabet=NAME_CHARS + ' .\t\n\x00\x7f/\\%&=?#', min_size=1),
    st.text(alphabet=NAME_CHARS, min_size=1, max_size=300),
    st.text(alphabet=NAME_CHARS + 'é中\u202e\ufeff', min_size=1, max_size=20),
    st.integers(min_value=1000, max_value=200000).map(lambda size: 'x' * size),
)
WRONG_SCALARS = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans())
CONTAINERS = st.one_of(st.lists(st.text(alphabet=NAME_CHARS, max_size=5), max_size=3),
                       st.dictionaries(st.text(alphabet=NAME_CHARS, min_size=1, max_size=5), st.integers(), max_size=2))


def args(**extra):
    result = dict(BASE_ARGS, domain_name=DOMAIN, app_name='app', vod_transcode_group_id='group-1')
    result.update(extra)
    return result


def run(fake_api, run_module, **extra):
    """Run the module on a fresh fake API; return (result, calls)."""
    del fake_api.calls[:]
    del fake_api.configs[:]
    fake_api._scripted.clear()  # pylint: disable=protected-access
    fake_api.domains = set([DOMAIN])
    result = run_module(module, args(**extra))
    return result, list(fake_api.calls)


def assert_rejected_early(result, calls, option, rule=None, short=False):
    """Failed before any request, with a message that names the option (and the API's rule)."""
    assert result.get('failed') is True, result
    assert calls == []
    msg = result['msg']
    assert option in msg, msg
    assert 'Traceback' not in msg and 'Traceback' not in str(result.get('exception', ''))
    if short:
        # The collection's own messages shorten huge values instead of echoing them whole.
        assert len(msg) < 1500
    if rule:
        assert rule in msg, msg


def sent(calls):
    """The parameters of the one Add the module sent."""
    adds = [call.params for call in calls if call.action == ADD]
    assert len(adds) == 1
    return adds[0]


def is_name(value):
    return bool(re.fullmatch(r'[A-Za-z0-9_-]{1,255}', value))


def is_id(value, longest):
    """The API's rule for template group IDs (128) and storage locations (255)."""
    allowed = r'[A-Za-z0-9_-]' if longest == 128 else r'[A-Za-z0-9._:/-]'
    return bool(re.fullmatch(r'%s{1,%d}' % (allowed, longest), value))


def accepted_by_api_domain_rule(value):
    try:
        check_domain({'DomainName': value})
    except ApiError:
        return False
    return True


# ---- names, domains and IDs ----------------------------------------------------------------------


@pytest.mark.parametrize('option', ['app_name', 'stream_name'])
@PROPERTY
@given(value=HOSTILE_TEXT)
@example(value='a' * 256)
@example(value='sports final')
@example(value='ｓｐｏｒｔｓ')
def test_names_normalise_or_fail_early_stating_the_api_rule(fake_api, run_module, option, value):
    # A trailing newline is test_trailing_newline_is_rejected's subject.
    assume(not value.endswith('\n'))
    result, calls = run(fake_api, run_module, **{option: value})

    if option == 'stream_name' and value == '':
        # Refused: leaving the option out is how to name the application-level config.
        assert_rejected_early(result, calls, option, 'leave the option out')
    elif is_name(value):
        assert result['changed'] is True
        assert sent(calls)[option.title().replace('_', '')] == value
    else:
        assert_rejected_early(result, calls, option, NAME_RULE, short=True)


LABEL = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=10)


@PROPERTY
@given(value=st.one_of(HOSTILE_TEXT, st.lists(LABEL, min_size=2, max_size=4).map('.'.join),
                       st.lists(st.text(alphabet=string.ascii_letters + string.digits + '-_', min_size=0, max_size=64),
                                min_size=1, max_size=5).map('.'.join)))
@example(value='live.example.com')
@example(value='-live.example.com')
@example(value='live..example.com')
@example(value='localhost')
@example(value='a' * 64 + '.com')
def test_domain_names_the_api_would_reject_fail_early(fake_api, run_module, value):
    assume(not value.endswith('\n'))
    result, calls = run_on_domain(fake_api, run_module, value)

    if accepted_by_api_domain_rule(value) and '\n' not in value and re.search(r'\.[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]\Z', value):
        # A name the API accepts, with a top-level label of two or more characters that starts with a letter
        # (no such TLD is all digits or one character): accepted, and sent in lowercase.
        assert result.get('failed') is not True, result.get('msg')
        assert result['changed'] is True and calls[0].params['DomainName'] == value.lower()
    else:
        assert_rejected_early(result, calls, 'domain_name', 'a domain name such as live.example.com', short=True)


def run_on_domain(fake_api, run_module, value):
    """Run the module for domain ``value``, which the fake account owns (in lowercase, as DNS names are stored)."""
    del fake_api.calls[:]
    del fake_api.configs[:]
    fake_api.domains = set([value.lower()])
    result = run_module(module, args(domain_name=value))
    return result, list(fake_api.calls)


@pytest.mark.parametrize('option, longest', [('vod_transcode_group_id', 128), ('compose_vod_transcode_group_id', 128),
                                             ('storage_location', 255)])
@PROPERTY
@given(value=HOSTILE_TEXT)
@example(value='e2d796d3bb5fd8049d32bff62f94e3a1')
@example(value='group 1')
@example(value='x' * 129)
def test_ids_normalise_or_fail_early(fake_api, run_module, option, longest, value):
    assume(not value.endswith('\n'))
    extra = {option: value}
    if option == 'compose_vod_transcode_group_id':
        extra['auto_compose'] = True
    result, calls = run(fake_api, run_module, **extra)

    if is_id(value, longest):
        assert result['changed'] is True
        api_name = dict((field.name, field.api_name) for field in record_vod.fields)[option]
        assert sent(calls)[api_name] == value
    elif value == '':
        # Named as missing (required options) or as not valid (storage_location).
        assert_rejected_early(result, calls, option)
    else:
        assert_rejected_early(result, calls, option, LOCATION_RULE if option == 'storage_location' else ID_RULE, short=True)


@pytest.mark.parametrize('option', ['domain_name', 'app_name', 'stream_name', 'vod_transcode_group_id', 'storage_location'])
def test_trailing_newline_is_rejected(fake_api, run_module, option):
    value = {'domain_name': 'live.example.com\n'}.get(option, 'value\n')
    fake_api.domains.add(value)

    result, calls = run(fake_api, run_module, **{option: value})

    assert_rejected_early(result, calls, option)


@pytest.mark.parametrize('option', ['domain_name', 'app_name', 'stream_name', 'vod_transcode_group_id', 'storage_location'])
@PROPERTY
@given(value=WRONG_SCALARS)
def test_numbers_and_booleans_for_text_options_become_their_text(fake_api, run_module, option, value):
    # Ansible turns a scalar given to a str option into its text; that text then meets the rule.
    result, calls = run(fake_api, run_module, **{option: value})

    text = str(value)
    valid = {'domain_name': lambda: False, 'vod_transcode_group_id': lambda: is_id(text, 128),
             'storage_location': lambda: is_id(text, 255)}.get(option, lambda: is_name(text))()
    if valid:
        assert result['changed'] is True
        assert text in sent(calls).values()
    else:
        assert_rejected_early(result, calls, option)


@pytest.mark.parametrize('option', ['domain_name', 'app_name', 'stream_name'])
@PROPERTY
@given(value=CONTAINERS)
def test_lists_and_dicts_for_names_fail_early(fake_api, run_module, option, value):
    result, calls = run(fake_api, run_module, **{option: value})

    # Ansible turns the container into its Python text, which no name rule allows.
    assert_rejected_early(result, calls, option, short=True)


@pytest.mark.parametrize('option', ['vod_transcode_group_id', 'compose_vod_transcode_group_id', 'storage_location'])
@pytest.mark.parametrize('value', [['group-1'], ['e2d796d3bb5fd8049d32bff62f94e3a1']])
def test_lists_for_ids_fail_early(fake_api, run_module, option, value):
    extra = {option: value}
    if option == 'compose_vod_transcode_group_id':
        extra['auto_compose'] = True

    result, calls = run(fake_api, run_module, **extra)

    assert_rejected_early(result, calls, option)


# ---- numbers, choices and booleans ---------------------------------------------------------------


# No infinities for int options: ansible-core's own int check raises OverflowError on them
# (common/validation.py check_type_int), before the module's code runs.
NUMBERS = st.one_of(st.integers(min_value=-10 ** 6, max_value=10 ** 6), st.integers(), st.floats(allow_infinity=False),
                    st.integers(min_value=250, max_value=22000).map(str), st.text(max_size=12),
                    st.integers(min_value=250, max_value=22000).map(float), st.none(), CONTAINERS)


def as_integer(value):
    """The integer Ansible's int type makes of value, or None when it refuses (written from ansible-core's rules)."""
    if isinstance(value, int):
        return int(value)
    if MODERN_CORE:
        if isinstance(value, (list, dict)) or value is None:
            return None
        try:
            number = decimal.Decimal(value)
            whole = int(number)
        except (decimal.DecimalException, TypeError, ValueError, OverflowError):
            return None
        return whole if number == whole else None
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def as_float(value):
    """The float Ansible's float type makes of value, or None when it refuses."""
    if isinstance(value, (float, int, str)):
        try:
            return float(value)
        except (ValueError, OverflowError):
            return None
    return None


@PROPERTY
@given(value=NUMBERS)
@example(value=299)
@example(value=300)
@example(value=21600)
@example(value=21601)
@example(value='1800')
@example(value=1800.5)
@example(value=float('nan'))
def test_cycle_duration_normalises_or_fails_early(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, cycle_duration=value)

    number = as_integer(value)
    if value is None:
        # Left out: a new config gets the API's default.
        assert sent(calls)['CycleDuration'] == '3600'
    elif number is not None and not isinstance(value, bool) and 300 <= number <= 21600:
        assert sent(calls)['CycleDuration'] == str(number)
    else:
        assert_rejected_early(result, calls, 'cycle_duration')


@pytest.mark.parametrize('value', [True, False])
def test_cycle_duration_given_as_a_boolean_fails_early(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, cycle_duration=value)

    assert_rejected_early(result, calls, 'cycle_duration')


@PROPERTY
@given(value=NUMBERS)
@example(value='1')
@example(value=2)
@example(value=7)
@example(value=3)
def test_on_demand_normalises_or_fails_early(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, on_demand=value)

    number = as_integer(value)
    if value is None:
        # Ansible's choices check refuses an explicit null; leaving the option out is how to keep the stored value.
        assert_rejected_early(result, calls, 'on_demand', '0, 1, 2, 7')
    elif number in (0, 1, 2, 7):
        assert sent(calls)['OnDemand'] == str(number)
    else:
        # A whole number that is not a choice is refused with the choices; anything else as not a number.
        assert_rejected_early(result, calls, 'on_demand', '0, 1, 2, 7' if number is not None else None)


@pytest.mark.parametrize('value', [True, False])
def test_on_demand_given_as_a_boolean_is_sent_as_a_number(fake_api, run_module, value):
    # A YAML boolean is an int to Ansible's int type: true is 1, false is 0.
    result, calls = run(fake_api, run_module, on_demand=value)

    assert result.get('failed') is not True, result.get('msg')
    assert sent(calls)['OnDemand'] == str(int(value))


def spelled(word, caps):
    return ''.join(char.upper() if cap else char for char, cap in zip(word, caps))


BOOLEAN_SPELLINGS = st.one_of(
    st.tuples(st.sampled_from(TRUE_WORDS + FALSE_WORDS), st.lists(st.booleans(), min_size=5, max_size=5),
              st.sampled_from(['', ' ', '\t'])).map(lambda item: item[2] + spelled(item[0], item[1]) + item[2]),
    st.sampled_from([True, False, 1, 0, 1.0, 0.0, 2, -1, 0.5, None, '', 'maybe', 'ja', 'oui', 'enabled', '2']),
    st.text(max_size=6), CONTAINERS,
)


def as_boolean(value):
    """What Ansible's boolean type makes of value, or None when it refuses."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        value = value.lower().strip()
    if isinstance(value, (list, dict)):
        return None
    if value in TRUE_WORDS or value == 1:
        return True
    if value in FALSE_WORDS or value == 0:
        return False
    return None


@PROPERTY
@given(value=BOOLEAN_SPELLINGS)
def test_every_boolean_spelling_of_auto_compose(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, auto_compose=value, compose_vod_transcode_group_id='compose-1')

    wanted = as_boolean(value)
    if value is None:
        # Left out: a new config gets the API's default, off.
        assert sent(calls)['AutoCompose'] == 'OFF'
    elif wanted is None:
        assert_rejected_early(result, calls, 'auto_compose')
    else:
        assert sent(calls)['AutoCompose'] == ('ON' if wanted else 'OFF')


@pytest.mark.parametrize('option', ['allow_recreate', 'validate_certs'])
@PROPERTY
@given(value=BOOLEAN_SPELLINGS)
def test_every_boolean_spelling_of_the_other_flags(fake_api, run_module, option, value):
    result, calls = run(fake_api, run_module, **{option: value})

    if as_boolean(value) is None:
        assert_rejected_early(result, calls, option)
    else:
        assert result['changed'] is True and calls


@PROPERTY
@given(value=st.one_of(HOSTILE_TEXT, st.sampled_from(['present', 'absent', 'Present', 'ABSENT', ' present'])))
def test_state_is_one_of_the_choices(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, state=value)

    if value in ('present', 'absent'):
        # Nothing is stored: present creates, absent has nothing to do.
        assert result.get('failed') is not True and result['changed'] is (value == 'present')
    else:
        assert_rejected_early(result, calls, 'state')


@pytest.mark.parametrize('option, least, integer', [('timeout', 0.1, False), ('retries', 0, True), ('retry_delay', 0, False),
                                                    ('retry_max_delay', 0, False), ('retry_timeout', 0.1, False)])
@PROPERTY
@given(value=st.one_of(st.floats(allow_nan=False, allow_infinity=False, max_value=100), st.integers(min_value=-100, max_value=100),
                       st.text(max_size=8), st.none(), st.floats(min_value=-1, max_value=1),
                       st.floats(min_value=-1, max_value=30).map(str), st.sampled_from(['nan', 'inf', '-inf', ' 2 ', '1e1', '0x10'])))
@example(value=0.1)
@example(value=0)
@example(value='5')
def test_connection_numbers_are_checked_before_any_request(fake_api, run_module, option, least, integer, value):
    # ansible-core 2.19's own int check raises OverflowError on infinite text, before the module's code runs.
    assume(not (integer and as_float(value) is not None and math.isinf(as_float(value))))
    result, calls = run(fake_api, run_module, **{option: value})

    # The oracle: what Ansible's type makes of the value (an explicit null is refused for an option with a
    # default) must be finite and at least the minimum. A value that passes must be used, one that does not
    # must be refused early.
    number = as_integer(value) if integer else as_float(value)
    if number is not None and math.isfinite(number) and number >= least:
        assert result.get('failed') is not True, result.get('msg')
        assert calls
    else:
        assert_rejected_early(result, calls, option)


@pytest.mark.parametrize('option', ['timeout', 'retry_delay', 'retry_max_delay', 'retry_timeout'])
def test_nan_connection_numbers_are_rejected(fake_api, run_module, option):
    result, calls = run(fake_api, run_module, **{option: float('nan')})

    assert_rejected_early(result, calls, option)


@PROPERTY
@given(value=st.one_of(HOSTILE_TEXT, st.sampled_from(['http://127.0.0.1:1', 'https://live.aliyuncs.com', 'ftp://x', 'http://',
                                                      'http://a b', 'http://[::1]:80', 'http://u:p@h', 'http://h/path',
                                                      'http://h:99999', 'http://h?x=1']),
                       st.builds('{}://{}:{}'.format, st.sampled_from(['http', 'https', 'HTTP', 'file']),
                                 st.text(alphabet='abc.-_[]:%', min_size=1, max_size=10), st.integers(-1, 70000))))
def test_endpoint_is_checked_before_any_request(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, endpoint=value, retries=0)

    if value == '':
        # Empty is unset: the regional endpoint over https.
        assert (calls[0].host, calls[0].https) == ('live.aliyuncs.com', True)
    elif is_endpoint(value):
        assert calls, result.get('msg')
        scheme, host, port = is_endpoint(value)
        assert (calls[0].https, calls[0].host.lower(), calls[0].port) == (scheme == 'https', host.lower(), port)
    else:
        assert_rejected_early(result, calls, 'endpoint')


HOST_LABEL = r'[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
ENDPOINT_PATTERN = re.compile(r'(?i)(https?)://(%s(?:\.%s)*|\[[^]]*\])(?::([0-9]{1,5}))?/?' % (HOST_LABEL, HOST_LABEL))


def is_ipv6_literal(host):
    try:
        ipaddress.IPv6Address(host[1:-1])
    except ValueError:
        return False
    return True


def is_endpoint(value):
    """(scheme, host, port) of an endpoint that is plainly valid (a host name, an optional port from 1 to 65535, at
    most a trailing slash), else None; written from the option's documentation, not from the module's parser."""
    match = ENDPOINT_PATTERN.fullmatch(value.strip())
    if not match:
        return None
    scheme, host = match.group(1).lower(), match.group(2)
    if host.startswith('['):
        if not is_ipv6_literal(host):
            return None
        host = host[1:-1]
    port = int(match.group(3)) if match.group(3) else (443 if scheme == 'https' else 80)
    return (scheme, host, port) if 1 <= port <= 65535 else None


@PROPERTY
@given(scheme=st.sampled_from(['http', 'https', 'HTTPS']), labels=st.lists(LABEL, min_size=1, max_size=4),
       port=st.one_of(st.none(), st.integers(min_value=1, max_value=65535)), slash=st.booleans())
def test_every_plainly_valid_endpoint_is_accepted(fake_api, run_module, scheme, labels, port, slash):
    value = '%s://%s%s%s' % (scheme, '.'.join(labels), ':%d' % port if port else '', '/' if slash else '')

    result, calls = run(fake_api, run_module, endpoint=value, retries=0)

    assert calls, result.get('msg')
    assert calls[0].host == '.'.join(labels)


@PROPERTY
@given(value=HOSTILE_TEXT)
def test_region_id_is_checked_before_any_request(fake_api, run_module, value):
    result, calls = run(fake_api, run_module, region_id=value)

    # Empty is unset (the default region); otherwise surrounding blanks are ignored.
    if value == '' or re.fullmatch(r'[a-z0-9][a-z0-9-]{0,62}', value.strip()):
        assert result.get('failed') is not True and calls
    else:
        assert_rejected_early(result, calls, 'region_id')


# ---- API shape <-> module shape ------------------------------------------------------------------


MODULE_CONFIG = st.fixed_dictionaries({
    'domain_name': st.lists(LABEL, min_size=2, max_size=3).map('.'.join),
    'app_name': st.text(alphabet=NAME_CHARS, min_size=1, max_size=20),
    'stream_name': st.one_of(st.just(''), st.text(alphabet=NAME_CHARS, min_size=1, max_size=20)),
    'vod_transcode_group_id': st.text(alphabet=PRINTABLE_NO_SPACE, min_size=1, max_size=40),
    'cycle_duration': st.integers(min_value=300, max_value=21600),
    'auto_compose': st.booleans(),
    'compose_vod_transcode_group_id': st.one_of(st.just(''), st.text(alphabet=PRINTABLE_NO_SPACE, min_size=1, max_size=40)),
    'storage_location': st.one_of(st.just(''), st.text(alphabet=PRINTABLE_NO_SPACE, min_size=1, max_size=40)),
    'on_demand': st.sampled_from([0, 1]),
    'delay_time': st.one_of(st.none(), st.integers(min_value=15, max_value=21600)),
    'record_content': st.sampled_from([['raw'], ['transcode'], ['raw', 'transcode']]),
    # Lists go out flattened (Name.1) and come back in Describe's own shape: test_record_vod covers them.
    'transcode_templates': st.just([]),
    'space_id': st.one_of(st.just(''), st.text(alphabet=PRINTABLE_NO_SPACE, min_size=1, max_size=40)),
    'record_formats': st.just([]),
})


@PROPERTY
@given(config=MODULE_CONFIG)
def test_module_shape_survives_a_round_trip_through_the_api_shape(config):
    api = record_vod.to_api(config)

    assert record_vod.from_api(api) == dict(config, create_time=None, extra={})
    assert api['AutoCompose'] in ('ON', 'OFF')
    assert ('StreamName' in api) == (config['stream_name'] != '')
    assert None not in api.values()


@PROPERTY
@given(config=MODULE_CONFIG, as_text=st.booleans(), on_word=st.sampled_from(['ON', 'on', 'On']),
       create_time=st.one_of(st.none(), st.just('2026-11-25T11:00:00Z')))
def test_api_shape_survives_a_round_trip_through_the_module_shape(config, as_text, on_word, create_time):
    # What the service returns: integers possibly as text, the stream always present, ON/OFF in any case.
    item = dict(record_vod.to_api(config), StreamName=config['stream_name'])
    if as_text:
        item['CycleDuration'] = str(item['CycleDuration'])
        item['OnDemand'] = str(item['OnDemand'])
        if 'DelayTime' in item:
            item['DelayTime'] = str(item['DelayTime'])
    if config['auto_compose']:
        item['AutoCompose'] = on_word
    item['CreateTime'] = create_time

    parsed = record_vod.from_api(item)

    assert parsed == dict(config, create_time=create_time, extra={})
    again = record_vod.to_api(parsed)
    assert again == record_vod.to_api(config)
    assert record_vod.find([item], dict(config, domain_name=config['domain_name'].upper())) == parsed


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                           lambda children: st.one_of(st.lists(children, max_size=3),
                                                      st.dictionaries(st.text(max_size=5), children, max_size=3)),
                           max_leaves=6)
API_KEYS = [field.api_name for field in record_vod.fields] + ['CreateTime', 'Unexpected']


@PROPERTY
@given(item=st.dictionaries(st.sampled_from(API_KEYS), JSON_VALUES))
def test_from_api_reads_any_item_defensively(item):
    config = record_vod.from_api(item)

    assert set(config) == set(record_vod.config_keys)
    # A key the table does not know is kept as it came, never dropped.
    assert config['extra'] == dict((key, item[key]) for key in item if key == 'Unexpected')
    for field in record_vod.fields:
        if item.get(field.api_name) is None:
            assert config[field.name] == field.empty
    assert isinstance(config['auto_compose'], bool)
    assert isinstance(config['domain_name'], str) and isinstance(config['app_name'], str)
