# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The write plan for any resource a descriptor describes, and the one executor that carries plans out.

Generic: every fact about a resource (fields, identity, actions, "exists already" codes, rules)
comes from the Resource (_resource.py) the caller passes; this module names none of them.
Planning is pure code (no HTTP); execution talks to the API through a LiveClient.

Planning::

    plan(resource, wanted, stored, mode, allow_recreate=False, allow_delete_all=False, write_only=()) -> Plan

  ``wanted``: list of dicts in module shape, one per instance the task names. The identity
  fields that Add requires must be set; an optional identity field None or '' is its empty
  value. Any other field that is None was not given by the user. ``stored``: list of
  module-shaped instances as read (``resource.from_api``), normally all those of the scope.
  ``mode``: PRESENT or ABSENT (single-instance modules), MERGED, REPLACED, OVERRIDDEN, DELETED or
  GATHERED (resource modules). ``write_only``: secret fields compared only when the instance is
  created. Raises PlanError, before anything is read or written, for duplicate identities or
  for an empty ``wanted`` in OVERRIDDEN or DELETED without ``allow_delete_all``;
  ``check_request(resource, wanted, mode, allow_delete_all)`` runs just those checks.

  What the result becomes: given values win; a field left out keeps its stored value (MERGED,
  PRESENT), or goes back to its default when it has one (REPLACED, OVERRIDDEN). A keyed list
  given is the whole list; inside an element a suboption left out keeps the stored element's
  value (MERGED, PRESENT) or its default. An update resends every stored value it does not
  change; a recreate re-adds every stored field not overridden, and is blocked, before any
  write, when the stored instance has keys the table does not know (``extra``).

  Plan: ``steps`` (ordered; one per wanted instance, then the deletions OVERRIDDEN adds),
  ``changes`` (the steps that write), ``blocked`` (steps that must not run), ``changed``,
  ``before`` and ``after`` (the stored and the predicted instances, sorted by key).

  Step: ``resource``, ``key`` (resource.key), ``identity`` ({identity field: value}), ``kind``
  (ADD, UPDATE, DELETE, RECREATE or NOTHING), ``before`` (stored instance or None), ``after``
  (predicted instance or None), ``differences`` ({field: {'before', 'after'}} in field order;
  keyed lists add ``items`` per element; a secret shows only that it changes), ``calls``
  ([(api action, exact API parameters)]), ``blocked`` (why the step must not run, or None),
  ``action`` (created, updated, recreated, deleted or none). Secrets are real values in
  ``before``, ``after`` and ``calls``: output them only through ``resource.public``.

Execution::

    execute_step(client, step, read_back=True) -> StepResult
    execute(client, steps, read_back=True) -> [StepResult]
    predict_step(step) -> StepResult

  ``execute_step`` is self-contained: it touches nothing but ``client`` and its own result,
  so independent steps may run on worker threads, each with the shared client. It handles
  the resource's "exists already" codes on Add (re-read and re-plan), not-found on Update or
  Delete, the restore after a failed recreate, bounded rounds of those races, and the
  read-back by identity filter. A caller that re-reads the whole scope once instead runs
  ``execute_step(..., read_back=False)`` and then ``verify(result, found, last_attempt=True,
  attempts=1)`` for each result that ``changed`` (``found``: the instance read back, module
  shape, or None); it returns True when settled, False when the caller should read again (the
  service may lag). ``read_config(client, resource, identity)`` reads one instance by identity
  filter. ``plan_one(resource, wanted, stored, mode, allow_recreate, write_only)`` plans a
  single instance (``wanted`` None: delete ``stored``).

  StepResult: ``step`` (as finally executed), ``planned``, ``outcome`` (created, updated,
  recreated, deleted, unchanged or failed), ``failed``, ``changed`` (a write took effect, even
  when the step then failed), ``after``, ``differences``, ``message`` (why it failed),
  ``error`` ({action, code, message, http_status, request_id, attempts} of the API error,
  or None), ``calls`` ([{action, params, result}] of every write sent: 'ok' or the error
  code), ``restored`` (after a failed recreate: whether the previous instance was added back),
  and ``summary()`` (the resource module's per-instance entry: key, the key fields, action,
  differences, error). ``predict_step`` gives the StepResult a step would have if the
  service answered as planned, without any call (check mode).

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.alicloud.live.plugins.module_utils._client import LiveApiError
from ansible_collections.alicloud.live.plugins.module_utils._resource import EXTRA

# Modes: the single module's states and the resource module's.
PRESENT, ABSENT = 'present', 'absent'
MERGED, REPLACED, OVERRIDDEN, DELETED, GATHERED = 'merged', 'replaced', 'overridden', 'deleted', 'gathered'
MODES = (PRESENT, ABSENT, MERGED, REPLACED, OVERRIDDEN, DELETED, GATHERED)
_REMOVING = (ABSENT, DELETED)
_RESETTING = (REPLACED, OVERRIDDEN)

# Step kinds.
ADD_STEP, UPDATE_STEP, DELETE_STEP, RECREATE_STEP, NOTHING = 'add', 'update', 'delete', 'recreate', 'none'
_ACTIONS = {ADD_STEP: 'created', UPDATE_STEP: 'updated', DELETE_STEP: 'deleted', RECREATE_STEP: 'recreated', NOTHING: 'none'}

# Outcomes of an executed step.
CREATED, UPDATED, RECREATED, DELETED_OUTCOME, UNCHANGED, FAILED = 'created', 'updated', 'recreated', 'deleted', 'unchanged', 'failed'

_OUTCOMES = {ADD_STEP: CREATED, UPDATE_STEP: UPDATED, DELETE_STEP: DELETED_OUTCOME, RECREATE_STEP: RECREATED, NOTHING: UNCHANGED}

# A write the service acknowledged is read back this many times before it counts as lost.
READ_BACK_ATTEMPTS = 3
# How many times one step re-reads and re-plans after a race before it gives up.
RACE_ROUNDS = 3


class PlanError(ValueError):
    """The request cannot be planned; raised before any write."""


class Step:
    """One config's change: what it is, what differs and exactly what will be sent."""

    def __init__(self, resource, kind, wanted, before, after, differences, calls, mode, allow_recreate, blocked=None,
                 write_only=()):
        self.resource = resource
        self.kind = kind
        self.wanted = wanted
        self.before = before
        self.after = after
        self.differences = differences
        self.calls = calls
        self.mode = mode
        self.allow_recreate = allow_recreate
        self.blocked = blocked
        self.write_only = tuple(write_only)
        source = wanted if wanted is not None else before
        self.identity = dict(zip(resource.identity_names, resource.identity(source)))
        self.key = resource.key(self.identity)

    @property
    def action(self):
        return _ACTIONS[self.kind]

    @property
    def writes(self):
        return self.kind != NOTHING

    def __repr__(self):
        return 'Step(%s %s %s)' % (self.kind, self.key, sorted(self.differences))


class Plan:
    """The ordered steps for a task, and the stored and predicted configs."""

    def __init__(self, resource, mode, steps, stored):
        self.resource = resource
        self.mode = mode
        self.steps = steps
        self._stored = stored

    @property
    def changes(self):
        return [step for step in self.steps if step.writes and not step.blocked]

    @property
    def blocked(self):
        return [step for step in self.steps if step.blocked]

    @property
    def changed(self):
        return bool(self.changes)

    @property
    def before(self):
        return _sorted(self.resource, self._stored)

    @property
    def after(self):
        configs = dict((self.resource.identity(config), config) for config in self._stored)
        for step in self.changes:
            ident = self.resource.identity(step.identity)
            if step.after is None:
                configs.pop(ident, None)
            else:
                configs[ident] = step.after
        return _sorted(self.resource, configs.values())


def _sorted(resource, configs):
    return sorted(configs, key=lambda config: tuple(config.get(name) or '' for name in resource.key_fields))


def check_request(resource, wanted, mode, allow_delete_all=False):
    """The checks plan() makes before looking at stored configs; raises PlanError."""
    if mode not in MODES:
        raise PlanError('mode must be one of %s, got %r' % (', '.join(MODES), mode))
    required = [field.name for field in resource.fields if field.identity and field.required_to_add is True]
    seen = {}
    duplicates = []
    for index, item in enumerate(wanted):
        for name in required:
            if not item.get(name):
                raise PlanError('item %d: %s is required' % (index, name))
        ident = resource.identity(item)
        if ident in seen:
            duplicates.append('%s (items %d and %d)' % (resource.key(item), seen[ident], index))
        else:
            seen[ident] = index
    if duplicates:
        raise PlanError('these %ss are listed more than once: %s; list each %s once'
                        % (resource.noun, ', '.join(duplicates),
                           '/'.join(resource.key_fields) + (' pair' if len(resource.key_fields) == 2 else '')))
    if not wanted and mode in (OVERRIDDEN, DELETED) and not allow_delete_all:
        raise PlanError('state=%s with an empty %s list would delete every %s of the %s; set '
                        'allow_delete_all=true if that is what you want' % (mode, resource.noun, resource.noun, resource.scope))


def plan(resource, wanted, stored, mode, allow_recreate=False, allow_delete_all=False, write_only=()):
    """The Plan that brings ``stored`` to ``wanted`` under ``mode`` (see the module docstring)."""
    check_request(resource, wanted, mode, allow_delete_all)
    if mode == GATHERED:
        return Plan(resource, mode, [], list(stored))
    by_identity = dict((resource.identity(config), config) for config in stored)
    steps = []
    for item in wanted:
        item = resource.normalize(item)
        steps.append(plan_one(resource, item, by_identity.get(resource.identity(item)), mode, allow_recreate, write_only))
    if mode == OVERRIDDEN or (mode == DELETED and not wanted):
        listed = set(resource.identity(item) for item in wanted)
        for config in _sorted(resource, stored):
            if resource.identity(config) not in listed:
                steps.append(plan_one(resource, None, config, DELETED, allow_recreate, write_only))
    return Plan(resource, mode, steps, list(stored))


def plan_one(resource, wanted, stored, mode, allow_recreate=False, write_only=()):
    """The Step for one instance: ``wanted`` (normalised module shape, or None to delete ``stored``) and ``stored`` (or None).

    ``write_only``: names of secret fields compared only when the instance is created (the API
    does not give their value back, or the caller chooses not to enforce it).
    """
    actions = resource.actions

    def step(kind, before, after, differences, calls, blocked=None):
        return Step(resource, kind, wanted, before, after, differences, calls, mode, allow_recreate, blocked, write_only)

    if wanted is None or mode in _REMOVING:
        if stored is None:
            return step(NOTHING, None, None, {}, [])
        return step(DELETE_STEP, stored, None, {}, [(actions['delete'], resource.identity_params(wanted or stored))])
    target = _target(resource, wanted, stored, mode)
    if stored is None:
        created = step(ADD_STEP, None, target, resource.creation_differences(target), [(actions['add'], resource.add_params(target))])
        created.blocked = _missing_to_add(resource, target, wanted)
        return created
    differences = resource.differences(stored, target, skip=write_only)
    if not differences:
        return step(NOTHING, stored, stored, {}, [])
    fixed = [name for name in differences if not resource.fields_by_name[name].updatable]
    if fixed:
        for name in resource.read_only:
            target[name] = None
        recreate = step(RECREATE_STEP, stored, target, differences,
                        [(actions['delete'], resource.identity_params(wanted)), (actions['add'], resource.add_params(target))])
        recreate.blocked = _missing_to_add(resource, target, wanted)
        if not allow_recreate and not recreate.blocked:
            recreate.blocked = (
                'The stored %s differs in %s, which %s cannot change. Set allow_recreate=true '
                'to delete the %s and add it again with the wanted values, or leave %s unset to keep the stored value.'
                % (resource.noun, ', '.join('%s (stored %s, wanted %s)' % (name, _shown(resource, name, stored[name]),
                                                                          _shown(resource, name, target[name]))
                                            for name in fixed),
                   actions['update'], resource.noun, ' and '.join(fixed)))
        if not recreate.blocked and stored.get(EXTRA):
            # An add can only send what the table knows: a recreate would silently drop the rest.
            recreate.blocked = (
                'The stored %s %s has %s that this collection does not know: %s. Recreating it to change %s would drop '
                '%s, so nothing was changed. Change %s another way (the console, or a newer version of this collection), '
                'or leave %s unset.' % (
                    resource.noun, recreate.key, 'a key' if len(stored[EXTRA]) == 1 else 'keys', ', '.join(sorted(stored[EXTRA])),
                    ' and '.join(fixed), 'it' if len(stored[EXTRA]) == 1 else 'them', ' and '.join(fixed), ' and '.join(fixed)))
        return recreate
    update = step(UPDATE_STEP, stored, target, differences, [(actions['update'], resource.update_params(target, stored))])
    update.blocked = _broken_rules(resource, target, wanted)
    return update


def _shown(resource, name, value):
    return '(secret)' if resource.fields_by_name[name].secret else repr(value)


def _target(resource, wanted, stored, mode):
    """The instance ``stored`` becomes: given values win; the rest is kept, or reset/defaulted per ``mode``."""
    if stored is None:
        # Creation: the API's defaults for what the user left out.
        target = resource.empty_config()
    else:
        target = dict(stored)
        if mode in _RESETTING:
            for field in resource.fields:
                if field.updatable and not field.identity and field.default is not None:
                    target[field.name] = field.empty
    for field in resource.fields:
        value = wanted.get(field.name)
        if value is None:
            continue
        if field.keyed:
            # The listed elements are the whole list; in an element, what the task leaves out is kept (merged)
            # or defaulted (replaced, overridden, creation).
            keep = stored is not None and mode not in _RESETTING
            value = resource.element_target(field, value, stored.get(field.name) if stored else None, keep)
        target[field.name] = field.canonical(value)
    for field in resource.fields:
        if field.identity:
            if stored is not None:
                # The stored spelling of the identity is the one the service answers with.
                target[field.name] = stored[field.name]
            if target[field.name] is None:
                target[field.name] = field.empty
    return target


def _given(resource, wanted):
    return [name for name in resource.field_names if wanted is not None and wanted.get(name) is not None]


def _missing_to_add(resource, target, wanted):
    missing = [field.name for field in resource.fields if field.required_for(target) and target[field.name] in (None, '', [])]
    if missing:
        return '%s must be set to create the %s %s' % (' and '.join(missing), resource.noun, resource.key(target))
    return _broken_rules(resource, target, wanted)


def _broken_rules(resource, target, wanted):
    messages = resource.check_rules(target, _given(resource, wanted))
    if messages:
        return '; '.join('%s for the %s %s' % (message, resource.noun, resource.key(target)) for message in messages)
    return None


# ---- execution ------------------------------------------------------------------------------


class StepResult:
    """What executing one step really did."""

    def __init__(self, step):
        self.planned = step
        self.step = step
        self.outcome = None
        self.changed = False
        self.after = step.after
        self.message = None
        self.error = None
        self.calls = []
        self.restored = None
        # A retried add met ConfigAlreadyExists: our own earlier attempt may be what exists.
        self._own_add_may_have_landed = False

    @property
    def failed(self):
        return self.outcome == FAILED

    @property
    def differences(self):
        return self.step.differences

    def fail(self, message, error=None):
        self.outcome = FAILED
        self.message = message
        if error is not None:
            self.error = error.as_result()

    def summary(self):
        """The resource module's entry for this config: key, names, action, differences, and error on failure."""
        entry = dict(key=self.step.key)
        # The names of the instance inside its scope (app_name and stream_name, say).
        entry.update((name, self.step.identity[name]) for name in self.step.resource.key_fields)
        entry.update(action=UPDATED if self.outcome == RECREATED else self.outcome, differences=self.differences)
        if self.failed:
            error = self.error or {}
            entry['error'] = dict(code=error.get('code'), message=self.message, http_status=error.get('http_status'),
                                  request_id=error.get('request_id'))
        return entry


class _Race(Exception):
    """The service says the config is not in the state the plan assumed."""

    def __init__(self, error):
        super(_Race, self).__init__(str(error))
        self.error = error


def read_config(client, resource, identity):
    """The stored instance with exactly ``identity`` (module shape), or None; reads by identity filter."""
    return resource.find(client.read_all(resource, resource.identity_params(identity)), identity)


def execute(client, steps, read_back=True):
    """Run ``steps`` (a Plan or a list of Steps) one after the other; return their StepResults in order."""
    if isinstance(steps, Plan):
        steps = steps.steps
    return [execute_step(client, step, read_back=read_back) for step in steps]


def execute_step(client, step, read_back=True, read_back_attempts=READ_BACK_ATTEMPTS, race_rounds=RACE_ROUNDS):
    """Carry out one step through ``client``; return its StepResult. API errors are recorded, not raised."""
    result = StepResult(step)
    if step.blocked:
        result.fail(step.blocked)
        return result
    if not step.writes:
        result.outcome = UNCHANGED
        return result
    try:
        _apply(client, result, race_rounds)
    except LiveApiError as error:
        # A re-read during a race failed.
        result.fail('%s: %s' % (_failed_to(result.step), error.describe()), error)
    if read_back and result.changed and not result.failed and result.step.writes:
        _read_back(client, result, read_back_attempts)
    return result


def predict_step(step):
    """The StepResult of ``step`` if every call went as planned; makes no call (check mode)."""
    result = StepResult(step)
    if step.blocked:
        result.fail(step.blocked)
    elif step.writes:
        result.outcome = _OUTCOMES[step.kind]
        result.changed = True
    else:
        result.outcome = UNCHANGED
    return result


def _failed_to(step):
    return 'Failed to %s the %s %s' % ({ADD_STEP: 'create', UPDATE_STEP: 'update', DELETE_STEP: 'delete',
                                        RECREATE_STEP: 'recreate', NOTHING: 'reconcile'}[step.kind], step.resource.noun, step.key)


def _apply(client, result, race_rounds):
    last_race = None
    for _round in range(race_rounds):
        step = result.step
        try:
            _send(client, result, step)
        except _Race as race:
            last_race = race.error
            # Another writer got between our read and our write: read again and plan again.
            stored = read_config(client, step.resource, step.identity)
            replanned = plan_one(step.resource, result.planned.wanted, stored, result.planned.mode, result.planned.allow_recreate,
                                 result.planned.write_only)
            if replanned.blocked:
                result.step = replanned
                result.fail(replanned.blocked)
                return
            if not replanned.writes:
                own_add = result._own_add_may_have_landed
                if not own_add:
                    result.step = replanned
                result.after = stored
                result.outcome = CREATED if own_add else UNCHANGED
                return
            result.step = replanned
            result.after = replanned.after
            continue
        except LiveApiError as error:
            _fail_write(client, result, step, error)
            return
        result.outcome = _ACTIONS[step.kind] if step.kind != DELETE_STEP or result.changed else UNCHANGED
        if step.kind == DELETE_STEP:
            result.after = None
        return
    result.fail('Gave up on the %s %s after %d rounds: the service kept answering as if another writer were creating '
                'and deleting it at the same time (last answer: %s)' % (result.step.resource.noun, result.step.key, race_rounds,
                                                                         last_race.describe()),
                last_race)


def _send(client, result, step):
    """Send the step's calls in order; raise _Race when the service's state is not what the plan assumed."""
    actions = step.resource.actions
    for action, params in step.calls:
        try:
            client.call(action, params)
        except LiveApiError as error:
            result.calls.append(dict(action=action, params=params, result=error.code))
            if action == actions['add'] and error.code in step.resource.already_exists:
                if error.ambiguous:
                    result.changed = True
                    result._own_add_may_have_landed = True
                raise _Race(error)
            if action == actions['update'] and error.is_not_found:
                raise _Race(error)
            if action == actions['delete'] and error.is_not_found:
                # Already gone: the wanted state holds, unless an earlier attempt of ours removed it.
                if error.ambiguous:
                    result.changed = True
                continue
            if error.ambiguous or error.http_status == 200:
                # An attempt may have been applied (a network fault or a 5xx answer before a retry), or the
                # service accepted the call and only its answer was broken: report the possible change.
                result.changed = True
            raise
        result.calls.append(dict(action=action, params=params, result='ok'))
        result.changed = True


def _fail_write(client, result, step, error):
    resource = step.resource
    add = resource.actions['add']
    deleted = step.kind == RECREATE_STEP and any(call['action'] == resource.actions['delete'] and call['result'] == 'ok'
                                                 for call in result.calls)
    if not deleted:
        result.fail('%s: %s' % (_failed_to(step), error.describe()), error)
        return
    # The delete of a recreate took effect and the add failed: put the previous config back.
    previous = step.before
    params = resource.add_params(previous)
    try:
        client.call(add, params)
        result.calls.append(dict(action=add, params=params, result='ok'))
        result.restored = True
    except LiveApiError as restore_error:
        result.calls.append(dict(action=add, params=params, result=restore_error.code))
        result.restored = False
    result.changed = True
    result.after = previous if result.restored else None
    noun = resource.noun
    if result.restored:
        tail = 'the previous %s was restored (with a new %s)' % (noun, ' and '.join(resource.read_only) or 'identity')
    else:
        tail = ('the previous %s could NOT be restored and is now absent: rerun the task to add it with the wanted values'
                % noun)
    result.fail('Failed to add the %s %s again after deleting it to change %s; %s: %s'
                % (noun, step.key, ', '.join(name for name in step.differences if not resource.fields_by_name[name].updatable),
                   tail, error.describe()), error)


# ---- read-back ------------------------------------------------------------------------------


def _read_back(client, result, attempts):
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(1.0, client.settings.retry_policy.delay))
        try:
            found = read_config(client, result.step.resource, result.step.identity)
        except LiveApiError as error:
            result.fail('The change (%s) to the %s %s was made, but reading it back failed: %s'
                        % (result.outcome, result.step.resource.noun, result.step.key, error.describe()), error)
            return
        if verify(result, found, last_attempt=attempt == attempts - 1, attempts=attempts):
            return


def _written(result):
    """Field names this step wrote and the API reads back: those in its differences and those it sent."""
    resource = result.step.resource
    sent = set()
    for call in result.calls:
        if call['result'] == 'ok' and call['action'] in (resource.actions['add'], resource.actions['update']):
            # Lists go out flattened: Name.1, Name.1.Sub.
            sent.update(name.split('.')[0] for name in call['params'])
    return [field.name for field in resource.fields if not field.identity and not field.secret
            and (field.name in result.step.differences or field.api_name in sent)]


def read_back_problem(result, found):
    """None when ``found`` (the config read back, module shape, or None) shows ``result``'s write.

    Otherwise (kind, text): kind 'not_applied' when the config still looks as before (the
    service may lag: read again), 'other_writer' when it shows a value that neither the stored
    config nor this task wrote.
    """
    step = result.step
    noun = step.resource.noun
    if step.kind == DELETE_STEP:
        return None if found is None else ('not_applied', 'the %s is still there' % noun)
    if found is None:
        return ('not_applied', 'the %s is not there' % noun)
    stale, foreign = [], []
    for name in _written(result):
        value, wrote = found[name], step.after[name]
        if step.resource.equal(name, value, wrote):
            continue
        if step.before is not None and step.resource.equal(name, value, step.before[name]):
            stale.append(name)
        else:
            foreign.append('%s %r (this task wrote %r%s)' % (
                name, value, wrote, ', the %s had %r' % (noun, step.before[name]) if step.before is not None else ''))
    if foreign:
        return ('other_writer', 'it shows %s: another writer changed the %s meanwhile' % ('; '.join(foreign), noun))
    if stale:
        return ('not_applied', 'the stored %s still differs in %s' % (noun, ', '.join(stale)))
    return None


def verify(result, found, last_attempt=True, attempts=1):
    """Check one read-back of ``result``'s config; True when settled (verified or failed), False to read again.

    On success ``result.after`` becomes ``found``; on a final problem the result fails with a
    message, and ``changed`` stays true since the write was acknowledged.
    """
    problem = read_back_problem(result, found)
    if problem is None:
        result.after = found
        return True
    kind, text = problem
    if kind == 'other_writer':
        result.after = found
        noun = result.step.resource.noun
        result.fail('The service acknowledged the change (%s) to the %s %s, but reading it back shows that %s. '
                    'Find out who else manages this %s before running the task again, or the two will keep '
                    'overwriting each other.' % (result.outcome, noun, result.step.key, text, noun))
        return True
    if not last_attempt:
        return False
    result.after = found
    result.fail('The service acknowledged the change (%s) to the %s %s but reading it back %d times shows that %s: '
                'it was not applied. Rerun the task.' % (result.outcome, result.step.resource.noun, result.step.key, attempts, text))
    return True
