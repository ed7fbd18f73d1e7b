# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.live.plugins.doc_fragments.credentials import ModuleDocFragment as _Credentials


class ModuleDocFragment:

    # The environment variables of the connection and credential options, for plugins. The
    # descriptions and types come from the connection and credentials fragments, which plugins
    # extend beside this one. The variables are the ones the modules read; a plugin hands
    # their values to the same credential chain, so the order in which sources win stays the modules'.
    DOCUMENTATION = r'''
options:
  access_key_id:
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_ID
      - name: ALICLOUD_ACCESS_KEY
      - name: ALICLOUD_ACCESS_KEY_ID
  access_key_secret:
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_SECRET
      - name: ALICLOUD_SECRET_KEY
  security_token:
    env:
      - name: ALIBABA_CLOUD_SECURITY_TOKEN
      - name: ALICLOUD_SECURITY_TOKEN
  region_id:
    env:
      - name: ALIBABA_CLOUD_REGION_ID
      - name: ALICLOUD_REGION
  endpoint:
    env:
      - name: ALIBABA_CLOUD_LIVE_ENDPOINT
  rate_limit:
    env:
      - name: ALIBABA_CLOUD_LIVE_RATE_LIMIT
  budget_dir:
    env:
      - name: ALIBABA_CLOUD_LIVE_BUDGET_DIR
  profile:
    env:
      - name: ALIBABA_CLOUD_PROFILE
  config_file:
    env:
      - name: ALIBABA_CLOUD_CONFIG_FILE
  sts_endpoint:
    env:
      - name: ALIBABA_CLOUD_STS_ENDPOINT
  ecs_role_name:
    env:
      - name: ALIBABA_CLOUD_ECS_METADATA
  oidc_role_arn:
    env:
      - name: ALIBABA_CLOUD_ROLE_ARN
  oidc_provider_arn:
    env:
      - name: ALIBABA_CLOUD_OIDC_PROVIDER_ARN
  oidc_token_file:
    env:
      - name: ALIBABA_CLOUD_OIDC_TOKEN_FILE
notes:
  - The connection and credential options, their environment variables and the credential chain are the modules'
    own, resolved by the same code; where this page says "the module", read "the inventory plugin". A variable
    gives a value only where the modules would take it; an option set in the inventory file wins, and the order
    of the sources is the one described under O(access_key_id).
'''


# alicloud.live.inventory.plugin_credentials: the modules' credential options for a plugin, whose option types
# have no json: assume_role.policy is then raw (a dict or JSON text, as for the modules). Derived from the one
# statement of those options, and set outside the class body, which linters expect to hold string literals only.
ModuleDocFragment.PLUGIN_CREDENTIALS = _Credentials.DOCUMENTATION.replace('        type: json\n', '        type: raw\n')
