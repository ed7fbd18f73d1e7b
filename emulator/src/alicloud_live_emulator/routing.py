# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a request goes: RPC actions by their Action parameter, other services by path.

The extension point for new endpoints. An RPC action is an :class:`Action` (name, API
version, handler); a path service (the control API, an instance-metadata service) is a
handler for every path under a prefix. :func:`build_router` lists them all: a new endpoint
is a new module plus one registration line there.

An action module defines ``ACTION = Action(name, version, handler)``
(:class:`alicloud_live_emulator.rpc.Action`).
"""

from alicloud_live_emulator import actions, control, metadata, record_notify, sts
from alicloud_live_emulator.rpc import Action

__all__ = ['Action', 'Router', 'build_router']


class Router:
    """The registry of RPC actions and path services."""

    def __init__(self):
        self.actions = {}
        self.paths = []

    def add_action(self, action):
        """Register an RPC action; names are unique."""
        if action.name in self.actions:
            raise ValueError('action %s is registered twice' % action.name)
        self.actions[action.name] = action

    def add_actions(self, action_list):
        """Register several RPC actions."""
        for action in action_list:
            self.add_action(action)

    def add_path(self, prefix, handler):
        """Serve every path under prefix with handler(server, request) -> Reply.

        ``request`` is a :class:`alicloud_live_emulator.server.HttpRequest`. The longest
        matching prefix wins; other paths are RPC calls.
        """
        self.paths.append((prefix, handler))
        self.paths.sort(key=lambda item: len(item[0]), reverse=True)

    def path_handler(self, path):
        """The handler of the longest registered prefix of path, or None (an RPC call)."""
        for prefix, handler in self.paths:
            if path.startswith(prefix):
                return handler
        return None

    def versions(self):
        """Every API version some action speaks."""
        return set(action.version for action in self.actions.values())


def build_router():
    """The emulator's endpoints."""
    router = Router()
    router.add_actions(actions.LIVE_ACTIONS)
    router.add_actions(actions.STS_ACTIONS)
    router.add_path(control.PREFIX, control.handle)
    router.add_path(sts.CONTROL_PREFIX, sts.handle_control)
    router.add_path(record_notify.CONTROL_PREFIX, record_notify.handle_control)
    router.add_path(metadata.PREFIX, metadata.handle)
    return router
