# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AddLiveRecordVodConfig: create the Live-to-VOD configuration of a domain, application and optional stream."""

from alicloud_live_emulator import configs
from alicloud_live_emulator.protocol import ApiError, LIVE_API_VERSION, utc_now_text
from alicloud_live_emulator.rpc import Action

NAME = 'AddLiveRecordVodConfig'


def handle(call):
    """Store a new configuration; ConfigAlreadyExists when its identity is taken."""
    record = configs.parse_params(call.params, adding=True)
    with call.state.lock:
        stored = call.state.configs_locked(call.account_id, record['DomainName'])
        if configs.identity(record) in stored:
            raise ApiError(400, 'ConfigAlreadyExists', 'Config has already exist.')
        record['CreateTime'] = utc_now_text()
        stored[configs.identity(record)] = record
        call.state.changed()
    return {}


ACTION = Action(NAME, LIVE_API_VERSION, handle)
