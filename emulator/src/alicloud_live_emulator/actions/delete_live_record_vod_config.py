# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DeleteLiveRecordVodConfig: remove the configuration of exactly the named level (application or stream)."""

from alicloud_live_emulator.params import check_domain, check_name, required
from alicloud_live_emulator.protocol import ApiError, LIVE_API_VERSION
from alicloud_live_emulator.rpc import Action

NAME = 'DeleteLiveRecordVodConfig'


def handle(call):
    """Remove a configuration; InvalidConfig.NotFound when there is none."""
    for name in ('DomainName', 'AppName'):
        required(call.params, name)
    identity = (check_domain(call.params), check_name(call.params, 'AppName', True, wildcard=True), check_name(call.params, 'StreamName', False))
    with call.state.lock:
        if call.state.configs_locked(call.account_id, identity[0]).pop(identity, None) is None:
            raise ApiError(404, 'InvalidConfig.NotFound', 'The specified config does not exist.')
        call.state.changed()
    return {}


ACTION = Action(NAME, LIVE_API_VERSION, handle)
