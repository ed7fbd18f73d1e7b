# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-format recording, transcoded streams, delays and VOD spaces against the emulator, whose Update
resets what it is not sent: nothing set elsewhere is lost, order never causes a write, bad input
costs no request, and check mode predicts the run."""

import pytest

from conftest import ADD, CONFIG, CONFIGS, DELETE, DESCRIBE, DOMAIN, INFO, UPDATE, connection, seeded

FORMATS = [dict(Format='mp4', AutoCompose='ON', VideoProcess='origin,compose', ProcessMethod='workflow',
                ProcessTemplateId='wf-1', Tags='news'),
           dict(Format='m3u8', SliceDuration=10, AutoCompose='OFF', VideoProcess='origin'),
           dict(Format='flv', AutoCompose='OFF', VideoProcess='origin')]
WANTED_FORMATS = [dict(format='m3u8', slice_duration=10),
                  dict(format='mp4', auto_compose=True, video_process=['compose', 'origin'], process_method='workflow',
                       process_template_id='wf-1', tags='news'),
                  dict(format='flv')]


def rich(app_name='news', stream_name='', **fields):
    """A config whose formats, templates, delay, content and space were set elsewhere."""
    values = dict(RecordFormatList=dict(RecordFormat=[dict(item) for item in FORMATS]), TranscodeTemplates=['lld', 'lsd'],
                  DelayTime=120, RecordContent='raw,transcode', SpaceId='space-1', VodTranscodeGroupId='')
    values.update(fields)
    return seeded(app_name, stream_name, **values)


def described(live, app_name='news'):
    """The config as the info module reads it back."""
    configs = live(INFO, domain_name=DOMAIN, app_name=app_name)['configs']
    assert len(configs) == 1
    return configs[0]


def formats_by_name(config):
    return dict((item['format'], item) for item in config['record_formats'])


@pytest.mark.parametrize('order', ['reversed', 'sorted', 'request'])
def test_a_second_run_reads_once_and_writes_nothing_whatever_the_order_of_the_formats(live, emulator, order):
    emulator.settings(record_format_order=order)
    first = live(CONFIG, domain_name=DOMAIN, app_name='news', record_formats=WANTED_FORMATS, delay_time=60)
    assert first.get('failed') is not True, first.get('msg')
    emulator.clear_requests()

    again = live(CONFIG, domain_name=DOMAIN, app_name='news', record_formats=list(reversed(WANTED_FORMATS)), delay_time=60)

    assert again['changed'] is False
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE]
    assert again['config'] == first['config']


@pytest.mark.parametrize('templates_format', ['json', 'comma', 'list'])
def test_a_cycle_duration_change_keeps_formats_templates_delay_and_content(live, emulator, templates_format):
    emulator.settings(transcode_templates_format=templates_format)
    emulator.seed(configs=[rich()])
    before = described(live)
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='news', cycle_duration=900)])

    assert result['changed'] is True
    assert [entry['action'] for entry in emulator.write_requests()] == [UPDATE]
    after = described(live)
    assert after == dict(before, cycle_duration=900)
    assert after['transcode_templates'] == ['lld', 'lsd'] and after['delay_time'] == 120
    assert formats_by_name(after)['mp4']['process_template_id'] == 'wf-1'
    assert after['record_content'] == ['raw', 'transcode'] and after['space_id'] == 'space-1'


def test_a_space_id_change_with_allow_recreate_re_adds_everything_else(live, emulator):
    emulator.seed(configs=[rich()])
    before = described(live)
    emulator.clear_requests()

    result = live(CONFIG, domain_name=DOMAIN, app_name='news', record_formats=WANTED_FORMATS, space_id='space-2',
                  allow_recreate=True)

    assert result['changed'] is True and result['action'] == 'recreated'
    assert [entry['action'] for entry in emulator.write_requests()] == [DELETE, ADD]
    after = described(live)
    assert dict(after, create_time=None) == dict(before, space_id='space-2', create_time=None)
    assert result['config'] == after


def test_a_recreate_that_would_drop_an_unknown_stored_key_fails_before_any_write(live, emulator):
    emulator.seed(configs=[rich(NewRecordingFeature='on')])
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, config=[dict(app_name='news', space_id='space-2')], allow_recreate=True)

    assert result['failed'] is True and result['changed'] is False
    assert 'NewRecordingFeature' in result['msg']
    assert emulator.write_requests() == [] and [entry['action'] for entry in emulator.requests()] == [DESCRIBE]
    assert described(live)['space_id'] == 'space-1'


def test_an_update_keeps_an_unknown_stored_key_and_every_read_shows_it(live, emulator):
    emulator.seed(configs=[rich(NewRecordingFeature='on')])

    updated = live(CONFIG, domain_name=DOMAIN, app_name='news', record_formats=WANTED_FORMATS, delay_time=30)
    gathered = live(CONFIGS, domain_name=DOMAIN, state='gathered')['gathered']

    assert updated['changed'] is True and updated['config']['delay_time'] == 30
    assert updated['config']['extra'] == dict(NewRecordingFeature='on')
    assert described(live)['extra'] == dict(NewRecordingFeature='on')
    assert gathered[0]['extra'] == dict(NewRecordingFeature='on')


def test_gathered_fed_back_as_overridden_is_a_no_op_on_configs_with_formats(live, emulator):
    emulator.seed(configs=[rich(), rich('sports', 'final', RecordFormatList=dict(RecordFormat=[dict(Format='flv')]),
                                        TranscodeTemplates=[], RecordContent='raw', SpaceId=''),
                           seeded('plain', CycleDuration=600)])
    gathered = live(CONFIGS, domain_name=DOMAIN, state='gathered')['gathered']
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, state='overridden', config=gathered)

    assert result.get('failed') is not True, result.get('msg')
    assert result['changed'] is False
    assert emulator.write_requests() == [] and [entry['action'] for entry in emulator.requests()] == [DESCRIBE]
    assert result['after'] == gathered and [item['app_name'] for item in gathered] == ['news', 'plain', 'sports']


@pytest.mark.long
def test_check_mode_predicts_the_config_of_the_run_exactly(playbook, emulator):
    emulator.seed(configs=[rich()])
    create = dict(connection(emulator), domain_name=DOMAIN, app_name='fresh', record_formats=WANTED_FORMATS,
                  record_content=['transcode'], transcode_templates=['lsd', 'lld'], delay_time=15, space_id='sp-9',
                  on_demand=7)
    update = dict(connection(emulator), domain_name=DOMAIN, app_name='news',
                  record_formats=[dict(format='m3u8', slice_duration=5, tags='short'), dict(format='mp4')],
                  transcode_templates=['lhd'])
    bulk = dict(connection(emulator), domain_name=DOMAIN, config=[
        dict(app_name='news', stream_name='cam', record_formats=[dict(format='flv')]),
        dict(app_name='news', delay_time=300)])
    tasks = []
    for check_mode in (True, False):
        tasks.extend([{CONFIG: create, 'check_mode': check_mode}, {CONFIG: update, 'check_mode': check_mode}])
    tasks.extend([{CONFIGS: bulk, 'check_mode': True}, {CONFIGS: bulk, 'check_mode': False}])

    emulator.clear_requests()
    run = playbook(tasks)

    assert run.rc == 0, run.stdout + run.stderr
    predicted_create, predicted_update, applied_create, applied_update = [run['result_%d' % index] for index in range(4)]
    assert predicted_create['changed'] is predicted_update['changed'] is True
    # The service sets the creation time: the one value a prediction cannot know.
    assert predicted_create['config'] == dict(applied_create['config'], create_time=None)
    assert predicted_update['config'] == applied_update['config']
    assert predicted_create['differences'] == applied_create['differences']
    assert run['result_4']['after'] == run['result_5']['after'] and run['result_4']['changed'] is True
    writes = [entry['action'] for entry in emulator.write_requests()]
    # The resource module's two writes run concurrently: in either order.
    assert writes[:2] == [ADD, UPDATE] and sorted(writes[2:]) == sorted([ADD, UPDATE])


BAD_INPUT = [
    (CONFIG, dict(app_name='news', vod_transcode_group_id='g', delay_time=14), 'delay_time'),
    (CONFIG, dict(app_name='news', vod_transcode_group_id='g', record_content=['transcode'], transcode_templates=[]),
     'transcode_templates'),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='m3u8', slice_duration=31)]),
     'record_formats[0].slice_duration'),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='flv', slice_duration=10)]), 'slice_duration'),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='flv'), dict(format='flv')]), 'record_formats[1].format'),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='mp4', process_method='transcode')]), 'process_template_id'),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='mp4')], auto_compose=True,
                  compose_vod_transcode_group_id='c1'), 'auto_compose'),
    (CONFIGS, dict(config=[dict(app_name='a', record_formats=[dict(format='mp4', slice_duration=10)])]),
     'config[0]: record_formats[0]: slice_duration'),
    (CONFIGS, dict(config=[dict(app_name='a', record_formats=[dict(format='flv')], compose_vod_transcode_group_id='c')]),
     'config[0]: compose_vod_transcode_group_id'),
    (CONFIGS, dict(config=[dict(app_name='a', delay_time=99999)]), 'config[0]: delay_time'),
]


@pytest.mark.parametrize('module, options, words', BAD_INPUT)
def test_bad_input_fails_naming_the_option_with_no_request(live, emulator, module, options, words):
    emulator.clear_requests()

    result = live(module, domain_name=DOMAIN, **options)

    assert result['failed'] is True and words in result['msg'], result['msg']
    assert emulator.requests() == []


# Outside the choices: whether a value is allowed depends on what is stored (a stored value is always
# accepted back), so these fail after the one read and before any write.
OUTSIDE_CHOICES = [
    (CONFIG, dict(app_name='news', vod_transcode_group_id='g', record_content=['raw', 'hls']),
     "record_content[1] must be one of raw, transcode, got 'hls'"),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='avi')]), "record_formats[format=avi].format must be one of"),
    (CONFIG, dict(app_name='news', record_formats=[dict(format='mp4', video_process=['cut'])]),
     "record_formats[format=mp4].video_process[0] must be one of origin, compose, got 'cut'"),
]


@pytest.mark.parametrize('module, options, words', OUTSIDE_CHOICES)
def test_a_value_outside_the_choices_fails_naming_the_option_before_any_write(live, emulator, module, options, words):
    emulator.clear_requests()

    result = live(module, domain_name=DOMAIN, **options)

    assert result['failed'] is True and words in result['msg'], result['msg']
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE]


def test_the_wildcard_application_and_the_new_on_demand_modes_round_trip(live, emulator):
    result = live(CONFIG, domain_name=DOMAIN, app_name='*', vod_transcode_group_id='group-a', on_demand=2)

    assert result['changed'] is True and result['config']['app_name'] == '*' and result['config']['on_demand'] == 2
    assert live(CONFIG, domain_name=DOMAIN, app_name='*', vod_transcode_group_id='group-a', on_demand=2)['changed'] is False


def test_a_no_op_over_a_thousand_configs_with_formats_is_ten_describes(live, emulator):
    emulator.seed(configs=[rich('app%04d' % index) for index in range(1000)])
    config = [dict(app_name='app%04d' % index, record_formats=WANTED_FORMATS, transcode_templates=['lsd', 'lld'],
                   delay_time=120) for index in range(1000)]
    emulator.clear_requests()

    result = live(CONFIGS, domain_name=DOMAIN, config=config)

    assert result['changed'] is False
    assert [entry['action'] for entry in emulator.requests()] == [DESCRIBE] * 10
