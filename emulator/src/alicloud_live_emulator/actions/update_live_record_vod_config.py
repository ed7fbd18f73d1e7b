# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UpdateLiveRecordVodConfig: replace the fields of an existing configuration.

The strict reading of an API that does not document what Update does to the parameters it
is not sent: every field Update can set takes the given value or goes back to its default
(DelayTime unset, no TranscodeTemplates, no RecordFormat items). The action has no
StorageLocation, RecordContent or SpaceId parameter: those stay, as do CreateTime and any
extra keys. A stored RecordContent with transcode needs TranscodeTemplates resent.
"""

from alicloud_live_emulator import configs
from alicloud_live_emulator.protocol import ApiError, LIVE_API_VERSION
from alicloud_live_emulator.rpc import Action

NAME = 'UpdateLiveRecordVodConfig'


def handle(call):
    """Replace a configuration; InvalidConfig.NotFound when there is none."""
    record = configs.parse_params(call.params, adding=False)
    with call.state.lock:
        stored = call.state.configs_locked(call.account_id, record['DomainName'])
        current = stored.get(configs.identity(record))
        if current is None:
            raise ApiError(404, 'InvalidConfig.NotFound', 'The specified config does not exist.')
        stored[configs.identity(record)] = configs.updated(current, record)
        call.state.changed()
    return {}


ACTION = Action(NAME, LIVE_API_VERSION, handle)
