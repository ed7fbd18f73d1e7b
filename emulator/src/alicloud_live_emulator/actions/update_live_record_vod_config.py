# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UpdateLiveRecordVodConfig: replace the fields of an existing configuration.

The action has no StorageLocation parameter: the stored one and CreateTime stay; every
other field takes the given value or the API default.
"""

from alicloud_live_emulator import configs
from alicloud_live_emulator.protocol import ApiError, LIVE_API_VERSION
from alicloud_live_emulator.rpc import Action

NAME = 'UpdateLiveRecordVodConfig'


def handle(call):
    """Replace a configuration; InvalidConfig.NotFound when there is none."""
    record = configs.parse_params(call.params, with_storage=False)
    with call.state.lock:
        stored = call.state.configs_locked(call.account_id, record['DomainName'])
        current = stored.get(configs.identity(record))
        if current is None:
            raise ApiError(404, 'InvalidConfig.NotFound', 'The specified config does not exist.')
        record.update(StorageLocation=current['StorageLocation'], CreateTime=current['CreateTime'])
        stored[configs.identity(record)] = record
        call.state.changed()
    return {}


ACTION = Action(NAME, LIVE_API_VERSION, handle)
