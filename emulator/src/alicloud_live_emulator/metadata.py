# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ECS instance metadata service, for the instance's RAM role (``live-ecs-role``).

``PUT /latest/api/token`` with ``X-aliyun-ecs-metadata-token-ttl-seconds`` gives an IMDSv2
token; ``GET /latest/meta-data/ram/security-credentials/`` lists the role and
``GET .../<role>`` gives its temporary credentials, with ``X-aliyun-ecs-metadata-token``
(IMDSv2) or without (IMDSv1, unless the mode is ``required``). The mode is set with the
control call ``POST /_emulator/v1/sts/metadata``.
"""

import hmac
import os
import time

from alicloud_live_emulator import sts
from alicloud_live_emulator.protocol import TIME_FORMAT, Reply

PREFIX = '/latest/'
TOKEN_PATH = '/latest/api/token'
ROLES_PATH = '/latest/meta-data/ram/security-credentials/'
TTL_HEADER = 'X-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN_HEADER = 'X-aliyun-ecs-metadata-token'
SECONDS = 3600
# One token per emulator process is enough: what matters is whether a client sends it.
_TOKEN = 'imds-' + os.urandom(16).hex()


def _text(status, text):
    return Reply(status, text.encode('utf-8'), content_type='text/plain')


def handle(server, request):
    """Serve the metadata paths."""
    state = server.state
    mode = sts.sts_state(state).metadata_mode
    if request.path == TOKEN_PATH:
        if request.method != 'PUT':
            return _text(405, 'Method Not Allowed')
        if mode == 'v1-only':
            return _text(404, 'Not Found')
        ttl = request.headers.get(TTL_HEADER, '')
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return _text(400, 'Bad Request')
        return _text(200, _TOKEN)
    if request.method != 'GET':
        return _text(405, 'Method Not Allowed')
    token = request.headers.get(TOKEN_HEADER)
    if token is not None and not hmac.compare_digest(token.encode('utf-8'), _TOKEN.encode('utf-8')):
        return _text(401, 'Unauthorized')
    if token is None and mode == 'required':
        return _text(401, 'Unauthorized')
    if request.path in (ROLES_PATH, ROLES_PATH.rstrip('/')):
        return _text(200, sts.INSTANCE_ROLE)
    if request.path == ROLES_PATH + sts.INSTANCE_ROLE:
        role = sts.find_role(state, 'acs:ram::%s:role/%s' % (state.accounts.default_id(), sts.INSTANCE_ROLE))
        credentials = sts.issue(state, role, 'ecs-instance', SECONDS, role.allowed_actions)
        credentials.update(Code='Success', LastUpdated=time.strftime(TIME_FORMAT, time.gmtime()))
        return Reply.json(200, credentials)
    return _text(404, 'Not Found')
