# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode predicts the run's result field by field, in type too: a YAML boolean given to an int
option (``on_demand: true``) is predicted as the number the service stores and answers."""

import json

from conftest import CONFIG, CONFIGS, DOMAIN, connection, seeded, task


def test_check_mode_and_the_run_agree_in_type(playbook, emulator):
    emulator.seed(configs=[seeded('news', OnDemand=0)])
    single = task(CONFIG, emulator, domain_name=DOMAIN, app_name='news', vod_transcode_group_id='group-a', on_demand=True)
    bulk = {'name': 'bulk', CONFIGS: dict(connection(emulator), domain_name=DOMAIN, config=[
        dict(app_name='fresh', vod_transcode_group_id='group-f', on_demand=True)])}

    run = playbook([dict(single, check_mode=True), dict(bulk, check_mode=True), single, bulk], diff=True)

    assert run.rc == 0, run.stdout + run.stderr
    predicted, predicted_bulk, real, real_bulk = (run['result_%d' % index] for index in range(4))
    assert json.dumps(predicted['config']['on_demand']) == json.dumps(real['config']['on_demand']) == '1'
    assert predicted['config'] == real['config'] and predicted['diff'] == real['diff']
    fresh = [item for item in predicted_bulk['after'] if item['app_name'] == 'fresh']
    assert json.dumps(fresh) == json.dumps([item for item in real_bulk['after'] if item['app_name'] == 'fresh'])
    assert fresh[0]['on_demand'] == 1 and fresh[0]['on_demand'] is not True
