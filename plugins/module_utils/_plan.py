# -*- coding: utf-8 -*-
# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The write plan for Live-to-VOD configs, and the one executor that carries plans out.

Planning is pure code (no HTTP); execution talks to the API through a LiveClient.

Planning::

    plan(wanted, stored, mode, allow_recreate=False, allow_delete_all=False) -> Plan

  ``wanted``: list of dicts in module shape, one per config the task names. ``domain_name``
  and ``app_name`` are required; ``stream_name`` None or '' is the application-level config.
  Any other field that is None was not given by the user. ``stored``: list of module-shaped
  configs as read (``_record_vod.from_api``), normally all those of the domain. ``mode``:
  PRESENT or ABSENT (the single module), MERGED, REPLACED, OVERRIDDEN, DELETED or GATHERED
  (the resource module). Raises PlanError, before anything is read or written, for duplicate
  identities or for an empty ``wanted`` in OVERRIDDEN or DELETED without ``allow_delete_all``;
  ``check_request(wanted, mode, allow_delete_all)`` runs just those checks.

  Plan: ``steps`` (ordered; one per wanted config, then the deletions OVERRIDDEN adds),
  ``changes`` (the steps that write), ``blocked`` (steps that must not run), ``changed``,
  ``before`` and ``after`` (the stored and the predicted configs, sorted by key).

  Step: ``key`` ('app' or 'app/stream'), ``identity`` (domain_name, app_name, stream_name),
  ``kind`` (ADD, UPDATE, DELETE, RECREATE or NOTHING), ``before`` (stored config or None),
  ``after`` (predicted config or None), ``differences`` ({field: {'before', 'after'}}, in
  field order), ``calls`` ([(api action, exact API parameters)]), ``blocked`` (why the step
  must not run, or None), ``action`` (created, updated, recreated, deleted or none).

Execution::

    execute_step(client, step, read_back=True) -> StepResult
    execute(client, steps, read_back=True) -> [StepResult]
    predict_step(step) -> StepResult

  ``execute_step`` is self-contained: it touches nothing but ``client`` and its own result,
  so independent steps may run on worker threads, each with the shared client. It handles
  ConfigAlreadyExists (re-read and re-plan), not-found on Update or Delete, the restore after
  a failed recreate, bounded rounds of those races, and the read-back by identity filter.
  A caller that re-reads the whole domain once instead runs ``execute_step(..., read_back=False)``
  and then ``verify(result, found, last_attempt=True, attempts=1)`` for each result that
  ``changed`` (``found``: the config read back, module shape, or None); it returns True when
  settled, False when the caller should read again (the service may lag).
  ``read_config(client, identity)`` reads one config by identity filter.
  ``plan_one(wanted, stored, mode, allow_recreate)`` plans a single config (``wanted`` None:
  delete ``stored``).

  StepResult: ``step`` (as finally executed), ``planned``, ``outcome`` (created, updated,
  recreated, deleted, unchanged or failed), ``failed``, ``changed`` (a write took effect, even
  when the step then failed), ``after``, ``differences``, ``message`` (why it failed),
  ``error`` ({action, code, message, http_status, request_id, attempts} of the API error,
  or None), ``calls`` ([{action, params, result}] of every write sent: 'ok' or the error
  code), ``restored`` (after a failed recreate: whether the previous config was added back),
  and ``summary()`` (the resource module's per-config entry). ``predict_step`` gives the
  StepResult a step would have if the service answered as planned, without any call (check mode).

This module is private to the collection; it makes no promise of a stable API.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.alicloud.live.plugins.module_utils._client import LiveApiError
from ansible_collections.alicloud.live.plugins.module_utils import _record_vod as record_vod
from ansible_collections.alicloud.live.plugins.module_utils._record_vod import ADD, DELETE, FIELDS, UPDATE

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

CONFIG_ALREADY_EXISTS = 'ConfigAlreadyExists'


class PlanError(ValueError):
    """The request cannot be planned; raised before any write."""


class Step:
    """One config's change: what it is, what differs and exactly what will be sent."""

    def __init__(self, kind, wanted, before, after, differences, calls, mode, allow_recreate, blocked=None):
        self.kind = kind
        self.wanted = wanted
        self.before = before
        self.after = after
        self.differences = differences
        self.calls = calls
        self.mode = mode
        self.allow_recreate = allow_recreate
        self.blocked = blocked
        source = wanted if wanted is not None else before
        self.identity = dict(zip(record_vod.IDENTITY, record_vod.identity(source)))
        self.key = record_vod.key(self.identity)

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

    def __init__(self, mode, steps, stored):
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
        return _sorted(self._stored)

    @property
    def after(self):
        configs = dict((record_vod.identity(config), config) for config in self._stored)
        for step in self.changes:
            ident = record_vod.identity(step.identity)
            if step.after is None:
                configs.pop(ident, None)
            else:
                configs[ident] = step.after
        return _sorted(configs.values())


def _sorted(configs):
    return sorted(configs, key=lambda config: (config.get('app_name') or '', config.get('stream_name') or ''))


def check_request(wanted, mode, allow_delete_all=False):
    """The checks plan() makes before looking at stored configs; raises PlanError."""
    if mode not in MODES:
        raise PlanError('mode must be one of %s, got %r' % (', '.join(MODES), mode))
    seen = {}
    duplicates = []
    for index, item in enumerate(wanted):
        for name in ('domain_name', 'app_name'):
            if not item.get(name):
                raise PlanError('item %d: %s is required' % (index, name))
        ident = record_vod.identity(item)
        if ident in seen:
            duplicates.append('%s (items %d and %d)' % (record_vod.key(item), seen[ident], index))
        else:
            seen[ident] = index
    if duplicates:
        raise PlanError('these configs are listed more than once: %s; list each app_name/stream_name pair once'
                        % ', '.join(duplicates))
    if not wanted and mode in (OVERRIDDEN, DELETED) and not allow_delete_all:
        raise PlanError('state=%s with an empty config list would delete every config of the domain; set '
                        'allow_delete_all=true if that is what you want' % mode)


def plan(wanted, stored, mode, allow_recreate=False, allow_delete_all=False):
    """The Plan that brings ``stored`` to ``wanted`` under ``mode`` (see the module docstring)."""
    check_request(wanted, mode, allow_delete_all)
    if mode == GATHERED:
        return Plan(mode, [], list(stored))
    by_identity = dict((record_vod.identity(config), config) for config in stored)
    steps = []
    for item in wanted:
        item = record_vod.normalize(item)
        steps.append(plan_one(item, by_identity.get(record_vod.identity(item)), mode, allow_recreate))
    if mode == OVERRIDDEN or (mode == DELETED and not wanted):
        listed = set(record_vod.identity(item) for item in wanted)
        for config in _sorted(stored):
            if record_vod.identity(config) not in listed:
                steps.append(plan_one(None, config, DELETED, allow_recreate))
    return Plan(mode, steps, list(stored))


def plan_one(wanted, stored, mode, allow_recreate=False):
    """The Step for one config: ``wanted`` (normalised module shape, or None to delete ``stored``) and ``stored`` (or None)."""
    if wanted is None or mode in _REMOVING:
        if stored is None:
            return Step(NOTHING, wanted, None, None, {}, [], mode, allow_recreate)
        return Step(DELETE_STEP, wanted, stored, None, {}, [(DELETE, _identity_params(wanted or stored))], mode, allow_recreate)
    target = _target(wanted, stored, mode)
    if stored is None:
        differences = dict((name, dict(before=None, after=target[name])) for name in record_vod.FIELD_NAMES
                           if target[name] not in (None, ''))
        step = Step(ADD_STEP, wanted, None, target, _ordered(differences), [(ADD, add_params(target))], mode, allow_recreate)
        step.blocked = _missing_to_add(target)
        return step
    differences = dict((name, dict(before=stored[name], after=target[name])) for name in record_vod.SETTINGS
                       if stored[name] != target[name])
    differences = _ordered(differences)
    if not differences:
        return Step(NOTHING, wanted, stored, stored, {}, [], mode, allow_recreate)
    fixed = [name for name in differences if not record_vod.FIELDS_BY_NAME[name].updatable]
    if fixed:
        target['create_time'] = None
        step = Step(RECREATE_STEP, wanted, stored, target, differences,
                    [(DELETE, _identity_params(wanted)), (ADD, add_params(target))], mode, allow_recreate)
        step.blocked = _missing_to_add(target)
        if not allow_recreate and not step.blocked:
            step.blocked = (
                'The stored config differs in %s, which UpdateLiveRecordVodConfig cannot change. Set allow_recreate=true '
                'to delete the config and add it again with the wanted values, or leave %s unset to keep the stored value.'
                % (', '.join('%s (stored %r, wanted %r)' % (name, stored[name], target[name]) for name in fixed),
                   ' and '.join(fixed)))
        return step
    step = Step(UPDATE_STEP, wanted, stored, target, differences, [(UPDATE, update_params(target, stored))], mode, allow_recreate)
    step.blocked = _missing_to_update(target)
    return step


def _ordered(differences):
    """``differences`` in field-table order (dicts keep insertion order)."""
    return dict((name, differences[name]) for name in record_vod.FIELD_NAMES if name in differences)


def _target(wanted, stored, mode):
    """The config ``stored`` becomes: given values win; the rest is kept, or reset/defaulted per ``mode``."""
    if stored is None:
        # Creation: the API's defaults for what the user left out.
        target = dict((field.name, field.empty) for field in FIELDS)
        target['create_time'] = None
    else:
        target = dict(stored)
        if mode in _RESETTING:
            for field in FIELDS:
                if field.updatable and not field.identity and field.default is not None:
                    target[field.name] = field.default
    for name in record_vod.FIELD_NAMES:
        if wanted.get(name) is not None:
            target[name] = wanted[name]
    if stored is not None:
        # The stored spelling of the identity is the one the service answers with.
        for name in record_vod.IDENTITY:
            target[name] = stored[name]
    target['stream_name'] = target['stream_name'] or ''
    return target


def _missing_to_add(target):
    missing = [field.name for field in FIELDS if field.required_to_add and target[field.name] in (None, '')]
    if missing:
        return '%s must be set to create the config %s' % (' and '.join(missing), record_vod.key(target))
    return _missing_to_update(target)


def _missing_to_update(target):
    if target['auto_compose'] is True and not target['compose_vod_transcode_group_id']:
        return 'auto_compose is true but compose_vod_transcode_group_id is not set for the config %s' % record_vod.key(target)
    return None


def _identity_params(config):
    return record_vod.identity_params(config)


def add_params(config):
    """Parameters for AddLiveRecordVodConfig: every field that has a value."""
    params = record_vod.to_api(config)
    for field in FIELDS:
        if params.get(field.api_name) == '':
            params.pop(field.api_name)
    params.update(record_vod.identity_params(config))
    return params


def update_params(config, stored):
    """Parameters for UpdateLiveRecordVodConfig that make ``stored`` equal ``config``.

    Every updatable field is sent, kept values included, so the result does not depend on
    whether the service resets or keeps a field that an Update leaves out.
    """
    params = record_vod.to_api(config, record_vod.UPDATABLE)
    params.update(record_vod.identity_params(config))
    for field in FIELDS:
        if params.get(field.api_name) == '' and not stored.get(field.name):
            # Empty and already empty: nothing to clear.
            params.pop(field.api_name)
    return params


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
        entry = dict(key=self.step.key, app_name=self.step.identity['app_name'], stream_name=self.step.identity['stream_name'],
                     action=UPDATED if self.outcome == RECREATED else self.outcome, differences=self.differences)
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


def read_config(client, identity):
    """The stored config with exactly ``identity`` (module shape), or None; reads by identity filter."""
    return record_vod.find(client.describe_all(record_vod.identity_params(identity)), identity)


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
    return 'Failed to %s the config %s' % ({ADD_STEP: 'create', UPDATE_STEP: 'update', DELETE_STEP: 'delete',
                                            RECREATE_STEP: 'recreate', NOTHING: 'reconcile'}[step.kind], step.key)


def _apply(client, result, race_rounds):
    last_race = None
    for _round in range(race_rounds):
        step = result.step
        try:
            _send(client, result, step)
        except _Race as race:
            last_race = race.error
            # Another writer got between our read and our write: read again and plan again.
            stored = read_config(client, step.identity)
            replanned = plan_one(result.planned.wanted, stored, result.planned.mode, result.planned.allow_recreate)
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
    result.fail('Gave up on the config %s after %d rounds: the service kept answering as if another writer were creating '
                'and deleting it at the same time (last answer: %s)' % (result.step.key, race_rounds, last_race.describe()),
                last_race)


def _send(client, result, step):
    """Send the step's calls in order; raise _Race when the service's state is not what the plan assumed."""
    for action, params in step.calls:
        try:
            client.call(action, params)
        except LiveApiError as error:
            result.calls.append(dict(action=action, params=params, result=error.code))
            if action == ADD and error.code == CONFIG_ALREADY_EXISTS:
                if error.ambiguous:
                    result.changed = True
                    result._own_add_may_have_landed = True
                raise _Race(error)
            if action == UPDATE and error.is_not_found:
                raise _Race(error)
            if action == DELETE and error.is_not_found:
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
    deleted = step.kind == RECREATE_STEP and any(call['action'] == DELETE and call['result'] == 'ok' for call in result.calls)
    if not deleted:
        result.fail('%s: %s' % (_failed_to(step), error.describe()), error)
        return
    # The delete of a recreate took effect and the add failed: put the previous config back.
    previous = step.before
    try:
        client.call(ADD, add_params(previous))
        result.calls.append(dict(action=ADD, params=add_params(previous), result='ok'))
        result.restored = True
    except LiveApiError as restore_error:
        result.calls.append(dict(action=ADD, params=add_params(previous), result=restore_error.code))
        result.restored = False
    result.changed = True
    result.after = previous if result.restored else None
    if result.restored:
        tail = 'the previous config was restored (with a new create_time)'
    else:
        tail = 'the previous config could NOT be restored and is now absent: rerun the task to add it with the wanted values'
    result.fail('Failed to add the config %s again after deleting it to change %s; %s: %s'
                % (step.key, ', '.join(name for name in step.differences if not record_vod.FIELDS_BY_NAME[name].updatable),
                   tail, error.describe()), error)


# ---- read-back ------------------------------------------------------------------------------


def _read_back(client, result, attempts):
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(1.0, client.settings.retry_policy.delay))
        try:
            found = read_config(client, result.step.identity)
        except LiveApiError as error:
            result.fail('The change (%s) to the config %s was made, but reading it back failed: %s'
                        % (result.outcome, result.step.key, error.describe()), error)
            return
        if verify(result, found, last_attempt=attempt == attempts - 1, attempts=attempts):
            return


def _written(result):
    """Field names this step wrote: those in its differences and those it sent."""
    sent = set()
    for call in result.calls:
        if call['result'] == 'ok' and call['action'] in (ADD, UPDATE):
            sent.update(call['params'])
    return [field.name for field in FIELDS if not field.identity
            and (field.name in result.step.differences or field.api_name in sent)]


def read_back_problem(result, found):
    """None when ``found`` (the config read back, module shape, or None) shows ``result``'s write.

    Otherwise (kind, text): kind 'not_applied' when the config still looks as before (the
    service may lag: read again), 'other_writer' when it shows a value that neither the stored
    config nor this task wrote.
    """
    step = result.step
    if step.kind == DELETE_STEP:
        return None if found is None else ('not_applied', 'the config is still there')
    if found is None:
        return ('not_applied', 'the config is not there')
    stale, foreign = [], []
    for name in _written(result):
        value, wrote = found[name], step.after[name]
        if value == wrote:
            continue
        if step.before is not None and value == step.before[name]:
            stale.append(name)
        else:
            foreign.append('%s %r (this task wrote %r%s)' % (
                name, value, wrote, ', the config had %r' % step.before[name] if step.before is not None else ''))
    if foreign:
        return ('other_writer', 'it shows %s: another writer changed the config meanwhile' % '; '.join(foreign))
    if stale:
        return ('not_applied', 'the stored config still differs in %s' % ', '.join(stale))
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
        result.fail('The service acknowledged the change (%s) to the config %s, but reading it back shows that %s. '
                    'Find out who else manages this config before running the task again, or the two will keep '
                    'overwriting each other.' % (result.outcome, result.step.key, text))
        return True
    if not last_attempt:
        return False
    result.after = found
    result.fail('The service acknowledged the change (%s) to the config %s but reading it back %d times shows that %s: '
                'it was not applied. Rerun the task.' % (result.outcome, result.step.key, attempts, text))
    return True
