# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    DOCUMENTATION = r'''
options:
  access_key_id:
    description:
      - The AccessKey ID of a RAM user, or of temporary STS credentials.
      - The options O(access_key_id), O(access_key_secret) and O(security_token) win over every other source of
        credentials. Each of them falls back to its environment variables, as described below.
      - When no credential option is set, the module uses the first source it finds, in this order (the credentials
        guide of the collection has the whole table).
      - 1. E(ALIBABA_CLOUD_ACCESS_KEY_ID) (or E(ALICLOUD_ACCESS_KEY), E(ALICLOUD_ACCESS_KEY_ID)) with
        E(ALIBABA_CLOUD_ACCESS_KEY_SECRET) (or E(ALICLOUD_SECRET_KEY)) and E(ALIBABA_CLOUD_SECURITY_TOKEN)
        (or E(ALICLOUD_SECURITY_TOKEN)).
      - 2. The OIDC role of E(ALIBABA_CLOUD_ROLE_ARN), E(ALIBABA_CLOUD_OIDC_PROVIDER_ARN) and E(ALIBABA_CLOUD_OIDC_TOKEN_FILE),
        when all three are set (RRSA on ACK).
      - 3. The profile of the Alibaba Cloud CLI named by E(ALIBABA_CLOUD_PROFILE), else the C(current) one, in O(config_file).
      - 4. The section of the SDKs' credentials file (E(ALIBABA_CLOUD_CREDENTIALS_FILE), by default
        C(~/.alibabacloud/credentials.ini)) named by E(ALIBABA_CLOUD_PROFILE), else C([default]).
      - 5. The ECS instance RAM role named by E(ALIBABA_CLOUD_ECS_METADATA).
      - The module fails before any request when no source is found, and lists the places it looked at.
    type: str
    aliases: [access_key, alicloud_access_key]
  access_key_secret:
    description:
      - The AccessKey secret that goes with O(access_key_id).
      - When not set, E(ALIBABA_CLOUD_ACCESS_KEY_SECRET) or else E(ALICLOUD_SECRET_KEY) is used.
      - Never logged, and masked in every result, diff and error message, like every secret the module reads from
        a file or receives from STS or the instance metadata service.
    type: str
    aliases: [secret_key, alicloud_secret_key]
  security_token:
    description:
      - The STS security token, when O(access_key_id) and O(access_key_secret) are temporary STS credentials.
      - When not set, E(ALIBABA_CLOUD_SECURITY_TOKEN) or else E(ALICLOUD_SECURITY_TOKEN) is used.
      - Never logged, and masked in every result, diff and error message.
    type: str
    aliases: [alicloud_security_token]
  profile:
    description:
      - The name of a profile of the Alibaba Cloud CLI, in O(config_file). When the CLI configuration has no such
        profile, the section of that name in the SDKs' credentials file is used.
      - Supported profile modes are C(AK), C(StsToken), C(RamRoleArn), C(ChainableRamRoleArn), C(EcsRamRole), C(OIDC),
        C(CredentialsURI) and C(External).
      - Set explicitly, it wins over the environment variables of access keys and OIDC.
        Without it, E(ALIBABA_CLOUD_PROFILE) names the profile, and else the C(current) profile of the file is used,
        in the order described under O(access_key_id).
      - A profile that does not exist fails the task with the names of the profiles that do.
      - The C(region_id) of the profile is used when neither O(region_id) nor its environment variables are set.
    type: str
  config_file:
    description:
      - The configuration file of the Alibaba Cloud CLI that holds the profiles.
      - When not set, E(ALIBABA_CLOUD_CONFIG_FILE) is used, and else C(~/.aliyun/config.json).
      - A file that is malformed fails the task with its path and the line, or the profile and key, at fault.
    type: path
  assume_role:
    description:
      - A RAM role to assume with STS C(AssumeRole), on top of the credentials that the other options and sources
        give. The task calls C(AssumeRole) once, before any Live API call, and signs every Live API call with the
        temporary credentials it gets.
      - When not set, the variables E(ALICLOUD_ASSUME_ROLE_ARN), E(ALICLOUD_ASSUME_ROLE_SESSION_NAME),
        E(ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION), E(ALICLOUD_ASSUME_ROLE_EXTERNAL_ID) and
        E(ALICLOUD_ASSUME_ROLE_POLICY) are used when E(ALICLOUD_ASSUME_ROLE_ARN) is set.
    type: dict
    aliases: [alicloud_assume_role]
    suboptions:
      role_arn:
        description:
          - The ARN of the RAM role, such as V(acs:ram::123456789012****:role/live-operator).
        type: str
        required: true
      session_name:
        description:
          - The name of the role session, as it appears in ActionTrail; 2 to 64 letters, digits, dots, at signs,
            hyphens and underscores.
          - When not set, V(ansible-alicloud-live) is used.
        type: str
      duration_seconds:
        description:
          - How long the temporary credentials are valid, from V(900) to V(43200) seconds, within the role's
            maximum session duration.
          - When not set, 3600 seconds.
        type: int
      policy:
        description:
          - A session policy that narrows the permissions of the role for this task, as a dict or as JSON text.
        type: json
      external_id:
        description:
          - The external ID that the role's trust policy requires, for roles assumed across accounts.
        type: str
  sts_endpoint:
    description:
      - The STS endpoint as a full URL, for a VPC or other private endpoint, or a local emulator in tests.
      - When not set, E(ALIBABA_CLOUD_STS_ENDPOINT) is used, and else C(https://sts.<region_id>.aliyuncs.com).
      - Used by O(assume_role), by OIDC roles and by profiles that assume a role.
    type: str
  ecs_role_name:
    description:
      - The name of the RAM role attached to the ECS instance that runs the module. Its temporary credentials come
        from the instance metadata service, IMDSv2 first, then IMDSv1 unless E(ALIBABA_CLOUD_IMDSV1_DISABLED) is V(true).
      - Set explicitly, it wins over the environment variables of access keys and OIDC, and over profiles;
        E(ALIBABA_CLOUD_ECS_METADATA) names the role too, but only after every other source.
      - Off ECS, the metadata service does not answer; the task fails within a few seconds and says so.
    type: str
    aliases: [alicloud_ecs_role_name]
  metadata_endpoint:
    description:
      - The base URL of the instance metadata service, for tests.
      - When not set, V(http://100.100.100.200), the link-local address of the service on ECS.
    type: str
  oidc_role_arn:
    description:
      - The ARN of the RAM role to assume with an OIDC token (RRSA on ACK), with STS C(AssumeRoleWithOIDC).
      - When not set, E(ALIBABA_CLOUD_ROLE_ARN) is used. Setting any of the three C(oidc_*) options makes the OIDC
        role an explicit source; the ones not set come from their environment variables.
      - E(ALIBABA_CLOUD_ROLE_SESSION_NAME) names the role session; by default V(ansible-alicloud-live).
    type: str
  oidc_provider_arn:
    description:
      - The ARN of the OIDC identity provider of the cluster.
      - When not set, E(ALIBABA_CLOUD_OIDC_PROVIDER_ARN) is used.
    type: str
  oidc_token_file:
    description:
      - The file that holds the OIDC token, which the kubelet refreshes; read at every task.
      - When not set, E(ALIBABA_CLOUD_OIDC_TOKEN_FILE) is used.
    type: path
'''
