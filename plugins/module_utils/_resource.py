# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resource descriptors: every fact about an API resource, stated once, for the generic layers.

The planner (_plan.py) and the client (_client.py) know no resource. A module hands them a
Resource; the Resource knows its fields, its identity, its four actions, how its Describe
answers, which Add error codes mean "exists already" and its cross-field rules. The
argument spec, the input checks, the API <-> module shape, the Add and Update parameters and
the comparison are all derived from its field table.

Interface::

    Field(name, api_name, type,          # 'str' | 'int' | 'bool' | 'list' | 'dict' (Ansible type names)
          elements=None,                 # lists: 'str' or 'dict'
          options=(),                    # lists of dicts: the suboptions, as Fields
          key=None,                      # lists of dicts: the suboption that identifies an element; the list
                                         # then compares as a set keyed by it (order never matters)
          wire='indexed',                # lists on the wire: 'indexed' (Name.1, Name.1.Sub) or 'joined' (a,b)
          read_names=None,               # the keys Describe may use, when not api_name; a dotted name
                                         # ('RecordFormatList.RecordFormat') reads one level down
          default=None,                  # what the API stores when Add leaves the field out (creation only)
          updatable=True,                # False: Update cannot change it (a change needs a recreate)
          identity=False, lower=False,   # identity: part of the resource's identity; lower: compared lowercase
          secret=False,                  # never output (see Resource.public), compared in constant time
          choices=None,                  # for a list of str: each element's choices (and their canonical order)
          value_range=None, unit=None,   # (low, high) for an int; unit: the word after the range in messages
          pattern=None, rule=None,       # a compiled regex the whole str must match, and its rule in words
          required_to_add=False,         # True, or a function(config) -> bool, for Add
          ordered=True,                  # lists of str: False sorts them (choices order first), so order never differs
          empty_rule=None,               # why an empty string is refused (the option must then be left out)
          send_default=True,             # False: Add leaves the field out while it holds its default
          rules=(),                      # lists of dicts: functions(element) -> message or None, per element
          description=None)              # one statement for the docs: a list of sentences

    Read(action, items=None, item=None,  # items: dotted path to the list of a paged Describe;
         page_param=None, size_param=None, total_key=None, page_size=100,   # item: path to one object
         max_pages=1000, empty_codes=())  # empty_codes: error codes that mean "there is none" (-> [])

    Resource(name, noun, fields, actions, read,   # actions: dict(describe=, add=, update=, delete=)
             already_exists=(),          # Add error codes that mean the resource exists already
             rules=(),                   # functions(config, given) -> message or None; config: the resulting
                                         # config (or only the given values, before any request); given: the
                                         # names the task sets
             read_only=None,             # {module name: API name} of read-only keys (create_time)
             ignored=(),                 # API keys that carry nothing of their own (derived flags)
             key_fields=None,            # identity fields that name an instance inside its scope
             scope=None)                 # the word for what the first identity field names ('domain')

      .fields .field_names .fields_by_name .identity_names .settings .updatable .config_keys
      .argument_spec(names=None, required=())    the Ansible spec of those fields (API names as aliases)
      .validate(params, names=None, prefix='', rules=True)   messages for values the API would refuse (no request)
      .check_rules(config, given, prefix='')     the cross-field rules -> messages
      .normalize(params)                         the user's values in module shape (None: not given)
      .from_api(item)                            API dict -> module shape; unknown keys under 'extra'
      .to_api(config, names=None)                module shape -> flat API parameters (lists flattened)
      .add_params(config)  .update_params(config, stored)  .identity_params(config)
      .identity(config) -> tuple   .key(config) -> str   .matches(config, filters)   .find(items, wanted)
      .empty_config()                            a config of the API's defaults, for a creation
      .element_target(field, wanted_items, stored_items, keep)   a keyed list as a task makes it
      .equal(field, a, b)   .differences(stored, target, skip=())   {name: {before, after[, items]}}
      .public(config)                            a copy with every secret masked, for output

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hmac
import json

# What a secret looks like in any output; Ansible uses the same words for no_log values.
SECRET_MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
EXTRA = 'extra'

_TYPES = {'str': str, 'int': int, 'bool': bool, 'list': list, 'dict': dict}


class Field:
    """One attribute of a resource, or one suboption of a list-of-dicts attribute."""

    def __init__(self, name, api_name, type, elements=None, options=(), key=None, wire='indexed', read_names=None,
                 default=None, updatable=True, identity=False, lower=False, secret=False, choices=None, value_range=None,
                 unit=None, pattern=None, rule=None, required_to_add=False, ordered=True, empty_rule=None, send_default=True,
                 rules=(), description=None):
        if type not in _TYPES:
            raise ValueError('field %s: unknown type %r' % (name, type))
        self.name = name
        self.api_name = api_name
        self.type = type
        self.elements = elements
        self.options = tuple(options)
        self.key = key
        self.wire = wire
        self.read_names = tuple(read_names or (api_name,))
        self.default = default
        self.updatable = updatable
        self.identity = identity
        self.lower = lower
        self.secret = secret
        self.choices = list(choices) if choices is not None else None
        self.value_range = value_range
        self.unit = unit
        self.pattern = pattern
        self.rule = rule
        self.required_to_add = required_to_add
        self.ordered = ordered
        self.empty_rule = empty_rule
        self.send_default = send_default
        self.rules = tuple(rules)
        self.description = list(description or [])
        self.options_by_name = dict((option.name, option) for option in self.options)

    @property
    def kind(self):
        """The Python type of the module-shape value."""
        return _TYPES[self.type]

    @property
    def keyed(self):
        return self.type == 'list' and self.elements == 'dict' and self.key is not None

    @property
    def empty(self):
        """The module-shape value that stands for 'not set' in a stored config."""
        if self.default is not None and not callable(self.default):
            return list(self.default) if isinstance(self.default, list) else self.default
        if self.type == 'str':
            return ''
        if self.type == 'list':
            return []
        return None

    def required_for(self, config):
        if callable(self.required_to_add):
            return self.required_to_add(config)
        return bool(self.required_to_add)

    def spec(self, required=False):
        """This field's argument spec entry: type, elements, choices, suboptions, the API name as alias."""
        entry = dict(type=self.type)
        if self.api_name and self.api_name != self.name:
            entry['aliases'] = [self.api_name]
        if required:
            entry['required'] = True
        if self.elements:
            entry['elements'] = self.elements
        if self.choices:
            entry['choices'] = list(self.choices)
        if self.options:
            entry['options'] = dict((option.name, option.spec(required=option.name == self.key)) for option in self.options)
        if self.secret:
            entry['no_log'] = True
        return entry

    # ---- values ---------------------------------------------------------------------------

    def canonical(self, value):
        """``value`` in the form comparison uses: unordered lists sorted, keyed lists sorted by key."""
        if value is None or self.type != 'list' or not isinstance(value, list):
            return value
        if self.keyed:
            key_field = self.options_by_name[self.key]
            items = [self.canonical_element(item) for item in value if isinstance(item, dict)]
            return sorted(items, key=lambda item: _order(key_field, item.get(self.key)))
        if self.ordered:
            return list(value)
        unique = []
        for item in value:
            if item not in unique:
                unique.append(item)
        return sorted(unique, key=lambda item: _order(self, item))

    def canonical_element(self, item):
        """One element of a list of dicts with every suboption present (None: not given)."""
        return dict((option.name, option.canonical(item.get(option.name))) for option in self.options)

    def read(self, value):
        """An API value of this field (or suboption) in module shape."""
        if self.type == 'bool':
            return _to_bool(value) if value not in (None, '') else self.empty
        if self.type == 'int':
            return _to_int(value, self.empty)
        if self.type == 'list':
            if value in (None, ''):
                return self.empty
            if self.elements == 'dict':
                items = _unwrap_list(value)
                return self.canonical([self.read_element(item) for item in items if isinstance(item, dict)])
            return self.canonical([_read_scalar(self.elements, item) for item in _text_list(value)])
        if self.type == 'dict':
            return value if isinstance(value, dict) else self.empty
        return self.empty if value is None else str(value)

    def read_element(self, item):
        element = {}
        for option in self.options:
            value = _lookup(item, option.read_names)
            if value in (None, '', []):
                # What the API stores for a suboption an Add or Update leaves out.
                element[option.name] = option.canonical(option.element_default(element))
            else:
                element[option.name] = option.read(value)
        return element

    def fill_element(self, item, base=None):
        """An element with every suboption set: given values, else ``base``'s (the stored element), else the defaults."""
        element = {}
        for option in self.options:
            value = item.get(option.name)
            if value is None and base is not None:
                value = base.get(option.name)
            if value is None:
                value = option.element_default(item)
            element[option.name] = option.canonical(value)
        return element

    def element_default(self, item):
        if callable(self.default):
            return self.default(item)
        return self.empty

    @property
    def documented_default(self):
        return None if callable(self.default) else self.default

    def wire_value(self, value):
        """A scalar or joined-list module value as the API takes it."""
        if self.type == 'bool':
            return 'ON' if value else 'OFF'
        if self.type == 'int':
            if isinstance(value, bool) or not isinstance(value, int):
                # A stored value the module cannot parse goes back as it came; a YAML true given for an
                # int option is the int 1, never the text "True".
                return int(value) if isinstance(value, bool) else str(value)
            return value
        if self.type == 'list':
            return ','.join(str(item) for item in value)
        return value

    def flatten(self, value, prefix=None):
        """Flat API parameters for this field's value: {'Name': v} or {'Name.1': v, 'Name.1.Sub': v}."""
        name = prefix or self.api_name
        if self.type != 'list' or self.wire == 'joined':
            return {name: self.wire_value(value)}
        params = {}
        for index, item in enumerate(value, 1):
            if self.elements == 'dict':
                for option in self.options:
                    sub = item.get(option.name)
                    if sub is None or sub == '' or sub == []:
                        continue
                    params.update(option.flatten(sub, '%s.%d.%s' % (name, index, option.api_name)))
            else:
                params['%s.%d' % (name, index)] = item
        return params

    def equal(self, a, b):
        if self.secret:
            if a is None or b is None:
                return a is b
            return hmac.compare_digest(str(a).encode('utf-8'), str(b).encode('utf-8'))
        if self.lower and isinstance(a, str) and isinstance(b, str):
            return a.lower() == b.lower()
        if self.type == 'list':
            return self.canonical(a) == self.canonical(b)
        return a == b

    # ---- input checks -----------------------------------------------------------------------

    def errors(self, value, label):
        """Messages for a given (not None) value the API would refuse; ``label`` names the option."""
        if self.type == 'list':
            return self._list_errors(value, label)
        if self.pattern is not None:
            # fullmatch: a trailing newline must not slip through as '$' would let it.
            if not isinstance(value, str) or not self.pattern.fullmatch(value):
                return ['%s %s is not valid: it must be %s' % (label, _shorten(value), self.rule)]
        elif self.value_range is not None:
            low, high = self.value_range
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                return ['%s must be between %d and %d%s, got %s' % (label, low, high, ' %s' % self.unit if self.unit else '',
                                                                   _shorten(value))]
        elif self.choices is not None and value not in self.choices:
            return ['%s must be one of %s, got %s' % (label, _allowed(self.choices), _shorten(value))]
        return []

    def _list_errors(self, value, label):
        if not isinstance(value, list):
            return ['%s must be a list, got %s' % (label, _shorten(value))]
        errors = []
        if self.elements == 'dict':
            seen = {}
            for index, item in enumerate(value):
                item_label = '%s[%d]' % (label, index)
                if not isinstance(item, dict):
                    errors.append('%s must be a dict, got %s' % (item_label, _shorten(item)))
                    continue
                before = len(errors)
                for option in self.options:
                    sub = item.get(option.name)
                    if sub is None:
                        if option.name == self.key:
                            errors.append('%s.%s is required' % (item_label, option.name))
                        continue
                    errors.extend(option.errors(sub, '%s.%s' % (item_label, option.name)))
                if len(errors) == before:
                    errors.extend('%s: %s' % (item_label, message) for message in
                                  (rule(item) for rule in self.rules) if message)
                if self.key is not None and item.get(self.key) is not None:
                    ident = item[self.key]
                    if ident in seen:
                        errors.append('%s.%s %s is listed more than once (items %d and %d): list each %s once'
                                      % (item_label, self.key, _shorten(ident), seen[ident], index, self.key))
                    else:
                        seen[ident] = index
            return errors
        for index, item in enumerate(value):
            if self.choices is not None and item not in self.choices:
                errors.append('%s[%d] must be one of %s, got %s' % (label, index, _allowed(self.choices), _shorten(item)))
            elif self.pattern is not None and (not isinstance(item, str) or not self.pattern.fullmatch(item)):
                errors.append('%s[%d] %s is not valid: it must be %s' % (label, index, _shorten(item), self.rule))
        return errors


class Read:
    """How a Describe action answers: a paged list, or one object."""

    def __init__(self, action, items=None, item=None, page_param=None, size_param=None, total_key=None, page_size=100,
                 max_pages=1000, empty_codes=()):
        if (items is None) == (item is None):
            raise ValueError('Read: give items (a paged list) or item (one object)')
        self.action = action
        self.items = items
        self.item = item
        self.page_param = page_param
        self.size_param = size_param
        self.total_key = total_key
        self.page_size = page_size
        self.max_pages = max_pages
        self.empty_codes = tuple(empty_codes)

    @property
    def paged(self):
        return self.items is not None and self.page_param is not None


class Resource:
    """Every fact about one API resource; see the module docstring."""

    def __init__(self, name, noun, fields, actions, read, already_exists=(), rules=(), read_only=None, ignored=(),
                 key_fields=None, scope=None):
        self.name = name
        self.noun = noun
        self.fields = tuple(fields)
        self.actions = dict(actions)
        self.read = read
        self.already_exists = tuple(already_exists)
        self.rules = tuple(rules)
        self.read_only = dict(read_only or {})
        self.ignored = tuple(ignored)
        self.field_names = [field.name for field in self.fields]
        self.fields_by_name = dict((field.name, field) for field in self.fields)
        self.identity_names = [field.name for field in self.fields if field.identity]
        self.settings = [field.name for field in self.fields if not field.identity]
        self.updatable = [field.name for field in self.fields if field.updatable and not field.identity]
        self.secrets = [field.name for field in self.fields if field.secret]
        self.key_fields = list(key_fields) if key_fields is not None else (self.identity_names[1:] or self.identity_names)
        # What the first identity field names, in messages: 'domain'.
        self.scope = scope or self.identity_names[0].replace('_name', '')
        # What every config dict in module shape carries besides the fields.
        self.config_keys = self.field_names + list(self.read_only) + [EXTRA]
        known = set(self.ignored) | set(self.read_only.values())
        for field in self.fields:
            known.update(name.split('.')[0] for name in field.read_names)
        self._known_keys = known

    def __repr__(self):
        return 'Resource(%s)' % self.name

    # ---- options and input --------------------------------------------------------------------

    def argument_spec(self, names=None, required=()):
        """Argument spec entries for the fields ``names`` (all by default); those in ``required`` are required.

        No defaults: a field left out is never changed on an existing resource.
        """
        return dict((field.name, field.spec(required=field.name in required)) for field in self.fields
                    if names is None or field.name in names)

    def validate(self, params, names=None, prefix='', rules=True):
        """Messages, one per given field in ``names`` (all by default) whose value the API would refuse, then the rules.

        ``prefix`` goes in front of each message (a list item's position, for example).
        """
        errors = []
        for field in self.fields:
            if names is not None and field.name not in names:
                continue
            value = params.get(field.name)
            if value is None:
                continue
            if value == '' and field.empty_rule:
                errors.append('%s%s is empty: %s' % (prefix, field.name, field.empty_rule))
                continue
            errors.extend(prefix + message for message in field.errors(value, field.name))
        if rules and not errors:
            given = [name for name in self.field_names if params.get(name) is not None and (names is None or name in names)]
            errors.extend(self.check_rules(dict((name, params.get(name)) for name in self.field_names), given, prefix))
        return errors

    def check_rules(self, config, given, prefix=''):
        """The cross-field rules on ``config``; ``given``: the field names the task sets."""
        messages = []
        for rule in self.rules:
            message = rule(config, set(given))
            if message:
                messages.append(prefix + message)
        return messages

    def normalize(self, params):
        """The user's values for the fields, in the form the API and the comparison use; a field left out stays None."""
        wanted = {}
        for field in self.fields:
            value = params.get(field.name)
            if field.lower and isinstance(value, str):
                # DNS names are case-insensitive and the API matches them exactly.
                value = value.lower()
            wanted[field.name] = field.canonical(value)
        return wanted

    # ---- API shape ----------------------------------------------------------------------------

    def from_api(self, item):
        """One API dict in module shape. Keys the table does not know are kept, as they came, under ``extra``."""
        config = {}
        for field in self.fields:
            config[field.name] = field.read(_lookup(item, field.read_names))
        for name, api_name in self.read_only.items():
            config[name] = item.get(api_name)
        config[EXTRA] = dict((name, value) for name, value in item.items() if name not in self._known_keys)
        return config

    def to_api(self, config, names=None):
        """Module-shaped values as flat API parameters, leaving out unset ones (and empty identity parts)."""
        params = {}
        for field in self.fields:
            if names is not None and field.name not in names:
                continue
            value = config.get(field.name)
            if value is None or (field.identity and value == ''):
                continue
            params.update(field.flatten(value))
        return params

    def add_params(self, config):
        """Parameters for the add action: every field that has a value (and is not a default Add applies anyway)."""
        params = self.to_api(config, [field.name for field in self.fields
                                      if field.send_default or not field.equal(config.get(field.name), field.empty)])
        for field in self.fields:
            if params.get(field.api_name) == '':
                params.pop(field.api_name)
        params.update(self.identity_params(config))
        return params

    def update_params(self, config, stored):
        """Parameters for the update action that make ``stored`` equal ``config``.

        Every updatable field is sent, kept values included, so the result does not depend on
        whether the service resets or keeps a field that an update leaves out.
        """
        params = self.to_api(config, self.updatable)
        params.update(self.identity_params(config))
        for field in self.fields:
            if params.get(field.api_name) == '' and not stored.get(field.name):
                # Empty and already empty: nothing to clear.
                params.pop(field.api_name)
        return params

    def identity_params(self, config):
        """API filter/identity parameters for the instance ``config`` names."""
        return self.to_api(self.normalize(dict((name, config.get(name)) for name in self.identity_names)), self.identity_names)

    def identity(self, config):
        """The identity tuple of a config or of wanted values; lowercase where the field says, unset as empty."""
        values = []
        for name in self.identity_names:
            field = self.fields_by_name[name]
            value = config.get(name) or field.empty or ''
            values.append(value.lower() if field.lower and isinstance(value, str) else value)
        return tuple(values)

    def key(self, config):
        """The short name of an instance inside its scope: 'app' or 'app/stream' (the non-empty key fields)."""
        return '/'.join(str(config.get(name)) for name in self.key_fields if config.get(name))

    def matches(self, config, filters):
        """Whether a module-shaped config passes ``filters``: each identity field that is not None must be equal.

        An empty filter on a field that may be empty selects the instances without it.
        """
        for name in self.identity_names:
            wanted = filters.get(name)
            if wanted is None:
                continue
            stored = config.get(name) or ''
            if self.fields_by_name[name].lower:
                wanted, stored = wanted.lower(), stored.lower()
            if stored != wanted:
                return False
        return True

    def find(self, items, wanted):
        """The one instance among API-shaped ``items`` whose identity is ``wanted``'s (module shape), or None."""
        target = self.identity(wanted)
        for item in items:
            config = self.from_api(item)
            if self.identity(config) == target:
                return config
        return None

    # ---- comparison ---------------------------------------------------------------------------

    def empty_config(self):
        """A config of the API's defaults for a creation, read-only keys unset."""
        config = dict((field.name, field.empty) for field in self.fields)
        for name in self.read_only:
            config[name] = None
        config[EXTRA] = {}
        return config

    def element_target(self, field, wanted_items, stored_items, keep):
        """The elements of the keyed list ``field`` after a task that gives ``wanted_items``.

        The listed elements are the whole list. A suboption left out of an element keeps the
        stored element's value when ``keep`` (merge), else gets its default.
        """
        stored_by_key = dict((item.get(field.key), item) for item in stored_items or [])
        elements = []
        for item in wanted_items:
            base = stored_by_key.get(item.get(field.key)) if keep else None
            elements.append(field.fill_element(item, base))
        return field.canonical(elements)

    def equal(self, name, a, b):
        return self.fields_by_name[name].equal(a, b)

    def differences(self, stored, target, skip=()):
        """{name: {'before', 'after'}} for every setting that differs, in table order; keyed lists add per-element
        ``items`` ({key: {'before', 'after'}}); secrets never show their value."""
        differences = {}
        for field in self.fields:
            if field.identity or field.name in skip:
                continue
            before, after = stored.get(field.name), target.get(field.name)
            if field.equal(before, after):
                continue
            differences[field.name] = self.difference(field, before, after)
        return differences

    def creation_differences(self, target):
        """What a creation sets: every field with a value."""
        return dict((field.name, self.difference(field, None, target[field.name])) for field in self.fields
                    if target.get(field.name) not in (None, '', []))

    @staticmethod
    def difference(field, before, after):
        if field.secret:
            # Say only that it changes.
            return dict(before=None if before is None else SECRET_MASK, after=SECRET_MASK, changed=True)
        entry = dict(before=before, after=after)
        if field.keyed:
            old = dict((item.get(field.key), item) for item in before or [])
            new = dict((item.get(field.key), item) for item in after or [])
            items = {}
            for ident in [k for k in new if k not in old] + [k for k in old]:
                if old.get(ident) != new.get(ident) and ident not in items:
                    items[ident] = dict(before=old.get(ident), after=new.get(ident))
            entry['items'] = items
        return entry

    def public(self, config):
        """A copy of ``config`` fit for output: secrets masked."""
        if config is None or not self.secrets:
            return config
        shown = dict(config)
        for name in self.secrets:
            if shown.get(name) not in (None, ''):
                shown[name] = SECRET_MASK
        return shown


# ---- helpers ------------------------------------------------------------------------------------


def _order(field, value):
    if field.choices and value in field.choices:
        return (0, field.choices.index(value), '')
    return (1, 0, str(value))


def _lookup(item, names):
    """The first of ``names`` present in ``item``; a dotted name reads one level down (or the level itself
    when it is already a list)."""
    for name in names:
        head, _dot, rest = name.partition('.')
        if head not in item:
            continue
        value = item[head]
        if rest and isinstance(value, dict):
            value = value.get(rest)
        return value
    return None


def _unwrap_list(value):
    """A list of objects as an API may send it: a list, an object holding one list, or a JSON string of either."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        return lists[0] if len(lists) == 1 else [value]
    return value if isinstance(value, list) else []


def _text_list(value):
    """A list of scalars from a list, a JSON array string, or a comma-separated string (the API's forms vary)."""
    if isinstance(value, list):
        return [item for item in value if item not in (None, '')]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith('['):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return [item for item in parsed if item not in (None, '')]
        return [part.strip() for part in text.split(',') if part.strip()]
    return [value]


def _read_scalar(kind, value):
    if kind == 'int':
        return _to_int(value, value)
    return value if isinstance(value, str) else str(value)


def _to_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ('on', 'true', 'yes', '1')


def _to_int(value, default):
    if value is None or value == '':
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        # Kept as it is: a value the module does not know is still the stored value.
        return value


def _shorten(value, limit=60):
    text = repr(value)
    size = len(value) if isinstance(value, str) else len(text)
    return text if len(text) <= limit else text[:limit] + '... (%d characters)' % size


def _allowed(choices):
    return ', '.join(str(choice) for choice in choices)
