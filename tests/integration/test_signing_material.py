# Copyright: (c) 2026, alicloud.live contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A server error that echoes the signed request leaves no signature or nonce in any output.

The emulator's error fault with echo_query appends the query string it received, URL-encoded
once more, to the error message, as some gateways do. The play runs every module into it at
normal verbosity: the echo still reaches ``msg`` (the operator sees what was sent), but every
Signature, SignatureNonce and SecurityToken value in it is masked, and none of the values the
emulator logged appears anywhere in the output.
"""

from urllib.parse import parse_qsl, quote, unquote

from conftest import CONFIG, CONFIGS, DESCRIBE, DOMAIN, INFO, task

MARKER = 'Backend failed for Request: '


def echoed_params(msg):
    """The query string the emulator echoed into ``msg``, decoded back into its parameters."""
    assert MARKER in msg, msg
    echoed = msg[msg.index(MARKER) + len(MARKER):].split(' ', 1)[0].rstrip(']')
    return dict(parse_qsl(unquote(echoed), keep_blank_values=True))


def test_no_signature_or_nonce_in_any_message_at_normal_verbosity(playbook, emulator):
    emulator.fault(DESCRIBE, 'error', status=500, code='InternalError', message='Backend failed for', echo_query=True)
    fast = dict(retries=1, retry_delay=0.05)
    tasks = [
        task(CONFIG, emulator, domain_name=DOMAIN, app_name='echo', vod_transcode_group_id='group-e', **fast),
        task(CONFIGS, emulator, domain_name=DOMAIN, state='merged', config=[dict(app_name='echo', vod_transcode_group_id='g')],
             **fast),
        task(INFO, emulator, domain_name=DOMAIN, **fast),
    ]

    run = playbook(tasks)

    logged = emulator.requests(DESCRIBE)
    assert len(logged) == 6 and all(entry['fault'] for entry in logged)
    nonces = [entry['params']['SignatureNonce'] for entry in logged]
    assert len(set(nonces)) == 6 and all(nonces)
    output = run.stdout + run.stderr
    for index in range(3):
        result = run['result_%d' % index]
        assert result['failed'] is True and result['error']['code'] == 'InternalError', result
        params = echoed_params(result['msg'])
        # The echo is there, with what identifies the request; its signing material is masked.
        assert params['Action'] == DESCRIBE and params['DomainName'] == DOMAIN and params['SignatureMethod'] == 'HMAC-SHA1'
        assert params['Signature'] == '********' and params['SignatureNonce'] == '********', result['msg']
    for nonce in nonces:
        for form in (nonce, quote(nonce, safe=''), quote(quote(nonce, safe=''), safe='')):
            assert form not in output
    # The callback printed the masked echo: what was checked above is what the user saw.
    assert output.count('Signature%3D********') >= 3
