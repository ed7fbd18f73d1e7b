# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AssumeRoleWithOIDC (STS, 2015-04-01): an OIDC token exchanged for a RAM role's credentials.

Anonymous: the token authenticates the call, no AccessKey signs it.
"""

import hmac

from alicloud_live_emulator import sts
from alicloud_live_emulator.params import required
from alicloud_live_emulator.protocol import ApiError
from alicloud_live_emulator.rpc import Action

NAME = 'AssumeRoleWithOIDC'


def handle(call):
    """Check the provider, the token and the role's trust in the provider; issue the credentials."""
    params = call.params
    role_arn = required(params, 'RoleArn')
    provider_arn = required(params, 'OIDCProviderArn')
    token = required(params, 'OIDCToken')
    role = sts.find_role(call.state, role_arn)
    name = sts.session_name(params)
    seconds = sts.duration(params, role)
    tokens = sts.OIDC_PROVIDERS.get(provider_arn)
    if tokens is None:
        raise ApiError(404, 'EntityNotExist.OIDCProvider', 'The specified OIDC provider does not exist.')
    if not any(hmac.compare_digest(token.encode('utf-8'), known.encode('utf-8')) for known in tokens):
        raise ApiError(400, 'AuthenticationFail.OIDCToken.Invalid', 'The OIDC token is invalid.')
    if sts.sts_state(call.state).oidc_expired:
        raise ApiError(400, 'AuthenticationFail.OIDCToken.Expired', 'The OIDC token has expired.')
    if provider_arn not in role.oidc_providers:
        raise ApiError(403, 'AuthenticationFail.NoPermission', 'The role does not trust the OIDC provider.')
    allowed = sts.session_actions(params, role)
    return {'Credentials': sts.issue(call.state, role, name, seconds, allowed), 'AssumedRoleUser': sts.assumed_role_user(role, name),
            'OIDCTokenInfo': {'Issuer': 'https://oidc-ack.emulator', 'Subject': 'system:serviceaccount:default:ansible'}}


ACTION = Action(NAME, sts.STS_API_VERSION, handle, anonymous=True, rate_limited=False)
