# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AssumeRole (STS, 2015-04-01): temporary credentials of a RAM role, for a signed caller the role trusts."""

import hmac

from alicloud_live_emulator import sts
from alicloud_live_emulator.params import required
from alicloud_live_emulator.protocol import ApiError
from alicloud_live_emulator.rpc import Action

NAME = 'AssumeRole'


def handle(call):
    """Check the role, its trust and the session parameters; issue the credentials."""
    params = call.params
    role = sts.find_role(call.state, required(params, 'RoleArn'))
    name = sts.session_name(params)
    seconds = sts.duration(params, role)
    if call.account_id not in role.trusted_accounts:
        raise ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.')
    given = params.get('ExternalId', '').encode('utf-8')
    if role.external_id is not None and not hmac.compare_digest(given, role.external_id.encode('utf-8')):
        raise ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.')
    allowed = sts.session_actions(params, role)
    return {'Credentials': sts.issue(call.state, role, name, seconds, allowed), 'AssumedRoleUser': sts.assumed_role_user(role, name)}


ACTION = Action(NAME, sts.STS_API_VERSION, handle, rate_limited=False)
