# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    DOCUMENTATION = r'''
attributes:
  action_group:
    description: Use C(group/alicloud.live.live) in C(module_defaults) to set the connection options once for every module.
    support: full
    membership:
      - alicloud.live.live
  platform:
    description: Target OS/families that can be operated against.
    support: N/A
    platforms: all
'''

    STATE_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module reads the current state, makes no write call and reports what would change.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details:
      - Returns each configuration the task changes (or would change, in check mode) before and after, as text that
        the output callbacks print with C(--diff), one YAML-like block per configuration, fields in a fixed order,
        lists of settings sorted by their key, so that a change inside a nested setting shows on its own line.
      - The result's C(diff) holds that text under C(before) and C(after), with C(before_header) and C(after_header)
        naming the configuration; the structured values are in the other result keys.
  idempotent:
    description: When run twice in a row with the same arguments, the second run reports no change and makes no write call.
    support: full
'''

    INFO_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: This module only reads; it runs unchanged in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details: This module does not change anything.
  idempotent:
    description: When run twice in a row with the same arguments, the second run reports no change and makes no write call.
    support: full
'''
