# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Invalid input fails before any request reaches the API, naming the option."""

import pytest

VALID = dict(domain_name='live.example.com', app_name='inputs', vod_transcode_group_id='group-i')


@pytest.mark.parametrize('change, option', [
    (dict(cycle_duration=100), 'cycle_duration'),
    (dict(cycle_duration=30000), 'cycle_duration'),
    (dict(auto_compose='ON'), 'compose_vod_transcode_group_id'),
    (dict(auto_compose='sometimes'), 'auto_compose'),
    (dict(vod_transcode_group_id=None), 'vod_transcode_group_id'),
    (dict(app_name='bad/app'), 'app_name'),
    (dict(domain_name='bad domain'), 'domain_name'),
    (dict(endpoint='127.0.0.1:1'), 'endpoint'),
    (dict(access_key_secret=''), 'access_key_secret'),
])
def test_invalid_input_sends_zero_requests(live, emulator, change, option):
    args = dict(VALID)
    args.update(change)
    if change.get('vod_transcode_group_id', 1) is None:
        del args['vod_transcode_group_id']
        change = {}

    result = live(**dict(args, **change))

    assert result['failed'] is True
    assert option in result['msg']
    assert emulator.requests() == []


def test_a_value_outside_the_choices_is_refused_after_one_read_and_before_any_write(live, emulator):
    # A value equal to the stored one is accepted (a config set in the console may hold it), so a
    # value outside the choices is refused once the stored config is read: one Describe, no write.
    result = live(**dict(VALID, on_demand=3))

    assert result['failed'] is True
    assert 'on_demand' in result['msg'] and '0, 1, 2, 7' in result['msg']
    assert [entry['action'] for entry in emulator.requests()] == ['DescribeLiveRecordVodConfigs']
