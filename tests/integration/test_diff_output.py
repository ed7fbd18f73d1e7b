# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ``ansible-playbook --diff`` prints: read from the output of real runs, not from the result.

Every module and the role give the default callback text to diff, one block per config named
by its domain and key (the recording callback configuration by its domain), so that the lines it prints are exactly the fields that change; no
callback warning, no JSON of the whole result.
"""

import re

import pytest

from conftest import CONFIG, CONFIGS, DOMAIN, connection, seeded, task
from test_record_vod_role import SITE, ansible_playbook, domain_inventory, recap

NOTIFY = 'alicloud.live.live_record_notify_config'
EVENTS = 'https://hooks.example.com/live/record-events'

WARNINGS = ('Callback dispatch', 'splitlines', '[WARNING]', 'Traceback')


def diff_blocks(stdout):
    """{header: [changed lines]} of the unified diffs the callback printed, in order of appearance."""
    blocks = {}
    header = None
    for line in stdout.splitlines():
        found = re.match(r'^--- before: (.+)$', line)
        if found:
            header = found.group(1)
            blocks[header] = []
        elif line.startswith('+++ after: '):
            assert header and line == '+++ after: %s' % header, line
        elif header and line[:1] in ('+', '-'):
            blocks[header].append(line)
        elif not line.strip() or line.startswith(('TASK ', 'PLAY ', 'ok:', 'changed:')):
            header = None
    return blocks


def test_the_single_module_prints_the_changed_fields_only(playbook, emulator):
    emulator.seed(configs=[seeded('news', CycleDuration=900), seeded('old')])
    run = playbook([
        task(CONFIG, emulator, domain_name=DOMAIN, app_name='news', vod_transcode_group_id='group-a', cycle_duration=1200,
             auto_compose=True, compose_vod_transcode_group_id='group-m'),
        task(CONFIG, emulator, domain_name=DOMAIN, app_name='fresh', stream_name='cam', vod_transcode_group_id='group-f'),
        task(CONFIG, emulator, domain_name=DOMAIN, app_name='old', state='absent'),
        task(CONFIG, emulator, domain_name=DOMAIN, app_name='news', vod_transcode_group_id='group-a'),
    ], diff=True)

    assert run.rc == 0, run.stdout + run.stderr
    assert not [word for word in WARNINGS if word in run.stdout + run.stderr], run.stdout + run.stderr
    blocks = diff_blocks(run.stdout)
    assert blocks['live.example.com news'] == [
        '-cycle_duration: 900', '-auto_compose: false', '-compose_vod_transcode_group_id: ""',
        '+cycle_duration: 1200', '+auto_compose: true', '+compose_vod_transcode_group_id: group-m'], run.stdout
    created = blocks['live.example.com fresh/cam']
    assert created[:4] == ['+domain_name: live.example.com', '+app_name: fresh', '+stream_name: cam', '+vod_transcode_group_id: group-f'] and not [
        line for line in created if line.startswith('-') or 'create_time' in line]
    deleted = blocks['live.example.com old']
    assert deleted[:2] == ['-domain_name: live.example.com', '-app_name: old'] and not [line for line in deleted if line.startswith('+')]
    # The unchanged fourth task prints no diff at all.
    assert list(blocks) == ['live.example.com news', 'live.example.com fresh/cam', 'live.example.com old']


@pytest.mark.long
def test_the_resource_module_prints_one_block_per_changed_config(playbook, emulator):
    emulator.seed(configs=[seeded('news', CycleDuration=900), seeded('news', 'evening'), seeded('old', OnDemand=1)])
    options = dict(connection(emulator), domain_name=DOMAIN, state='overridden', config=[
        dict(app_name='news', cycle_duration=1200), dict(app_name='news', stream_name='evening'),
        dict(app_name='fresh', vod_transcode_group_id='group-f', on_demand=1)])

    check = playbook([{'name': 'check', CONFIGS: options, 'check_mode': True}], diff=True)
    real = playbook([{'name': 'apply', CONFIGS: options}], diff=True)

    for run in (check, real):
        assert run.rc == 0, run.stdout + run.stderr
        assert not [word for word in WARNINGS if word in run.stdout + run.stderr], run.stdout + run.stderr
        blocks = diff_blocks(run.stdout)
        # Ordered by key; news/evening does not change and is not shown.
        assert list(blocks) == ['live.example.com fresh', 'live.example.com news', 'live.example.com old'], run.stdout
        assert blocks['live.example.com news'] == ['-cycle_duration: 900', '+cycle_duration: 1200']
        assert '+on_demand: 1' in blocks['live.example.com fresh'] and not [l for l in blocks['live.example.com fresh'] if l[0] == '-']
        assert '-on_demand: 1' in blocks['live.example.com old'] and not [l for l in blocks['live.example.com old'] if l[0] == '+']
    # The check run printed the same diff as the real one.
    assert diff_blocks(check.stdout) == diff_blocks(real.stdout)


def test_the_role_with_check_and_diff_prints_what_would_change(emulator, collections_path, tmp_path):
    # The example inventory's defaults give every config VOD_NO_TRANSCODE.
    emulator.seed(configs=[seeded('news', CycleDuration=900, VodTranscodeGroupId='VOD_NO_TRANSCODE'),
                           seeded('sports', 'final', OnDemand=1, VodTranscodeGroupId='VOD_NO_TRANSCODE')])
    stored = emulator.configs()
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [{'domain_name': DOMAIN, 'state': 'merged', 'configs': [
        {'app_name': 'news', 'cycle_duration': 1800}, {'app_name': 'sports', 'stream_name': 'final', 'on_demand': 0},
        {'app_name': 'lectures', 'vod_transcode_group_id': 'group-l'}]}]})

    run = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE, '--check', '--diff')

    assert run.returncode == 0, run.stdout
    assert not [word for word in WARNINGS if word in run.stdout], run.stdout
    blocks = diff_blocks(run.stdout)
    assert blocks['live.example.com news'] == ['-cycle_duration: 900', '+cycle_duration: 1800'], run.stdout
    assert blocks['live.example.com sports/final'] == ['-on_demand: 1', '+on_demand: 0']
    assert '+vod_transcode_group_id: group-l' in blocks['live.example.com lectures']
    assert recap(run.stdout)['changed'] >= 1
    assert emulator.write_requests() == [] and emulator.configs() == stored


def test_a_nested_change_shows_under_its_format_in_every_module(playbook, emulator, collections_path, tmp_path):
    # Describe lists the formats in an order of its own; the diff sorts them by format.
    formats = [dict(Format='mp4', AutoCompose='ON', VideoProcess='origin,compose'), dict(Format='m3u8', SliceDuration=30),
               dict(Format='flv')]
    emulator.seed(configs=[seeded('news', VodTranscodeGroupId='', RecordFormatList=dict(RecordFormat=formats)),
                           seeded('sports', VodTranscodeGroupId='VOD_NO_TRANSCODE',
                                  RecordFormatList=dict(RecordFormat=[dict(Format='m3u8', SliceDuration=30)]))])
    wanted = [dict(format='flv'), dict(format='m3u8', slice_duration=10),
              dict(format='mp4', auto_compose=True, video_process=['origin', 'compose'])]

    run = playbook([
        dict(task(CONFIG, emulator, domain_name=DOMAIN, app_name='news', record_formats=wanted), check_mode=True),
        {'name': 'bulk', CONFIGS: dict(connection(emulator), domain_name=DOMAIN, config=[dict(app_name='news', record_formats=wanted)]),
         'check_mode': True},
    ], diff=True)
    inventory = domain_inventory(tmp_path, {'record_vod_domains': [{'domain_name': DOMAIN, 'configs': [
        {'app_name': 'sports', 'record_formats': [dict(format='m3u8', slice_duration=6)]}]}]})
    role = ansible_playbook(emulator, collections_path, '-i', str(inventory), SITE, '--check', '--diff')

    assert run.rc == 0 and role.returncode == 0, run.stdout + run.stderr + role.stdout
    for output in (run.stdout + run.stderr, role.stdout):
        assert not [word for word in WARNINGS if word in output], output
    # Each module prints one block whose only change is the m3u8 segment length, under its format.
    lines = run.stdout.splitlines()
    changed = [line for line in lines if line.startswith(('+', '-')) and not line.startswith(('---', '+++'))]
    assert changed == ['-    slice_duration: 30', '+    slice_duration: 10'] * 2, run.stdout
    assert [lines[index - 1] for index, line in enumerate(lines) if line == '-    slice_duration: 30'] == ['   - format: m3u8'] * 2
    assert diff_blocks(role.stdout)['live.example.com sports'] == ['-    slice_duration: 30', '+    slice_duration: 6'], role.stdout
    assert emulator.write_requests() == []


@pytest.mark.long
def test_the_callback_module_prints_its_changes_and_only_says_that_the_key_changes(playbook, emulator):
    stored_key, new_key = 'Stored0123456789abcd', 'Rotated9876543210xyz'
    emulator.notify_seed([dict(DomainName=DOMAIN, NotifyUrl=EVENTS, NotifyReqAuth=True, NotifyAuthKey=stored_key),
                          dict(DomainName='play.example.com', NotifyUrl=EVENTS, NeedStatusNotify=True)])
    tasks = [
        task(NOTIFY, emulator, domain_name=DOMAIN, notify_url=EVENTS + '/v2', notify_req_auth=True, notify_auth_key=new_key),
        task(NOTIFY, emulator, domain_name='demo.example.com', notify_url=EVENTS, on_demand_url=EVENTS + '/on-demand'),
        task(NOTIFY, emulator, domain_name='play.example.com', state='absent'),
    ]

    check = playbook(tasks, check=True, diff=True)
    real = playbook(tasks, diff=True)

    for run in (check, real):
        assert run.rc == 0, run.stdout + run.stderr
        assert not [word for word in WARNINGS if word in run.stdout + run.stderr], run.stdout + run.stderr
        blocks = diff_blocks(run.stdout)
        assert list(blocks) == [DOMAIN, 'demo.example.com', 'play.example.com'], run.stdout
        # URLs are quoted, as YAML strings with a colon.
        assert blocks[DOMAIN] == ['-notify_url: "%s"' % EVENTS, '+notify_url: "%s/v2"' % EVENTS,
                                  '-notify_auth_key: "(secret)"', '+notify_auth_key: "(secret, changed)"'], run.stdout
        created = blocks['demo.example.com']
        assert created[:3] == ['+domain_name: demo.example.com', '+notify_url: "%s"' % EVENTS,
                               '+on_demand_url: "%s/on-demand"' % EVENTS], run.stdout
        assert not [line for line in created if line.startswith('-') or 'notify_auth_key' in line]
        deleted = blocks['play.example.com']
        assert '-need_status_notify: true' in deleted and not [line for line in deleted if line.startswith('+')]
        assert stored_key not in run.stdout + run.stderr and new_key not in run.stdout + run.stderr
    assert diff_blocks(check.stdout) == diff_blocks(real.stdout)
