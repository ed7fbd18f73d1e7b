# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dump_test_results: write ``content`` to the controller file ``dest`` (mode 0600), for the tests.

The test plays end by dumping their registered results for the test to read. The copy module
did that at the cost of two module runs (stat and copy), about as much as the rest of a short
play; this action runs in the controller's worker and starts no module. Test use only: it
ignores check mode (the dump task sets check_mode: false anyway).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('content', 'dest'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        dest = self._task.args['dest']
        descriptor = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w') as handle:
            handle.write(str(self._task.args['content']))
        result.update(changed=False, dest=dest)
        return result
