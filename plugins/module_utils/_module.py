# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base every module of the collection is built on.

It merges the shared connection options into the module's own argument spec, hands out
a ready client, and makes sure every result and failure leaves without secrets.
This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import signal
import traceback

from ansible.module_utils.basic import AnsibleModule, _load_params, missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.alicloud.live.plugins.module_utils._client import (
    HAS_SDK,
    SDK_IMPORT_ERROR,
    SDK_REQUIREMENT,
    LiveApiError,
    LiveClient,
    redact,
)
from ansible_collections.alicloud.live.plugins.module_utils._connection import (
    CONNECTION_ARGUMENT_SPEC,
    ConnectionOptionError,
    is_loopback,
    secret_values,
)
from ansible_collections.alicloud.live.plugins.module_utils._credential_source import CommandTimeout
from ansible_collections.alicloud.live.plugins.module_utils._credentials import (
    CREDENTIAL_ARGUMENT_SPEC,
    Exchange,
    resolve_settings,
)


def _item_options(spec):
    """The options of ``spec`` that are lists of dicts with suboptions: {name: suboption spec}."""
    return dict((name, option['options']) for name, option in spec.items()
                if option.get('type') == 'list' and option.get('elements') == 'dict' and option.get('options'))


def _list_item_errors(spec):
    """Validate each item of every list-of-dicts option as ansible-core would, naming the item: ``config[2]: ...``."""
    item_options = _item_options(spec)
    if not item_options:
        return []
    params = _load_params()
    if not isinstance(params, dict):
        # Not a module run (argument spec introspection, say): nothing to check.
        return []
    errors = []
    for name, sub_spec in sorted(item_options.items()):
        items = params.get(name)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            result = ArgumentSpecValidator(sub_spec).validate(copy.deepcopy(item))
            for error in result.errors:
                text = 'unsupported parameters: %s' % error if isinstance(error, UnsupportedError) else str(error)
                errors.append('%s[%d]: %s' % (name, index, text))
    return errors


def _has_nul_character(value):
    """Whether a string anywhere in ``value`` (module arguments) holds a NUL character."""
    if isinstance(value, dict):
        return any(_has_nul_character(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nul_character(item) for item in value)
    return isinstance(value, str) and '\x00' in value


def _without_item_options(spec):
    spec = copy.deepcopy(spec)
    for name in _item_options(spec):
        spec[name].pop('options')
    return spec


class LiveModule:
    """An AnsibleModule with the connection options, a client and secret-safe exits."""

    def __init__(self, argument_spec, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(CREDENTIAL_ARGUMENT_SPEC)
        spec.update(argument_spec)
        if _has_nul_character(_load_params()):
            # Python 3.13's syslog refuses NUL characters, and ansible-core then fails the run
            # with a message that names no option before the module can check its input: such a
            # run is not written to syslog, and the module's own checks say which option is wrong.
            kwargs['no_log'] = True
        item_errors = _list_item_errors(spec)
        if item_errors:
            # Fail with messages that say which item is wrong, which ansible-core's own do not.
            self.module = AnsibleModule(argument_spec=_without_item_options(spec), **kwargs)
            self.module.fail_json(msg='; '.join(item_errors))
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self._client = None
        # Grows while credentials are resolved: secrets from the environment, files, STS and metadata.
        self._secrets = secret_values(self.params)
        self._exchange = Exchange(self._secrets, command_runner=self._run_command)
        self._check_required_if(kwargs.get('required_if') or [])

    def _run_command(self, argv, timeout):
        """Run ``argv`` through AnsibleModule.run_command for a credential source; return (status, stdout bytes).

        Its output is returned, never logged or quoted: it holds secrets. run_command has no
        timeout of its own: an alarm ends the wait (modules run in their process's main thread).
        """
        def expire(signum, frame):
            raise CommandTimeout()

        previous = signal.signal(signal.SIGALRM, expire)
        signal.alarm(int(timeout))
        try:
            returncode, stdout, dummy = self.module.run_command(argv, encoding=None, handle_exceptions=False)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        return returncode, stdout

    def _check_required_if(self, rules):
        # AnsibleModule counts an option given as null as present; the API needs a value.
        for rule in rules:
            key, value, names = rule[0], rule[1], rule[2]
            any_of = len(rule) > 3 and rule[3]
            if self.params.get(key) == value:
                missing = [name for name in names if self.params.get(name) in (None, '', [])]
                if missing and not any_of:
                    self.fail_json(msg='%s is %s but the following options are missing or empty: %s'
                                   % (key, value, ', '.join(missing)))
                if any_of and len(missing) == len(names):
                    self.fail_json(msg='%s is %s but none of the following options is set: %s'
                                   % (key, value, ', '.join(missing)))

    @property
    def request_ids(self):
        """RequestIds of the STS calls made for the credentials, then of the Live calls."""
        return list(self._exchange.request_ids) + (list(self._client.request_ids) if self._client else [])

    def client(self):
        """The LiveClient for these options; option errors fail the module before any request."""
        if self._client is None:
            if not HAS_SDK:
                self.module.fail_json(msg=missing_required_lib(SDK_REQUIREMENT), exception=SDK_IMPORT_ERROR)
            try:
                settings = resolve_settings(self.params, self._exchange)
            except ConnectionOptionError as error:
                self.fail_json(msg=str(error))
            except LiveApiError as error:
                self.fail_api(error, 'get temporary credentials from STS')
            else:
                # Ansible masks these too, in anything the module returns or logs.
                self.module.no_log_values.update(self._secrets)
                self._warn_about_transport(settings)
                self._client = LiveClient(settings)
                for warning in self._client.warnings:
                    self.module.warn(warning)
        return self._client

    def _warn_about_transport(self, settings):
        if settings.scheme == 'https':
            if not settings.validate_certs:
                self.module.warn('validate_certs is false: TLS certificates are not checked, so a connection to %s '
                                 'can be intercepted. Use it only against a test endpoint.' % settings.url)
        elif not is_loopback(settings.host):
            # Over plain http there are no certificates to check, whatever validate_certs says.
            self.module.warn('endpoint %s uses plain http: TLS is off, so the requests (AccessKey ID, signatures and '
                             'configuration data) and the answers travel unencrypted and can be read or altered on the way. '
                             'Use https:// unless this is a test endpoint on a network you trust.' % settings.url)

    def add_secrets(self, *values):
        """Values the module handles that must never leave it either (an option or an API value): masked
        and redacted, in every encoded form, from anything the module returns, warns or fails with."""
        for value in values:
            if value and value not in self._secrets:
                self._secrets.append(value)
        self.module.no_log_values.update(self._secrets)

    def _close(self):
        # Gives up this task's lease on the shared budget: its rate_limit no longer counts.
        pacer = self._client.pacer if self._client is not None else None
        if pacer is not None and hasattr(pacer, 'close'):
            pacer.close()

    def fail_json(self, msg, **kwargs):
        self._close()
        self.module.no_log_values.update(self._secrets)
        kwargs.setdefault('request_ids', self.request_ids)
        self.module.fail_json(msg=redact(msg, self._secrets), **redact(kwargs, self._secrets))

    def run(self, work, doing):
        """Call ``work()`` and turn any failure into a clean fail_json; return its result.

        API errors carry their code, HTTP status and RequestId; anything unexpected still ends
        in a one-line msg, with the traceback kept under ``exception`` (shown with -vvv).
        """
        try:
            return work()
        except LiveApiError as error:
            self.fail_api(error, doing)
        except Exception as error:  # pylint: disable=broad-except
            self.fail_json(msg='Failed to %s: unexpected %s: %s' % (doing, type(error).__name__, error),
                           exception=traceback.format_exc())
        return None

    def fail_api(self, error, doing):
        """Fail with an API error: code, HTTP status and RequestId in msg and as keys."""
        self.fail_json(msg='Failed to %s: %s' % (doing, error.describe()), error=error.as_result())

    def exit_json(self, **kwargs):
        self._close()
        kwargs.setdefault('request_ids', self.request_ids)
        self.module.exit_json(**redact(kwargs, self._secrets))
