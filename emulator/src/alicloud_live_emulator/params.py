# Copyright: Contributors to the alicloud.live collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request parameter checks shared by the actions, with the service's error codes and messages."""

import re

from alicloud_live_emulator.protocol import ApiError

NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,255}$')
NAME_RULE = 'it must be 1 to 255 characters long and contain only letters, digits, hyphens (-) and underscores (_).'
HOST_LABEL_RE = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')
INT_RE = re.compile(r'^[+-]?[0-9]{1,10}$')


def missing(name):
    """The error for an absent mandatory parameter."""
    return ApiError(400, 'Missing' + name, '%s is mandatory for this action.' % name)


def invalid(name, rule):
    """The error for a parameter value the service rejects."""
    return ApiError(400, 'InvalidParameter', 'The specified parameter %s is not valid: %s' % (name, rule))


def required(params, name, label=None):
    """A mandatory parameter; blank counts as absent. label: its name in the error (default name)."""
    value = params.get(name, '')
    if value == '':
        raise missing(label or name)
    return value


def check_name(params, name, mandatory, wildcard=False):
    """Validate an AppName or StreamName parameter; wildcard=True also takes '*' (every application of the domain)."""
    value = required(params, name) if mandatory else params.get(name, '')
    if value and not NAME_RE.match(value) and not (wildcard and value == '*'):
        raise invalid(name, NAME_RULE + (" Or '*': every application of the domain." if wildcard else ''))
    return value


def is_host_name(value):
    """True for a host name such as live.example.com (at least two labels)."""
    labels = value.split('.')
    return len(value) <= 253 and len(labels) >= 2 and all(HOST_LABEL_RE.match(label) for label in labels)


def check_domain(params):
    """Validate the DomainName parameter as a host name."""
    value = required(params, 'DomainName')
    if not is_host_name(value):
        raise invalid('DomainName', 'it must be a valid host name such as live.example.com.')
    return value


def int_param(params, name, default, valid, rule, label=None):
    """Parse an optional integer parameter; blank counts as absent. label: its name in the error (default name)."""
    text = params.get(name, '')
    if text == '':
        return default
    if not INT_RE.match(text) or not valid(int(text)):
        raise invalid(label or name, rule)
    return int(text)
