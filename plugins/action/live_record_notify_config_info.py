# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs the module, and marks its result no_log when it carries authentication keys.

A module cannot mark its own result no_log; an action plugin can. Ansible then hides the
result from the output and from callbacks at any verbosity, while the registered variable
keeps the keys for the tasks that need them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

MODULE = 'alicloud.live.live_record_notify_config_info'


class ActionModule(ActionBase):

    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        result.update(self._execute_module(module_name=MODULE, module_args=self._task.args, task_vars=task_vars))
        try:
            with_keys = boolean(self._task.args.get('include_auth_key', False), strict=True)
        except TypeError:
            # The module refuses such a value itself; hide the result all the same.
            with_keys = True
        if with_keys:
            result['_ansible_no_log'] = True
        return result
