# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DescribeLiveRecordVodConfigs: list the configurations of a domain, filtered and paged."""

from alicloud_live_emulator import configs
from alicloud_live_emulator.params import check_domain, check_name, int_param
from alicloud_live_emulator.protocol import LIVE_API_VERSION
from alicloud_live_emulator.rpc import Action

NAME = 'DescribeLiveRecordVodConfigs'


def handle(call):
    """One page of the matching configurations; Total is a string, as the service sends it.

    TranscodeTemplates and the order of the RecordFormat items follow the settings
    ``transcode_templates_format`` and ``record_format_order`` (see configs).
    """
    params = call.params
    domain = check_domain(params)
    app = check_name(params, 'AppName', False, wildcard=True)
    stream = check_name(params, 'StreamName', False)
    page_num = int_param(params, 'PageNum', 1, lambda v: v >= 1, 'it must be an integer of at least 1.')
    page_size = int_param(params, 'PageSize', 10, lambda v: 5 <= v <= 100, 'it must be an integer from 5 to 100.')
    with call.state.lock:
        settings = call.state.describe_settings()
        matching = sorted((record for record in call.state.configs_locked(call.account_id, domain).values()
                           if record['DomainName'] == domain
                           and (not app or record['AppName'] == app)
                           and (not stream or record['StreamName'] == stream)), key=configs.listing_order)
        start = (page_num - 1) * page_size
        page = [configs.describe_shape(record, settings['transcode_templates_format'], settings['record_format_order'])
                for record in matching[start:start + page_size]]
    return {
        'PageNum': page_num,
        'PageSize': page_size,
        'Total': str(len(matching)),
        'LiveRecordVodConfigs': {'LiveRecordVodConfig': page},
    }


ACTION = Action(NAME, LIVE_API_VERSION, handle)
