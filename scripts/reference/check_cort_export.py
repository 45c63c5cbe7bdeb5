#!/usr/bin/env python3
"""An independent reader of Hint Studio's CoRT export, written from the format's definition
(schemas/cort-export.schema.json and DESIGN.md section 2), not from the studio's code.

    python3 scripts/reference/check_cort_export.py EXPORT_DIR

checks cort.jsonl and manifest.json in EXPORT_DIR and prints one JSON object: what it found
per record (sample id, masked spans, content fingerprint). Exits 1 with the problems listed
when the export breaks its definition:
- output_spans are exactly CoRT's re.finditer(r'```output([\\s\\S]*?)```\\n', response), in
  code points, and equal the output segments (the loss mask covers exactly the outputs);
  for a record of another trace_profile they are its output segments, less the prefix its
  model wrote itself (ToRL trains the ```output it generated: its rollout's mask starts
  len('```output') after the response);
- segments tile the response; every hint's text is at its offset;
- review.content_sha256 is sha256 of json.dumps([problem, prompt, response, gt_answer],
  ensure_ascii=False, separators=(',', ':')); an 'approved' record names who and when;
- a record whose response changed carries no gen_cumulative_logprob / gen_cumulative_seq_len;
- the manifest's sha256 and byte count of every file are right, and every held-back entry
  names the sample by id and problem excerpt.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

CORT_OUTPUT = re.compile(r'```output([\s\S]*?)```\n')  # CoRT's RL loss mask
# verl/workers/rollout/vllm_rollout/vllm_rollout_spmd.py (ToRL): mask = [len(response) + len('```output'), ...]
TRAINED_PREFIX = {'torl': '```output'}
# What each harness appends (the text of a masked span starts and ends so), from its code:
# ToRL OBS "\n" + obs + "\n```\n" after its ```output; SimpleTIR "\nCode execution result: ";
# ReTool (slime's SFT form, or its eval's) "<interpreter>"; rStar2's tool turn.
SPAN_MARKERS = {
    'torl': (('\n',), ('\n```\n',)),
    'simpletir': (('\nCode execution result: ',), ('\n',)),
    'retool': (('\n\n<interpreter>\n', '\n<interpreter>\n', '<interpreter>\n'), ('</interpreter>\n\n',)),
    'rstar2': (('<|im_start|>user\n<tool_response>',), ('<|im_start|>assistant\n<reason>', '<|im_end|>\n', '<|im_start|>assistant\n')),
    'chat': (('<tool_response>',), ('</tool_response>\n', '</tool_response>')),
}
PROFILES = {'cort', 'retool', 'rstar2', 'torl', 'simpletir', 'chat'}


def fingerprint(problem, prompt, response, gt):
    text = json.dumps([problem, prompt, response, gt], ensure_ascii=False, separators=(',', ':'))
    return 'sha256:' + hashlib.sha256(text.encode('utf-8')).hexdigest()


def check_record(rec, problems):
    sid = rec.get('sample_id', '?')
    bad = lambda msg: problems.append(f'{sid}: {msg}')
    response = rec['response']
    profile = rec.get('trace_profile', 'cort')
    if profile not in PROFILES:
        bad(f'unknown trace_profile {profile!r}')
    outputs = []
    for seg in rec['segments']:
        if seg['kind'] != 'output':
            continue
        prefix = TRAINED_PREFIX.get(profile, '')
        skip = len(prefix) if prefix and response[seg['start']:seg['end']].startswith(prefix) else 0
        if seg['end'] > seg['start'] + skip:
            outputs.append([seg['start'] + skip, seg['end']])
    if profile == 'cort':
        spans = [[m.start(), m.end()] for m in CORT_OUTPUT.finditer(response)]
        if [[s['start'], s['end']] for s in rec['output_spans']] != spans:
            bad(f'output_spans {rec["output_spans"]} are not the regex matches {spans}')
    else:
        spans = [[s['start'], s['end']] for s in rec['output_spans']]
        starts, ends = SPAN_MARKERS.get(profile, ((), ()))
        for start, end in spans:
            text = response[start:end]
            if not text.startswith(starts) or not text.endswith(ends):
                bad(f'masked span {start}-{end} is not a {profile} output block: {text[:40]!r}...{text[-40:]!r}')
    at = 0
    for seg in rec['segments']:
        if seg['start'] != at:
            bad(f'segment starts at {seg["start"]}, expected {at}')
        at = seg['end']
    if at != len(response):
        bad(f'segments end at {at}, response has {len(response)} code points')
    if outputs != spans:
        bad(f'loss mask {spans} differs from the output segments {outputs}')
    for hint in rec['hints']:
        if response[hint['offset']:hint['offset'] + len(hint['text'])] != hint['text']:
            bad(f'hint {hint["type"]} is not at offset {hint["offset"]}')
    gt = rec.get('gt_answer')
    if isinstance(gt, (int, float)) and not isinstance(gt, bool):
        gt = str(gt)
    review = rec['review']
    expected = fingerprint(rec['problem'], rec['prompt'], response, gt)
    if review['content_sha256'] != expected:
        bad(f'content_sha256 {review["content_sha256"]} != {expected}')
    if review['approval'] == 'approved' and not (review['approved_by'] and review['approved_at']):
        bad('approved without approved_by / approved_at')
    if rec['origin']['response_changed'] and any(k in rec for k in ('gen_cumulative_logprob', 'gen_cumulative_seq_len')):
        bad('the response changed but the original generation statistics are still there')
    return {'sample_id': sid, 'masked': spans, 'content_sha256': expected, 'approval': review['approval']}


def main(directory):
    root = Path(directory)
    problems = []
    manifest = json.loads((root / 'manifest.json').read_text('utf-8'))
    for entry in manifest['files']:
        data = (root / entry['name']).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry['sha256'] or len(data) != entry['bytes']:
            problems.append(f'manifest: {entry["name"]} does not match its sha256/bytes')
    for held in manifest['heldBack']:
        if not held.get('sampleId') or not held.get('problem') or not held.get('reasons'):
            problems.append(f'manifest: held-back entry {held} lacks id, problem excerpt or reasons')
    records = []
    lines = (root / 'cort.jsonl').read_text('utf-8').splitlines()
    for line in lines:
        records.append(check_record(json.loads(line), problems))
    if manifest['counts']['exported'] != len(records):
        problems.append(f'manifest counts {manifest["counts"]["exported"]} exported, the file has {len(records)}')
    print(json.dumps({'records': records, 'heldBack': [h['sampleId'] for h in manifest['heldBack']], 'problems': problems}, ensure_ascii=False))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
